package plan

import (
	"bytes"
	"strings"
	"testing"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/testkit"
	"safecampus/internal/xlsx"
)

// TestGenerateCustomPlans checks, day by day, what daily, weekly, every-N
// and grid plans owe, that nothing is generated twice, that past rows turn
// missed and that switching a plan off withdraws what it still owed.
func TestGenerateCustomPlans(t *testing.T) {
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			f.addUnit("保卫处", org.UnitOffice, "")
			f.addPerson("刘洋", "保卫处")
			room, pump := f.addPlace("消防控制室"), f.addPlace("消防泵房")
			dorm1, dorm2 := f.addPlace("1号公寓"), f.addPlace("2号公寓")
			grid, err := f.org.SaveGrid(f.ctx, f.sys, f.school, org.Grid{Name: "生活区网格"})
			f.must(err)
			f.must(f.org.SetGridPlaces(f.ctx, f.sys, f.school, grid.ID, []int64{dorm1, dorm2}))
			save := func(p Plan) Plan {
				p, err := f.plans.SavePlan(f.ctx, f.sys, f.school, p)
				f.must(err)
				return p
			}
			f.now = cst(2026, 3, 2, 9) // a Monday
			daily := save(Plan{Name: "每日巡查", Kind: "grid_patrol", Recurrence: Daily, StartDate: "2026-03-01", AssigneePersonID: f.person["刘洋"], PlaceIDs: []int64{room, pump}})
			weekly := save(Plan{Name: "宿舍楼每周安全检查", Kind: "special", Recurrence: Weekly, StartDate: "2026-03-02", AssigneeUnitID: f.unit["保卫处"], GridID: grid.ID})
			every3 := save(Plan{Name: "每3天", Kind: "special", Recurrence: EveryN, EveryN: 3, StartDate: "2026-02-27", AssigneePersonID: f.person["刘洋"]})
			later := save(Plan{Name: "下月开始", Kind: "special", Recurrence: Monthly, StartDate: "2026-04-01", AssigneePersonID: f.person["刘洋"]})
			// Rhythm: 1 unit (January… no: March) row; no leaders. Daily:
			// 3-02 and 3-01 (previous, plan started then) × 2 places; weekly:
			// W10 × 2 dorms (W09 ends before its start); every 3 days: the
			// window 03-02..03-04 and the previous one 02-27..03-01.
			r := f.generate()
			if r.Created != 1+4+2+2 || r.Missed != 3 {
				t.Fatalf("first run = %+v, want 9 created, 3 missed (yesterday's two dailies and the previous 3-day window)", r)
			}
			if r := f.generate(); r.Created != 0 || r.Missed != 0 {
				t.Fatalf("second run = %+v, want nothing", r)
			}
			if n := f.count(`SELECT COUNT(*) FROM due_inspections WHERE plan_id = $1`, later.ID); n != 0 {
				t.Errorf("a plan starting next month owes %d rows now", n)
			}
			if n := f.count(`SELECT COUNT(*) FROM due_inspections WHERE plan_id = $1 AND period = '2026-02-27/P3D' AND status = 'missed'`, every3.ID); n != 1 {
				t.Errorf("previous 3-day window rows missed = %d", n)
			}
			// The next day: two new dailies; yesterday's (today's at the
			// time) are missed; the week and the 3-day window go on.
			f.now = cst(2026, 3, 3, 9)
			if r := f.generate(); r.Created != 2 || r.Missed != 2 {
				t.Fatalf("next day = %+v", r)
			}
			// An inspection at the pump room links that place's row.
			f.addAccount("刘洋", auth.Grant{Role: auth.RoleGridMember})
			l := f.submit("刘洋", "grid_patrol", 0, 0, pump, cst(2026, 3, 3, 10))
			if want := f.dueID(daily.ID, "2026-03-03", f.person["刘洋"], 0, pump); l.DueID != want || l.Status != StatusDone {
				t.Errorf("pump room patrol linked %+v, want row %d done", l, want)
			}
			// A unit-owned weekly row is linked by the inspector's unit.
			l = f.submit("刘洋", "special", 0, 0, dorm2, cst(2026, 3, 4, 10))
			if want := f.dueID(weekly.ID, "2026-W10", 0, f.unit["保卫处"], dorm2); l.DueID != want || l.Status != StatusDone {
				t.Errorf("dorm patrol linked %+v, want weekly row %d", l, want)
			}
			// Switching the daily plan off withdraws today's open row at the
			// room (the pump room's is done) and keeps the missed history.
			f.must(f.plans.SetPlanActive(f.ctx, f.sys, f.school, daily.ID, false))
			if n := f.count(`SELECT COUNT(*) FROM due_inspections WHERE plan_id = $1 AND status = 'open'`, daily.ID); n != 0 {
				t.Errorf("%d open rows left for a switched-off plan", n)
			}
			if n := f.count(`SELECT COUNT(*) FROM due_inspections WHERE plan_id = $1 AND status = 'missed'`, daily.ID); n != 4 {
				t.Errorf("missed history of the plan = %d rows, want 4", n)
			}
			f.now = cst(2026, 3, 4, 9)
			if n := f.count(`SELECT COUNT(*) FROM due_inspections WHERE plan_id = $1 AND period = '2026-03-04'`, daily.ID); n != 0 {
				t.Errorf("switched-off plan generated rows")
			}
			f.generate()
			if n := f.count(`SELECT COUNT(*) FROM due_inspections WHERE plan_id = $1 AND period = '2026-03-04'`, daily.ID); n != 0 {
				t.Errorf("switched-off plan generated %d rows", n)
			}
		})
	}
}

// TestLinkDueCases covers the links an inspection can make.
func TestLinkDueCases(t *testing.T) {
	f, actors := rhythmSchool(t, "sqlite")
	f.generate() // 2026-01-05
	a := f.unit["保卫处"]
	rowA := f.dueID(f.ruleID(RuleUnit), "2026-01", 0, a, 0)
	// Offline: made on January 31, reached the server after February's
	// run marked the row missed: it was on time, so done.
	f.now = cst(2026, 2, 1, 0)
	f.generate()
	if st := f.status(rowA); st != StatusMissed {
		t.Fatalf("row A = %s before the offline submission", st)
	}
	if l := f.submit("黄轶", "unit_monthly", 0, a, 0, cst(2026, 1, 31, 23)); l.DueID != rowA || l.Status != StatusDone {
		t.Fatalf("offline submission linked %+v", l)
	}
	// A second inspection for the same row leaves the first in place.
	if l := f.submit("黄轶", "unit_monthly", rowA, a, 0, cst(2026, 2, 2, 9)); l.DueID != 0 {
		t.Errorf("second inspection relinked %+v", l)
	}
	var insp int64
	f.must(f.db.Read().QueryRowContext(f.ctx, `SELECT inspection_id FROM due_inspections WHERE id = $1`, rowA).Scan(&insp))
	if insp == 0 || f.count(`SELECT COUNT(*) FROM inspections WHERE id = $1 AND submitted_at = $2`, insp, cst(2026, 1, 31, 23).UnixMilli()) != 1 {
		t.Errorf("row A keeps inspection %d, want the first one", insp)
	}
	// A due id of another school links nothing.
	otherPlan, err := f.plans.SavePlan(f.ctx, f.sys, f.other, Plan{Name: "外校", Kind: "special", Recurrence: Monthly, StartDate: "2026-01-01", AssigneeUnitID: mustUnit(t, f)})
	f.must(err)
	f.generateSchool(f.other)
	var foreign int64
	f.must(f.db.Read().QueryRowContext(f.ctx, `SELECT id FROM due_inspections WHERE plan_id = $1 LIMIT 1`, otherPlan.ID).Scan(&foreign))
	if l := f.submit("黄轶", "special", foreign, a, 0, cst(2026, 2, 2, 9)); l.DueID != 0 {
		t.Errorf("linked another school's due row: %+v", l)
	}
	// Home tasks and the start page's lookup: the owner sees their row,
	// others do not.
	dues, err := f.plans.MyDues(f.ctx, actors["陈建国"], f.school, 20)
	f.must(err)
	if len(dues) != 2 || dues[0].Period != "2026-02" || dues[1].Status != StatusMissed {
		t.Fatalf("陈建国's dues = %+v", dues)
	}
	if got := dues[0].Title(); got != "2026年2月 职能部门月度自查（应于2月28日前完成）" {
		t.Errorf("title = %q", got)
	}
	if got := dues[1].Title(); got != "2026年1月 职能部门月度自查（已逾期，应于1月31日前完成）" {
		t.Errorf("missed title = %q", got)
	}
	if d, err := f.plans.FindDue(f.ctx, actors["陈建国"], f.school, dues[0].ID); err != nil || d.ID != dues[0].ID {
		t.Errorf("owner FindDue = %+v, %v", d, err)
	}
	if _, err := f.plans.FindDue(f.ctx, actors["李护"], f.school, dues[0].ID); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("another unit's head found the row: %v", err)
	}
	if _, err := f.plans.FindDue(f.ctx, actors["黄轶"], f.other, foreign); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("found another school's row: %v", err)
	}
	if d, err := f.plans.MyDues(f.ctx, actors["员工"], f.school, 20); err != nil || len(d) != 0 {
		t.Errorf("staff owes %+v, %v", d, err)
	}
}

func mustUnit(t *testing.T, f *fixture) int64 {
	u, err := f.org.SaveUnit(f.ctx, f.sys, f.other, org.Unit{Name: "外校保卫处", Kind: org.UnitOffice})
	f.must(err)
	return u.ID
}

func (f *fixture) generateSchool(school int64) {
	f.t.Helper()
	_, err := f.plans.Generate(f.ctx, school, f.now)
	f.must(err)
}

func TestExportRhythm(t *testing.T) {
	f, actors := rhythmSchool(t, "sqlite")
	f.generate()
	f.submit("黄轶", "unit_monthly", 0, f.unit["保卫处"], 0, cst(2026, 1, 6, 9))
	var buf bytes.Buffer
	n, err := f.plans.ExportRhythm(f.ctx, actors["黄轶"], f.school, "2026-01", &buf)
	if err != nil || n != 7 {
		t.Fatalf("export = %d rows, %v; want 7 (3 units, 2 supervisors' quarter, 2 principals' half-year)", n, err)
	}
	rows, err := xlsx.ReadRows(bytes.NewReader(buf.Bytes()), "x.xlsx")
	f.must(err)
	if strings.Join(rows[0], ",") != "单位,责任人,角色,检查计划,周期,状态,完成时间" {
		t.Errorf("header = %v", rows[0])
	}
	if strings.Join(rows[1][:6], ",") != "保卫处,黄轶,职能部门,职能部门月度自查,2026年1月,按时完成" || rows[1][6] != "2026-01-06 09:00" {
		t.Errorf("first row = %v", rows[1])
	}
	if f.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'export.rhythm'`) != 1 {
		t.Error("export not audited")
	}
	if _, err := f.plans.ExportRhythm(f.ctx, actors["李护"], f.school, "2026-01", &buf); !apperr.Is(err, apperr.Forbidden) {
		t.Errorf("unit head exported: %v", err)
	}
}
