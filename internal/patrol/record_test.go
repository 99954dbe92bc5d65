package patrol

import (
	"testing"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/testkit"
)

func TestRecordIdempotent(t *testing.T) {
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			guard := f.actor["guard"]
			gate := f.place["南大门"]
			f.clock.set(beijing("2026-03-02", 10, 15))

			first, err := f.svc.Record(f.ctx, guard, f.school, Patrol{ClientID: "scan-1", PlaceID: gate, Note: " 正常 "})
			if err != nil {
				t.Fatal(err)
			}
			if first.Repeat || first.PersonID != f.person || first.AccountID != guard.AccountID || first.Day != "2026-03-02" || first.Note != "正常" {
				t.Fatalf("first = %+v", first)
			}
			// The retry comes later (a timeout) and is still the same record.
			f.clock.set(beijing("2026-03-02", 10, 17))
			again, err := f.svc.Record(f.ctx, guard, f.school, Patrol{ClientID: "scan-1", PlaceID: gate})
			if err != nil || !again.Repeat || again.ID != first.ID || !again.At.Equal(first.At) || again.PlaceName != "南大门" {
				t.Fatalf("again = %+v, %v", again, err)
			}
			var n int
			f.must(f.db.Read().QueryRowContext(f.ctx, `SELECT COUNT(*) FROM patrols WHERE school_id = $1`, f.school).Scan(&n))
			if n != 1 || f.auditCount("patrol.record") != 1 {
				t.Fatalf("%d patrols and %d audit entries after a retry, want 1 and 1", n, f.auditCount("patrol.record"))
			}
			if c, err := f.svc.CountToday(f.ctx, guard, f.school, gate); err != nil || c != 1 {
				t.Fatalf("CountToday = %d, %v", c, err)
			}

			tests := []struct {
				name  string
				actor string
				in    Patrol
				want  apperr.Kind
			}{
				{"client id reused for another place", "guard", Patrol{ClientID: "scan-1", PlaceID: f.place["行政楼"]}, apperr.Conflict},
				{"client id reused by someone else", "office", Patrol{ClientID: "scan-1", PlaceID: gate}, apperr.Conflict},
				{"no client id", "guard", Patrol{PlaceID: gate}, apperr.Invalid},
				{"odd client id", "guard", Patrol{ClientID: "a b", PlaceID: gate}, apperr.Invalid},
				{"staff may not patrol", "staff", Patrol{ClientID: "s-1", PlaceID: gate}, apperr.Forbidden},
				{"other school's place", "guard", Patrol{ClientID: "g-2", PlaceID: f.otherPlace}, apperr.NotFound},
				{"other school's admin", "otheradmin", Patrol{ClientID: "o-1", PlaceID: gate}, apperr.Forbidden},
				{"grid member outside the grid", "gridmember", Patrol{ClientID: "m-1", PlaceID: gate}, apperr.Forbidden},
				{"note too long", "guard", Patrol{ClientID: "g-3", PlaceID: gate, Note: string(make([]rune, 501))}, apperr.Invalid},
			}
			for _, tt := range tests {
				if _, err := f.svc.Record(f.ctx, f.actor[tt.actor], f.school, tt.in); !apperr.Is(err, tt.want) {
					t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
				}
			}
			// A grid-scoped member may patrol a room of a building in the grid.
			if _, err := f.svc.Record(f.ctx, f.actor["gridmember"], f.school, Patrol{ClientID: "m-2", PlaceID: f.place["实验楼1层"]}); err != nil {
				t.Errorf("grid member in own grid's building: %v", err)
			}
			list, err := f.svc.ListPatrols(f.ctx, f.actor["principal"], f.school, PatrolFilter{Day: "2026-03-02"})
			if err != nil || len(list) != 2 || list[0].PlaceName != "实验楼1层" || list[1].PersonName != "马军" {
				t.Fatalf("principal's list: %+v, %v", list, err)
			}
			own, err := f.svc.ListPatrols(f.ctx, guard, f.school, PatrolFilter{})
			if err != nil || len(own) != 1 || own[0].ID != first.ID {
				t.Fatalf("guard sees own patrols only: %+v, %v", own, err)
			}
			if _, err := f.svc.ListPatrols(f.ctx, f.actor["staff"], f.school, PatrolFilter{}); !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("staff list: %v", err)
			}
		})
	}
}

// TestDayBoundary: patrol days are the school's (Asia/Shanghai) calendar
// days, not UTC days.
func TestDayBoundary(t *testing.T) {
	f := newFixture(t, "sqlite")
	tests := []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, 3, 1, 15, 30, 0, 0, time.UTC), "2026-03-01"}, // 23:30 Beijing
		{time.Date(2026, 3, 1, 16, 0, 0, 0, time.UTC), "2026-03-02"},  // 00:00 Beijing
		{time.Date(2026, 3, 1, 23, 59, 0, 0, time.UTC), "2026-03-02"}, // 07:59 Beijing
		{time.Date(2026, 2, 28, 16, 30, 0, 0, time.UTC), "2026-03-01"},
	}
	for i, tt := range tests {
		f.clock.set(tt.at)
		p, err := f.svc.Record(f.ctx, f.actor["guard"], f.school, Patrol{ClientID: "b-" + string(rune('a'+i)), PlaceID: f.place["南大门"]})
		if err != nil || p.Day != tt.want {
			t.Errorf("at %s: day %q, %v; want %q", tt.at, p.Day, err, tt.want)
		}
	}
}
