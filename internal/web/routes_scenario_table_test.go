package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"safecampus/internal/auth"
	"safecampus/internal/org"
)

// Permissions as the rows need them.
var (
	orgView       = []auth.Permission{auth.PermOrgView}
	orgManage     = []auth.Permission{auth.PermOrgManage}
	peopleView    = []auth.Permission{auth.PermPeopleView}
	peopleManage  = []auth.Permission{auth.PermPeopleManage}
	accountManage = []auth.Permission{auth.PermAccountManage}
	schoolManage  = []auth.Permission{auth.PermSchoolManage}
)

// vals builds POST values from name, value pairs; {user} and the
// fixture's {name} ids in a value are filled in. A name may repeat.
func vals(kv ...string) func(x *rowCtx) url.Values {
	return func(x *rowCtx) url.Values {
		v := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			s := strings.ReplaceAll(kv[i+1], "{user}", x.user)
			for k, id := range x.vars {
				s = strings.ReplaceAll(s, "{"+k+"}", id)
			}
			v.Add(kv[i], s)
		}
		return v
	}
}

// loggedIn gives every user with a session the same status.
func loggedIn(code int) map[string]int {
	m := map[string]int{}
	for _, u := range scenarioUsers {
		if u != "anon" {
			m[u] = code
		}
	}
	return m
}

// unitsCSV is a small unit import file naming one new unit per user.
func unitsCSV(x *rowCtx) (string, string) {
	return "units.csv", "单位名称,类别\n导入单位-" + x.user + ",处室\n"
}

var previewToken = regexp.MustCompile(`name="token" value="([^"]+)"`)

// previewImport uploads unitsCSV as a user who may import and keeps the
// preview's token for the commit; others get a token that was never issued.
func previewImport(x *rowCtx) {
	x.vars["token"] = "never-issued"
	if x.user != "admin" && x.user != "office" && x.user != "other_admin" {
		return
	}
	name, content := unitsCSV(x)
	rec := x.c.do(multipartRequest(x.t, "/import", url.Values{"csrf_token": {x.c.token()}, "kind": {"units"}}, name, content))
	m := previewToken.FindStringSubmatch(rec.Body.String())
	if rec.Code != http.StatusOK || m == nil {
		x.t.Fatalf("%s: import preview: status %d, body %.300s", x.user, rec.Code, rec.Body.String())
	}
	x.vars["token"] = m[1]
}

// ownMember adds a member for admin and office to delete, so each of
// them deletes one; the others aim at the fixture's member.
func ownMember(x *rowCtx) {
	person := map[string]string{"admin": "person", "office": "labperson"}[x.user]
	if person == "" {
		return
	}
	gid, _ := strconv.ParseInt(x.vars["group"], 10, 64)
	pid, _ := strconv.ParseInt(x.vars[person], 10, 64)
	m, err := x.f.Org.AddLeadingGroupMember(context.Background(), auth.System(), x.f.SchoolID, gid, org.LeadingGroupMember{PersonID: pid, Position: org.PositionMember})
	if err != nil {
		x.t.Fatalf("add member: %v", err)
	}
	x.vars["member"] = strconv.FormatInt(m.ID, 10)
}

// routeScenarios has one row per route of Routes(); see routeCase.
var routeScenarios = []routeCase{
	{route: "GET /healthz", path: "/healthz", public: true, show: "ok"},
	{route: "GET /static/{hash}/{name...}", path: "{css}", public: true},

	{route: "GET /login", path: "/login", public: true, show: `name="password"`, want: loggedIn(http.StatusSeeOther)},
	{route: "POST /login", path: "/login", public: true, bare: true, want: map[string]int{"anon": http.StatusUnauthorized},
		form: func(x *rowCtx) url.Values {
			if x.user == "anon" {
				return url.Values{"username": {"nobody"}, "password": {"wrong-password"}}
			}
			return url.Values{"username": {x.user}, "password": {x.f.Passwords[x.user]}}
		}},
	{route: "POST /logout", path: "/logout", noData: true},
	{route: "POST /lang", path: "/lang", public: true, noData: true, form: vals("lang", "zh", "next", "/")},

	{route: "GET /{$}", path: "/", show: "首页"},
	{route: "GET /account/password", path: "/account/password", show: `name="new_password"`},
	{route: "POST /account/password", path: "/account/password", form: func(x *rowCtx) url.Values {
		pw := "changed-" + x.user + "-2026"
		return url.Values{"old_password": {x.f.Passwords[x.user]}, "new_password": {pw}, "confirm_password": {pw}}
	}},
	{route: "POST /school/select", path: "/school/select", form: vals("school_id", "{school}"), noData: true, secret: "测试卫生学校"},

	{route: "GET /units", path: "/units", need: orgView, show: "后勤管理处"},
	{route: "GET /units/new", path: "/units/new", need: orgManage, show: `action="/units/new"`},
	{route: "POST /units/new", path: "/units/new", need: orgManage, form: vals("name", "新单位-{user}", "kind", "office")},
	{route: "GET /units/{id}", path: "/units/{unit}", need: orgView, secret: "后勤管理处", show: "后勤管理处"},
	{route: "GET /units/{id}/edit", path: "/units/{unit}/edit", need: orgManage, secret: "后勤管理处", show: `value="后勤管理处"`},
	{route: "POST /units/{id}/edit", path: "/units/{unit}/edit", need: orgManage, secret: "后勤管理处",
		form: vals("name", "后勤保障处-{user}", "kind", "office", "campus_id", "{campus}")},
	{route: "POST /units/{id}/active", path: "/units/{subunit}/active", need: orgManage, secret: "配电班", form: vals("active", "false")},

	{route: "GET /campuses", path: "/campuses", need: orgView, show: "主校区"},
	{route: "GET /campuses/new", path: "/campuses/new", need: orgManage, show: `action="/campuses/new"`},
	{route: "POST /campuses/new", path: "/campuses/new", need: orgManage, form: vals("name", "新校区-{user}")},
	{route: "GET /campuses/{id}/edit", path: "/campuses/{campus}/edit", need: orgManage, secret: "主校区", show: `value="主校区"`},
	{route: "POST /campuses/{id}/edit", path: "/campuses/{campus}/edit", need: orgManage, secret: "主校区", form: vals("name", "东校区-{user}")},
	{route: "POST /campuses/{id}/active", path: "/campuses/{campus}/active", need: orgManage, secret: "主校区", form: vals("active", "false")},

	{route: "GET /places", path: "/places", need: orgView, show: "实训楼A"},
	{route: "GET /places/new", path: "/places/new", need: orgManage, show: `action="/places/new"`},
	{route: "POST /places/new", path: "/places/new", need: orgManage, form: vals("name", "新场所-{user}", "level", "building", "place_type", "teaching_building")},
	{route: "GET /places/{id}", path: "/places/{place}", need: orgView, secret: "实训楼A", show: "实训楼A"},
	{route: "GET /places/{id}/edit", path: "/places/{place}/edit", need: orgManage, secret: "实训楼A", show: `value="实训楼A"`},
	{route: "POST /places/{id}/edit", path: "/places/{place}/edit", need: orgManage, secret: "实训楼A",
		form: vals("name", "实训楼B-{user}", "level", "building", "place_type", "teaching_building", "campus_id", "{campus}", "unit_id", "{labunit}")},
	{route: "POST /places/{id}/active", path: "/places/{place}/active", need: orgManage, secret: "实训楼A", form: vals("active", "false")},

	{route: "GET /grids", path: "/grids", need: orgView, show: "东区网格"},
	{route: "GET /grids/diagram", path: "/grids/diagram", need: orgView, show: "东区网格"},
	{route: "GET /grids/new", path: "/grids/new", need: orgManage, show: `action="/grids/new"`},
	{route: "POST /grids/new", path: "/grids/new", need: orgManage, form: vals("name", "新网格-{user}")},
	{route: "GET /grids/{id}", path: "/grids/{grid}", need: orgView, secret: "东区网格", show: "东区网格"},
	{route: "GET /grids/{id}/edit", path: "/grids/{grid}/edit", need: orgManage, secret: "东区网格", show: `value="东区网格"`},
	{route: "POST /grids/{id}/edit", path: "/grids/{grid}/edit", need: orgManage, secret: "东区网格",
		form: vals("name", "西区网格-{user}", "leader_person_id", "{labperson}")},
	{route: "POST /grids/{id}/members", path: "/grids/{grid}/members", need: orgManage, secret: "东区网格",
		form: vals("person_id", "{person}", "person_id", "{labperson}")},
	{route: "POST /grids/{id}/places", path: "/grids/{grid}/places", need: orgManage, secret: "东区网格", form: vals("place_id", "{place}")},
	{route: "POST /grids/{id}/active", path: "/grids/{grid}/active", need: orgManage, secret: "东区网格", form: vals("active", "false")},

	{route: "GET /leading-group", path: "/leading-group", need: orgView, show: "安全工作领导小组"},
	{route: "GET /leading-group/new", path: "/leading-group/new", need: orgManage, show: `action="/leading-group/new"`},
	{route: "POST /leading-group/new", path: "/leading-group/new", need: orgManage, form: vals("name", "新领导小组-{user}")},
	{route: "GET /leading-group/{id}/edit", path: "/leading-group/{group}/edit", need: orgManage, secret: "安全工作领导小组", show: `value="安全工作领导小组"`},
	{route: "POST /leading-group/{id}/edit", path: "/leading-group/{group}/edit", need: orgManage, secret: "安全工作领导小组",
		form: vals("name", "安全领导小组-{user}", "active", "true", "office_unit_id", "{unit}")},
	{route: "POST /leading-group/{id}/members", path: "/leading-group/{group}/members", need: orgManage, secret: "安全工作领导小组",
		form: func(x *rowCtx) url.Values {
			person := map[string]string{"admin": "person"}[x.user]
			if person == "" {
				person = "labperson"
			}
			return url.Values{"person_id": {x.id(person)}, "position": {"member"}, "duty": {"分管-" + x.user}}
		}},
	{route: "POST /leading-group/{id}/members/{mid}", path: "/leading-group/{group}/members/{member}", need: orgManage, secret: "赵组长",
		form: vals("person_id", "{zhao}", "position", "deputy", "duty", "分管-{user}", "sort_order", "1")},
	{route: "POST /leading-group/{id}/members/{mid}/delete", path: "/leading-group/{group}/members/{member}/delete", need: orgManage,
		secret: "安全工作领导小组", prep: ownMember},
	{route: "GET /contact-points", path: "/contact-points", need: orgView, show: "赵组长"},
	// The other school's admin names the main school's person: invalid.
	{route: "POST /contact-points", path: "/contact-points", need: orgManage, want: map[string]int{"other_admin": http.StatusUnprocessableEntity},
		form: func(x *rowCtx) url.Values {
			unit := map[string]string{"admin": "unit"}[x.user]
			if unit == "" {
				unit = "labunit"
			}
			return url.Values{"leader_person_id": {x.id("zhao")}, "unit_id": {x.id(unit)}}
		}},

	{route: "GET /people", path: "/people", need: peopleView, show: "王电工"},
	{route: "GET /people/new", path: "/people/new", need: peopleManage, show: `action="/people/new"`},
	{route: "POST /people/new", path: "/people/new", need: peopleManage, form: vals("name", "新人员-{user}", "staff_no", "N-{user}")},
	{route: "GET /people/{id}", path: "/people/{person}", need: peopleView, secret: "13800000001", show: "13800000001"},
	{route: "GET /people/{id}/edit", path: "/people/{person}/edit", need: peopleManage, secret: "13800000001", show: `value="13800000001"`},
	{route: "POST /people/{id}/edit", path: "/people/{person}/edit", need: peopleManage, secret: "13800000001",
		form: vals("name", "王师傅-{user}", "staff_no", "T001", "unit_id", "{subunit}", "phone", "13800000009")},
	{route: "POST /people/{id}/active", path: "/people/{person}/active", need: peopleManage, secret: "13800000001", form: vals("active", "false")},

	{route: "GET /accounts", path: "/accounts", need: accountManage, show: "scenario_user"},
	{route: "GET /accounts/new", path: "/accounts/new", need: accountManage, show: `action="/accounts/new"`},
	// Success shows the new account with its one-time password (200).
	{route: "POST /accounts/new", path: "/accounts/new", need: accountManage, ok: http.StatusOK,
		form: vals("username", "new_{user}", "display_name", "新账号{user}", "role_0", "staff", "scope_0", "school:0")},
	{route: "GET /accounts/{id}", path: "/accounts/{account}", need: accountManage, secret: "场景账号", show: "场景账号"},
	{route: "GET /accounts/{id}/roles", path: "/accounts/{account}/roles", need: accountManage, secret: "场景账号", show: `name="role_0"`},
	{route: "POST /accounts/{id}/roles", path: "/accounts/{account}/roles", need: accountManage, secret: "场景账号",
		form: vals("role_0", "grid_member", "scope_0", "grid:{grid}")},
	{route: "POST /accounts/{id}/reset-password", path: "/accounts/{account}/reset-password", need: accountManage,
		secret: "场景账号", ok: http.StatusOK},
	{route: "POST /accounts/{id}/disabled", path: "/accounts/{account}/disabled", need: accountManage,
		secret: "场景账号", form: vals("disabled", "true")},

	{route: "GET /schools", path: "/schools", need: schoolManage, show: "另一所学校"},
	{route: "GET /schools/new", path: "/schools/new", need: schoolManage, show: `action="/schools/new"`},
	{route: "POST /schools/new", path: "/schools/new", need: schoolManage, form: vals("code", "s-{user}", "name", "新学校-{user}", "timezone", "Asia/Shanghai")},
	{route: "GET /authorities/new", path: "/authorities/new", need: schoolManage, show: `action="/authorities/new"`},
	{route: "POST /authorities/new", path: "/authorities/new", need: schoolManage, form: vals("name", "主管部门-{user}", "school_ids", "{school}")},

	{route: "GET /import", path: "/import", need: orgManage, show: `name="file"`},
	// Success is the preview page; nothing is stored before the commit.
	{route: "POST /import", path: "/import", need: orgManage, ok: http.StatusOK, noData: true, form: vals("kind", "units"), file: unitsCSV},
	{route: "POST /import/commit", path: "/import/commit", need: orgManage, prep: previewImport, form: vals("token", "{token}")},
	{route: "GET /import/template/{kind}", path: "/import/template/units.xlsx", need: orgManage},
	{route: "GET /export/units.xlsx", path: "/export/units.xlsx", need: []auth.Permission{auth.PermExport, auth.PermOrgView}, logged: true},
	{route: "GET /export/people.xlsx", path: "/export/people.xlsx", need: []auth.Permission{auth.PermExport, auth.PermPeopleView}, logged: true},

	// Inspection plans and the rhythm page (plan_pages_test.go has ownPlan).
	{route: "GET /plans", path: "/plans", need: orgView, show: "分管领导检查"},
	{route: "GET /plans/new", path: "/plans/new", need: planManage, show: `action="/plans/new"`},
	// The other school's admin names the main school's unit: invalid.
	{route: "POST /plans/new", path: "/plans/new", need: planManage, want: map[string]int{"other_admin": http.StatusUnprocessableEntity},
		form: vals("name", "每周检查-{user}", "kind", "special", "recurrence", "weekly", "start_date", "2026-03-02", "assignee_unit_id", "{unit}", "place_id", "{place}")},
	{route: "GET /plans/{id}/edit", path: "/plans/{plan}/edit", need: planManage, prep: ownPlan, secret: "宿舍楼每周安全检查", show: `value="宿舍楼每周安全检查"`},
	{route: "POST /plans/{id}/edit", path: "/plans/{plan}/edit", need: planManage, prep: ownPlan, secret: "宿舍楼每周安全检查",
		form: vals("name", "宿舍楼检查-{user}", "kind", "special", "recurrence", "monthly", "start_date", "2026-03-01", "assignee_unit_id", "{unit}")},
	{route: "POST /plans/{id}/active", path: "/plans/{plan}/active", need: planManage, prep: ownPlan, secret: "宿舍楼每周安全检查", form: vals("active", "false")},
	{route: "GET /rhythm", path: "/rhythm?period=2026-Q1", need: ledgerView, show: "2026年第一季度"},
	{route: "GET /rhythm.xlsx", path: "/rhythm.xlsx?period=2026-Q1", need: []auth.Permission{auth.PermExport, auth.PermLedgerView}, logged: true},

	// Inspections on a phone (inspection_pages_test.go has the preps). Unit
	// heads and lab managers may inspect only in their units, which the
	// fixture's place is not in; the record is the office's inspection of
	// that place for the unit head's unit.
	{route: "GET /inspections/new", path: "/inspections/new?place={place}&kind=grid_patrol&cid={cid}", need: inspectPerm, prep: inspectionSetup,
		want: unitScopedInspectors, secret: "实训楼A", show: `name="a_FIRE-1.1"`},
	{route: "POST /inspections/new", path: "/inspections/new", need: inspectPerm, prep: inspectionSetup, want: unitScopedInspectors,
		secret: "实训楼A", form: inspectionForm},
	{route: "POST /inspections/draft", path: "/inspections/draft", need: inspectPerm, prep: inspectionSetup, want: unitScopedInspectors,
		secret: "实训楼A", ok: http.StatusOK, form: inspectionForm},
	{route: "POST /inspections/photos", path: "/inspections/photos", need: inspectPerm, prep: inspectionSetup, ok: http.StatusCreated, file: pngFile},
	{route: "GET /inspections/{id}", path: "/inspections/{inspection}", need: ledgerView, hide: auth.PermLedgerView, prep: ownInspection,
		secret: "走廊充电", show: "走廊充电"},
	{route: "GET /inspections/{id}/print", path: "/inspections/{inspection}/print", need: ledgerView, hide: auth.PermLedgerView, prep: ownInspection,
		secret: "走廊充电", show: "安全检查记录表"},
	{route: "GET /photos/{id}", path: "/photos/{photo}", need: ledgerView, hide: auth.PermLedgerView, prep: ownInspection, secret: "走廊充电"},
	// The ledger opens for everybody: viewers see the school's (unit heads
	// their units') inspections, others only their own
	// (ledger_pages_test.go checks who sees which row).
	{route: "GET /ledger", path: "/ledger", prep: ownInspection, show: "检查台账"},
	{route: "GET /ledger.xlsx", path: "/ledger.xlsx?from=2026-03-01&to=2026-03-31", prep: ownInspection,
		need: []auth.Permission{auth.PermExport, auth.PermLedgerView}, logged: true},
	// QR check points and patrols. Unit-scoped inspectors (unit head, lab
	// manager) may patrol only places of their unit; the fixture's place
	// has none, so they are refused there.
	{route: "GET /qr/{token}", path: "/qr/{token}", prep: withCheckPoint, need: orgView, secret: "实训楼A", show: "实训楼A"},
	{route: "POST /qr/{token}/patrol", path: "/qr/{token}/patrol", prep: withCheckPoint, need: patrolInspect, secret: "实训楼A",
		want: map[string]int{"unithead": http.StatusForbidden, "labmanager": http.StatusForbidden}, form: vals("client_id", "qr-{user}")},
	{route: "GET /checkpoints", path: "/checkpoints", need: orgManage, show: "实训楼A"},
	{route: "POST /checkpoints/places/{id}", path: "/checkpoints/places/{place}", need: orgManage, secret: "实训楼A", form: checkpointToggle},
	{route: "GET /checkpoints/{id}/qr.png", path: "/checkpoints/{cp}/qr.png", prep: withCheckPoint, need: orgManage,
		want: map[string]int{"other_admin": http.StatusNotFound}},
	{route: "GET /checkpoints/labels", path: "/checkpoints/labels?building={place}", prep: withCheckPoint, need: orgManage, secret: "实训楼A", show: "qr.png"},
	// Ledger viewers see the school's patrols, inspectors their own.
	{route: "GET /patrols", path: "/patrols", need: patrolInspect, want: map[string]int{"authority": http.StatusOK}, show: "巡查记录"},
	{route: "GET /patrols/coverage", path: "/patrols/coverage", need: patrolLedger, show: "东区网格"},
	{route: "GET /patrols/coverage/detail", path: "/patrols/coverage/detail?grid={grid}&day=2026-03-02", need: patrolLedger, secret: "东区网格", show: "东区网格"},
	{route: "GET /patrols/targets", path: "/patrols/targets", need: orgView, show: "巡查频次标准"},
	{route: "POST /patrols/targets", path: "/patrols/targets", need: orgManage, form: targetChange},
}
