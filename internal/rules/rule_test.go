package rules

import (
	"testing"

	"safecampus/internal/apperr"
)

func TestReviseSupersedesTheVersionInForce(t *testing.T) {
	eachDialect(t, func(t *testing.T, f *fixture) {
		v1 := f.rule(Rule{Code: "zd-fire", Title: "消防安全管理制度", Area: "FIRE", EffectiveOn: "2019-12-01", PlaceTypes: []string{"student_dormitory"}})
		if v1.Code != "ZD-FIRE" || v1.Version != 1 || !v1.InForce() {
			t.Fatalf("created %+v, want code upper-cased, version 1 in force", v1)
		}

		// A second rule with the same code is a revision, not a creation.
		before := f.audits()
		if _, err := f.svc.CreateRule(f.ctx, f.admin, f.school, Rule{Code: "ZD-FIRE", Title: "重复", Area: "FIRE", EffectiveOn: "2020-01-01"}); !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("duplicate code: %v, want invalid", err)
		}
		// A new version must start after the old one.
		if _, err := f.svc.ReviseRule(f.ctx, f.admin, f.school, v1.ID, Rule{Title: "消防安全管理制度（修订）", Area: "FIRE", EffectiveOn: "2019-12-01"}); !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("revision effective the same day: %v, want invalid", err)
		}
		if n := f.count(`SELECT COUNT(*) FROM safety_rules`); n != 1 || f.audits() != before {
			t.Fatalf("refused changes stored %d rules, %d audit entries", n, f.audits()-before)
		}

		v2, err := f.svc.ReviseRule(f.ctx, f.admin, f.school, v1.ID, Rule{Title: "消防安全管理制度（2020年修订）", Area: "FIRE", EffectiveOn: "2020-06-01", PlaceTypes: []string{"student_dormitory"}})
		if err != nil {
			t.Fatal(err)
		}
		if v2.Version != 2 || v2.Code != "ZD-FIRE" || v2.SupersedesID != v1.ID || !v2.InForce() {
			t.Fatalf("revision %+v", v2)
		}
		old, err := f.svc.FindRule(f.ctx, f.staff, f.school, v1.ID)
		if err != nil {
			t.Fatal(err)
		}
		if old.Status != StatusSuperseded || old.SupersededOn != "2020-06-01" {
			t.Fatalf("old version: status %q superseded on %q", old.Status, old.SupersededOn)
		}
		// Superseded versions are history: no revision, no correction.
		if _, err := f.svc.ReviseRule(f.ctx, f.admin, f.school, v1.ID, Rule{Title: "x", Area: "FIRE", EffectiveOn: "2021-01-01"}); !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("revise superseded: %v", err)
		}
		old.Title = "改写历史"
		if _, err := f.svc.UpdateRule(f.ctx, f.admin, f.school, old); !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("update superseded: %v", err)
		}
		// Correcting v2's date moves the end of v1 with it, never before v1's start.
		v2.EffectiveOn = "2019-11-01"
		if _, err := f.svc.UpdateRule(f.ctx, f.admin, f.school, v2); !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("v2 moved before v1: %v", err)
		}
		v2.EffectiveOn = "2020-07-01"
		if _, err := f.svc.UpdateRule(f.ctx, f.admin, f.school, v2); err != nil {
			t.Fatal(err)
		}
		if old, _ = f.svc.FindRule(f.ctx, f.staff, f.school, v1.ID); old.SupersededOn != "2020-07-01" {
			t.Fatalf("v1 superseded on %q after v2 moved to 2020-07-01", old.SupersededOn)
		}

		list, err := f.svc.ListRules(f.ctx, f.staff, f.school, RuleFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || list[0].ID != v2.ID {
			t.Fatalf("register lists %+v, want only version 2", list)
		}
		all, _ := f.svc.ListRules(f.ctx, f.staff, f.school, RuleFilter{Superseded: true})
		if len(all) != 2 {
			t.Fatalf("register with history lists %d versions, want 2", len(all))
		}

		// In force on a day: v1 until v2 takes effect, then v2.
		for _, c := range []struct {
			from, to                  string
			inForce, adopted, revised int
		}{
			{"2019-11-01", "2019-11-30", 0, 0, 0},
			{"2019-12-01", "2019-12-31", 1, 1, 0},
			{"2020-07-01", "2020-09-30", 1, 0, 1},
			{"2019-01-01", "2020-12-31", 1, 1, 1},
		} {
			got, err := CountRules(f.ctx, f.db.Read(), f.school, c.from, c.to)
			if err != nil {
				t.Fatal(err)
			}
			if got != (RuleCounts{c.inForce, c.adopted, c.revised}) {
				t.Errorf("%s..%s: %+v, want in force %d adopted %d revised %d", c.from, c.to, got, c.inForce, c.adopted, c.revised)
			}
		}
	})
}

func TestRuleValidationStoresNothing(t *testing.T) {
	eachDialect(t, func(t *testing.T, f *fixture) {
		ok := Rule{Code: "ZD-1", Title: "值班制度", Area: "SEC", EffectiveOn: "2020-01-01"}
		cases := []struct {
			name  string
			edit  func(r *Rule)
			field string
		}{
			{"no code", func(r *Rule) { r.Code = " " }, "code"},
			{"no title", func(r *Rule) { r.Title = "" }, "title"},
			{"no date", func(r *Rule) { r.EffectiveOn = "" }, "effective_on"},
			{"bad date", func(r *Rule) { r.EffectiveOn = "2020-02-30" }, "effective_on"},
			{"bad area", func(r *Rule) { r.Area = "XYZ" }, "area"},
			{"bad place type", func(r *Rule) { r.PlaceTypes = []string{"moon_base"} }, "place_types"},
			{"place of another school", func(r *Rule) { r.PlaceIDs = []int64{f.otherPlace} }, "places"},
		}
		for _, c := range cases {
			r := ok
			c.edit(&r)
			before := f.audits()
			_, err := f.svc.CreateRule(f.ctx, f.admin, f.school, r)
			e := apperr.As(err)
			if e.Kind != apperr.Invalid || !hasField(e.Fields, c.field) {
				t.Errorf("%s: %v (fields %v), want invalid %s", c.name, err, e.Fields, c.field)
			}
			if n := f.count(`SELECT COUNT(*) FROM safety_rules`); n != 0 || f.audits() != before {
				t.Errorf("%s: stored %d rules", c.name, n)
			}
		}
		if _, err := f.svc.CreateRule(f.ctx, f.staff, f.school, ok); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("staff creates a rule: %v, want forbidden", err)
		}
		r := f.rule(ok)
		if _, err := f.svc.FindRule(f.ctx, f.otherAdmin, f.other, r.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("other school reads the rule: %v, want not found", err)
		}
		if _, err := f.svc.FindRule(f.ctx, f.otherAdmin, f.school, r.ID); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("other school's admin in this school: %v, want forbidden", err)
		}
	})
}

func hasField(fs []apperr.FieldError, name string) bool {
	for _, x := range fs {
		if x.Field == name {
			return true
		}
	}
	return false
}
