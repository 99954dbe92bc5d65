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
	// Campaigns and mobilisation notices (campaign_pages_test.go has
	// withCampaign): everyone of the school and the authority may view;
	// the office (school admin) and system admin manage. The notice went
	// to every school role, so only the authority viewer (and the system
	// admin, who may manage but is no recipient) cannot acknowledge it.
	{route: "GET /campaigns", path: "/campaigns", need: campaignView, prep: withCampaign, show: "校园安全生产专项整治"},
	{route: "GET /campaigns/new", path: "/campaigns/new", need: campaignManage, show: `action="/campaigns/new"`},
	{route: "POST /campaigns/new", path: "/campaigns/new", need: campaignManage,
		form: vals("name", "专项整治-{user}", "starts_on", "2026-03-01", "ends_on", "2026-12-31", "report_due_on", "2026-12-20")},
	{route: "GET /campaigns/{id}", path: "/campaigns/{campaign}", need: campaignView, prep: withCampaign, secret: "校园安全生产专项整治", show: "学习动员阶段"},
	{route: "GET /campaigns/{id}/edit", path: "/campaigns/{campaign}/edit", need: campaignManage, prep: withCampaign, secret: "校园安全生产专项整治",
		show: `value="校园安全生产专项整治"`},
	{route: "POST /campaigns/{id}/edit", path: "/campaigns/{campaign}/edit", need: campaignManage, prep: withCampaign, secret: "校园安全生产专项整治",
		form: vals("name", "专项整治-{user}", "starts_on", "2019-11-01", "ends_on", "2020-12-31")},
	{route: "GET /campaigns/{id}/phases/new", path: "/campaigns/{campaign}/phases/new", need: campaignManage, prep: withCampaign,
		secret: "校园安全生产专项整治", show: `name="starts_on"`},
	{route: "POST /campaigns/{id}/phases/new", path: "/campaigns/{campaign}/phases/new", need: campaignManage, prep: withCampaign,
		secret: "校园安全生产专项整治", form: phaseForm},
	{route: "GET /campaigns/{id}/phases/{pid}/edit", path: "/campaigns/{campaign}/phases/{phase}/edit", need: campaignManage, prep: withCampaign,
		secret: "学习动员阶段", show: `value="学习动员阶段"`},
	{route: "POST /campaigns/{id}/phases/{pid}/edit", path: "/campaigns/{campaign}/phases/{phase}/edit", need: campaignManage, prep: withCampaign,
		secret: "学习动员阶段", form: vals("name", "学习动员-{user}", "starts_on", "2019-11-20", "ends_on", "2019-12-31")},
	{route: "GET /campaigns/{id}/milestones/new", path: "/campaigns/{campaign}/milestones/new", need: campaignManage, prep: withCampaign,
		secret: "校园安全生产专项整治", show: `name="due_on"`},
	// The other school's admin names the main school's campaign: not found.
	{route: "POST /campaigns/{id}/milestones/new", path: "/campaigns/{campaign}/milestones/new", need: campaignManage, prep: withCampaign,
		secret: "校园安全生产专项整治", form: vals("name", "新一轮排查-{user}", "starts_on", "2020-01-01", "due_on", "2020-03-31", "unit_id", "{unit}")},
	{route: "GET /campaigns/{id}/milestones/{mid}/edit", path: "/campaigns/{campaign}/milestones/{milestone}/edit", need: campaignManage, prep: withCampaign,
		secret: "完成学习动员各项要求", show: `value="完成学习动员各项要求"`},
	{route: "POST /campaigns/{id}/milestones/{mid}/edit", path: "/campaigns/{campaign}/milestones/{milestone}/edit", need: campaignManage, prep: withCampaign,
		secret: "完成学习动员各项要求", form: vals("name", "学习动员-{user}", "due_on", "2019-12-31", "unit_id", "{unit}", "unit_id", "{labunit}")},
	{route: "POST /campaigns/{id}/milestones/{mid}/status", path: "/campaigns/{campaign}/milestones/{milestone}/status", need: campaignManage,
		prep: withCampaign, secret: "完成学习动员各项要求", form: vals("done", "true", "evidence_note", "动员会纪要已归档-{user}")},
	// The report to the authority: report.view (office, leaders, authority), every generation recorded.
	{route: "GET /campaigns/{id}/report", path: "/campaigns/{campaign}/report", need: reportView, prep: withCampaign, secret: "校园安全生产专项整治",
		show: "一、总体情况", logged: true},
	{route: "GET /campaigns/{id}/report.pdf", path: "/campaigns/{campaign}/report.pdf", need: reportView, prep: withCampaign, secret: "校园安全生产专项整治",
		ok: pdfStatus(), logged: true},
	{route: "GET /campaigns/{id}/report.docx", path: "/campaigns/{campaign}/report.docx", need: reportView, prep: withCampaign, secret: "校园安全生产专项整治", logged: true},
	{route: "GET /campaigns/{id}/report.xlsx", path: "/campaigns/{campaign}/report.xlsx", need: reportView, prep: withCampaign, secret: "校园安全生产专项整治", logged: true},
	{route: "GET /notices", path: "/notices", need: campaignView, prep: withCampaign, show: "动员通知"},
	{route: "GET /notices/new", path: "/notices/new", need: campaignManage, prep: withCampaign, show: `action="/notices/new"`},
	// The other school's admin names the main school's unit: invalid.
	{route: "POST /notices/new", path: "/notices/new", need: campaignManage, want: map[string]int{"other_admin": http.StatusUnprocessableEntity},
		form: vals("title", "动员通知-{user}", "body", "请各部门抓好落实。", "unit_id", "{unit}", "role", "staff")},
	{route: "GET /notices/{id}", path: "/notices/{notice}", need: campaignView, prep: withCampaign, want: map[string]int{"authority": http.StatusNotFound},
		secret: "关于召开专项整治动员部署会的通知", show: "关于召开专项整治动员部署会的通知"},
	{route: "POST /notices/{id}/ack", path: "/notices/{notice}/ack", need: campaignView, prep: withCampaign,
		want: map[string]int{"authority": http.StatusNotFound, "admin": http.StatusNotFound}, secret: "关于召开专项整治动员部署会的通知"},
	{route: "GET /notices/{id}/acks", path: "/notices/{notice}/acks", need: campaignManage, prep: withCampaign,
		secret: "关于召开专项整治动员部署会的通知", show: "阅读确认情况"},

	// Rules register, policy items and safety meetings (rules_pages_test.go
	// has the preps): every member with org.view (the authority too) reads,
	// rules.manage (school and system admins) changes.
	{route: "GET /rules", path: "/rules", need: orgView, prep: ownRule, show: "配电房安全管理制度"},
	{route: "GET /rules/new", path: "/rules/new", need: rulesManage, show: `action="/rules/new"`},
	{route: "POST /rules/new", path: "/rules/new", need: rulesManage,
		form: vals("code", "ZD-{user}", "title", "值班制度-{user}", "area", "SEC", "effective_on", "2026-03-01", "place_type", "gate")},
	{route: "GET /rules/{id}", path: "/rules/{rule}", need: orgView, prep: ownRule, secret: "配电房安全管理制度", show: "配电房安全管理制度"},
	{route: "GET /rules/{id}/edit", path: "/rules/{rule}/edit", need: rulesManage, prep: ownRule, secret: "配电房安全管理制度", show: `value="配电房安全管理制度"`},
	{route: "POST /rules/{id}/edit", path: "/rules/{rule}/edit", need: rulesManage, prep: ownRule, secret: "配电房安全管理制度",
		form: vals("title", "配电房制度（更正）-{user}", "area", "LOG", "effective_on", "2026-03-01", "place_id", "{place}")},
	{route: "GET /rules/{id}/revise", path: "/rules/{rule}/revise", need: rulesManage, prep: ownRule, secret: "配电房安全管理制度", show: `action="/rules/`},
	{route: "POST /rules/{id}/revise", path: "/rules/{rule}/revise", need: rulesManage, prep: ownRule, secret: "配电房安全管理制度",
		form: vals("title", "配电房制度（修订）-{user}", "area", "LOG", "effective_on", "2026-03-02", "place_id", "{place}")},
	{route: "POST /rules/{id}/postings", path: "/rules/{rule}/postings", need: rulesManage, prep: ownRule, secret: "配电房安全管理制度",
		form: vals("place_id", "{place}", "posted", "true")},
	{route: "GET /policies", path: "/policies", need: orgView, prep: ownPolicy, show: "电动自行车充电管理缺少制度"},
	{route: "GET /policies/new", path: "/policies/new", need: rulesManage, show: `action="/policies/new"`},
	// The other school's admin names the main school's unit: invalid.
	{route: "POST /policies/new", path: "/policies/new", need: rulesManage, want: map[string]int{"other_admin": http.StatusUnprocessableEntity},
		form: vals("title", "实验室废弃物处置-{user}", "measures", "制定处置规程", "lead_unit_id", "{unit}", "responsible_person_id", "{person}")},
	{route: "GET /policies/{id}", path: "/policies/{policy}", need: orgView, prep: ownPolicy, secret: "电动自行车充电管理缺少制度", show: "电动自行车充电管理缺少制度"},
	{route: "GET /policies/{id}/edit", path: "/policies/{policy}/edit", need: rulesManage, prep: ownPolicy, secret: "电动自行车充电管理缺少制度",
		show: `value="电动自行车充电管理缺少制度"`},
	{route: "POST /policies/{id}/edit", path: "/policies/{policy}/edit", need: rulesManage, prep: ownPolicy, secret: "电动自行车充电管理缺少制度",
		form: vals("title", "电动车充电-{user}", "measures", "制定规定", "lead_unit_id", "{unit}", "responsible_person_id", "{person}")},
	{route: "POST /policies/{id}/status", path: "/policies/{policy}/status", need: rulesManage, prep: ownPolicy, secret: "电动自行车充电管理缺少制度",
		form: vals("action", "draft", "note", "开始起草-{user}")},
	{route: "GET /meetings", path: "/meetings", need: orgView, prep: ownMeeting, show: "三月安全工作例会"},
	{route: "GET /meetings/new", path: "/meetings/new", need: rulesManage, show: `action="/meetings/new"`},
	{route: "POST /meetings/new", path: "/meetings/new", need: rulesManage, form: vals("title", "四月例会-{user}", "kind", "regular", "scheduled_on", "2026-04-01")},
	{route: "GET /meetings/{id}", path: "/meetings/{meeting}", need: orgView, prep: ownMeeting, secret: "三月安全工作例会", show: "三月安全工作例会"},
	{route: "GET /meetings/{id}/edit", path: "/meetings/{meeting}/edit", need: rulesManage, prep: ownMeeting, secret: "三月安全工作例会", show: `value="三月安全工作例会"`},
	{route: "POST /meetings/{id}/edit", path: "/meetings/{meeting}/edit", need: rulesManage, prep: ownMeeting, secret: "三月安全工作例会",
		form: vals("title", "三月例会-{user}", "kind", "regular", "scheduled_on", "2026-03-01", "held_on", "2026-03-01", "minutes", "纪要", "attendee_id", "{person}")},
	{route: "POST /meetings/{id}/decisions", path: "/meetings/{meeting}/decisions", need: rulesManage, prep: ownMeeting, secret: "三月安全工作例会",
		form: vals("text", "清理配电房-{user}", "owner_unit_id", "{unit}", "due_on", "2026-03-31")},

	// Notifications (notify_pages_test.go has the preps). Everyone reads and
	// marks their own inbox (reading is personal state: not audited); only
	// admins configure the school's channels.
	{route: "GET /inbox", path: "/inbox", show: "收件箱"},
	{route: "POST /inbox/{id}/read", path: "/inbox/{msg}/read", prep: ownInboxItem, noData: true},
	{route: "POST /inbox/read-all", path: "/inbox/read-all", prep: ownInboxItem, noData: true},
	{route: "GET /settings/notify", path: "/settings/notify", need: notifyManage, prep: withChannel, show: "安全办工作群"},
	{route: "POST /settings/notify", path: "/settings/notify", need: notifyManage,
		form: vals("kind", "wecom", "name", "工作群-{user}", "wecom_key", "693a91f6-7aaa-4bc4-97a0-0ec2a1fa5aaa")},
	{route: "POST /settings/notify/{id}", path: "/settings/notify/{channel}", need: notifyManage, prep: withChannel, secret: "安全办工作群",
		form: vals("name", "工作群改名-{user}")},
	{route: "POST /settings/notify/{id}/active", path: "/settings/notify/{channel}/active", need: notifyManage, prep: withChannel, secret: "安全办工作群",
		form: vals("active", "false")},
	{route: "POST /settings/notify/{id}/test", path: "/settings/notify/{channel}/test", need: notifyManage, prep: withChannel, secret: "安全办工作群"},

	// Hazards (hazard_scenario_test.go has the preps). The list opens for
	// every reporter and viewer (the service scopes its rows); the record
	// and its photos only for who may see the hazard, others get 404; a
	// step needs the transition table's relation (confirm: the office).
	{route: "GET /hazards", path: "/hazards", prep: ownHazard, want: map[string]int{"authority": http.StatusOK}, need: hazardReport, show: "隐患"},
	{route: "GET /hazards/report", path: "/hazards/report?place={place}", need: hazardReport, show: `name="client_id"`},
	// The other school's admin names the main school's place: invalid.
	{route: "POST /hazards/report", path: "/hazards/report", need: hazardReport, prep: hazardPhotoStore,
		want: map[string]int{"other_admin": http.StatusUnprocessableEntity},
		form: vals("client_id", "scenario-report-{user}", "place_id", "{place}", "description", "楼梯间堆放杂物-{user}")},
	{route: "GET /hazards/{id}", path: "/hazards/{hazard}", need: hazardView, hide: auth.PermHazardView, prep: ownHazard, want: hazardOutOfUnit,
		secret: scenarioHazardText, show: scenarioHazardText},
	{route: "POST /hazards/{id}/{action}", path: "/hazards/{hazard}/confirm", need: hazardManage, hide: auth.PermHazardView, prep: freshHazard,
		want: hazardOutOfUnit, secret: scenarioHazardText, form: vals("version", "{version}", "level", "general", "area", "FIRE", "category", "消防设施")},
	{route: "GET /hazards/{id}/photos/{photo}", path: "/hazards/{hazard}/photos/{hazardphoto}", need: hazardView, hide: auth.PermHazardView,
		prep: ownHazard, want: hazardOutOfUnit, secret: scenarioHazardText},
	// The public page behind a place's QR code: no login, every visitor.
	{route: "GET /r/{token}", path: "/r/{token}", public: true, prep: anonPoint, show: "隐患描述"},
	{route: "POST /r/{token}", path: "/r/{token}", public: true, ok: http.StatusOK, prep: anonPoint, form: vals("description", "消防通道被占用-{user}")},
	// Deadlines and escalation (hazard_notice_test.go has the prep): the
	// supervision notice for whoever may see the hazard (a unit head
	// outside its unit and other schools get 404); the settings for the
	// office, each saving values of their own so each save is audited.
	{route: "GET /hazards/{id}/notice", path: "/hazards/{overdue}/notice", need: hazardView, hide: auth.PermHazardView, prep: overdueHazard,
		want: hazardOutOfUnit, secret: noticeHazardText, show: "安全隐患整改督办单"},
	{route: "GET /settings/hazards", path: "/settings/hazards", need: hazardManage, show: `name="escalate_leader_h"`},
	{route: "POST /settings/hazards", path: "/settings/hazards", need: hazardManage, form: func(x *rowCtx) url.Values {
		h := map[string]string{"admin": "13", "office": "12", "other_admin": "11"}[x.user]
		if h == "" {
			h = "10"
		}
		return url.Values{"max_extension_days": {"20"}, "escalate_unit_head_h": {h}, "escalate_leader_h": {"24"}, "escalate_office_h": {"48"}}
	}},

	// The four lists and the hazard statistics (lists_pages_test.go checks
	// the rows each role sees). The lists open for hazard viewers, scoped;
	// exports need the export right too (unit heads, grid leaders and the
	// authority have none); the statistics are school-wide figures, so a
	// unit-scoped viewer is refused.
	{route: "GET /lists/work", path: "/lists/work", need: listsView, show: "工作清单"},
	{route: "GET /lists/work/export.xlsx", path: "/lists/work/export.xlsx", need: listsExport, logged: true},
	// Closing a work-list task: its owner, the owning unit's head or the office.
	// The fixture's task belongs to 赵组长, who has no account: the office only.
	{route: "POST /tasks/{id}/status", path: "/tasks/{task}/status", need: campaignManage, prep: ownTask, secret: "整改台账归档",
		form: vals("status", "done")},
	{route: "GET /lists/problems", path: "/lists/problems", need: listsView, show: "问题清单"},
	{route: "GET /lists/problems/export.xlsx", path: "/lists/problems/export.xlsx?status=closed", need: listsExport, logged: true},
	{route: "GET /lists/responsibility", path: "/lists/responsibility", need: listsView, show: "责任清单"},
	{route: "GET /lists/responsibility/export.xlsx", path: "/lists/responsibility/export.xlsx", need: listsExport, logged: true},
	{route: "GET /lists/rectification", path: "/lists/rectification", need: listsView, show: "整改清单"},
	{route: "GET /lists/rectification/export.xlsx", path: "/lists/rectification/export.xlsx", need: listsExport, logged: true},
	{route: "GET /statistics/hazards", path: "/statistics/hazards?period=2026-Q1", need: listsView, want: map[string]int{"unithead": http.StatusForbidden},
		show: "2026年第一季度"},
	{route: "GET /statistics/hazards/export.xlsx", path: "/statistics/hazards/export.xlsx?period=2026", need: listsExport, logged: true},

	// Dashboards (decision 0024): school-wide figures for the leaders, the
	// office and the authority (dashboard.view; a unit head is refused);
	// the authority page for authority viewers and the system admin; an
	// overseen school's dashboard is "not found" to anyone outside it.
	{route: "GET /dashboard", path: "/dashboard?period=2026-Q1", need: []auth.Permission{auth.PermDashboardView}, show: "领导驾驶舱"},
	{route: "GET /authority", path: "/authority?period=2026-Q1", need: []auth.Permission{auth.PermAuthorityView}, show: "市卫健委"},
	{route: "GET /authority/schools/{id}", path: "/authority/schools/{school}?period=2026-Q1", need: []auth.Permission{auth.PermDashboardView},
		secret: "测试卫生学校", show: "领导驾驶舱"},

	// Look-back (lookback_scenario_test.go has the preps). School-wide
	// hazard viewers read the draws (a unit head's view is its unit: 403);
	// the office draws (another school's admin finds nothing to draw in
	// their own school: 422); everyone opens "my re-checks"; a result is
	// recorded by the named inspector (the inspector account is linked to
	// 王电工, whom the draw names) or the office, others get 403.
	{route: "GET /lookback", path: "/lookback", need: hazardView, want: lookbackOutOfSchoolView, show: "回头看"},
	{route: "POST /lookback", path: "/lookback", need: hazardManage, prep: withClosedHazard,
		want: map[string]int{"other_admin": http.StatusUnprocessableEntity},
		form: vals("mode", "count", "size", "1", "inspector_id", "{person}", "due_on", "2026-03-20")},
	{route: "GET /lookback/mine", path: "/lookback/mine", show: "我的复查"},
	{route: "GET /lookback/{id}", path: "/lookback/{draw}", need: hazardView, prep: ownDraw, want: lookbackOutOfSchoolView,
		secret: scenarioLookbackText, show: scenarioLookbackText},
	{route: "POST /lookback/checks/{id}", path: "/lookback/checks/{check}", need: hazardManage, prep: freshDraw,
		want: map[string]int{"inspector": http.StatusSeeOther}, secret: scenarioLookbackText,
		form: vals("result", "passed", "note", "现场灭火器压力正常-{user}")},

	// The compliance scorecard (compliance_pages_test.go checks the rows and
	// cells). Every viewer role opens it (unit heads see their units' rows);
	// the drill-down of the unit head's own unit; the export needs the
	// export right too; parameters are the office's. Each user posts a
	// different value, so every success is a real change with its entry.
	{route: "GET /compliance", path: "/compliance?period=2026-Q1", need: []auth.Permission{auth.PermComplianceView}, show: "检查频次"},
	{route: "GET /compliance.xlsx", path: "/compliance.xlsx?period=2026-Q1", need: []auth.Permission{auth.PermExport, auth.PermComplianceView}, logged: true},
	{route: "GET /compliance/rules/{rule}", path: "/compliance/rules/inspection_frequency?period=2026-Q1&scope=unit:{unit}",
		need: []auth.Permission{auth.PermComplianceView}, secret: "后勤管理处", show: "后勤管理处"},
	{route: "POST /compliance/rules/{rule}/params", path: "/compliance/rules/report/params?period=2026-Q1&scope=school",
		need: []auth.Permission{auth.PermComplianceManage}, form: func(x *rowCtx) url.Values {
			return url.Values{"param_lead_days": {map[string]string{"office": "10", "admin": "11", "other_admin": "12"}[x.user]}}
		}},
}
