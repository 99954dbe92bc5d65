package org_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/testkit"
	"safecampus/internal/xlsx"
)

// exportFixture imports units and people, one of them with values a
// spreadsheet would take for formulas.
func exportFixture(t *testing.T, dialect string) *impFixture {
	t.Helper()
	f := newImpFixture(t, dialect)
	people := append([][]string{}, peopleFile...)
	people = append(people, []string{"T009", "=HYPERLINK(\"http://x\",\"点我\")", "教务处", "@SUM(A1)", "", "", "", "", ""})
	for _, step := range []struct {
		kind org.ImportKind
		rows [][]string
	}{{org.ImportUnits, unitFile}, {org.ImportPeople, people}} {
		if p, err := f.svc.CommitImport(f.ctx, f.admin, f.school, step.kind, step.rows); err != nil {
			t.Fatalf("%s: %v %+v", step.kind, err, p.Errors)
		}
	}
	return f
}

// expectedPeople is what the people export must contain: the header and
// every stored person, escaped.
func expectedPeople(t *testing.T, f *impFixture) [][]string {
	t.Helper()
	want := [][]string{{"姓名", "工号", "所属单位", "岗位", "电话", "入职日期", "出生日期", "特种岗位", "状态"}}
	ps, err := f.svc.ListPeople(f.ctx, f.admin, f.school, org.PersonFilter{})
	if err != nil {
		t.Fatal(err)
	}
	byNo := map[string]org.Person{}
	for _, p := range ps {
		byNo[p.StaffNo] = p
	}
	// Export order: unit sort order, unit id, person id.
	for _, no := range []string{"T001", "T002", "T009", "T003"} {
		p := byNo[no]
		labels := org.PersonRow{SpecialPosts: p.SpecialPosts}.SpecialPostLabels()
		row := []string{p.Name, p.StaffNo, p.UnitName, p.Post, p.Phone, p.HireDate, p.BirthDate, labels, "在职"}
		for i := range row {
			row[i] = xlsx.EscapeCell(row[i])
		}
		want = append(want, row)
	}
	return want
}

func TestExportPeopleRoundTrip(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := exportFixture(t, d)
			var buf bytes.Buffer
			n, err := f.svc.ExportPeople(f.ctx, f.admin, f.school, &buf)
			if err != nil || n != 4 {
				t.Fatalf("export: %d rows, %v", n, err)
			}
			book, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			defer book.Close()
			got, err := book.GetRows("人员")
			if err != nil {
				t.Fatal(err)
			}
			want := expectedPeople(t, f)
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
				t.Errorf("export =\n%q\nwant\n%q", got, want)
			}
			var after string
			err = f.db.Read().QueryRowContext(f.ctx, `SELECT after_data FROM audit_log WHERE school_id = $1 AND action = 'export.people' AND entity = 'export' AND entity_id = 0 AND actor_id = 9`, f.school).Scan(&after)
			if err != nil || after != `{"rows":4}` {
				t.Errorf("export audit entry: %q, %v", after, err)
			}
			// The export imports back unchanged (状态 is ignored).
			rows, err := xlsx.ReadRows(bytes.NewReader(buf.Bytes()), "人员.xlsx")
			if err != nil {
				t.Fatal(err)
			}
			p, err := f.svc.PreviewImport(f.ctx, f.admin, f.school, org.ImportPeople, rows)
			if err != nil || len(p.Errors) > 0 || p.Unchanged != 4 || fmt.Sprint(p.Ignored) != "[状态]" {
				t.Errorf("re-import of the export: %+v, %v", p, err)
			}
		})
	}
}

func TestExportUnits(t *testing.T) {
	f := exportFixture(t, "sqlite")
	var buf bytes.Buffer
	if _, err := f.svc.ExportUnits(f.ctx, f.admin, f.school, &buf); err != nil {
		t.Fatal(err)
	}
	rows, err := xlsx.ReadRows(bytes.NewReader(buf.Bytes()), "单位.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	want := `[["单位名称" "类别" "上级单位" "校区" "编码" "负责人" "状态"] ["安全保卫处" "处室" "" "主校区" "BW" "" "启用"] ["消防中队" "中心" "安全保卫处" "" "" "" "启用"] ["教务处" "处室" "" "" "" "" "启用"] ["实验实训中心" "中心" "教务处" "主校区" "" "" "启用"]]`
	if got := fmt.Sprintf("%q", rows); got != want {
		t.Errorf("units export =\n%s\nwant\n%s", got, want)
	}
	if p, err := f.svc.PreviewImport(f.ctx, f.admin, f.school, org.ImportUnits, rows); err != nil || p.Unchanged != 4 {
		t.Errorf("re-import of the units export: %+v, %v", p, err)
	}
}

func TestExportPermissions(t *testing.T) {
	f := newImpFixture(t, "sqlite")
	unitHead := &auth.Actor{AccountID: 5, Grants: []auth.Grant{{Role: auth.RoleUnitHead, SchoolID: f.school, ScopeKind: auth.ScopeSchool}}}
	otherAdmin := &auth.Actor{AccountID: 6, Grants: []auth.Grant{{Role: auth.RoleSchoolAdmin, SchoolID: f.other, ScopeKind: auth.ScopeSchool}}}
	for _, a := range []*auth.Actor{unitHead, otherAdmin} {
		var buf bytes.Buffer
		if _, err := f.svc.ExportPeople(f.ctx, a, f.school, &buf); !apperr.Is(err, apperr.Forbidden) || buf.Len() != 0 {
			t.Errorf("people export by %d: %v, %d bytes", a.AccountID, err, buf.Len())
		}
		if _, err := f.svc.ExportUnits(f.ctx, a, f.school, &buf); !apperr.Is(err, apperr.Forbidden) || buf.Len() != 0 {
			t.Errorf("units export by %d: %v, %d bytes", a.AccountID, err, buf.Len())
		}
	}
	if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE school_id = $1 AND entity = 'export'`); n != 0 {
		t.Errorf("refused exports were audited: %d", n)
	}
}

func TestExportFileName(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	// 2026-11-27 17:00 UTC is already the 28th in Shanghai.
	name := org.ExportFileName(org.ImportPeople, time.Date(2026, 11, 27, 17, 0, 0, 0, time.UTC), loc)
	if name != "人员_2026-11-28.xlsx" {
		t.Errorf("name = %q", name)
	}
	ascii := org.ExportASCIIName(org.ImportPeople, time.Date(2026, 11, 27, 17, 0, 0, 0, time.UTC), loc)
	cd := org.ContentDisposition(name, ascii)
	if cd != `attachment; filename="people_2026-11-28.xlsx"; filename*=UTF-8''%E4%BA%BA%E5%91%98_2026-11-28.xlsx` {
		t.Errorf("Content-Disposition = %s", cd)
	}
	if cd := org.ContentDisposition("单位导入模板.xlsx", `"/evil\\name.xlsx`); cd != `attachment; filename="evilname.xlsx"; filename*=UTF-8''%E5%8D%95%E4%BD%8D%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.xlsx` {
		t.Errorf("Content-Disposition = %s", cd)
	}
}

func TestImportTemplates(t *testing.T) {
	for _, k := range []org.ImportKind{org.ImportUnits, org.ImportPeople} {
		var buf bytes.Buffer
		if err := org.ImportTemplate(k, &buf); err != nil {
			t.Fatal(err)
		}
		rows, err := xlsx.ReadRows(bytes.NewReader(buf.Bytes()), "t.xlsx")
		if err != nil || len(rows) != 1 {
			t.Fatalf("%s template: %q, %v", k, rows, err)
		}
		// A template with its header only is a valid (empty) file.
		var errs []org.RowError
		if k == org.ImportUnits {
			_, errs = org.ParseUnitImport(rows)
		} else {
			_, errs = org.ParsePeopleImport(rows)
		}
		if len(errs) != 1 || !strings.Contains(errs[0].Message, "没有数据行") {
			t.Errorf("%s template headers: %+v", k, errs)
		}
	}
}

// TestExportLibreOfficeRoundTrip converts the people export with
// LibreOffice, the program many schools open it with, and checks every
// value survives and no formula was evaluated.
func TestExportLibreOfficeRoundTrip(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("SAFECAMPUS_REQUIRE_LIBREOFFICE") == "1" {
			t.Fatal("soffice not on PATH (SAFECAMPUS_REQUIRE_LIBREOFFICE=1)")
		}
		t.Skip("soffice (LibreOffice) not on PATH; set SAFECAMPUS_REQUIRE_LIBREOFFICE=1 to fail instead")
	}
	f := exportFixture(t, "sqlite")
	dir := t.TempDir()
	in := filepath.Join(dir, "people.xlsx")
	out, err := os.Create(in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.ExportPeople(f.ctx, f.admin, f.school, out); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	// Its own profile and HOME: runs as root, and next to other soffice runs.
	profile := filepath.Join(dir, "profile")
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+profile, "--headless", "--norestore",
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", dir, in)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	data, err := os.ReadFile(filepath.Join(dir, "people.csv"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if want := expectedPeople(t, f); fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
		t.Errorf("LibreOffice reads\n%q\nwant\n%q", got, want)
	}
}
