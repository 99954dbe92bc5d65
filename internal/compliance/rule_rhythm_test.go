package compliance

import (
	"slices"
	"testing"

	"safecampus/internal/testkit"
)

// seedRhythm: the RUL-4 rows of 2026 H1 so far and the inspections done
// against them (see each line). Counted by hand for 2026-Q1:
// owed 8 (2 supervisors + 2 units × 3 months), done 5.
func (f *fixture) seedRhythm() {
	f.due(f.planP, "2026-H1", "2026-01-01", "2026-06-30", f.principal, 0)
	f.due(f.planS, "2026-Q1", "2026-01-01", "2026-03-31", f.sup1, 0)
	f.due(f.planS, "2026-Q1", "2026-01-01", "2026-03-31", f.sup2, 0)
	for _, m := range [][3]string{{"2026-01", "2026-01-01", "2026-01-31"}, {"2026-02", "2026-02-01", "2026-02-28"}, {"2026-03", "2026-03-01", "2026-03-31"}, {"2026-04", "2026-04-01", "2026-04-30"}} {
		f.due(f.planU, m[0], m[1], m[2], 0, f.u1)
		f.due(f.planU, m[0], m[1], m[2], 0, f.u2)
	}
	f.inspect("leader", f.principal, 0, at(2026, 3, 1, 9, 0))         // principal: H1 done
	f.inspect("leader", f.head1, f.u1, at(2026, 2, 15, 9, 0), f.sup1) // 张佩武 as co-inspector: Q1 done
	f.inspect("leader", f.sup2, f.u2, at(2026, 4, 2, 9, 0))           // 李明: after Q1 ended → Q1 missed
	f.inspect("unit_monthly", f.head1, f.u1, at(2026, 1, 20, 9, 0))   // u1 Jan done
	f.inspect("unit_monthly", f.head1, f.u1, at(2026, 2, 10, 9, 0))   // u1 Feb done
	f.inspect("special", f.head1, f.u1, at(2026, 3, 5, 9, 0))         // not a self-inspection → u1 Mar missed
	f.inspect("unit_monthly", f.head1, f.u1, at(2026, 4, 5, 9, 0))    // u1 Apr done early
	f.inspect("unit_monthly", f.head2, f.u2, at(2026, 2, 1, 0, 30))   // Feb in the school's zone → u2 Jan missed, Feb done
	f.inspect("unit_monthly", f.head2, f.u2, at(2026, 3, 15, 9, 0))   // u2 Mar done
	f.inspect("unit_monthly", f.head2, f.u2a, at(2026, 1, 15, 9, 0))  // u2a owes nothing
}

func TestInspectionFrequency(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			f.seedRhythm()
			cases := []struct {
				name, period string
				scope        Scope
				status       Status
				value        string
				persons      []int64
				units        []int64
			}{
				{"school Q1", "2026-Q1", SchoolWide, StatusFail, "5/8", []int64{f.sup2}, []int64{f.u2, f.u1}},
				{"unit 1 with its leader", "2026-Q1", Scope{Kind: ScopeUnit, ID: f.u1}, StatusFail, "3/4", nil, []int64{f.u1}},
				{"unit 2 with its leader", "2026-Q1", Scope{Kind: ScopeUnit, ID: f.u2}, StatusFail, "2/4", []int64{f.sup2}, []int64{f.u2}},
				{"sub-unit owes nothing", "2026-Q1", Scope{Kind: ScopeUnit, ID: f.u2a}, StatusNoData, "暂无数据", nil, nil},
				{"co-inspector counts", "2026-Q1", Scope{Kind: ScopePerson, ID: f.sup1}, StatusPass, "1/1", nil, nil},
				{"late inspection misses", "2026-Q1", Scope{Kind: ScopePerson, ID: f.sup2}, StatusFail, "0/1", []int64{f.sup2}, nil},
				{"running month: done early counts, rest pending", "2026-04", SchoolWide, StatusPass, "1/1", nil, nil},
				{"running month, nothing done yet", "2026-04", Scope{Kind: ScopeUnit, ID: f.u2}, StatusPending, "0/0", nil, nil},
				{"half-year", "2026-H1", SchoolWide, StatusFail, "7/10", []int64{f.sup2}, []int64{f.u2, f.u1}},
				{"year", "2026", SchoolWide, StatusFail, "7/10", []int64{f.sup2}, []int64{f.u2, f.u1}},
				{"future quarter", "2026-Q3", SchoolWide, StatusPending, "—", nil, nil},
				{"before the rhythm", "2025-Q4", SchoolWide, StatusNoData, "暂无数据", nil, nil},
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					rs, err := f.svc.Evaluate(f.ctx, f.office, f.school, c.period, c.scope)
					if err != nil {
						t.Fatal(err)
					}
					r := result(t, rs, RuleInspectionFrequency)
					if r.Status != c.status || r.Value != c.value {
						t.Fatalf("got %s %q (%s), want %s %q", r.Status, r.Value, r.Note, c.status, c.value)
					}
					if got := refIDs(r.Failures, "person"); !slices.Equal(got, c.persons) {
						t.Errorf("people behind the failure = %v, want %v", got, c.persons)
					}
					if got := refIDs(r.Failures, "unit"); !slices.Equal(got, c.units) {
						t.Errorf("units behind the failure = %v, want %v (%+v)", got, c.units, r.Failures)
					}
					for _, ref := range r.Failures {
						if ref.Link == "" || ref.Label == "" {
							t.Errorf("failure without a link or label: %+v", ref)
						}
					}
				})
			}
		})
	}
}

// A school that requires two monthly self-inspections fails units that
// did one.
func TestInspectionFrequencyParam(t *testing.T) {
	f := newFixture(t, "sqlite")
	f.seedRhythm()
	if err := f.svc.SetParams(f.ctx, f.office, f.school, RuleInspectionFrequency, map[string]int64{"unit_per_month": 2}); err != nil {
		t.Fatal(err)
	}
	rs, err := f.svc.Evaluate(f.ctx, f.office, f.school, "2026-02", Scope{Kind: ScopeUnit, ID: f.u1})
	if err != nil {
		t.Fatal(err)
	}
	if r := result(t, rs, RuleInspectionFrequency); r.Status != StatusFail || r.Value != "0/1" || r.Target != "主要领导 ≥ 1 次/半年；分管领导 ≥ 1 次/季度；职能部门 ≥ 2 次/月" {
		t.Fatalf("got %s %q target %q", r.Status, r.Value, r.Target)
	}
}
