package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// complianceFixture adds to the test school one hazard of the unit head's
// 后勤管理处 (via 配电班) past its deadline on the test clock (2026-03-02)
// and one of 实验实训中心 not yet due.
func complianceFixture(t *testing.T) (*testEnv, int64) {
	t.Helper()
	e := newTestServer(t)
	ctx := context.Background()
	now := testTime.UnixMilli()
	var late int64
	insert := func(number, desc string, unit int64, deadline string) int64 {
		var id int64
		if err := e.DB.Raw().QueryRowContext(ctx, `INSERT INTO hazards (school_id, number, source, found_at, area, level, description, unit_id, deadline, status, created_at, updated_at)
			VALUES ($1, $2, 'report', $3, 'FIRE', 'general', $4, $5, $6, 'assigned', $3, $3) RETURNING id`, e.SchoolID, number, now, desc, unit, deadline).Scan(&id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	late = insert("2026-FIRE-0001", "配电班灭火器过期", e.SubUnitID, "2026-02-20")
	insert("2026-FIRE-0002", "实验室通风橱故障", e.LabUnitID, "2026-03-20")
	return e, late
}

func TestComplianceScorecardPage(t *testing.T) {
	e, late := complianceFixture(t)
	office, head, staff := e.login(t, "office"), e.login(t, "unithead"), e.login(t, "staff")

	rec := office.get("/compliance?period=2026-Q1")
	expect(t, rec, http.StatusOK, "2026年第一季度", "全校", "后勤管理处", "配电班", "实验实训中心", "暂无数据", "未达标",
		"/compliance/rules/rectification_deadline?period=2026-Q1&amp;scope=school", "/compliance.xlsx?period=2026-Q1")
	// The unit head's card: their unit and its sub-unit, no school row, no export.
	rec = head.get("/compliance?period=2026-Q1")
	expect(t, rec, http.StatusOK, "后勤管理处", "配电班", fmt.Sprintf("scope=unit%%3a%d\"", e.UnitID))
	expectAbsent(t, rec, "实验实训中心", "scope=school", "/compliance.xlsx")
	expect(t, staff.get("/compliance"), http.StatusForbidden)

	// The failing cell drills down to exactly the late hazard.
	rec = office.get(fmt.Sprintf("/compliance/rules/rectification_deadline?period=2026-Q1&scope=unit:%d", e.UnitID))
	expect(t, rec, http.StatusOK, "后勤管理处", "逾期 1 项", fmt.Sprintf(`href="/hazards/%d"`, late), "2026-FIRE-0001", `name="param_max_overdue"`,
		fmt.Sprintf(`action="/compliance/rules/rectification_deadline/params?period=2026-Q1&amp;scope=unit%%3a%d"`, e.UnitID))
	expectAbsent(t, rec, "2026-FIRE-0002")
	rec = head.get(fmt.Sprintf("/compliance/rules/rectification_deadline?period=2026-Q1&scope=unit:%d", e.LabUnitID))
	expect(t, rec, http.StatusNotFound)
	expectAbsent(t, rec, "实验实训中心")
	// Without the manage right the parameters are shown, not editable.
	rec = head.get(fmt.Sprintf("/compliance/rules/rectification_deadline?period=2026-Q1&scope=unit:%d", e.UnitID))
	expect(t, rec, http.StatusOK, "2026-FIRE-0001")
	expectAbsent(t, rec, `name="param_max_overdue"`)
	expect(t, office.get("/compliance/rules/no_such_rule"), http.StatusNotFound)
	expect(t, office.get("/compliance?period=2026-Q9"), http.StatusUnprocessableEntity, "2026-Q9")
}

func TestComplianceParamsForm(t *testing.T) {
	e, _ := complianceFixture(t)
	office, principal := e.login(t, "office"), e.login(t, "principal")
	stored := func() int {
		var n int
		if err := e.DB.Raw().QueryRow(`SELECT COUNT(*) FROM compliance_params`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	path := "/compliance/rules/rules_posted/params?period=2026-Q1&scope=school"
	for _, c := range []struct {
		form url.Values
		msg  string
	}{
		{url.Values{"param_share_percent": {"101"}}, "上墙率是百分比，不能超过 100%。"},
		{url.Values{"param_share_percent": {"-5"}}, "上墙率不能为负数。"},
		{url.Values{"param_share_percent": {"九十"}}, "上墙率请输入整数。"},
	} {
		rec := office.postForm(path, c.form)
		expect(t, rec, http.StatusUnprocessableEntity, c.msg, `value="`+c.form.Get("param_share_percent")+`"`)
	}
	if stored() != 0 {
		t.Fatalf("a refused value was stored")
	}
	expect(t, principal.postForm(path, url.Values{"param_share_percent": {"90"}}), http.StatusForbidden)
	rec := office.postForm(path, url.Values{"param_share_percent": {"90"}})
	expect(t, rec, http.StatusSeeOther)
	if loc := rec.Header().Get("Location"); !strings.HasPrefix(loc, "/compliance/rules/rules_posted?period=2026-Q1") {
		t.Errorf("redirected to %q", loc)
	}
	expect(t, office.get("/compliance/rules/rules_posted?period=2026-Q1"), http.StatusOK, `value="90"`, "上墙率 ≥ 90%")
	if stored() != 1 {
		t.Errorf("stored %d parameter rows, want 1", stored())
	}
}

func TestComplianceExport(t *testing.T) {
	e, _ := complianceFixture(t)
	rec := e.login(t, "office").get("/compliance.xlsx?period=2026-Q1")
	expect(t, rec, http.StatusOK)
	if cd := rec.Header().Get("Content-Disposition"); !strings.Contains(cd, "compliance_2026-Q1.xlsx") {
		t.Errorf("Content-Disposition %q", cd)
	}
	x, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := x.GetRows("合规评分卡")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 || rows[0][0] != "范围" || rows[0][1] != "检查频次（RUL-4）" || rows[1][0] != "全校" {
		t.Fatalf("scorecard sheet starts %v", rows[:min(2, len(rows))])
	}
	if got := rows[1][2]; got != "未达标：逾期 1 项" {
		t.Errorf("school's deadline cell = %q", got)
	}
	detail, err := x.GetRows("明细")
	if err != nil || len(detail) < 2 {
		t.Fatalf("detail sheet: %v %v", detail, err)
	}
	expect(t, e.login(t, "unithead").get("/compliance.xlsx?period=2026-Q1"), http.StatusForbidden)
}
