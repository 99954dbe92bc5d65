package compliance

import (
	"slices"
	"testing"

	"safecampus/internal/testkit"
)

// deadlineCase is the hazard set of the deadline rule, ids by name.
type deadlineCase struct {
	openLate, closedOnTime, closedLate, notDue, majorByOutsider, majorByMember, longOverdue, closedLateBefore int64
}

// seedDeadline: with the clock at 2026-04-10, 2026-Q1 judges deadlines
// before 03-31. Counted by hand: overdue openLate, closedLate,
// longOverdue; the major hazard accepted by 李明 (not in the leading
// group) fails too.
func (f *fixture) seedDeadline() deadlineCase {
	return deadlineCase{
		openLate:         f.hazard(hz{unit: f.u1, area: "FIRE", level: "general", status: "rectifying", deadline: "2026-03-20"}),
		closedOnTime:     f.hazard(hz{unit: f.u1, area: "FIRE", level: "general", status: "closed", deadline: "2026-03-15", closed: at(2026, 3, 10, 9, 0)}),
		closedLate:       f.hazard(hz{unit: f.u2, area: "LOG", level: "general", status: "closed", deadline: "2026-03-25", closed: at(2026, 4, 5, 9, 0)}),
		notDue:           f.hazard(hz{unit: f.u1, area: "FIRE", level: "general", status: "assigned", deadline: "2026-04-20"}),
		majorByOutsider:  f.hazard(hz{unit: f.u2, area: "LAB", level: "major", status: "closed", deadline: "2026-03-01", closed: at(2026, 2, 20, 9, 0), acceptedBy: f.sup2}),
		majorByMember:    f.hazard(hz{unit: f.u1, area: "FIRE", level: "major", status: "closed", deadline: "2026-03-10", closed: at(2026, 3, 5, 9, 0), acceptedBy: f.sup1}),
		longOverdue:      f.hazard(hz{unit: f.u1, area: "SEC", level: "general", status: "assigned", deadline: "2025-12-01"}),
		closedLateBefore: f.hazard(hz{unit: f.u1, area: "SEC", level: "general", status: "closed", deadline: "2025-12-10", closed: at(2025, 12, 20, 9, 0)}),
	}
}

func TestRectificationDeadline(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			h := f.seedDeadline()
			f.hazard(hz{unit: f.u1, area: "FIRE", level: "general", status: "reported"})                         // no deadline yet
			f.hazard(hz{unit: f.u1, area: "FIRE", level: "general", status: "rejected", deadline: "2026-01-10"}) // rejected: not a hazard
			cases := []struct {
				name, period string
				scope        Scope
				status       Status
				value        string
				fails        []int64
			}{
				{"school", "2026-Q1", SchoolWide, StatusFail, "逾期 3 项，重大隐患验收不合规 1 项", []int64{h.longOverdue, h.openLate, h.closedLate, h.majorByOutsider}},
				{"unit 1", "2026-Q1", Scope{Kind: ScopeUnit, ID: f.u1}, StatusFail, "逾期 2 项", []int64{h.longOverdue, h.openLate}},
				{"unit 2", "2026-Q1", Scope{Kind: ScopeUnit, ID: f.u2}, StatusFail, "逾期 1 项，重大隐患验收不合规 1 项", []int64{h.closedLate, h.majorByOutsider}},
				{"area LOG", "2026-Q1", Scope{Kind: ScopeArea, Area: "LOG"}, StatusFail, "逾期 1 项", []int64{h.closedLate}},
				{"area without hazards", "2026-Q1", Scope{Kind: ScopeArea, Area: "TRA"}, StatusNoData, "暂无数据", nil},
				{"sub-unit without hazards", "2026-Q1", Scope{Kind: ScopeUnit, ID: f.u2a}, StatusNoData, "暂无数据", nil},
				// 2025-12: longOverdue (still open) and closedLateBefore
				// (closed 12-20, after its 12-10 deadline) were both late.
				{"earlier month", "2025-12", SchoolWide, StatusFail, "逾期 2 项", []int64{h.longOverdue, h.closedLateBefore}},
				// The running month judges up to today: nothing new is late
				// in April but the two still open are.
				{"running month", "2026-04", Scope{Kind: ScopeArea, Area: "FIRE"}, StatusFail, "逾期 1 项", []int64{h.openLate}},
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					rs, err := f.svc.Evaluate(f.ctx, f.office, f.school, c.period, c.scope)
					if err != nil {
						t.Fatal(err)
					}
					r := result(t, rs, RuleRectificationDeadline)
					if r.Status != c.status || r.Value != c.value {
						t.Fatalf("got %s %q (%s), want %s %q", r.Status, r.Value, r.Note, c.status, c.value)
					}
					if got := refIDs(r.Failures, "hazard"); !slices.Equal(got, c.fails) {
						t.Errorf("hazards behind the failure = %v, want %v", got, c.fails)
					}
				})
			}
			// A school that tolerates two overdue hazards passes unit 1.
			if err := f.svc.SetParams(f.ctx, f.office, f.school, RuleRectificationDeadline, map[string]int64{"max_overdue": 2}); err != nil {
				t.Fatal(err)
			}
			rs, err := f.svc.Evaluate(f.ctx, f.office, f.school, "2026-Q1", Scope{Kind: ScopeUnit, ID: f.u1})
			if err != nil {
				t.Fatal(err)
			}
			if r := result(t, rs, RuleRectificationDeadline); r.Status != StatusPass || len(r.Failures) != 2 {
				t.Errorf("with max_overdue 2: %s, %d refs; want pass with the 2 overdue hazards still listed", r.Status, len(r.Failures))
			}
		})
	}
}
