package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// count runs a COUNT query on the fixture's database.
func (f *fixture) count(t testing.TB, q string) int {
	t.Helper()
	var n int
	if err := f.DB.Read().QueryRowContext(context.Background(), q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// TestCSRFRefusesForgedPosts posts state changes as an allowed user
// without the session's token, with a wrong one, and with a valid token
// from another site: all are refused with 403 and change nothing. The same
// post with the token then succeeds, so the counts can tell.
func TestCSRFRefusesForgedPosts(t *testing.T) {
	base := newFixture(t)
	rows := []struct {
		path  string
		form  url.Values
		count string // what the post changes
	}{
		{"/units/new", url.Values{"name": {"伪造单位"}, "kind": {"office"}}, `SELECT COUNT(*) FROM units`},
		{"/people/" + base.vars["person"] + "/active", url.Values{"active": {"false"}}, `SELECT COUNT(*) FROM people WHERE active`},
		{"/accounts/" + base.vars["account"] + "/disabled", url.Values{"disabled": {"true"}}, `SELECT COUNT(*) FROM accounts WHERE disabled`},
		{"/grids/" + base.vars["grid"] + "/members", url.Values{"person_id": {base.vars["person"]}}, `SELECT COUNT(*) FROM grid_members`},
		{"/logout", url.Values{}, `SELECT COUNT(*) FROM sessions`},
	}
	forgeries := []struct {
		name  string
		token string            // "" sends none; "valid" the session's
		hdr   map[string]string // request headers replacing same-origin
	}{
		{"no token", "", nil},
		{"wrong token", "AAAAwrong-token-of-another-session", nil},
		{"token of another session", "other", nil},
		{"cross-site fetch", "valid", map[string]string{"Sec-Fetch-Site": "cross-site"}},
		{"foreign origin", "valid", map[string]string{"Sec-Fetch-Site": "", "Origin": "https://evil.example"}},
	}
	for _, row := range rows {
		t.Run(row.path, func(t *testing.T) {
			f := base.clone(t)
			c := f.clients["office"]
			before, audit := f.count(t, row.count), f.auditCount(t)
			for _, fg := range forgeries {
				v := url.Values{}
				for k, vs := range row.form {
					v[k] = vs
				}
				switch fg.token {
				case "valid":
					v.Set("csrf_token", c.token())
				case "other":
					v.Set("csrf_token", f.clients["admin"].token())
				case "":
				default:
					v.Set("csrf_token", fg.token)
				}
				req := httptest.NewRequest(http.MethodPost, row.path, strings.NewReader(v.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.Header.Set("Sec-Fetch-Site", "same-origin")
				for k, h := range fg.hdr {
					if h == "" {
						req.Header.Del(k)
					} else {
						req.Header.Set(k, h)
					}
				}
				if rec := c.do(req); rec.Code != http.StatusForbidden {
					t.Errorf("%s: status %d, want 403", fg.name, rec.Code)
				}
				if n := f.count(t, row.count); n != before {
					t.Errorf("%s: %q went from %d to %d", fg.name, row.count, before, n)
				}
			}
			if n := f.auditCount(t); n != audit {
				t.Errorf("forged posts appended %d audit entries", n-audit)
			}
			expect(t, c.postForm(row.path, row.form), http.StatusSeeOther)
			if n := f.count(t, row.count); n == before {
				t.Errorf("the genuine post left %q at %d", row.count, n)
			}
		})
	}

	// A login form posted from another site signs nobody in.
	f := base.clone(t)
	sessions := f.count(t, `SELECT COUNT(*) FROM sessions`)
	req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(url.Values{"username": {"office"}, "password": {f.Passwords["office"]}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	rec := f.newClient(t).do(req)
	expect(t, rec, http.StatusForbidden)
	if n := f.count(t, `SELECT COUNT(*) FROM sessions`); n != sessions || rec.Header().Get("Set-Cookie") != "" {
		t.Errorf("cross-site login: sessions %d → %d, Set-Cookie %q", sessions, n, rec.Header().Get("Set-Cookie"))
	}
}

// TestSecurityHeaders checks the headers of a public page, a signed-in
// page, a refusal, an unknown path and a static file.
func TestSecurityHeaders(t *testing.T) {
	f := newFixture(t)
	office, staff := f.clients["office"], f.clients["staff"]
	for _, tc := range []struct {
		name string
		rec  *httptest.ResponseRecorder
		code int
	}{
		{"login page", f.clients["anon"].get("/login"), http.StatusOK},
		{"units", office.get("/units"), http.StatusOK},
		{"refused", staff.get("/units/new"), http.StatusForbidden},
		{"unknown", office.get("/no-such-page"), http.StatusNotFound},
		{"static", office.get(f.vars["css"]), http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			expect(t, tc.rec, tc.code)
			h := tc.rec.Header()
			csp := h.Get("Content-Security-Policy")
			for _, d := range []string{"default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'"} {
				if !strings.Contains(csp, d) {
					t.Errorf("CSP %q lacks %q", csp, d)
				}
			}
			for _, bad := range []string{"unsafe-inline", "unsafe-eval", "*"} {
				if strings.Contains(csp, bad) {
					t.Errorf("CSP %q allows %q", csp, bad)
				}
			}
			for name, want := range map[string]string{"X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"} {
				if got := h.Get(name); got != want {
					t.Errorf("%s = %q, want %q", name, got, want)
				}
			}
		})
	}
}

// TestSessionCookie checks the cookie POST /login sets, that every login
// gets a new session, and that logout ends it on the server.
func TestSessionCookie(t *testing.T) {
	f := newFixture(t)
	login := func() *http.Cookie {
		c := f.newClient(t)
		rec := c.postRaw("/login", url.Values{"username": {"staff"}, "password": {f.Passwords["staff"]}})
		expect(t, rec, http.StatusSeeOther)
		for _, ck := range rec.Result().Cookies() {
			if ck.Name == sessionCookie {
				return ck
			}
		}
		t.Fatalf("POST /login set no %s cookie: %q", sessionCookie, rec.Header().Values("Set-Cookie"))
		return nil
	}
	ck := login()
	if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" || ck.Value == "" {
		t.Errorf("session cookie %+v: want HttpOnly, SameSite=Lax, Path=/", ck)
	}
	if again := login(); again.Value == ck.Value {
		t.Error("a second login reused the session token")
	}

	c := f.newClient(t)
	c.cookies[sessionCookie] = ck
	expect(t, c.get("/units"), http.StatusOK)
	expect(t, c.postForm("/logout", nil), http.StatusSeeOther)
	// The old token is dead on the server, not just dropped by the browser.
	stale := f.newClient(t)
	stale.cookies[sessionCookie] = ck
	if rec := stale.get("/units"); rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/login") {
		t.Errorf("GET /units with a logged-out token: status %d, location %q", rec.Code, rec.Header().Get("Location"))
	}
	expect(t, stale.postRaw("/units/new", url.Values{"name": {"x"}, "kind": {"office"}, "csrf_token": {"x"}}), http.StatusUnauthorized)
}
