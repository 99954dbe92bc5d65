package plan

import (
	"fmt"
	"strings"
	"testing"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/testkit"
)

// rhythmSchool: three functional units A (保卫处), B (护理系), C (后勤处),
// a center that owes nothing, two principal leaders (one more whose
// account is disabled), two supervising leaders with contact points.
func rhythmSchool(t *testing.T, dialect string) (*fixture, map[string]*auth.Actor) {
	f := newFixture(t, dialect)
	f.addUnit("保卫处", org.UnitOffice, "")
	f.addUnit("护理系", org.UnitDepartment, "")
	f.addUnit("后勤处", org.UnitOffice, "")
	f.addUnit("配电班", org.UnitCenter, "后勤处")
	for _, p := range [][2]string{{"顾锋", "保卫处"}, {"姜声扬", "保卫处"}, {"离任领导", "保卫处"}, {"张佩武", "后勤处"}, {"王琴", "护理系"},
		{"黄轶", "保卫处"}, {"李护", "护理系"}, {"陈建国", "后勤处"}, {"员工", "后勤处"}} {
		f.addPerson(p[0], p[1])
	}
	f.setHead("保卫处", "黄轶")
	f.setHead("护理系", "李护")
	f.setHead("后勤处", "陈建国")
	actors := map[string]*auth.Actor{
		"顾锋":  f.addAccount("顾锋", auth.Grant{Role: auth.RolePrincipalLeader}),
		"姜声扬": f.addAccount("姜声扬", auth.Grant{Role: auth.RolePrincipalLeader}),
		"张佩武": f.addAccount("张佩武", auth.Grant{Role: auth.RoleSupervisor}),
		"王琴":  f.addAccount("王琴", auth.Grant{Role: auth.RoleSupervisor}),
		"黄轶":  f.addAccount("黄轶", auth.Grant{Role: auth.RoleSchoolAdmin}),
		"李护":  f.addAccount("李护", auth.Grant{Role: auth.RoleUnitHead, ScopeKind: auth.ScopeUnit, ScopeID: f.unit["护理系"]}),
		"陈建国": f.addAccount("陈建国", auth.Grant{Role: auth.RoleUnitHead, ScopeKind: auth.ScopeUnit, ScopeID: f.unit["后勤处"]}),
		"员工":  f.addAccount("员工", auth.Grant{Role: auth.RoleStaff}),
	}
	f.addAccount("离任领导", auth.Grant{Role: auth.RolePrincipalLeader})
	f.must(f.auth.SetDisabled(f.ctx, f.sys, f.acct["离任领导"], true))
	f.must(f.org.SetLeaderUnits(f.ctx, f.sys, f.school, f.person["张佩武"], []int64{f.unit["保卫处"], f.unit["后勤处"]}))
	f.must(f.org.SetLeaderUnits(f.ctx, f.sys, f.school, f.person["王琴"], []int64{f.unit["护理系"]}))
	return f, actors
}

// TestRhythmCompliance walks one quarter with the scheduler running at the
// start of each month, a few inspections on time, one late, others none,
// and checks the compliance table against one computed by hand.
func TestRhythmCompliance(t *testing.T) {
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			f, actors := rhythmSchool(t, dialect)
			u := f.unit
			// 2026-01-05: the rhythm starts; H1 × 2 principals, Q1 × 2
			// supervisors, January × 3 units. The disabled principal and
			// the center owe nothing.
			if r := f.generate(); r.Created != 7 || r.Missed != 0 {
				t.Fatalf("first run = %+v, want 7 created", r)
			}
			if r := f.generate(); r.Created != 0 || r.Missed != 0 {
				t.Fatalf("second run = %+v, want nothing", r)
			}
			if l := f.submit("黄轶", "unit_monthly", 0, u["保卫处"], 0, cst(2026, 1, 20, 9)); l.Status != StatusDone || l.Period != "2026-01" {
				t.Fatalf("A's January inspection linked %+v", l)
			}
			f.now = cst(2026, 2, 3, 0) // February × 3; January B and C missed
			if r := f.generate(); r.Created != 3 || r.Missed != 2 {
				t.Fatalf("February run = %+v", r)
			}
			lateID := f.dueID(f.ruleID(RuleUnit), "2026-01", 0, u["后勤处"], 0)
			if l := f.submit("陈建国", "unit_monthly", lateID, u["后勤处"], 0, cst(2026, 2, 5, 15)); l.Status != StatusLate || l.DueID != lateID {
				t.Fatalf("C's January inspection made in February linked %+v", l)
			}
			// A supervisor's leader inspection in February fulfils the quarter.
			if l := f.submit("张佩武", "leader", 0, u["保卫处"], 0, cst(2026, 2, 10, 10)); l.Status != StatusDone || l.Period != "2026-Q1" {
				t.Fatalf("supervisor's inspection linked %+v", l)
			}
			f.submit("李护", "unit_monthly", 0, u["护理系"], 0, cst(2026, 2, 15, 10))
			f.now = cst(2026, 3, 2, 0) // March × 3; February A and C missed
			if r := f.generate(); r.Created != 3 || r.Missed != 2 {
				t.Fatalf("March run = %+v", r)
			}
			f.submit("顾锋", "leader", 0, u["后勤处"], 0, cst(2026, 3, 10, 10))
			f.submit("黄轶", "unit_monthly", 0, u["保卫处"], 0, cst(2026, 3, 20, 10))
			// An unplanned special patrol links nothing.
			if l := f.submit("员工", "special", 0, u["后勤处"], 0, cst(2026, 3, 21, 10)); l.DueID != 0 {
				t.Fatalf("an unplanned inspection linked %+v", l)
			}
			f.now = cst(2026, 4, 2, 8) // April × 3, Q2 × 2; March B, C and Q1 王琴 missed
			if r := f.generate(); r.Created != 5 || r.Missed != 3 {
				t.Fatalf("April run = %+v", r)
			}

			c, err := f.plans.RhythmCompliance(f.ctx, actors["黄轶"], f.school, "2026-Q1")
			if err != nil {
				t.Fatal(err)
			}
			// By hand: by unit (A, B, C), the unit's own rows first, then
			// its people; each with the period and status.
			want := []string{
				"保卫处|保卫处|黄轶|职能部门|2026年1月|done",
				"保卫处|保卫处|黄轶|职能部门|2026年2月|missed",
				"保卫处|保卫处|黄轶|职能部门|2026年3月|done",
				"保卫处|顾锋|顾锋|主要领导|2026年上半年|done",
				"保卫处|姜声扬|姜声扬|主要领导|2026年上半年|open",
				"护理系|护理系|李护|职能部门|2026年1月|missed",
				"护理系|护理系|李护|职能部门|2026年2月|done",
				"护理系|护理系|李护|职能部门|2026年3月|missed",
				"护理系|王琴|王琴|分管领导|2026年第一季度|missed",
				"后勤处|后勤处|陈建国|职能部门|2026年1月|late",
				"后勤处|后勤处|陈建国|职能部门|2026年2月|missed",
				"后勤处|后勤处|陈建国|职能部门|2026年3月|missed",
				"后勤处|张佩武|张佩武|分管领导|2026年第一季度|done",
			}
			got := lines(c.Rows)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("compliance rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if c.Summary != (Summary{Total: 13, Done: 5, Late: 1, Missed: 6, Open: 1}) {
				t.Errorf("summary = %+v", c.Summary)
			}
			if len(c.Units) != 9 || len(c.People) != 4 {
				t.Errorf("by unit %d rows, by person %d rows; want 9 and 4", len(c.Units), len(c.People))
			}
			for _, r := range c.Rows {
				if r.Rule == RuleSupervisor && r.PersonID == f.person["张佩武"] && r.Targets != "保卫处、后勤处" {
					t.Errorf("supervisor targets = %q", r.Targets)
				}
				if (r.Status == StatusDone || r.Status == StatusLate) && (r.InspectionID == 0 || r.SubmittedAt.IsZero()) {
					t.Errorf("finished row without its inspection: %+v", r)
				}
			}

			// A unit head sees their own unit's rows only.
			head, err := f.plans.RhythmCompliance(f.ctx, actors["李护"], f.school, "2026-Q1")
			if err != nil {
				t.Fatal(err)
			}
			if got := lines(head.Rows); len(got) != 4 || !strings.HasPrefix(got[0], "护理系|") || !strings.HasPrefix(got[3], "护理系|王琴") {
				t.Errorf("unit head rows = %v", got)
			}
			// Staff may not see the table; another school's admin gets nothing of ours.
			if _, err := f.plans.RhythmCompliance(f.ctx, actors["员工"], f.school, "2026-Q1"); !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("staff: err = %v, want forbidden", err)
			}
			outsider := &auth.Actor{AccountID: 999, Grants: []auth.Grant{{Role: auth.RoleSchoolAdmin, SchoolID: f.other, ScopeKind: auth.ScopeSchool}}}
			if _, err := f.plans.RhythmCompliance(f.ctx, outsider, f.school, "2026-Q1"); !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("other school's admin: err = %v, want forbidden", err)
			}
			if _, err := f.plans.RhythmCompliance(f.ctx, actors["黄轶"], f.school, "2026-Q5"); !apperr.Is(err, apperr.Invalid) {
				t.Errorf("bad period: err = %v, want invalid", err)
			}
			// One audit entry per run that changed something (4), none per row.
			if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE school_id = $1 AND action = 'plan.generate'`, f.school); n != 4 {
				t.Errorf("plan.generate audit entries = %d, want 4", n)
			}
			if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE school_id = $1 AND action = 'plan.create'`, f.school); n != 3 {
				t.Errorf("rhythm plan.create audit entries = %d, want 3", n)
			}
		})
	}
}

func lines(rs []ComplianceRow) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = fmt.Sprintf("%s|%s|%s|%s|%s|%s", r.UnitName, r.OwnerName, r.Responsible(), r.Role, r.PeriodLabel, r.Status)
	}
	return out
}
