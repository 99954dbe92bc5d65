package web

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/plan"
	"safecampus/internal/xlsx"
)

var (
	planManage = []auth.Permission{auth.PermPlanManage}
	ledgerView = []auth.Permission{auth.PermLedgerView}
)

// ownPlan gives each user of a scenario row a fresh custom plan of the
// main school to open, change or switch off.
func ownPlan(x *rowCtx) {
	unit, _ := strconv.ParseInt(x.vars["unit"], 10, 64)
	p, err := x.f.Server.Plans.SavePlan(context.Background(), auth.System(), x.f.SchoolID, plan.Plan{Name: "宿舍楼每周安全检查", Kind: "special",
		Recurrence: plan.Weekly, StartDate: "2026-03-01", AssigneeUnitID: unit})
	if err != nil {
		x.t.Fatalf("own plan: %v", err)
	}
	x.vars["plan"] = strconv.FormatInt(p.ID, 10)
}

// wangHeadsUnit makes 王电工 the head of 后勤管理处 with an account, and
// runs the scheduler's work once at the test clock (2026-03-02).
func wangHeadsUnit(t *testing.T, e *testEnv) *client {
	t.Helper()
	ctx, sys := context.Background(), auth.System()
	u, err := e.Org.FindUnit(ctx, sys, e.SchoolID, e.UnitID)
	if err == nil {
		u.HeadPersonID = e.PersonID
		_, err = e.Org.SaveUnit(ctx, sys, e.SchoolID, u)
	}
	if err == nil {
		_, _, err = e.Auth.CreateAccount(ctx, sys, auth.NewAccount{Username: "wang", DisplayName: "王电工", Password: "pw-wang-2026-long",
			SchoolID: e.SchoolID, PersonID: e.PersonID, Grants: []auth.Grant{{Role: auth.RoleUnitHead, SchoolID: e.SchoolID, ScopeKind: auth.ScopeUnit, ScopeID: e.UnitID}}})
	}
	if err == nil {
		_, err = e.Server.Plans.Generate(ctx, e.SchoolID, e.Now)
	}
	if err != nil {
		t.Fatalf("setup: %v", err)
	}
	e.Passwords["wang"] = "pw-wang-2026-long"
	return e.login(t, "wang")
}

func TestHomeListsMyDueInspections(t *testing.T) {
	e := newTestServer(t)
	wang := wangHeadsUnit(t, e)
	var due int64
	if err := e.DB.Read().QueryRowContext(context.Background(), `SELECT id FROM due_inspections WHERE owner_unit_id = $1 AND period = '2026-03'`, e.UnitID).Scan(&due); err != nil {
		t.Fatal(err)
	}
	rec := wang.get("/")
	expect(t, rec, http.StatusOK, "2026年3月 职能部门月度自查（应于3月31日前完成）", `href="/inspections/new?due=`+strconv.FormatInt(due, 10)+`"`)
	// 配电班 and 实验实训中心 owe theirs too, but not to 王电工; the office
	// account has no person and owes nothing.
	if n := strings.Count(rec.Body.String(), "/inspections/new?due="); n != 1 {
		t.Errorf("王电工 has %d tasks, want 1", n)
	}
	expect(t, e.login(t, "office").get("/"), http.StatusOK, "暂无待办事项")
}

func TestRhythmPageAndExport(t *testing.T) {
	e := newTestServer(t)
	wangHeadsUnit(t, e)
	office := e.login(t, "office")
	rec := office.get("/rhythm?period=2026-03")
	expect(t, rec, http.StatusOK, "检查频次 · 2026年3月", "后勤管理处", "配电班", "实验实训中心", `<td class="muted">待完成</td>`, "应检 <strong>3</strong>")
	// The default period is the current quarter; a bad key is refused.
	expect(t, office.get("/rhythm"), http.StatusOK, "2026年第一季度", `<option value="2026-Q1" selected>`)
	expect(t, office.get("/rhythm?period=2026-13"), http.StatusUnprocessableEntity)
	// A unit head sees the rows of their unit (and its sub-units) only.
	head := e.login(t, "labmanager")
	expect(t, head.get("/rhythm?period=2026-03"), http.StatusForbidden)
	unithead := e.login(t, "unithead")
	rec = unithead.get("/rhythm?period=2026-03")
	expect(t, rec, http.StatusOK, "后勤管理处", "配电班")
	expectAbsent(t, rec, "实验实训中心")

	dl := office.get("/rhythm.xlsx?period=2026-03")
	if dl.Code != http.StatusOK || dl.Header().Get("Content-Type") != xlsxType || !strings.Contains(dl.Header().Get("Content-Disposition"), "2026-03.xlsx") {
		t.Fatalf("download: %d %v", dl.Code, dl.Header())
	}
	rows, err := xlsx.ReadRows(bytes.NewReader(dl.Body.Bytes()), "r.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[1][0] != "后勤管理处" || rows[1][1] != "王电工" || rows[1][5] != "待完成" {
		t.Errorf("export rows = %v", rows)
	}
}

func TestPlanPages(t *testing.T) {
	e := newTestServer(t)
	pl, err := e.Org.SavePlace(context.Background(), auth.System(), e.SchoolID, org.Place{Name: "消防控制室", Level: org.PlaceBuilding, Type: "fire_control_room"})
	if err != nil {
		t.Fatal(err)
	}
	office := e.login(t, "office")
	expect(t, office.get("/plans"), http.StatusOK, "主要领导检查", "分管领导检查", "职能部门月度自查", "内置")
	// Invalid: no assignee; the form comes back with the message.
	v := url.Values{"name": {"消防控制室每日巡查"}, "kind": {"grid_patrol"}, "recurrence": {"daily"}, "start_date": {"2026-03-02"}, "place_id": {strconv.FormatInt(pl.ID, 10)}}
	expect(t, office.postForm("/plans/new", v), http.StatusUnprocessableEntity, "请选择负责人员或负责单位。", `value="消防控制室每日巡查"`)
	v.Set("assignee_person_id", strconv.FormatInt(e.PersonID, 10))
	rec := office.postForm("/plans/new", v)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("create: %d %s", rec.Code, rec.Body.String())
	}
	// Saving generated today's row at once.
	var id, dues int64
	ctx := context.Background()
	if err := e.DB.Read().QueryRowContext(ctx, `SELECT id FROM inspection_plans WHERE name = '消防控制室每日巡查'`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	if err := e.DB.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM due_inspections WHERE plan_id = $1 AND period = '2026-03-02' AND place_id = $2`, id, pl.ID).Scan(&dues); err != nil || dues != 1 {
		t.Fatalf("rows for today = %d, %v", dues, err)
	}
	list := office.get("/plans")
	expect(t, list, http.StatusOK, "消防控制室每日巡查", "王电工", "1 个场所", `action="/plans/`+strconv.FormatInt(id, 10)+`/active"`)
	// Built-in plans have no edit or deactivate form.
	if n := strings.Count(list.Body.String(), `/active"`); n != 1 {
		t.Errorf("%d deactivate forms, want 1 (the custom plan only)", n)
	}
	expect(t, office.get(idPath("/plans/%d/edit", id)), http.StatusOK, `value="消防控制室每日巡查"`, "checked")
	rec = office.postForm(idPath("/plans/%d/active", id), url.Values{"active": {"false"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("deactivate: %d", rec.Code)
	}
	expect(t, office.get("/plans"), http.StatusOK, "已停用")
	expect(t, e.login(t, "staff").get(idPath("/plans/%d/edit", id)), http.StatusForbidden)
}
