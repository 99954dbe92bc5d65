package plan

import (
	"testing"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/testkit"
)

func TestSavePlanValidation(t *testing.T) {
	f := newFixture(t, "sqlite")
	f.addUnit("保卫处", org.UnitOffice, "")
	f.addPerson("刘洋", "保卫处")
	room := f.addPlace("消防控制室")
	off := f.addPlace("旧仓库")
	f.must(f.org.SetPlaceActive(f.ctx, f.sys, f.school, off, false))
	grid, err := f.org.SaveGrid(f.ctx, f.sys, f.school, org.Grid{Name: "主网格"})
	f.must(err)
	otherUnit, err := f.org.SaveUnit(f.ctx, f.sys, f.other, org.Unit{Name: "外校", Kind: org.UnitOffice})
	f.must(err)
	good := Plan{Name: "消防控制室每日巡查", Kind: "grid_patrol", Recurrence: Daily, StartDate: "2026-03-01", AssigneePersonID: f.person["刘洋"], PlaceIDs: []int64{room}}
	tests := []struct {
		name  string
		edit  func(*Plan)
		field string
	}{
		{"no name", func(p *Plan) { p.Name = "  " }, "name"},
		{"unknown kind", func(p *Plan) { p.Kind = "coffee" }, "kind"},
		{"unknown recurrence", func(p *Plan) { p.Recurrence = "hourly" }, "recurrence"},
		{"every 0 days", func(p *Plan) { p.Recurrence, p.EveryN = EveryN, 0 }, "every_n"},
		{"bad start date", func(p *Plan) { p.StartDate = "2026-02-30" }, "start_date"},
		{"grid and places", func(p *Plan) { p.GridID = grid.ID }, "places"},
		{"nobody assigned", func(p *Plan) { p.AssigneePersonID = 0 }, "assignee_person_id"},
		{"unit of another school", func(p *Plan) { p.AssigneeUnitID = otherUnit.ID }, "assignee_unit_id"},
		{"inactive place", func(p *Plan) { p.PlaceIDs = []int64{off} }, "places"},
		{"unknown item set", func(p *Plan) { p.ItemSetID = 9999 }, "item_set_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := good
			p.PlaceIDs = append([]int64{}, good.PlaceIDs...)
			tt.edit(&p)
			_, err := f.plans.SavePlan(f.ctx, f.sys, f.school, p)
			e := apperr.As(err)
			if e.Kind != apperr.Invalid || len(e.Fields) == 0 || e.Fields[0].Field != tt.field {
				t.Fatalf("err = %v (%+v), want a field error on %s", err, e.Fields, tt.field)
			}
		})
	}
	if n := f.count(`SELECT COUNT(*) FROM inspection_plans`); n != 0 {
		t.Fatalf("%d plans stored by invalid saves", n)
	}
	saved, err := f.plans.SavePlan(f.ctx, f.sys, f.school, good)
	if err != nil || saved.ID == 0 || !saved.Active {
		t.Fatalf("save = %+v, %v", saved, err)
	}
	got, err := f.plans.FindPlan(f.ctx, f.sys, f.school, saved.ID)
	if err != nil || got.AssigneeName != "刘洋" || len(got.PlaceIDs) != 1 || got.PlaceIDs[0] != room || got.RecurrenceLabel() != "每日" {
		t.Fatalf("find = %+v, %v", got, err)
	}
	if _, err := f.plans.FindPlan(f.ctx, f.sys, f.other, saved.ID); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("plan read as another school: %v", err)
	}
}

func TestPlanPermissionsAndBuiltins(t *testing.T) {
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			f.addUnit("保卫处", org.UnitOffice, "")
			f.addPerson("刘洋", "保卫处")
			f.addPerson("黄轶", "保卫处")
			staff := f.addAccount("刘洋", auth.Grant{Role: auth.RoleStaff})
			office := f.addAccount("黄轶", auth.Grant{Role: auth.RoleSchoolAdmin})
			p := Plan{Name: "每周检查", Kind: "special", Recurrence: Weekly, StartDate: "2026-01-01", AssigneeUnitID: f.unit["保卫处"]}
			if _, err := f.plans.SavePlan(f.ctx, staff, f.school, p); !apperr.Is(err, apperr.Forbidden) {
				t.Fatalf("staff saved a plan: %v", err)
			}
			saved, err := f.plans.SavePlan(f.ctx, office, f.school, p)
			f.must(err)
			saved.Name = "每周安全检查"
			if _, err := f.plans.SavePlan(f.ctx, office, f.school, saved); err != nil {
				t.Fatalf("update: %v", err)
			}
			// Before the scheduler's first run the rhythm is listed, not stored.
			audits := f.count(`SELECT COUNT(*) FROM audit_log`)
			list, err := f.plans.ListPlans(f.ctx, staff, f.school)
			f.must(err)
			if len(list) != 4 || list[0].ID != 0 || list[0].Rule != RulePrincipal || list[2].Rule != RuleUnit || list[3].ID != saved.ID {
				t.Fatalf("list before the first run = %+v", list)
			}
			if f.count(`SELECT COUNT(*) FROM audit_log`) != audits || f.count(`SELECT COUNT(*) FROM inspection_plans`) != 1 {
				t.Fatal("listing plans wrote to the database")
			}
			f.must(f.plans.EnsureRhythmPlans(f.ctx, f.school))
			f.must(f.plans.EnsureRhythmPlans(f.ctx, f.school))
			list, err = f.plans.ListPlans(f.ctx, staff, f.school)
			f.must(err)
			if len(list) != 4 || list[0].Rule != RulePrincipal || list[1].Rule != RuleSupervisor || list[2].Rule != RuleUnit || list[3].Name != "每周安全检查" {
				t.Fatalf("list = %+v", list)
			}
			rhythm := list[1]
			if rhythm.RecurrenceLabel() != "每季度" || rhythm.OwnerLabel() != "每位分管领导" || !rhythm.Builtin() {
				t.Errorf("supervisor plan = %+v", rhythm)
			}
			if _, err := f.plans.SavePlan(f.ctx, office, f.school, rhythm); apperr.As(err).Code != "plan.builtin" {
				t.Errorf("edited a rhythm plan: %v", err)
			}
			if err := f.plans.SetPlanActive(f.ctx, office, f.school, rhythm.ID, false); apperr.As(err).Code != "plan.builtin" {
				t.Errorf("switched off a rhythm plan: %v", err)
			}
			if err := f.plans.SetPlanActive(f.ctx, office, f.other, saved.ID, false); !apperr.Is(err, apperr.Forbidden) && !apperr.Is(err, apperr.NotFound) {
				t.Errorf("deactivated through another school: %v", err)
			}
			if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE entity = 'inspection_plan' AND entity_id = $1`, saved.ID); n != 2 {
				t.Errorf("plan audit entries = %d, want 2 (create, update)", n)
			}
		})
	}
}
