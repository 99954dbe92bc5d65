package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"safecampus/internal/auth"
)

// routeCase is one row of the route × role scenario table: one route
// pattern, the request each user sends, and who may succeed. The status
// every user must get follows from these fields (see expected).
type routeCase struct {
	route  string                                 // method and pattern, exactly as in Routes()
	path   string                                 // concrete path; {name} is the fixture's id of that name
	form   func(x *rowCtx) url.Values             // POST values (the CSRF token is added)
	file   func(x *rowCtx) (name, content string) // when set: a multipart upload of this file as "file"
	prep   func(x *rowCtx)                        // per-user preparation before the request (e.g. a fresh record)
	bare   bool                                   // sent from a client without session (the login form)
	public bool                                   // needs no login: every user succeeds
	need   []auth.Permission                      // a user whose roles carry all of these succeeds, others get 403
	hide   auth.Permission                        // a user without this one gets 404: the record is out of reach and its existence not told
	ok     int                                    // success status; 0 means 200 for GET, 303 for POST
	want   map[string]int                         // per-user status overriding the rules above
	secret string                                 // record routes: the main school's record, never shown to another school or a refused user
	show   string                                 // a page (200) of the main school contains this
	noData bool                                   // a successful POST changes no data, so appends no audit entry
	logged bool                                   // a successful GET appends an audit entry (exports are recorded)
}

// rowCtx is one user's turn in a row.
type rowCtx struct {
	t    testing.TB
	f    *fixture
	user string
	c    *client
	vars map[string]string
}

// id returns a fixture id by name, as a form value.
func (x *rowCtx) id(name string) string {
	v, ok := x.vars[name]
	if !ok {
		x.t.Fatalf("fixture has no id %q", name)
	}
	return v
}

// scenarioUsers is the order users take their turn in each row: the other
// school's admin first, while the main school's records are as set up,
// and the two users who may change data last.
var scenarioUsers = []string{"other_admin", "anon", "principal", "supervisor", "unithead", "gridleader",
	"inspector", "guard", "labmanager", "staff", "authority", "office", "admin"}

// mainSchoolMarkers are names of the main school that no page shown to
// the other school's admin may contain.
var mainSchoolMarkers = []string{"测试卫生学校", "后勤管理处", "王电工", "13800000001", "实训楼A", "东区网格", "安全工作领导小组", "赵组长", "scenario_user"}

// inlineCode finds script or style in a page itself, which the CSP
// (no 'unsafe-inline') would block in the browser.
var inlineCode = regexp.MustCompile(`(?i)<script[^>]*>[^<]+|<style|\sstyle="|\son[a-z]+="`)

// expected is the status user must get in row rc.
func (rc routeCase) expected(f *fixture, user, method string) int {
	if code, ok := rc.want[user]; ok {
		return code
	}
	ok := rc.ok
	if ok == 0 {
		ok = map[bool]int{true: http.StatusOK, false: http.StatusSeeOther}[method == http.MethodGet]
	}
	switch {
	case user == "anon" && !rc.public && method == http.MethodGet:
		return http.StatusSeeOther // to the login page
	case user == "anon" && !rc.public:
		return http.StatusUnauthorized
	case user == "other_admin" && rc.secret != "":
		return http.StatusNotFound
	case rc.public:
		return ok
	}
	role := f.roleOf[user]
	if rc.hide != "" && !auth.RoleHas(role, rc.hide) {
		return http.StatusNotFound
	}
	for _, p := range rc.need {
		if !auth.RoleHas(role, p) {
			return http.StatusForbidden
		}
	}
	return ok
}

// send makes x's request of row rc.
func (x *rowCtx) send(method, path string, rc routeCase) *httptest.ResponseRecorder {
	c := x.c
	if rc.bare {
		c = x.f.newClient(x.t)
	}
	if method == http.MethodGet {
		return c.get(path)
	}
	v := url.Values{}
	if rc.form != nil {
		v = rc.form(x)
	}
	if x.user != "anon" && !rc.bare {
		v.Set("csrf_token", c.token())
	}
	if rc.file == nil {
		return c.postRaw(path, v)
	}
	name, content := rc.file(x)
	return c.do(multipartRequest(x.t, path, v, name, content))
}

// run drives row rc as every user and checks each answer.
func (f *fixture) run(t *testing.T, rc routeCase) {
	f.bind(t)
	method, _, _ := strings.Cut(rc.route, " ")
	for _, user := range scenarioUsers {
		x := &rowCtx{t: t, f: f, user: user, c: f.clients[user], vars: f.vars}
		if rc.prep != nil {
			x.vars = map[string]string{}
			for k, v := range f.vars {
				x.vars[k] = v
			}
			rc.prep(x)
		}
		path := rc.path
		for k, v := range x.vars {
			path = strings.ReplaceAll(path, "{"+k+"}", v)
		}
		before := f.auditCount(t)
		rec := x.send(method, path, rc)
		after := f.auditCount(t)
		want, got, body := rc.expected(f, user, method), rec.Code, rec.Body.String()
		where := user + " " + method + " " + path
		if got != want {
			t.Errorf("%s: status %d, want %d; body: %.300s", where, got, want, body)
		}
		toLogin := user == "anon" && !rc.public && method == http.MethodGet
		success := got < 400 && !toLogin
		switch {
		case toLogin:
			if loc := rec.Header().Get("Location"); !strings.HasPrefix(loc, "/login?next=") {
				t.Errorf("%s: redirected to %q, want the login page", where, loc)
			}
		case success && (rc.logged || method == http.MethodPost && !rc.noData):
			if after == before {
				t.Errorf("%s: status %d, yet no audit entry was appended", where, got)
			}
		default:
			if after != before {
				t.Errorf("%s: status %d, yet %d audit entries were appended", where, got, after-before)
			}
		}
		if rc.secret != "" && (!success || user == "other_admin") && strings.Contains(body, rc.secret) {
			t.Errorf("%s: status %d shows the record %q", where, got, rc.secret)
		}
		if user == "other_admin" {
			for _, m := range mainSchoolMarkers {
				if strings.Contains(body, m) {
					t.Errorf("%s: the other school's admin is shown %q of the main school", where, m)
				}
			}
		} else if got == http.StatusOK && rc.show != "" && !strings.Contains(body, rc.show) {
			t.Errorf("%s: page lacks %q; body: %.300s", where, rc.show, body)
		}
		if got == http.StatusOK && strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") && inlineCode.MatchString(body) {
			t.Errorf("%s: page has inline script or style, which the CSP blocks: %q", where, inlineCode.FindString(body))
		}
		if success && strings.HasSuffix(path, ".xlsx") && rec.Header().Get("Content-Type") != xlsxType {
			t.Errorf("%s: content type %q, want xlsx", where, rec.Header().Get("Content-Type"))
		}
	}
}

// TestRouteScenarios drives every route as every role, the other school's
// admin and an anonymous client. GET rows share one copy of the fixture
// (they change nothing but the audit log of exports, which run checks);
// each POST row gets its own copy.
func TestRouteScenarios(t *testing.T) {
	var gets, posts []routeCase
	for _, rc := range routeScenarios {
		if strings.HasPrefix(rc.route, "GET ") {
			gets = append(gets, rc)
		} else {
			posts = append(posts, rc)
		}
	}
	base := newFixture(t)
	t.Run("GET", func(t *testing.T) {
		t.Parallel()
		f := base.clone(t)
		for _, rc := range gets {
			t.Run(rc.route, func(t *testing.T) { f.run(t, rc) })
		}
	})
	for _, rc := range posts {
		t.Run(rc.route, func(t *testing.T) {
			t.Parallel()
			base.clone(t).run(t, rc)
		})
	}
}

// TestRouteScenarioTableCoversRoutes fails for a route without scenarios
// and for a scenario of a route that no longer exists.
func TestRouteScenarioTableCoversRoutes(t *testing.T) {
	routes := newTestServer(t).Server.Routes()
	seen := map[string]bool{}
	for _, rc := range routeScenarios {
		if seen[rc.route] {
			t.Errorf("route %q has two rows in the scenario table", rc.route)
		}
		seen[rc.route] = true
		if !slices.Contains(routes, rc.route) {
			t.Errorf("scenario row %q names no route of Routes(); remove or rename it", rc.route)
		}
	}
	for _, r := range routes {
		if !seen[r] {
			t.Errorf("route %q has no row in routeScenarios (routes_scenario_table_test.go): add who may use it", r)
		}
	}
}
