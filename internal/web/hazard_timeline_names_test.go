package web

import (
	"testing"

	"safecampus/internal/hazard"
)

// eventName: ids become the names read for the record, 0 says nobody was
// named (the office accepts), an unknown id shows as such, other keys are
// not names.
func TestEventName(t *testing.T) {
	names := hazard.TimelineNames{Units: map[int64]string{3: "后勤管理处"}, People: map[int64]string{7: "王电工"}}
	for _, c := range []struct {
		key  string
		id   int64
		want string
		ok   bool
	}{
		{"unit_id", 3, "后勤管理处", true},
		{"responsible_person_id", 7, "王电工", true},
		{"supervisor_person_id", 7, "王电工", true},
		{"acceptor_person_id", 0, "专项整治办公室", true},
		{"supervisor_person_id", 0, "无", true},
		{"responsible_person_id", 99, "#99", true},
		{"unit_id", 7, "#7", true},
		{"funds_yuan", 7, "", false},
	} {
		got, ok := eventName(c.key, c.id, names)
		if got != c.want || ok != c.ok {
			t.Errorf("eventName(%s, %d) = %q, %v; want %q, %v", c.key, c.id, got, ok, c.want, c.ok)
		}
	}
}
