package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/sqldb"
)

// fixture is a test server with one record of every kind and a logged-in
// client per user ("anon" has no session).
type fixture struct {
	*testEnv
	clients map[string]*client
	vars    map[string]string
	roleOf  map[string]auth.Role
}

// newFixture builds the test server (newTestServer) with a place, a grid,
// a leading group with a member and contact point, and an extra account,
// and logs every user in.
func newFixture(t testing.TB) *fixture {
	t.Helper()
	e := newTestServer(t)
	ctx, sys := context.Background(), auth.System()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("fixture: %v", err)
		}
	}
	zhao, err := e.Org.SavePerson(ctx, sys, e.SchoolID, org.Person{Name: "赵组长", StaffNo: "L001", UnitID: e.UnitID})
	must(err)
	pl, err := e.Org.SavePlace(ctx, sys, e.SchoolID, org.Place{Name: "实训楼A", Level: org.PlaceBuilding, Type: "teaching_building", CampusID: e.CampusID})
	must(err)
	g, err := e.Org.SaveGrid(ctx, sys, e.SchoolID, org.Grid{Name: "东区网格", LeaderPersonID: e.PersonID})
	must(err)
	lg, err := e.Org.SaveLeadingGroup(ctx, sys, e.SchoolID, org.LeadingGroup{Name: "安全工作领导小组"})
	must(err)
	m, err := e.Org.AddLeadingGroupMember(ctx, sys, e.SchoolID, lg.ID, org.LeadingGroupMember{PersonID: zhao.ID, Position: org.PositionLeader})
	must(err)
	must(e.Org.SetLeaderUnits(ctx, sys, e.SchoolID, zhao.ID, []int64{e.UnitID}))
	acc, _, err := e.Auth.CreateAccount(ctx, sys, auth.NewAccount{Username: "scenario_user", DisplayName: "场景账号", Password: "pw-scenario-2026",
		SchoolID: e.SchoolID, Grants: []auth.Grant{{Role: auth.RoleStaff, SchoolID: e.SchoolID, ScopeKind: auth.ScopeSchool}}})
	must(err)
	css, err := e.Server.assets.URL("app.css")
	must(err)

	f := &fixture{testEnv: e, clients: map[string]*client{}, roleOf: map[string]auth.Role{}}
	s := func(n int64) string { return strconv.FormatInt(n, 10) }
	f.vars = map[string]string{"school": s(e.SchoolID), "campus": s(e.CampusID), "unit": s(e.UnitID), "subunit": s(e.SubUnitID),
		"labunit": s(e.LabUnitID), "person": s(e.PersonID), "labperson": s(e.LabPersonID), "zhao": s(zhao.ID), "place": s(pl.ID),
		"grid": s(g.ID), "group": s(lg.ID), "member": s(m.ID), "account": s(acc.ID), "css": css,
		"otherunit": s(e.OtherUnitID), "otherperson": s(e.OtherPersonID)}
	for role, user := range e.Roles {
		f.roleOf[user] = role
	}
	f.roleOf["other_admin"] = auth.RoleSchoolAdmin
	f.clients["anon"] = e.newClient(t)
	for user := range e.Passwords {
		f.clients[user] = e.login(t, user)
		f.clients[user].token()
	}
	return f
}

// clone copies the fixture's database (sessions included) into a new
// server, so that every row starts from the same state without paying
// for new accounts and logins (argon2) again. f must not change meanwhile.
func (f *fixture) clone(t testing.TB) *fixture {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "clone.db")
	if _, err := f.DB.Raw().ExecContext(ctx, "VACUUM INTO '"+path+"'"); err != nil {
		t.Fatalf("copy database: %v", err)
	}
	db, err := sqldb.Open(ctx, path)
	if err != nil {
		t.Fatalf("open copy: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	now := func() time.Time { return testTime }
	e := *f.testEnv
	e.DB, e.Auth, e.Org = db, auth.NewService(db, now), org.NewService(db, now)
	if e.Server, err = New(db, e.Auth, e.Org, slog.New(slog.NewTextHandler(io.Discard, nil)), now); err != nil {
		t.Fatalf("web.New: %v", err)
	}
	e.Handler = e.Server.Handler()
	c := &fixture{testEnv: &e, clients: map[string]*client{}, vars: f.vars, roleOf: f.roleOf}
	for user, old := range f.clients {
		nc := &client{t: t, env: &e, cookies: map[string]*http.Cookie{}, csrf: old.csrf}
		for k, v := range old.cookies {
			nc.cookies[k] = v
		}
		c.clients[user] = nc
	}
	return c
}

// bind makes every client report to t (each row runs in its own subtest).
func (f *fixture) bind(t testing.TB) {
	for _, c := range f.clients {
		c.t = t
	}
}

// auditCount is the number of audit entries: every data change appends
// one, so a refused request must leave it as it was.
func (f *fixture) auditCount(t testing.TB) int {
	t.Helper()
	var n int
	if err := f.DB.Read().QueryRowContext(context.Background(), `SELECT COUNT(*) FROM audit_log`).Scan(&n); err != nil {
		t.Fatalf("count audit entries: %v", err)
	}
	return n
}

// multipartRequest builds a same-origin upload of one file with fields.
func multipartRequest(t testing.TB, path string, fields url.Values, name, content string) *http.Request {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range fields {
		for _, v := range vs {
			if err := mw.WriteField(k, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	fw, err := mw.CreateFormFile("file", name)
	if err == nil {
		_, err = io.WriteString(fw, content)
	}
	if err == nil {
		err = mw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return req
}
