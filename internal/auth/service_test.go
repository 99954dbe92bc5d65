package auth_test

import (
	"context"
	"testing"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
	"safecampus/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func setup(t *testing.T, d string) (*sqldb.DB, *auth.Service, *clock, int64) {
	t.Helper()
	ctx := context.Background()
	db := testkit.OpenDB(t, d)
	c := &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	s := auth.NewService(db, c.now)
	var school int64
	if err := db.Transact(ctx, func(tx *sqldb.Tx) error {
		return tx.QueryRowContext(ctx, `INSERT INTO schools (code, name, created_at) VALUES ('s1', '一中', 0) RETURNING id`).Scan(&school)
	}); err != nil {
		t.Fatal(err)
	}
	_, _, err := s.CreateAccount(ctx, auth.System(), auth.NewAccount{Username: "Office", DisplayName: "黄轶", Password: "secret-pass-1", SchoolID: school,
		Grants: []auth.Grant{{Role: auth.RoleSchoolAdmin, SchoolID: school, ScopeKind: auth.ScopeSchool}}})
	if err != nil {
		t.Fatal(err)
	}
	return db, s, c, school
}

func TestLoginAndSessions(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			ctx := context.Background()
			_, s, c, school := setup(t, d)
			if _, _, err := s.Login(ctx, "office", "wrong-password", "10.0.0.1", "ua"); apperr.KindOf(err) != apperr.Unauthenticated {
				t.Fatalf("wrong password: %v", err)
			}
			tok1, a, err := s.Login(ctx, " OFFICE ", "secret-pass-1", "10.0.0.1", "ua")
			if err != nil {
				t.Fatal(err)
			}
			if a.Username != "office" || !auth.Can(a, auth.PermOrgManage, auth.SchoolScope(school)) {
				t.Fatalf("actor %+v", a)
			}
			tok2, _, err := s.Login(ctx, "office", "secret-pass-1", "10.0.0.1", "ua")
			if err != nil || tok2 == tok1 {
				t.Fatal("every login must get a new token")
			}
			if _, sess, err := s.Authenticate(ctx, tok1); err != nil || sess.CSRFToken == "" {
				t.Fatalf("authenticate: %v", err)
			}
			// Idle timeout: used within the limit keeps it, past the limit ends it.
			c.t = c.t.Add(s.IdleTimeout - time.Minute)
			if _, _, err := s.Authenticate(ctx, tok1); err != nil {
				t.Fatalf("still within idle limit: %v", err)
			}
			c.t = c.t.Add(s.IdleTimeout + time.Minute)
			if _, _, err := s.Authenticate(ctx, tok1); apperr.KindOf(err) != apperr.Unauthenticated {
				t.Fatalf("idle session must expire: %v", err)
			}
			if _, _, err := s.Authenticate(ctx, tok1); err == nil {
				t.Fatal("an expired session must be gone")
			}
			// Logout ends the other session.
			tok3, _, _ := s.Login(ctx, "office", "secret-pass-1", "10.0.0.1", "ua")
			if err := s.Logout(ctx, tok3); err != nil {
				t.Fatal(err)
			}
			if _, _, err := s.Authenticate(ctx, tok3); err == nil {
				t.Fatal("logged-out session still valid")
			}
		})
	}
}

func TestAbsoluteTimeoutAndDisable(t *testing.T) {
	ctx := context.Background()
	_, s, c, _ := setup(t, "sqlite")
	tok, a, err := s.Login(ctx, "office", "secret-pass-1", "10.0.0.1", "ua")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 13; i++ { // keep it busy every hour: idle never hits
		c.t = c.t.Add(time.Hour)
		_, _, err = s.Authenticate(ctx, tok)
	}
	if apperr.KindOf(err) != apperr.Unauthenticated {
		t.Fatalf("session older than MaxAge must end: %v", err)
	}
	tok, _, _ = s.Login(ctx, "office", "secret-pass-1", "10.0.0.1", "ua")
	if err := s.SetDisabled(ctx, auth.System(), a.AccountID, true); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Authenticate(ctx, tok); err == nil {
		t.Fatal("disabling must end sessions")
	}
	if _, _, err := s.Login(ctx, "office", "secret-pass-1", "10.0.0.1", "ua"); apperr.As(err).Code != "auth.disabled" {
		t.Fatalf("disabled login: %v", err)
	}
}

func TestLoginThrottle(t *testing.T) {
	ctx := context.Background()
	_, s, c, _ := setup(t, "sqlite")
	for i := 0; i < 5; i++ {
		_, _, _ = s.Login(ctx, "office", "nope-nope", "10.0.0.2", "ua")
	}
	if _, _, err := s.Login(ctx, "office", "secret-pass-1", "10.0.0.3", "ua"); apperr.KindOf(err) != apperr.TooMany {
		t.Fatalf("account must be throttled after 5 failures, got %v", err)
	}
	c.t = c.t.Add(16 * time.Minute)
	if _, _, err := s.Login(ctx, "office", "secret-pass-1", "10.0.0.3", "ua"); err != nil {
		t.Fatalf("throttle must lift after the window: %v", err)
	}
}

func TestAccountAdminRules(t *testing.T) {
	ctx := context.Background()
	db, s, _, school := setup(t, "sqlite")
	var other int64
	_ = db.Transact(ctx, func(tx *sqldb.Tx) error {
		return tx.QueryRowContext(ctx, `INSERT INTO schools (code, name, created_at) VALUES ('s2', '二中', 0) RETURNING id`).Scan(&other)
	})
	_, office, err := s.Login(ctx, "office", "secret-pass-1", "10.0.0.1", "ua")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		in   auth.NewAccount
		want apperr.Kind
	}{
		{"system admin grant refused", auth.NewAccount{Username: "x1", DisplayName: "x", SchoolID: school, Grants: []auth.Grant{{Role: auth.RoleSystemAdmin, ScopeKind: auth.ScopeSystem}}}, apperr.Forbidden},
		{"other school refused", auth.NewAccount{Username: "x2", DisplayName: "x", SchoolID: other, Grants: []auth.Grant{{Role: auth.RoleStaff, SchoolID: other, ScopeKind: auth.ScopeSchool}}}, apperr.Forbidden},
		{"grant outside account school", auth.NewAccount{Username: "x3", DisplayName: "x", SchoolID: school, Grants: []auth.Grant{{Role: auth.RoleStaff, SchoolID: other, ScopeKind: auth.ScopeSchool}}}, apperr.Invalid},
		{"role at wrong scope", auth.NewAccount{Username: "x4", DisplayName: "x", SchoolID: school, Grants: []auth.Grant{{Role: auth.RoleUnitHead, SchoolID: school, ScopeKind: auth.ScopeSchool}}}, apperr.Invalid},
		{"unit of no school", auth.NewAccount{Username: "x7", DisplayName: "x", SchoolID: school, Grants: []auth.Grant{{Role: auth.RoleUnitHead, SchoolID: school, ScopeKind: auth.ScopeUnit, ScopeID: 999}}}, apperr.Invalid},
		{"bad username", auth.NewAccount{Username: "张三", DisplayName: "x", SchoolID: school}, apperr.Invalid},
		{"duplicate username", auth.NewAccount{Username: "office", DisplayName: "x", SchoolID: school}, apperr.Invalid},
		{"weak password", auth.NewAccount{Username: "x5", DisplayName: "x", Password: "short", SchoolID: school}, apperr.Invalid},
		{"ok", auth.NewAccount{Username: "x6", DisplayName: "x", SchoolID: school, Grants: []auth.Grant{{Role: auth.RoleStaff, SchoolID: school, ScopeKind: auth.ScopeSchool}}}, -1},
	}
	for _, c := range cases {
		_, pw, err := s.CreateAccount(ctx, office, c.in)
		if c.want == -1 {
			if err != nil || len(pw) < 8 {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		if apperr.KindOf(err) != c.want {
			t.Errorf("%s: got %v, want kind %v", c.name, err, c.want)
		}
	}
	// The school admin cannot see the other school's accounts.
	if _, err := s.ListAccounts(ctx, office, other); apperr.KindOf(err) != apperr.Forbidden {
		t.Fatalf("list other school: %v", err)
	}
}
