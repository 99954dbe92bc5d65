package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/sqldb"
	"safecampus/internal/testkit"
)

// testEnv is a real server over a fresh SQLite database with two schools:
// the main school holds one account per role, the other school one admin,
// so every page can be driven as every role and across the tenant line.
type testEnv struct {
	DB      *sqldb.DB
	Server  *Server
	Handler http.Handler
	Auth    *auth.Service
	Org     *org.Service
	Now     time.Time

	SchoolID, OtherSchoolID int64
	AuthorityID             int64 // oversees the main school
	CampusID                int64
	UnitID                  int64 // 后勤管理处: the unit head's unit
	SubUnitID               int64 // 配电班, below UnitID
	LabUnitID               int64 // 实验实训中心: the lab manager's unit
	PersonID                int64 // 王电工 in SubUnitID
	LabPersonID             int64 // 孙丽 in LabUnitID
	OtherUnitID             int64
	OtherPersonID           int64

	// Passwords maps every username to its password; Roles names the
	// account of each role; AccountIDs maps usernames to account ids.
	Passwords  map[string]string
	Roles      map[auth.Role]string
	AccountIDs map[string]int64
}

// testTime is the pinned clock of every test server.
var testTime = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// newTestServer builds the test environment (see testEnv).
func newTestServer(t testing.TB) *testEnv {
	t.Helper()
	ctx := context.Background()
	db := testkit.OpenDB(t, "sqlite")
	now := func() time.Time { return testTime }
	e := &testEnv{DB: db, Now: testTime, Auth: auth.NewService(db, now), Org: org.NewService(db, now),
		Passwords: map[string]string{}, Roles: map[auth.Role]string{}, AccountIDs: map[string]int64{}}
	srv, err := New(db, e.Auth, e.Org, slog.New(slog.NewTextHandler(io.Discard, nil)), now)
	if err != nil {
		t.Fatalf("web.New: %v", err)
	}
	e.Server, e.Handler = srv, srv.Handler()
	sys := auth.System()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("setup: %v", err)
		}
	}

	sc, err := e.Org.CreateSchool(ctx, sys, org.School{Code: "main", Name: "测试卫生学校"})
	must(err)
	e.SchoolID = sc.ID
	other, err := e.Org.CreateSchool(ctx, sys, org.School{Code: "other", Name: "另一所学校"})
	must(err)
	e.OtherSchoolID = other.ID
	au, err := e.Org.CreateAuthority(ctx, sys, org.Authority{Name: "市卫健委", SchoolIDs: []int64{e.SchoolID}})
	must(err)
	e.AuthorityID = au.ID

	c, err := e.Org.SaveCampus(ctx, sys, e.SchoolID, org.Campus{Name: "主校区"})
	must(err)
	e.CampusID = c.ID
	unit := func(school, parent int64, name string) int64 {
		u, err := e.Org.SaveUnit(ctx, sys, school, org.Unit{Name: name, Kind: org.UnitOffice, ParentID: parent})
		must(err)
		return u.ID
	}
	person := func(school, unit int64, name, staffNo, phone string) int64 {
		p, err := e.Org.SavePerson(ctx, sys, school, org.Person{Name: name, StaffNo: staffNo, UnitID: unit, Phone: phone})
		must(err)
		return p.ID
	}
	e.UnitID = unit(e.SchoolID, 0, "后勤管理处")
	e.SubUnitID = unit(e.SchoolID, e.UnitID, "配电班")
	e.LabUnitID = unit(e.SchoolID, 0, "实验实训中心")
	e.PersonID = person(e.SchoolID, e.SubUnitID, "王电工", "T001", "13800000001")
	e.LabPersonID = person(e.SchoolID, e.LabUnitID, "孙丽", "T002", "13800000002")
	e.OtherUnitID = unit(e.OtherSchoolID, 0, "外校保卫处")
	e.OtherPersonID = person(e.OtherSchoolID, e.OtherUnitID, "外校人员", "X001", "13900000001")

	school := func(r auth.Role) auth.Grant {
		return auth.Grant{Role: r, SchoolID: e.SchoolID, ScopeKind: auth.ScopeSchool}
	}
	specs := []struct {
		username string
		home     int64
		grant    auth.Grant
	}{
		{"admin", 0, auth.Grant{Role: auth.RoleSystemAdmin, ScopeKind: auth.ScopeSystem}},
		{"office", e.SchoolID, school(auth.RoleSchoolAdmin)},
		{"principal", e.SchoolID, school(auth.RolePrincipalLeader)},
		{"supervisor", e.SchoolID, school(auth.RoleSupervisor)},
		{"unithead", e.SchoolID, auth.Grant{Role: auth.RoleUnitHead, SchoolID: e.SchoolID, ScopeKind: auth.ScopeUnit, ScopeID: e.UnitID}},
		{"gridleader", e.SchoolID, school(auth.RoleGridLeader)},
		{"inspector", e.SchoolID, school(auth.RoleGridMember)},
		{"guard", e.SchoolID, school(auth.RoleGuard)},
		{"labmanager", e.SchoolID, auth.Grant{Role: auth.RoleLabManager, SchoolID: e.SchoolID, ScopeKind: auth.ScopeUnit, ScopeID: e.LabUnitID}},
		{"staff", e.SchoolID, school(auth.RoleStaff)},
		{"authority", 0, auth.Grant{Role: auth.RoleAuthorityViewer, ScopeKind: auth.ScopeAuthority, ScopeID: e.AuthorityID}},
		{"other_admin", e.OtherSchoolID, auth.Grant{Role: auth.RoleSchoolAdmin, SchoolID: e.OtherSchoolID, ScopeKind: auth.ScopeSchool}},
	}
	for _, sp := range specs {
		pw := "pw-" + sp.username + "-2026"
		acc, _, err := e.Auth.CreateAccount(ctx, sys, auth.NewAccount{Username: sp.username, DisplayName: "测试" + sp.username,
			Password: pw, SchoolID: sp.home, Grants: []auth.Grant{sp.grant}})
		must(err)
		e.Passwords[sp.username] = pw
		e.AccountIDs[sp.username] = acc.ID
		if sp.username != "other_admin" {
			e.Roles[sp.grant.Role] = sp.username
		}
	}
	return e
}

// client is a browser of one logged-in user: it keeps cookies between
// requests and knows its session's CSRF token.
type client struct {
	t       testing.TB
	env     *testEnv
	cookies map[string]*http.Cookie
	csrf    string
}

// newClient returns a client with no session.
func (e *testEnv) newClient(t testing.TB) *client {
	return &client{t: t, env: e, cookies: map[string]*http.Cookie{}}
}

// login signs username in through POST /login and returns its client.
func (e *testEnv) login(t testing.TB, username string) *client {
	t.Helper()
	pw, ok := e.Passwords[username]
	if !ok {
		t.Fatalf("login: no test account %q", username)
	}
	c := e.newClient(t)
	rec := c.postRaw("/login", url.Values{"username": {username}, "password": {pw}})
	if rec.Code != http.StatusSeeOther || c.cookies[sessionCookie] == nil {
		t.Fatalf("login %s: status %d, body %.300s", username, rec.Code, rec.Body.String())
	}
	return c
}

// do sends req with the client's cookies and keeps the cookies it gets.
func (c *client) do(req *http.Request) *httptest.ResponseRecorder {
	c.t.Helper()
	for _, ck := range c.cookies {
		req.AddCookie(&http.Cookie{Name: ck.Name, Value: ck.Value})
	}
	rec := httptest.NewRecorder()
	c.env.Handler.ServeHTTP(rec, req)
	for _, ck := range rec.Result().Cookies() {
		if ck.MaxAge < 0 {
			delete(c.cookies, ck.Name)
		} else {
			c.cookies[ck.Name] = ck
		}
	}
	return rec
}

// get requests path.
func (c *client) get(path string) *httptest.ResponseRecorder {
	c.t.Helper()
	return c.do(httptest.NewRequest(http.MethodGet, path, nil))
}

// postRaw posts v as it is (no CSRF token added).
func (c *client) postRaw(path string, v url.Values) *httptest.ResponseRecorder {
	c.t.Helper()
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

// postForm posts v, adding the session's CSRF token unless v has one.
func (c *client) postForm(path string, v url.Values) *httptest.ResponseRecorder {
	c.t.Helper()
	if v == nil {
		v = url.Values{}
	}
	if v.Get("csrf_token") == "" {
		v.Set("csrf_token", c.token())
	}
	return c.postRaw(path, v)
}

// token reads the session's CSRF token once from the logout form of "/".
func (c *client) token() string {
	c.t.Helper()
	if c.csrf == "" {
		rec := c.get("/")
		m := logoutCSRF.FindStringSubmatch(rec.Body.String())
		if m == nil {
			c.t.Fatalf("no CSRF token on / (status %d): %.300s", rec.Code, rec.Body.String())
		}
		c.csrf = m[1]
	}
	return c.csrf
}

var (
	logoutCSRF = regexp.MustCompile(`action="/logout"[^>]*>\s*<input type="hidden" name="csrf_token" value="([^"]+)"`)
	anyCSRF    = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)
)

// csrfFrom returns the first CSRF token hidden input of an HTML page.
func csrfFrom(t testing.TB, body string) string {
	t.Helper()
	m := anyCSRF.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no csrf_token input in page: %.300s", body)
	}
	return m[1]
}

// expect fails the test unless rec has status code and contains every
// fragment (in the raw HTML).
func expect(t testing.TB, rec *httptest.ResponseRecorder, code int, fragments ...string) {
	t.Helper()
	body := rec.Body.String()
	if rec.Code != code {
		t.Fatalf("status %d, want %d; body: %.500s", rec.Code, code, body)
	}
	for _, f := range fragments {
		if !strings.Contains(body, f) {
			t.Errorf("body lacks %q; body: %.2000s", f, body)
		}
	}
}

// expectAbsent fails the test when rec's body contains any fragment.
func expectAbsent(t testing.TB, rec *httptest.ResponseRecorder, fragments ...string) {
	t.Helper()
	for _, f := range fragments {
		if strings.Contains(rec.Body.String(), f) {
			t.Errorf("body contains %q, which must not be shown", f)
		}
	}
}

// idPath formats a path with one numeric id, e.g. idPath("/people/%d/edit", 3).
func idPath(format string, id int64) string { return fmt.Sprintf(format, id) }
