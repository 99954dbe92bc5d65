package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"safecampus/internal/auth"
	"safecampus/internal/hazard"
)

// hazardEnv is the fixture with a photo store and an account for 王电工
// (the person the office names as responsible), logged in as "wang".
type hazardEnv struct {
	*fixture
	x *rowCtx
}

func newHazardEnv(t *testing.T) *hazardEnv {
	t.Helper()
	f := newFixture(t)
	x := &rowCtx{t: t, f: f, user: "office", c: f.clients["office"], vars: map[string]string{}}
	for k, v := range f.vars {
		x.vars[k] = v
	}
	hazardPhotoStore(x)
	const pw = "pw-wang-2026-safe"
	acc, _, err := f.Auth.CreateAccount(context.Background(), auth.System(), auth.NewAccount{Username: "wang", DisplayName: "王电工",
		Password: pw, SchoolID: f.SchoolID, PersonID: f.PersonID, Grants: []auth.Grant{{Role: auth.RoleStaff, SchoolID: f.SchoolID, ScopeKind: auth.ScopeSchool}}})
	if err != nil {
		t.Fatal(err)
	}
	f.Passwords["wang"], f.AccountIDs["wang"] = pw, acc.ID
	f.clients["wang"] = f.login(t, "wang")
	return &hazardEnv{fixture: f, x: x}
}

var versionField = regexp.MustCompile(`name="version" value="(\d+)"`)

// page opens the hazard's record as c and returns its HTML.
func (e *hazardEnv) page(c *client, id string) string {
	e.x.t.Helper()
	rec := c.get("/hazards/" + id)
	expect(e.x.t, rec, http.StatusOK)
	return rec.Body.String()
}

// step posts action's form as c with the version the page shows.
func (e *hazardEnv) step(c *client, id, action string, v url.Values) *httptest.ResponseRecorder {
	e.x.t.Helper()
	v = withVersion(e, c, id, v)
	return c.postForm("/hazards/"+id+"/"+action, v)
}

// stepPhoto posts action's form with one camera photo (or a file that
// only claims to be one).
func (e *hazardEnv) stepPhoto(c *client, id, action string, v url.Values, content string) *httptest.ResponseRecorder {
	e.x.t.Helper()
	v = withVersion(e, c, id, v)
	v.Set("csrf_token", c.token())
	return c.do(renameFilePart(e.x.t, multipartRequest(e.x.t, "/hazards/"+id+"/"+action, v, "camera.jpg", content), "photos"))
}

func withVersion(e *hazardEnv, c *client, id string, v url.Values) url.Values {
	if v == nil {
		v = url.Values{}
	}
	if v.Get("version") == "" {
		m := versionField.FindStringSubmatch(e.page(c, id))
		if m == nil {
			e.x.t.Fatalf("hazard %s shows %s no form with a version", id, "the user")
		}
		v.Set("version", m[1])
	}
	return v
}

// report files a hazard as c through 随手拍 with a photo and returns its id.
func (e *hazardEnv) report(c *client, desc string) string {
	t := e.x.t
	t.Helper()
	form := url.Values{"csrf_token": {c.token()}, "client_id": {"test-" + strconv.Itoa(len(desc)) + "-report"}, "place_id": {e.x.vars["place"]}, "description": {desc}}
	rec := c.do(renameFilePart(t, multipartRequest(t, "/hazards/report", form, "camera.png", string(pngBytes(t))), "photos"))
	loc := rec.Header().Get("Location")
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(loc, "/hazards/") {
		t.Fatalf("report: %d %q %.500s", rec.Code, loc, rec.Body.String())
	}
	again := c.do(renameFilePart(t, multipartRequest(t, "/hazards/report", form, "camera.png", string(pngBytes(t))), "photos"))
	if again.Header().Get("Location") != loc {
		t.Errorf("the same report sent twice went to %q and %q", loc, again.Header().Get("Location"))
	}
	return strings.TrimPrefix(loc, "/hazards/")
}

// TestHazardWorkflowPages walks the closed loop through the pages: a
// report with a photo, confirm, assign, start, a refused submission
// without evidence, submit with a photo, return, submit again, accept;
// the record then shows every step in its timeline.
func TestHazardWorkflowPages(t *testing.T) {
	e := newHazardEnv(t)
	staff, office, wang := e.clients["staff"], e.clients["office"], e.clients["wang"]
	id := e.report(staff, "二楼走廊灭火器压力不足")

	body := e.page(office, id)
	for _, want := range []string{`action="/hazards/` + id + `/confirm"`, `action="/hazards/` + id + `/reject"`, "待确认", "/hazards/" + id + "/photos/"} {
		if !strings.Contains(body, want) {
			t.Errorf("office's page lacks %q", want)
		}
	}
	expectAbsent(t, staff.get("/hazards/"+id), `action="/hazards/`+id+`/confirm"`)
	expect(t, e.step(office, id, "confirm", url.Values{"level": {"general"}, "area": {"FIRE"}, "category": {"消防设施"}}), http.StatusSeeOther)
	expect(t, e.step(office, id, "assign", url.Values{"unit_id": {e.x.vars["subunit"]}, "responsible_id": {e.x.vars["person"]},
		"measures": {"更换灭火器"}, "funds_yuan": {"300"}, "deadline": {"2026-03-09"}}), http.StatusSeeOther)
	expect(t, e.step(wang, id, "start", nil), http.StatusSeeOther)

	// Without evidence the submission is refused on the page (422), and
	// nothing changes.
	before := e.auditCount(t)
	rec := e.step(wang, id, "submit", url.Values{"note": {"已更换"}})
	expect(t, rec, http.StatusUnprocessableEntity, "提交验收前请上传至少一张整改后的照片", "已更换")
	if e.auditCount(t) != before {
		t.Error("a refused submission appended an audit entry")
	}
	// A text file posing as a photo is refused too.
	expect(t, e.stepPhoto(wang, id, "submit", url.Values{"note": {"已更换"}}, "<html>not a photo</html>"), http.StatusUnprocessableEntity)
	expect(t, e.stepPhoto(wang, id, "submit", url.Values{"note": {"已更换灭火器"}}, string(pngBytes(t))), http.StatusSeeOther)
	expect(t, e.step(office, id, "return", url.Values{"reason": {"照片看不清压力表"}}), http.StatusSeeOther)
	expect(t, e.stepPhoto(wang, id, "submit", url.Values{"note": {"已补拍压力表"}}, string(pngBytes(t))), http.StatusSeeOther)
	// The rectifier may not accept their own work: no accept form for them.
	expectAbsent(t, wang.get("/hazards/"+id), `action="/hazards/`+id+`/accept"`)
	expect(t, e.step(office, id, "accept", url.Values{"note": {"压力正常"}}), http.StatusSeeOther)

	body = e.page(office, id)
	for _, want := range []string{"已销号", "上报", "确认", "交办", "开始整改", "提交验收", "验收退回", "照片看不清压力表", "验收通过", "压力正常", "整改后照片"} {
		if !strings.Contains(body, want) {
			t.Errorf("closed hazard's page lacks %q", want)
		}
	}
	if n := strings.Count(body, `<li class="tl-`); n != 8 {
		t.Errorf("timeline has %d steps, want 8 (report, confirm, assign, start, submit, return, submit, accept)", n)
	}
	if got := e.clients["other_admin"].get("/hazards/" + id); got.Code != http.StatusNotFound {
		t.Errorf("another school's admin: %d", got.Code)
	}
}

// TestHazardDescriptionEscaped: a description with markup is shown as
// text on the list, the record and the home page, never run.
func TestHazardDescriptionEscaped(t *testing.T) {
	e := newHazardEnv(t)
	const evil = `<script>alert("x")</script><img src=x onerror=alert(1)>`
	id := e.report(e.clients["staff"], evil)
	for _, path := range []string{"/hazards", "/hazards/" + id} {
		rec := e.clients["office"].get(path)
		expect(t, rec, http.StatusOK, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;")
		expectAbsent(t, rec, evil, "<script>alert", "<img src=x")
	}
}

// TestHazardAnonymousReport: the public page behind a place's QR code
// needs no login, stores the report as 待确认 and shows its number; a
// flood from one address is refused (429) with a Chinese message; an
// unknown token is not found.
func TestHazardAnonymousReport(t *testing.T) {
	e := newHazardEnv(t)
	withCheckPoint(e.x)
	anon := e.clients["anon"]
	path := "/r/" + e.x.vars["token"]
	expect(t, anon.get(path), http.StatusOK, "实训楼A", `name="description"`, `name="contact"`, `capture="environment"`)
	req := multipartRequest(t, path, url.Values{"description": {"消防通道堆放自行车"}, "contact": {"13900001111"}}, "p.png", string(pngBytes(t)))
	rec := anon.do(renameFilePart(t, req, "photos"))
	expect(t, rec, http.StatusOK, "已收到您的报告", "2026-GEN-")
	number := regexp.MustCompile(`2026-GEN-\d{4}`).FindString(rec.Body.String())
	list := e.clients["office"].get("/hazards?status=reported")
	expect(t, list, http.StatusOK, number, "消防通道堆放自行车", "待确认")
	expect(t, anon.postRaw(path, url.Values{"description": {""}}), http.StatusUnprocessableEntity, "请填写隐患描述")
	var last int
	for i := 0; i < 10; i++ {
		last = anon.postRaw(path, url.Values{"description": {"刷屏"}}).Code
	}
	if last != http.StatusTooManyRequests {
		t.Errorf("after a flood the page answers %d, want 429", last)
	}
	expect(t, anon.postRaw(path, url.Values{"description": {"再来"}}), http.StatusTooManyRequests, "提交过于频繁")
	expect(t, anon.get("/r/no-such-token-000"), http.StatusNotFound)
	// Someone without an account who scans the patrol QR code is sent to
	// the login page, which offers this public page.
	expect(t, anon.get("/login?next=/qr/"+e.x.vars["token"]), http.StatusOK, `href="`+path+`"`)
	// A logged-in user's QR page offers 随手拍 for the place.
	expect(t, e.clients["staff"].get("/qr/"+e.x.vars["token"]), http.StatusOK, `href="/hazards/report?place=`+e.x.vars["place"]+`"`, "发现隐患？扫码上报")
}

// TestHazardHome: an open major hazard stays on the leaders' home page
// (not on a grid member's); the responsible person sees it to rectify,
// the named acceptor to accept.
func TestHazardHome(t *testing.T) {
	e := newHazardEnv(t)
	id := e.hazardAt(hazard.StatusRectifying, true)
	for _, user := range []string{"principal", "supervisor", "office"} {
		expect(t, e.clients[user].get("/"), http.StatusOK, "未销号的重大隐患", `href="/hazards/`+id+`"`)
	}
	expectAbsent(t, e.clients["inspector"].get("/"), "未销号的重大隐患")
	expect(t, e.clients["wang"].get("/"), http.StatusOK, "我负责整改的隐患", `href="/hazards/`+id+`"`)
	// Submitted without a named acceptor: it waits for the office.
	sub := e.hazardAt(hazard.StatusSubmitted, false)
	expect(t, e.clients["office"].get("/"), http.StatusOK, "待我验收的隐患", `href="/hazards/`+sub+`"`)
	expectAbsent(t, e.clients["wang"].get("/"), "待我验收的隐患")
}
