package compliance

import (
	"slices"
	"testing"

	"safecampus/internal/apperr"
	"safecampus/internal/testkit"
)

func TestSetParamsRefusesBadValues(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			auditCount := func() int {
				var n int
				if err := f.db.Read().QueryRowContext(f.ctx, `SELECT COUNT(*) FROM audit_log WHERE school_id = $1`, f.school).Scan(&n); err != nil {
					t.Fatal(err)
				}
				return n
			}
			stored := func() int {
				var n int
				if err := f.db.Read().QueryRowContext(f.ctx, `SELECT COUNT(*) FROM compliance_params WHERE school_id = $1`, f.school).Scan(&n); err != nil {
					t.Fatal(err)
				}
				return n
			}
			cases := []struct {
				name, rule string
				values     map[string]int64
				field, msg string
			}{
				{"share above 100 %", RuleRulesPosted, map[string]int64{"share_percent": 101}, "share_percent", "上墙率是百分比，不能超过 100%。"},
				{"negative count", RuleInspectionFrequency, map[string]int64{"unit_per_month": -1}, "unit_per_month", "职能部门每月自查次数不能为负数。"},
				{"one bad value sinks the good one", RuleInspectionFrequency, map[string]int64{"unit_per_month": 2, "supervisor_per_quarter": -3}, "supervisor_per_quarter", "分管领导每季度检查次数不能为负数。"},
				{"unknown parameter", RuleReport, map[string]int64{"lead_weeks": 1}, "lead_weeks", "规则“按时报送”没有参数“lead_weeks”。"},
				{"out of range", RuleGuardStaffing, map[string]int64{"max_age": 12}, "max_age", "保安年龄上限应在 18 至 80 岁之间。"},
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					before := auditCount()
					err := f.svc.SetParams(f.ctx, f.office, f.school, c.rule, c.values)
					e := apperr.As(err)
					if e == nil || e.Kind != apperr.Invalid {
						t.Fatalf("err = %v, want a field error", err)
					}
					var msg string
					for _, fe := range e.Fields {
						if fe.Field == c.field {
							msg = fe.Message
						}
					}
					if msg != c.msg {
						t.Errorf("message for %s = %q, want %q (%+v)", c.field, msg, c.msg, e.Fields)
					}
					if stored() != 0 || auditCount() != before {
						t.Errorf("something was stored or audited")
					}
				})
			}
			if err := f.svc.SetParams(f.ctx, f.principalA, f.school, RuleReport, map[string]int64{"lead_days": 3}); !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("principal setting parameters: %v, want forbidden", err)
			}
			if err := f.svc.SetParams(f.ctx, f.office, f.school, "no_such_rule", map[string]int64{"x": 1}); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("unknown rule: %v, want not found", err)
			}
			// A good change is stored and audited once; the same values again change nothing.
			before := auditCount()
			for i := 0; i < 2; i++ {
				if err := f.svc.SetParams(f.ctx, f.office, f.school, RuleReport, map[string]int64{"lead_days": 14}); err != nil {
					t.Fatal(err)
				}
			}
			if auditCount() != before+1 || stored() != 1 {
				t.Errorf("audit entries +%d, stored %d; want +1 and 1", auditCount()-before, stored())
			}
			p, err := f.svc.Params(f.ctx, f.db.Read(), f.school)
			if err != nil {
				t.Fatal(err)
			}
			if p[RuleReport]["lead_days"] != 14 || p[RuleInspectionFrequency]["unit_per_month"] != 1 {
				t.Errorf("params = %v", p)
			}
			other, _ := f.svc.Params(f.ctx, f.db.Read(), f.other)
			if other[RuleReport]["lead_days"] != 7 {
				t.Errorf("another school's parameter changed: %v", other[RuleReport])
			}
		})
	}
}

func TestScorecardScoping(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			f.seedRhythm()
			f.seedDeadline()
			rows := func(card Scorecard) []string {
				var out []string
				for _, r := range card.Rows {
					out = append(out, r.Scope.String())
				}
				return out
			}
			all := []string{"school", scopeOf(f.lead), scopeOf(f.u1), scopeOf(f.u2), scopeOf(f.u2a)}
			for _, c := range []struct {
				name string
				card func() (Scorecard, error)
				want []string
			}{
				{"office", func() (Scorecard, error) { return f.svc.Scorecard(f.ctx, f.office, f.school, "2026-Q1") }, all},
				{"authority viewer", func() (Scorecard, error) { return f.svc.Scorecard(f.ctx, f.authority, f.school, "2026-Q1") }, all},
				{"unit head: own unit and below", func() (Scorecard, error) { return f.svc.Scorecard(f.ctx, f.headU2, f.school, "2026-Q1") }, []string{scopeOf(f.u2), scopeOf(f.u2a)}},
			} {
				card, err := c.card()
				if err != nil {
					t.Fatalf("%s: %v", c.name, err)
				}
				if got := rows(card); !slices.Equal(got, c.want) {
					t.Errorf("%s: rows %v, want %v", c.name, got, c.want)
				}
				for _, r := range card.Rows {
					if len(r.Cells) != len(card.Rules) {
						t.Errorf("%s: row %s has %d cells for %d rules", c.name, r.Label, len(r.Cells), len(card.Rules))
					}
				}
			}
			// The unit head's 教务处 row is the same as the office's.
			mine, _ := f.svc.Scorecard(f.ctx, f.headU2, f.school, "2026-Q1")
			if c := mine.Rows[0].Cells[0]; c.Value != "2/4" || c.Status != StatusFail {
				t.Errorf("unit head's own row: %s %q", c.Status, c.Value)
			}
			for _, c := range []struct {
				name string
				err  error
				kind apperr.Kind
			}{
				{"staff: no right at all", func() error { _, err := f.svc.Scorecard(f.ctx, f.staff, f.school, "2026-Q1"); return err }(), apperr.Forbidden},
				{"another school's admin", func() error { _, err := f.svc.Scorecard(f.ctx, f.otherAdmin, f.school, "2026-Q1"); return err }(), apperr.Forbidden},
				{"unit head, whole school", func() error {
					_, err := f.svc.Evaluate(f.ctx, f.headU2, f.school, "2026-Q1", SchoolWide)
					return err
				}(), apperr.NotFound},
				{"unit head, another unit", func() error {
					_, err := f.svc.Evaluate(f.ctx, f.headU2, f.school, "2026-Q1", Scope{Kind: ScopeUnit, ID: f.u1})
					return err
				}(), apperr.NotFound},
				{"unit head, a person of another unit", func() error {
					_, err := f.svc.Evaluate(f.ctx, f.headU2, f.school, "2026-Q1", Scope{Kind: ScopePerson, ID: f.sup1})
					return err
				}(), apperr.NotFound},
				{"a unit of another school", func() error {
					_, err := f.svc.Evaluate(f.ctx, f.office, f.other, "2026-Q1", Scope{Kind: ScopeUnit, ID: f.u1})
					return err
				}(), apperr.Forbidden},
				{"bad period", func() error { _, err := f.svc.Scorecard(f.ctx, f.office, f.school, "2026-Q5"); return err }(), apperr.Invalid},
			} {
				if apperr.KindOf(c.err) != c.kind {
					t.Errorf("%s: %v, want %s", c.name, c.err, c.kind)
				}
			}
			// A campus takes its units: 后勤管理处 on the main campus.
			campus := f.insert(`INSERT INTO campuses (school_id, name) VALUES ($1, '主校区') RETURNING id`, f.school)
			f.exec(`UPDATE units SET campus_id = $1 WHERE id = $2`, campus, f.u1)
			rs, err := f.svc.Evaluate(f.ctx, f.office, f.school, "2026-Q1", Scope{Kind: ScopeCampus, ID: campus})
			if err != nil {
				t.Fatal(err)
			}
			if r := result(t, rs, RuleInspectionFrequency); r.Value != "3/4" {
				t.Errorf("campus: %q, want 后勤管理处's 3/4", r.Value)
			}
			// The unit head may read a person of their own unit.
			rs, err = f.svc.Evaluate(f.ctx, f.headU2, f.school, "2026-Q1", Scope{Kind: ScopePerson, ID: f.sup2})
			if err != nil {
				t.Fatal(err)
			}
			if r := result(t, rs, RuleInspectionFrequency); r.Value != "0/1" {
				t.Errorf("李明 seen by his unit head: %q", r.Value)
			}
			if r := result(t, rs, RuleReport); r.Status != StatusNA {
				t.Errorf("report rule for a person: %s, want na", r.Status)
			}
		})
	}
}

func scopeOf(unit int64) string { return Scope{Kind: ScopeUnit, ID: unit}.String() }

func TestParsePeriodAndScope(t *testing.T) {
	for _, c := range []struct{ key, start, end, label string }{
		{"2026", "2026-01-01", "2026-12-31", "2026年"},
		{"2026-H2", "2026-07-01", "2026-12-31", "2026年下半年"},
		{"2026-Q1", "2026-01-01", "2026-03-31", "2026年第一季度"},
		{"2026-02", "2026-02-01", "2026-02-28", "2026年2月"},
	} {
		p, err := ParsePeriod(c.key)
		if err != nil || p.Start != c.start || p.End != c.end || p.Label != c.label {
			t.Errorf("ParsePeriod(%q) = %+v, %v", c.key, p, err)
		}
	}
	for _, bad := range []string{"", "26", "2026-Q5", "2026-13", "1800", "2026-H3"} {
		if _, err := ParsePeriod(bad); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("ParsePeriod(%q): %v, want invalid", bad, err)
		}
	}
	for _, s := range []string{"school", "unit:12", "person:5", "campus:2", "area:FIRE"} {
		sc, err := ParseScope(s)
		if err != nil || sc.String() != s {
			t.Errorf("ParseScope(%q) = %+v, %v", s, sc, err)
		}
	}
	for _, bad := range []string{"unit:", "unit:x", "unit:-1", "area:XYZ", "grid:3"} {
		if _, err := ParseScope(bad); err == nil {
			t.Errorf("ParseScope(%q) accepted", bad)
		}
	}
}
