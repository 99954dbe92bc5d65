package hazard

import (
	"strings"
	"testing"
)

// TestListQueryPlan asserts that SQLite answers the office's filtered
// hazard list — school, status, level, unit, overdue, alone and combined —
// by walking an index that already yields the rows newest first, never by
// sorting the school's matches: a page then costs the same with 10 or
// 1 M hazards (docs/benchmarks.md "Hazards").
func TestListQueryPlan(t *testing.T) {
	f := newFixture(t, "sqlite")
	yes := true
	st := func(ss ...Status) []Status { return ss }
	cases := []struct {
		name, index string
		flt         Filter
	}{
		{"school", "hazards_school", Filter{}},
		{"next page", "hazards_school", Filter{After: 1000}},
		{"open statuses", "hazards_school", Filter{Status: OpenStatuses}},
		{"status", "hazards_status", Filter{Status: st(StatusRectifying)}},
		{"level", "hazards_level", Filter{Level: LevelMajor}},
		{"level and status", "hazards_level_status", Filter{Level: LevelMajor, Status: st(StatusAssigned)}},
		{"unit", "hazards_unit", Filter{UnitID: f.unit1}},
		{"unit and status", "hazards_unit_status", Filter{UnitID: f.unit1, Status: st(StatusClosed)}},
		{"overdue", "hazards_overdue", Filter{Overdue: &yes}},
		{"overdue and status", "hazards_overdue_status", Filter{Overdue: &yes, Status: st(StatusRectifying)}},
		{"area, level and status", "hazards_level_status", Filter{Area: "LAB", Level: LevelGeneral, Status: st(StatusAssigned)}},
	}
	for _, c := range cases {
		q, args, _, err := listQuery(f.ctx, f.db.Read(), f.office, f.school, c.flt)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.db.Read().QueryContext(f.ctx, "EXPLAIN QUERY PLAN "+q, args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		all := strings.Join(plan, "\n")
		if !strings.Contains(all, "SEARCH h USING INDEX "+c.index+" ") {
			t.Errorf("%s: the list does not walk %s:\n%s", c.name, c.index, all)
		}
		if strings.Contains(all, "TEMP B-TREE") {
			t.Errorf("%s: the list sorts instead of walking an index:\n%s", c.name, all)
		}
	}
}
