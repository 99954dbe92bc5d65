package rules

import (
	"testing"

	"safecampus/internal/apperr"
)

func TestPolicyItemFlow(t *testing.T) {
	eachDialect(t, func(t *testing.T, f *fixture) {
		old := f.rule(Rule{Code: "ZB", Title: "值班制度", Area: "SEC", EffectiveOn: "2019-01-01"})
		cur, err := f.svc.ReviseRule(f.ctx, f.admin, f.school, old.ID, Rule{Title: "值班制度（修订）", Area: "SEC", EffectiveOn: "2020-03-01"})
		if err != nil {
			t.Fatal(err)
		}
		item, err := f.svc.SavePolicyItem(f.ctx, f.admin, f.school, PolicyItem{Title: "电动自行车集中充电缺少管理规定",
			Measures: "制定电动自行车停放充电管理规定", LeadUnitID: f.unit, ResponsiblePersonID: f.member, DueOn: "2020-06-30"})
		if err != nil {
			t.Fatal(err)
		}
		if item.Status != PolicyProposed {
			t.Fatalf("new item status %q", item.Status)
		}

		steps := []struct {
			action string
			rule   int64
			ok     bool
			status string // after the step
		}{
			{"adopt", cur.ID, false, PolicyProposed}, // not drafted yet
			{"reopen", 0, false, PolicyProposed},
			{"draft", 0, true, PolicyDrafting},
			{"draft", 0, false, PolicyDrafting},
			{"adopt", 0, false, PolicyDrafting},      // which rule?
			{"adopt", old.ID, false, PolicyDrafting}, // superseded
			{"drop", 0, true, PolicyDropped},
			{"adopt", cur.ID, false, PolicyDropped},
			{"reopen", 0, true, PolicyProposed},
			{"draft", 0, true, PolicyDrafting},
			{"adopt", cur.ID, true, PolicyAdopted},
			{"drop", 0, false, PolicyAdopted}, // adopted is final
			{"bogus", 0, false, PolicyAdopted},
		}
		for i, s := range steps {
			before := f.audits()
			_, err := f.svc.TransitionPolicyItem(f.ctx, f.admin, f.school, item.ID, s.action, s.rule, "第"+itoa(i)+"步")
			if s.ok != (err == nil) || err != nil && !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("step %d %s: %v, want ok=%v", i, s.action, err, s.ok)
			}
			got, err := f.svc.FindPolicyItem(f.ctx, f.staff, f.school, item.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != s.status {
				t.Fatalf("step %d %s: status %q, want %q", i, s.action, got.Status, s.status)
			}
			if !s.ok && f.audits() != before {
				t.Fatalf("step %d: refused step appended an audit entry", i)
			}
		}
		got, _ := f.svc.FindPolicyItem(f.ctx, f.staff, f.school, item.ID)
		if got.RuleID != cur.ID || got.RuleCode != "ZB" || got.StatusOn != "2026-03-14" {
			t.Fatalf("adopted item: rule %d %q on %q", got.RuleID, got.RuleCode, got.StatusOn)
		}
		hist, err := f.svc.PolicyHistory(f.ctx, f.staff, f.school, item.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Created, then draft, drop, reopen, draft, adopt.
		if len(hist) != 6 || hist[0].To != PolicyProposed || hist[5].From != PolicyDrafting || hist[5].To != PolicyAdopted || hist[5].ActorName != "office" {
			t.Fatalf("history %+v", hist)
		}
		c, err := CountPolicyItems(f.ctx, f.db.Read(), f.school, "2026-01-01", "2026-03-31")
		if err != nil {
			t.Fatal(err)
		}
		if c.ByStatus[PolicyAdopted] != 1 || c.ByStatus[PolicyProposed] != 0 || c.AdoptedInPeriod != 1 {
			t.Fatalf("counts %+v", c)
		}
	})
}

func TestPolicyItemValidation(t *testing.T) {
	eachDialect(t, func(t *testing.T, f *fixture) {
		ok := PolicyItem{Title: "实验室废弃物处置无制度", Measures: "制定处置规程", LeadUnitID: f.unit, ResponsiblePersonID: f.member}
		for _, c := range []struct {
			name  string
			edit  func(p *PolicyItem)
			field string
		}{
			{"no title", func(p *PolicyItem) { p.Title = "  " }, "title"},
			{"no measures", func(p *PolicyItem) { p.Measures = "" }, "measures"},
			{"no lead unit", func(p *PolicyItem) { p.LeadUnitID = 0 }, "lead_unit_id"},
			{"other school's unit", func(p *PolicyItem) { p.LeadUnitID = f.otherUnit }, "lead_unit_id"},
			{"other school's person", func(p *PolicyItem) { p.ResponsiblePersonID = f.otherPerson }, "responsible_person_id"},
			{"bad due date", func(p *PolicyItem) { p.DueOn = "2020/06/30" }, "due_on"},
		} {
			p := ok
			c.edit(&p)
			_, err := f.svc.SavePolicyItem(f.ctx, f.admin, f.school, p)
			if e := apperr.As(err); e.Kind != apperr.Invalid || !hasField(e.Fields, c.field) {
				t.Errorf("%s: %v, want invalid %s", c.name, err, c.field)
			}
		}
		if n := f.count(`SELECT COUNT(*) FROM policy_items`) + f.count(`SELECT COUNT(*) FROM policy_item_events`) + f.audits(); n != 0 {
			t.Fatalf("refused items stored %d rows", n)
		}
		if _, err := f.svc.SavePolicyItem(f.ctx, f.staff, f.school, ok); !apperr.Is(err, apperr.Forbidden) {
			t.Fatalf("staff saves: %v", err)
		}
	})
}
