package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"safecampus/internal/auth"
	"safecampus/internal/checklist"
)

// The check-item library's rows of the route × role table; appended here
// so the routes of each area keep their rows beside their own tests.
func init() { routeScenarios = append(routeScenarios, checklistScenarios...) }

var (
	checklistManage = []auth.Permission{auth.PermChecklistManage}
	checklistExport = []auth.Permission{auth.PermExport, auth.PermOrgView}
)

// checklistFixture seeds the catalogue and gives the main school its own
// item XJ-1 (夜间值班巡查) and a set (夜巡检查表), then names their current
// ids for the user's request. It is idempotent: each user's turn calls it.
func checklistFixture(x *rowCtx) {
	ctx, sys, svc, school := context.Background(), auth.System(), x.f.Server.Checklist, x.f.SchoolID
	if err := checklist.EnsureBuiltins(ctx, x.f.DB, testTime); err != nil {
		x.t.Fatalf("seed catalogue: %v", err)
	}
	item, err := svc.FindItem(ctx, sys, school, "XJ-1")
	if err != nil {
		item, err = svc.SaveItem(ctx, sys, school, checklist.Item{Code: "XJ-1", Area: checklist.AreaSec, Title: "夜间值班巡查",
			Questions: []checklist.Question{{Text: "值班人员是否在岗"}, {Text: "值班记录是否完整"}}})
		if err != nil {
			x.t.Fatalf("fixture item: %v", err)
		}
	}
	sets, err := svc.ListSets(ctx, sys, school)
	if err != nil {
		x.t.Fatal(err)
	}
	var setID int64
	for _, st := range sets {
		if setID == 0 || st.ID < setID {
			setID = st.ID
		}
	}
	if setID == 0 {
		st, err := svc.SaveSet(ctx, sys, school, checklist.ItemSet{Name: "夜巡检查表"})
		if err == nil {
			err = svc.SetSetItems(ctx, sys, school, st.ID, []string{"XJ-1", "FIRE-4"})
		}
		if err != nil {
			x.t.Fatalf("fixture set: %v", err)
		}
		setID = st.ID
	}
	x.vars["xjitem"] = strconv.FormatInt(item.ID, 10)
	x.vars["itemset"] = strconv.FormatInt(setID, 10)
	x.vars["disable"] = strconv.FormatBool(!item.Disabled) // each turn changes something
	x.vars["token"] = "never-issued"
}

// checklistCSV is a one-item set file naming a new item per user.
func checklistCSV(x *rowCtx) (string, string) {
	code := "IMP-" + strings.ToUpper(strings.ReplaceAll(x.user, "_", ""))
	return "set.csv", "检查项编码,领域,检查项,问题编码,问题\n" + code + ",安保建设,导入检查项,," + "是否导入成功\n"
}

// previewChecklistImport uploads checklistCSV as a user who may import
// and keeps the preview's token; others keep a token never issued.
func previewChecklistImport(x *rowCtx) {
	checklistFixture(x)
	if x.user != "admin" && x.user != "office" && x.user != "other_admin" {
		return
	}
	name, content := checklistCSV(x)
	rec := x.c.do(multipartRequest(x.t, "/checklist/import", url.Values{"csrf_token": {x.c.token()}, "set_name": {"导入检查表-" + x.user}}, name, content))
	m := previewToken.FindStringSubmatch(rec.Body.String())
	if rec.Code != http.StatusOK || m == nil {
		x.t.Fatalf("%s: checklist import preview: status %d, body %.300s", x.user, rec.Code, rec.Body.String())
	}
	x.vars["token"] = m[1]
}

var checklistScenarios = []routeCase{
	{route: "GET /checklist", path: "/checklist", need: orgView, prep: checklistFixture, show: "消防泵房泵机开关是否设在自动位置"},
	{route: "GET /checklist/export.xlsx", path: "/checklist/export.xlsx", need: checklistExport, prep: checklistFixture, logged: true},
	{route: "GET /checklist/items/new", path: "/checklist/items/new", need: checklistManage, show: `action="/checklist/items/new"`},
	{route: "POST /checklist/items/new", path: "/checklist/items/new", need: checklistManage, prep: checklistFixture,
		form: vals("code", "N-{user}", "area", "SEC", "title", "新检查项-{user}", "questions", "问题一\n问题二", "place_type", "gate")},
	{route: "GET /checklist/items/{code}/edit", path: "/checklist/items/XJ-1/edit", need: checklistManage, prep: checklistFixture,
		secret: "夜间值班巡查", show: `value="夜间值班巡查"`},
	{route: "POST /checklist/items/{code}/edit", path: "/checklist/items/XJ-1/edit", need: checklistManage, prep: checklistFixture,
		secret: "夜间值班巡查", form: vals("id", "{xjitem}", "area", "SEC", "title", "夜间值班巡查-{user}", "questions", "值班人员是否在岗")},
	{route: "POST /checklist/items/{code}/disabled", path: "/checklist/items/XJ-1/disabled", need: checklistManage, prep: checklistFixture,
		secret: "夜间值班巡查", form: vals("disabled", "{disable}")},
	{route: "GET /checklist/sets", path: "/checklist/sets", need: orgView, prep: checklistFixture, show: "夜巡检查表"},
	{route: "GET /checklist/sets/new", path: "/checklist/sets/new", need: checklistManage, show: `action="/checklist/sets/new"`},
	{route: "POST /checklist/sets/new", path: "/checklist/sets/new", need: checklistManage, form: vals("name", "新检查表-{user}")},
	{route: "GET /checklist/sets/{id}", path: "/checklist/sets/{itemset}", need: orgView, prep: checklistFixture, secret: "夜巡检查表", show: "夜间值班巡查"},
	{route: "POST /checklist/sets/{id}/edit", path: "/checklist/sets/{itemset}/edit", need: checklistManage, prep: checklistFixture,
		secret: "夜巡检查表", form: vals("name", "夜巡检查表-{user}")},
	{route: "POST /checklist/sets/{id}/items", path: "/checklist/sets/{itemset}/items", need: checklistManage, prep: checklistFixture,
		secret: "夜巡检查表", form: vals("code", "FIRE-1", "code", "XJ-1")},
	{route: "POST /checklist/sets/{id}/active", path: "/checklist/sets/{itemset}/active", need: checklistManage, prep: checklistFixture,
		secret: "夜巡检查表", form: vals("active", "false")},
	{route: "GET /checklist/sets/{id}/export.xlsx", path: "/checklist/sets/{itemset}/export.xlsx", need: checklistExport, prep: checklistFixture,
		secret: "夜巡检查表", logged: true},
	{route: "GET /checklist/import", path: "/checklist/import", need: checklistManage, show: `name="set_name"`},
	// Success is the preview page; nothing is stored before the commit.
	{route: "POST /checklist/import", path: "/checklist/import", need: checklistManage, prep: checklistFixture, ok: http.StatusOK, noData: true,
		form: vals("set_name", "导入检查表-{user}"), file: checklistCSV},
	{route: "POST /checklist/import/commit", path: "/checklist/import/commit", need: checklistManage, prep: previewChecklistImport,
		form: vals("token", "{token}")},
}

func TestChecklistPages(t *testing.T) {
	f := newFixture(t)
	x := &rowCtx{t: t, f: f, user: "office", c: f.clients["office"], vars: map[string]string{}}
	checklistFixture(x)
	office := f.clients["office"]

	page := office.get("/checklist").Body.String()
	for _, want := range []string{"消防安全（14）", "后勤安全（6）", "LOG-1.9", "夜间值班巡查", "本校", "内置", "消防泵房"} {
		if !strings.Contains(page, want) {
			t.Errorf("library page lacks %q", want)
		}
	}

	// Editing a built-in item makes the school's version 2.
	fire4, err := f.Server.Checklist.FindItem(context.Background(), auth.System(), f.SchoolID, "FIRE-4")
	if err != nil {
		t.Fatal(err)
	}
	rec := office.postForm("/checklist/items/FIRE-4/edit", url.Values{"id": {strconv.FormatInt(fire4.ID, 10)}, "area": {"FIRE"},
		"title": {"消防泵房（本校）"}, "questions": {"泵机开关是否在自动位置\r\n\r\n水泵能否启动\n"}, "place_type": {"pump_room"},
		"photo_required": {"true"}, "default_level": {"major"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("edit FIRE-4: %d %.300s", rec.Code, rec.Body.String())
	}
	got, _ := f.Server.Checklist.FindItem(context.Background(), auth.System(), f.SchoolID, "FIRE-4")
	if got.Version != 2 || got.Builtin() || len(got.Questions) != 2 || got.Questions[1].Text != "水泵能否启动" || got.DefaultLevel != "major" {
		t.Errorf("FIRE-4 after the edit = %+v", got)
	}
	other, _ := f.Server.Checklist.FindItem(context.Background(), auth.System(), f.OtherSchoolID, "FIRE-4")
	if !other.Builtin() || other.Version != 1 {
		t.Errorf("the other school's FIRE-4 = v%d builtin %v", other.Version, other.Builtin())
	}

	// A form error re-renders with the message and the typed questions.
	rec = office.postForm("/checklist/items/new", url.Values{"code": {"FIRE-1"}, "area": {"FIRE"}, "title": {"x"}, "questions": {"自己的问题"}})
	if body := rec.Body.String(); rec.Code != http.StatusUnprocessableEntity || !strings.Contains(body, "已被使用") || !strings.Contains(body, "自己的问题") {
		t.Errorf("duplicate code: %d %.500s", rec.Code, body)
	}

	// A malformed import shows the row errors in Chinese and stores nothing.
	sets := f.countRows(t, `SELECT COUNT(*) FROM item_sets`)
	bad := "检查项编码,领域,检查项,问题编码,问题\nXJ-5,卫生,x,,q\n,安保建设,y,,q\n"
	rec = office.do(multipartRequest(t, "/checklist/import", url.Values{"csrf_token": {office.token()}, "set_name": {"坏文件"}}, "bad.csv", bad))
	body := rec.Body.String()
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(body, "领域“卫生”不存在") || !strings.Contains(body, "请填写检查项编码") ||
		strings.Contains(body, `name="token"`) {
		t.Errorf("bad import: %d %.800s", rec.Code, body)
	}
	if f.countRows(t, `SELECT COUNT(*) FROM item_sets`) != sets {
		t.Error("a bad import stored a set")
	}
}
