package org_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/sqldb"
	"safecampus/internal/testkit"
)

// impFixture is a school with a campus, plus a second school whose units
// must never be matched by name.
type impFixture struct {
	ctx    context.Context
	db     *sqldb.DB
	svc    *org.Service
	admin  *auth.Actor
	school int64
	other  int64
}

func newImpFixture(t *testing.T, dialect string) *impFixture {
	t.Helper()
	f := &impFixture{ctx: context.Background(), db: testkit.OpenDB(t, dialect)}
	f.svc = org.NewService(f.db, func() time.Time { return time.Date(2026, 11, 28, 2, 0, 0, 0, time.UTC) })
	sys := auth.System()
	for i, code := range []string{"imp-a", "imp-b"} {
		sc, err := f.svc.CreateSchool(f.ctx, sys, org.School{Code: code, Name: "学校" + code})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.SaveCampus(f.ctx, sys, sc.ID, org.Campus{Name: "主校区"}); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			f.school = sc.ID
		} else {
			f.other = sc.ID
		}
	}
	// A unit of the other school with a name the files use: it must not
	// be found.
	if _, err := f.svc.SaveUnit(f.ctx, sys, f.other, org.Unit{Name: "教务处", Kind: org.UnitOffice}); err != nil {
		t.Fatal(err)
	}
	f.admin = &auth.Actor{AccountID: 9, Grants: []auth.Grant{{Role: auth.RoleSchoolAdmin, SchoolID: f.school, ScopeKind: auth.ScopeSchool}}}
	return f
}

// table splits "a|b|c" lines into rows.
func table(lines ...string) [][]string {
	rows := make([][]string, len(lines))
	for i, l := range lines {
		if l != "" {
			rows[i] = strings.Split(l, "|")
		}
	}
	return rows
}

func (f *impFixture) count(t *testing.T, query string) int {
	t.Helper()
	var n int
	if err := f.db.Read().QueryRowContext(f.ctx, query, f.school).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func (f *impFixture) people(t *testing.T) map[string]org.Person {
	t.Helper()
	ps, err := f.svc.ListPeople(f.ctx, f.admin, f.school, org.PersonFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]org.Person{}
	for _, p := range ps {
		out[p.StaffNo] = p
	}
	return out
}

var unitFile = table(
	"单位名称|类别|上级单位|校区|编码",
	"安全保卫处|处室||主校区|BW",
	"消防中队|中心|安全保卫处||",
	"",
	"教务处|处室|||",
	"实验实训中心|center|教务处|主校区|",
)

var peopleFile = table(
	"工号|姓名|所属单位|岗位|电话|入职日期|出生日期|特种岗位|备注",
	"T001|黄轶|安全保卫处|处长|13800000101|2005-07-01||",
	"T002|马军|消防中队|保安队长|+86 13800000104|42614|1978/2/20|保安员、监控室值班员|x",
	"T003|孙丽|实验实训中心|主任||2010年7月1日||危化品管理员,电工",
)

func TestImportCreatesEverything(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newImpFixture(t, d)
			preview, err := f.svc.PreviewImport(f.ctx, f.admin, f.school, org.ImportUnits, unitFile)
			if err != nil || len(preview.Errors) > 0 {
				t.Fatalf("preview: %v %+v", err, preview.Errors)
			}
			if preview.Create != 4 || f.count(t, `SELECT COUNT(*) FROM units WHERE school_id = $1`) != 0 {
				t.Fatalf("preview must plan 4 creates and write nothing: %+v", preview)
			}
			p, err := f.svc.CommitImport(f.ctx, f.admin, f.school, org.ImportUnits, unitFile)
			if err != nil {
				t.Fatalf("commit units: %v %+v", err, p.Errors)
			}
			units, err := f.svc.ListUnits(f.ctx, f.admin, f.school)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]org.Unit{}
			for _, u := range units {
				got[u.Name] = u
			}
			if len(units) != 4 || got["消防中队"].ParentName != "安全保卫处" || got["实验实训中心"].ParentName != "教务处" ||
				got["安全保卫处"].CampusName != "主校区" || got["安全保卫处"].Code != "BW" || got["实验实训中心"].Kind != org.UnitCenter {
				t.Errorf("units = %+v", units)
			}

			pp, err := f.svc.CommitImport(f.ctx, f.admin, f.school, org.ImportPeople, peopleFile)
			if err != nil {
				t.Fatalf("commit people: %v %+v", err, pp.Errors)
			}
			if pp.Create != 3 || len(pp.Ignored) != 1 || pp.Ignored[0] != "备注" {
				t.Errorf("plan = %+v", pp)
			}
			people := f.people(t)
			ma := people["T002"]
			if ma.Name != "马军" || ma.UnitName != "消防中队" || ma.Phone != "+86 13800000104" || ma.HireDate != "2016-09-01" ||
				ma.BirthDate != "1978-02-20" || fmt.Sprint(ma.SpecialPosts) != "[cctv_operator security_guard]" {
				t.Errorf("T002 = %+v", ma)
			}
			if sun := people["T003"]; sun.HireDate != "2010-07-01" || fmt.Sprint(sun.SpecialPosts) != "[electrician hazmat_manager]" {
				t.Errorf("T003 = %+v", sun)
			}
			// One audit entry per row plus one per import.
			if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE school_id = $1 AND action IN ('unit.create', 'person.create')`); n != 7 {
				t.Errorf("row audit entries = %d, want 7", n)
			}
			if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE school_id = $1 AND entity = 'import'`); n != 2 {
				t.Errorf("import audit entries = %d, want 2", n)
			}
		})
	}
}

func TestImportOneBadRowStoresNothing(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newImpFixture(t, d)
			if _, err := f.svc.CommitImport(f.ctx, f.admin, f.school, org.ImportUnits, unitFile); err != nil {
				t.Fatal(err)
			}
			bad := table(
				"姓名|工号|所属单位|入职日期",
				"黄轶|T001|安全保卫处|2005-07-01",
				"马军|T002|安全保卫处|明年",
				"孙丽|T003|人事处|",
				"黄二|T001|安全保卫处|",
			)
			audits := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE school_id = $1`)
			p, err := f.svc.CommitImport(f.ctx, f.admin, f.school, org.ImportPeople, bad)
			if !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("commit err = %v, want invalid", err)
			}
			want := []org.RowError{
				{Row: 3, Column: "入职日期"}, {Row: 4, Column: "所属单位"}, {Row: 5, Column: "工号"},
			}
			if len(p.Errors) != len(want) {
				t.Fatalf("errors = %+v", p.Errors)
			}
			for i, w := range want {
				e := p.Errors[i]
				if e.Row != w.Row || e.Column != w.Column || !strings.ContainsAny(e.Message, "日期单位工号") {
					t.Errorf("error %d = %+v, want row %d column %s with a Chinese message", i, e, w.Row, w.Column)
				}
			}
			if !strings.Contains(p.Errors[1].Message, "人事处") || !strings.Contains(p.Errors[2].Message, "第 2 行") {
				t.Errorf("messages do not name the unit / the first row: %+v", p.Errors)
			}
			if n := f.count(t, `SELECT COUNT(*) FROM people WHERE school_id = $1`); n != 0 {
				t.Errorf("%d people stored after a rejected import", n)
			}
			if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE school_id = $1`); n != audits {
				t.Errorf("audit entries %d → %d after a rejected import", audits, n)
			}
		})
	}
}

func TestImportUpdatesByStaffNumber(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newImpFixture(t, d)
			for _, step := range []struct {
				kind org.ImportKind
				rows [][]string
			}{{org.ImportUnits, unitFile}, {org.ImportPeople, peopleFile}} {
				if p, err := f.svc.CommitImport(f.ctx, f.admin, f.school, step.kind, step.rows); err != nil {
					t.Fatalf("%s: %v %+v", step.kind, err, p.Errors)
				}
			}
			before := f.people(t)
			// Without the optional columns: their values must stay.
			again := table(
				"姓名|工号|所属单位|岗位",
				"黄轶|T001|安全保卫处|处长",
				"马军|T002|教务处|保卫干事",
				"郑浩|T004|教务处|实验员",
			)
			p, err := f.svc.PreviewImport(f.ctx, f.admin, f.school, org.ImportPeople, again)
			if err != nil || p.Create != 1 || p.Update != 1 || p.Unchanged != 1 {
				t.Fatalf("preview = %+v, %v; want 1 create, 1 update, 1 unchanged", p, err)
			}
			if p.People[1].Action != org.ActionUpdate || p.People[1].ID != before["T002"].ID {
				t.Errorf("row 3 = %+v, want an update of person %d", p.People[1], before["T002"].ID)
			}
			if _, err := f.svc.CommitImport(f.ctx, f.admin, f.school, org.ImportPeople, again); err != nil {
				t.Fatal(err)
			}
			after := f.people(t)
			ma := after["T002"]
			if len(after) != 4 || ma.ID != before["T002"].ID || ma.UnitName != "教务处" || ma.Post != "保卫干事" ||
				ma.Phone != before["T002"].Phone || fmt.Sprint(ma.SpecialPosts) != fmt.Sprint(before["T002"].SpecialPosts) {
				t.Errorf("after re-import: %+v", ma)
			}
			if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE school_id = $1 AND action = 'person.update'`); n != 1 {
				t.Errorf("person.update entries = %d, want 1 (the unchanged row writes nothing)", n)
			}
			// Re-importing the unit file changes nothing.
			u, err := f.svc.CommitImport(f.ctx, f.admin, f.school, org.ImportUnits, unitFile)
			if err != nil || u.Unchanged != 4 || u.Create+u.Update != 0 {
				t.Errorf("unit re-import = %+v, %v", u, err)
			}
		})
	}
}

// TestCommitChecksAgain: the commit does not trust the preview; a unit
// deactivated in between turns into a row error and nothing is stored.
func TestCommitChecksAgain(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newImpFixture(t, d)
			if _, err := f.svc.CommitImport(f.ctx, f.admin, f.school, org.ImportUnits, unitFile); err != nil {
				t.Fatal(err)
			}
			p, err := f.svc.PreviewImport(f.ctx, f.admin, f.school, org.ImportPeople, peopleFile)
			if err != nil || len(p.Errors) > 0 {
				t.Fatalf("preview: %v %+v", err, p.Errors)
			}
			units, _ := f.svc.ListUnits(f.ctx, f.admin, f.school)
			for _, u := range units {
				if u.Name == "实验实训中心" {
					if err := f.svc.SetUnitActive(f.ctx, f.admin, f.school, u.ID, false); err != nil {
						t.Fatal(err)
					}
				}
			}
			p, err = f.svc.CommitImport(f.ctx, f.admin, f.school, org.ImportPeople, peopleFile)
			if !apperr.Is(err, apperr.Invalid) || len(p.Errors) != 1 || p.Errors[0].Row != 4 || p.Errors[0].Column != "所属单位" {
				t.Fatalf("commit = %v %+v; want row 4 所属单位", err, p.Errors)
			}
			if n := f.count(t, `SELECT COUNT(*) FROM people WHERE school_id = $1`); n != 0 {
				t.Errorf("%d people stored", n)
			}
		})
	}
}

func TestImportUnitReferences(t *testing.T) {
	f := newImpFixture(t, "sqlite")
	rows := table(
		"单位名称|类别|上级单位|校区",
		"护理教研室|系部|护理系|",    // parent only later in the file
		"护理系|系部||海安校区",     // no such campus
		"药学系|学院||",         // bad kind
		"药学教研室|系部|药学系|",    // parent row failed: no second error
		"护理系|系部||",         // duplicate of row 3
		"外校|其他|不存在的单位|主校区", // unknown parent
	)
	p, err := f.svc.PreviewImport(f.ctx, f.admin, f.school, org.ImportUnits, rows)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2 上级单位", "3 校区", "4 类别", "6 单位名称", "7 上级单位"}
	var got []string
	for _, e := range p.Errors {
		got = append(got, fmt.Sprintf("%d %s", e.Row, e.Column))
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("errors = %v\nwant     %v\n%+v", got, want, p.Errors)
	}
}

func TestImportPermissions(t *testing.T) {
	f := newImpFixture(t, "sqlite")
	leader := &auth.Actor{AccountID: 3, Grants: []auth.Grant{{Role: auth.RolePrincipalLeader, SchoolID: f.school, ScopeKind: auth.ScopeSchool}}}
	otherAdmin := &auth.Actor{AccountID: 4, Grants: []auth.Grant{{Role: auth.RoleSchoolAdmin, SchoolID: f.other, ScopeKind: auth.ScopeSchool}}}
	for _, a := range []*auth.Actor{leader, otherAdmin} {
		for _, k := range []org.ImportKind{org.ImportUnits, org.ImportPeople} {
			if _, err := f.svc.PreviewImport(f.ctx, a, f.school, k, unitFile); !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("preview %s by %d: err = %v, want forbidden", k, a.AccountID, err)
			}
			if _, err := f.svc.CommitImport(f.ctx, a, f.school, k, unitFile); !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("commit %s by %d: err = %v, want forbidden", k, a.AccountID, err)
			}
		}
	}
	if _, err := f.svc.PreviewImport(f.ctx, f.admin, f.school, "accounts", unitFile); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("unknown kind: err = %v", err)
	}
}

func TestParseImportHeaders(t *testing.T) {
	tests := []struct {
		name string
		rows [][]string
		want string // "row column" of the first error, "" for none
		n    int    // rows parsed
	}{
		{"empty file", nil, "0 ", 0},
		{"missing required column", table("姓名|所属单位", "张三|教务处"), "1 工号", 0},
		{"duplicate column", table("姓名|工号|所属单位|工号", "张三|1|教务处|2"), "1 工号", 0},
		{"header only", table("姓名|工号|所属单位"), "1 ", 0},
		{"header after blank rows, blank rows skipped", table("", "姓名|工号|所属单位", "", "张三|001|教务处"), "", 1},
		{"missing name", table("姓名|工号|所属单位", "|001|教务处"), "2 姓名", 1},
		{"bad phone", table("姓名|工号|所属单位|电话", "张三|001|教务处|call me"), "2 电话", 1},
		{"unknown special post", table("姓名|工号|所属单位|特种岗位", "张三|001|教务处|厨师"), "2 特种岗位", 1},
		{"short special post label", table("姓名|工号|所属单位|特种岗位", "张三|001|教务处|电工、焊工"), "", 1},
		{"staff number required", table("姓名|工号|所属单位", "张三||教务处"), "2 工号", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, errs := org.ParsePeopleImport(tt.rows)
			got := ""
			if len(errs) > 0 {
				got = fmt.Sprintf("%d %s", errs[0].Row, errs[0].Column)
				if errs[0].Message == "" {
					t.Error("error without a message")
				}
			}
			if got != tt.want || len(rows) != tt.n {
				t.Errorf("first error %q, %d rows; want %q, %d (%+v)", got, len(rows), tt.want, tt.n, errs)
			}
		})
	}
	units, errs := org.ParseUnitImport(table("类别|单位名称", "系部|护理系"))
	if len(errs) != 0 || len(units) != 1 || units[0].Name != "护理系" || units[0].Kind != org.UnitDepartment {
		t.Errorf("columns in any order: %+v %+v", units, errs)
	}
}
