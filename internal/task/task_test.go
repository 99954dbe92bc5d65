package task

import (
	"testing"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/testkit"
)

func TestInsertValidatesAndAudits(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			u := f.addUnit("后勤处")
			cases := []struct {
				name  string
				task  Task
				field string
			}{
				{"no title", Task{SchoolID: f.school, SourceKind: SourceManual}, "title"},
				{"bad source", Task{SchoolID: f.school, Title: "x", SourceKind: "email"}, "source_kind"},
				{"bad date", Task{SchoolID: f.school, Title: "x", SourceKind: SourceManual, DueOn: "2026-13-01"}, "due_on"},
				{"bad status", Task{SchoolID: f.school, Title: "x", SourceKind: SourceManual, Status: "later"}, "status"},
			}
			for _, c := range cases {
				_, err := f.insert(c.task)
				e := apperr.As(err)
				if e.Kind != apperr.Invalid || len(e.Fields) != 1 || e.Fields[0].Field != c.field {
					t.Errorf("%s: got %v %+v, want invalid %s", c.name, err, e.Fields, c.field)
				}
			}
			if n := f.count(`SELECT COUNT(*) FROM tasks`); n != 0 {
				t.Fatalf("bad input stored %d tasks", n)
			}
			id, err := f.insert(Task{SchoolID: f.school, Title: "  清洗食堂烟道  ", SourceKind: SourceMilestone, SourceID: 7, OwnerUnitID: u, DueOn: "2026-03-31"})
			f.must(err)
			got, err := Get(f.ctx, f.db.Read(), f.school, id)
			f.must(err)
			if got.Title != "清洗食堂烟道" || got.Status != StatusOpen || got.OwnerUnitID != u || got.DoneAt != nil || !got.CreatedAt.Equal(f.now) {
				t.Errorf("stored %+v", got)
			}
			if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE entity = 'task' AND entity_id = $1 AND action = 'task.create'`, id); n != 1 {
				t.Errorf("audit entries %d, want 1", n)
			}
			if _, err := Get(f.ctx, f.db.Read(), f.other, id); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("other school sees task: %v", err)
			}
		})
	}
}

func TestListFilters(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			a, b := f.addUnit("后勤处"), f.addUnit("保卫处")
			p := f.addPerson("张三", "保卫处", false)
			ids := map[string]int64{}
			for _, x := range []Task{
				{Title: "A", OwnerUnitID: a, DueOn: "2026-03-01"},
				{Title: "B", OwnerUnitID: b, DueOn: "2026-02-01"},
				{Title: "C", OwnerPersonID: p, DueOn: ""},
				{Title: "D", OwnerUnitID: a, DueOn: "2026-04-01", Status: StatusDone},
				{Title: "E", OwnerUnitID: b, DueOn: "2026-05-01", SourceKind: SourceMilestone, SourceID: 9},
			} {
				x.SchoolID = f.school
				if x.SourceKind == "" {
					x.SourceKind = SourceManual
				}
				id, err := f.insert(x)
				f.must(err)
				ids[x.Title] = id
			}
			_, err := f.insert(Task{SchoolID: f.other, Title: "X", SourceKind: SourceManual})
			f.must(err)
			cases := []struct {
				name string
				f    Filter
				want string
			}{
				{"whole school, due order, undated last", Filter{}, "BADEC"},
				{"unit", Filter{UnitID: a}, "AD"},
				{"person", Filter{PersonID: p}, "C"},
				{"unit or person", Filter{UnitID: b, PersonID: p}, "BEC"},
				{"open", Filter{Status: StatusOpen}, "BAEC"},
				{"due before", Filter{DueBefore: "2026-04-01"}, "BA"},
				{"source", Filter{SourceKind: SourceMilestone, SourceID: 9}, "E"},
			}
			for _, c := range cases {
				c.f.SchoolID = f.school
				got, err := List(f.ctx, f.db.Read(), c.f)
				f.must(err)
				s := ""
				for _, x := range got {
					s += x.Title
				}
				if s != c.want {
					t.Errorf("%s: got %q, want %q", c.name, s, c.want)
				}
			}
			if _, err := List(f.ctx, f.db.Read(), Filter{}); err == nil {
				t.Error("list without school accepted")
			}
		})
	}
}

func TestSetStatusPermissions(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			f.addUnit("后勤处")
			f.addUnit("保卫处")
			f.addPerson("处长", "后勤处", true)
			f.addPerson("职员", "后勤处", false)
			f.addPerson("旁人", "保卫处", false)
			f.addPerson("办公室", "保卫处", false)
			head := f.actor("处长", auth.RoleUnitHead, f.school)
			owner := f.actor("职员", auth.RoleStaff, f.school)
			stranger := f.actor("旁人", auth.RoleStaff, f.school)
			office := f.actor("办公室", auth.RoleSchoolAdmin, f.school)
			otherAdmin := f.actor("", auth.RoleSchoolAdmin, f.other)
			newTask := func(ownerPerson int64) int64 {
				id, err := f.insert(Task{SchoolID: f.school, Title: "任务", SourceKind: SourceManual, OwnerUnitID: f.unit["后勤处"], OwnerPersonID: ownerPerson})
				f.must(err)
				return id
			}
			cases := []struct {
				name   string
				actor  *auth.Actor
				person int64
				status string
				want   apperr.Kind
				ok     bool
			}{
				{"owner person done", owner, f.person["职员"], StatusDone, 0, true},
				{"unit head done", head, 0, StatusDone, 0, true},
				{"office cancels", office, 0, StatusCancelled, 0, true},
				{"stranger refused", stranger, f.person["职员"], StatusDone, apperr.Forbidden, false},
				{"other school admin not found", otherAdmin, 0, StatusDone, apperr.NotFound, false},
				{"reopen refused", office, 0, StatusOpen, apperr.Invalid, false},
			}
			for _, c := range cases {
				id := newTask(c.person)
				err := f.svc.SetStatus(f.ctx, c.actor, f.school, id, c.status)
				got, gerr := Get(f.ctx, f.db.Read(), f.school, id)
				f.must(gerr)
				if c.ok {
					if err != nil || got.Status != c.status || got.DoneAt == nil {
						t.Errorf("%s: err %v, task %+v", c.name, err, got)
					}
					if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE entity_id = $1 AND action = $2`, id, "task."+c.status); n != 1 {
						t.Errorf("%s: audit %d", c.name, n)
					}
					if err := f.svc.SetStatus(f.ctx, office, f.school, id, StatusDone); !apperr.Is(err, apperr.Conflict) {
						t.Errorf("%s: second change: %v", c.name, err)
					}
					continue
				}
				if !apperr.Is(err, c.want) || got.Status != StatusOpen {
					t.Errorf("%s: err %v (want %v), status %s", c.name, err, c.want, got.Status)
				}
			}
		})
	}
}

func TestCreateManual(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			f.addUnit("后勤处")
			f.addPerson("职员", "后勤处", false)
			office := f.actor("职员", auth.RoleSchoolAdmin, f.school)
			staff := f.actor("职员", auth.RoleStaff, f.school)
			if _, err := f.svc.Create(f.ctx, staff, Task{SchoolID: f.school, Title: "x"}); !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("staff created a task: %v", err)
			}
			if _, err := f.svc.Create(f.ctx, office, Task{SchoolID: f.school, Title: "x", OwnerUnitID: 99999}); !apperr.Is(err, apperr.Invalid) {
				t.Errorf("unknown unit accepted: %v", err)
			}
			id, err := f.svc.Create(f.ctx, office, Task{SchoolID: f.school, Title: "制定消防演练方案", OwnerUnitID: f.unit["后勤处"], DueOn: "2026-04-30"})
			f.must(err)
			got, err := Get(f.ctx, f.db.Read(), f.school, id)
			f.must(err)
			if got.SourceKind != SourceManual || got.Title != "制定消防演练方案" {
				t.Errorf("stored %+v", got)
			}
		})
	}
}
