package web

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"safecampus/internal/auth"
)

// Permissions of the lists' scenario rows.
var (
	listsView   = []auth.Permission{auth.PermHazardView}
	listsExport = []auth.Permission{auth.PermExport, auth.PermHazardView}
)

// listsFixture adds to the test school two open hazards — one of the unit
// head's 后勤管理处 (via 配电班), one of 实验实训中心 — and a task, written
// with SQL as the hazard and task services would store them.
func listsFixture(t *testing.T) *testEnv {
	t.Helper()
	e := newTestServer(t)
	ctx := context.Background()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := e.DB.Raw().ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	now := testTime.UnixMilli()
	hazard := func(number, desc, level string, unit, person int64, deadline string) {
		exec(`INSERT INTO hazards (school_id, number, source, found_at, area, level, description, unit_id, responsible_person_id, measures, deadline, status, created_at, updated_at)
			VALUES ($1, $2, 'report', $3, 'FIRE', $4, $5, $6, $7, '更换', $8, 'assigned', $3, $3)`, e.SchoolID, number, now, level, desc, unit, person, deadline)
	}
	hazard("2026-FIRE-0001", "配电班灭火器过期", "general", e.SubUnitID, e.PersonID, "2026-03-01")
	hazard("2026-LAB-0001", "实验室通风橱故障", "major", e.LabUnitID, e.LabPersonID, "2026-03-20")
	exec(`INSERT INTO tasks (school_id, title, source_kind, owner_unit_id, due_on, status, created_at) VALUES ($1, '制定消防演练方案', 'manual', $2, '2026-03-20', 'open', $3)`,
		e.SchoolID, e.UnitID, now)
	return e
}

// TestListPagesScopeRows checks which rows each role sees: the office the
// whole school, the unit head only their unit's, the authority all (read
// only, without export), and that filters and bad filters behave.
func TestListPagesScopeRows(t *testing.T) {
	e := listsFixture(t)
	office, head, authority, staff := e.login(t, "office"), e.login(t, "unithead"), e.login(t, "authority"), e.login(t, "staff")

	expect(t, office.get("/lists/rectification"), http.StatusOK, "配电班灭火器过期", "实验室通风橱故障", "逾期1天", "/lists/rectification/export.xlsx")
	rec := head.get("/lists/rectification")
	expect(t, rec, http.StatusOK, "配电班灭火器过期")
	if strings.Contains(rec.Body.String(), "实验室通风橱故障") || strings.Contains(rec.Body.String(), "export.xlsx") {
		t.Errorf("unit head sees another unit's hazard or an export link")
	}
	expect(t, authority.get("/lists/problems?level=major"), http.StatusOK, "实验室通风橱故障")
	if strings.Contains(authority.get("/lists/problems?level=major").Body.String(), "配电班灭火器过期") {
		t.Errorf("level filter let a general hazard through")
	}
	expect(t, office.get("/lists/work?all=1"), http.StatusOK, "制定消防演练方案", "后勤管理处")
	expect(t, office.get("/lists/work"), http.StatusOK, `value="2026-03-01"`, `value="2026-03-31"`) // the current month by default
	expect(t, head.get("/lists/responsibility"), http.StatusOK, "王电工", "制定消防演练方案")
	expect(t, office.get("/lists/problems?from=2026-3-1"), http.StatusUnprocessableEntity, "开始日期格式应为")
	expect(t, staff.get("/lists/work"), http.StatusForbidden)
	expect(t, head.get("/statistics/hazards"), http.StatusForbidden)
	expect(t, head.get("/lists/rectification/export.xlsx"), http.StatusForbidden)
	expect(t, authority.get("/statistics/hazards/export.xlsx?period=2026-Q1"), http.StatusForbidden)
	expect(t, office.get("/statistics/hazards?period=2026-Q5"), http.StatusUnprocessableEntity, "统计期间")

	// The current quarter by default: both hazards found on 2 March.
	rec = office.get("/statistics/hazards")
	expect(t, rec, http.StatusOK, "2026年第一季度", "整改率", "0.0%")
	if !strings.Contains(rec.Body.String(), "本期发现的隐患中截至期末已验收销号的数量") {
		t.Errorf("statistics page does not state the rate's definition")
	}
}

// TestListExportsOpenAgain downloads each export and reads its Chinese
// headers back.
func TestListExportsOpenAgain(t *testing.T) {
	e := listsFixture(t)
	office := e.login(t, "office")
	for path, want := range map[string][]string{
		"/lists/work/export.xlsx":                        {"工作清单", "单位", "制定消防演练方案"},
		"/lists/problems/export.xlsx":                    {"问题清单", "类别", "2026-FIRE-0001"},
		"/lists/responsibility/export.xlsx":              {"责任汇总", "单位", "后勤管理处"},
		"/lists/rectification/export.xlsx":               {"整改清单", "编号", "2026-LAB-0001"},
		"/statistics/hazards/export.xlsx?period=2026-Q1": {"隐患统计", "分类", "合计"},
	} {
		rec := office.get(path)
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != xlsxType {
			t.Fatalf("%s: %d %s %.200s", path, rec.Code, rec.Header().Get("Content-Type"), rec.Body.String())
		}
		if cd := rec.Header().Get("Content-Disposition"); !strings.Contains(cd, ".xlsx") {
			t.Errorf("%s: disposition %q", path, cd)
		}
		x, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		rows, err := x.GetRows(want[0])
		x.Close()
		if err != nil || len(rows) < 2 || rows[0][0] != want[1] || !strings.Contains(listsFlatten(rows), want[2]) {
			t.Errorf("%s: sheet %s reads %q (%v)", path, want[0], rows, err)
		}
	}
}

func listsFlatten(rows [][]string) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, ","))
		b.WriteByte('\n')
	}
	return b.String()
}
