package auth_test

import (
	"context"
	"testing"

	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
	"safecampus/internal/testkit"
)

// TestActorCacheEndsOnWrites: Authenticate reuses a session's actor for a
// moment, but no change made through the services may wait for that.
func TestActorCacheEndsOnWrites(t *testing.T) {
	ctx := context.Background()
	sys := auth.System()
	cases := []struct {
		name   string
		change func(t *testing.T, db *sqldb.DB, s *auth.Service, tok string, id, school int64)
		check  func(t *testing.T, a *auth.Actor, err error)
	}{
		{"logout", func(t *testing.T, _ *sqldb.DB, s *auth.Service, tok string, _, _ int64) {
			if err := s.Logout(ctx, tok); err != nil {
				t.Fatal(err)
			}
		}, wantRejected},
		{"disable", func(t *testing.T, _ *sqldb.DB, s *auth.Service, _ string, id, _ int64) {
			if err := s.SetDisabled(ctx, sys, id, true); err != nil {
				t.Fatal(err)
			}
		}, wantRejected},
		{"reset password", func(t *testing.T, _ *sqldb.DB, s *auth.Service, _ string, id, _ int64) {
			if _, err := s.ResetPassword(ctx, sys, id, "another-pass-2"); err != nil {
				t.Fatal(err)
			}
		}, wantRejected},
		{"new grants", func(t *testing.T, _ *sqldb.DB, s *auth.Service, _ string, id, school int64) {
			if err := s.SetGrants(ctx, sys, id, []auth.Grant{{Role: auth.RoleStaff, SchoolID: school, ScopeKind: auth.ScopeSchool}}); err != nil {
				t.Fatal(err)
			}
		}, func(t *testing.T, a *auth.Actor, err error) {
			if err != nil || len(a.Grants) != 1 || a.Grants[0].Role != auth.RoleStaff {
				t.Fatalf("after SetGrants: actor %+v, err %v", a, err)
			}
		}},
		{"any write", func(t *testing.T, db *sqldb.DB, _ *auth.Service, _ string, id, _ int64) {
			if err := db.Transact(ctx, func(tx *sqldb.Tx) error {
				_, err := tx.ExecContext(ctx, `UPDATE accounts SET display_name = '新名字' WHERE id = $1`, id)
				return err
			}); err != nil {
				t.Fatal(err)
			}
		}, func(t *testing.T, a *auth.Actor, err error) {
			if err != nil || a.DisplayName != "新名字" {
				t.Fatalf("after a write: actor %+v, err %v", a, err)
			}
		}},
	}
	for _, d := range testkit.Dialects {
		for _, tc := range cases {
			t.Run(d+"/"+tc.name, func(t *testing.T) {
				db, s, _, school := setup(t, d)
				tok, _, err := s.Login(ctx, "office", "secret-pass-1", "10.0.0.1", "ua")
				if err != nil {
					t.Fatal(err)
				}
				acc, err := s.FindAccountByUsername(ctx, sys, "office")
				if err != nil {
					t.Fatal(err)
				}
				// Warm the cache, and check that a caller changing its
				// actor does not change the next caller's.
				a1, _, err := s.Authenticate(ctx, tok)
				if err != nil {
					t.Fatal(err)
				}
				a1.Grants[0].Role, a1.DisplayName = auth.RoleSystemAdmin, "改过"
				a2, _, err := s.Authenticate(ctx, tok)
				if err != nil || a2.Grants[0].Role != auth.RoleSchoolAdmin || a2.DisplayName != "黄轶" {
					t.Fatalf("second Authenticate: actor %+v, err %v", a2, err)
				}
				tc.change(t, db, s, tok, acc.ID, school)
				a3, _, err := s.Authenticate(ctx, tok)
				tc.check(t, a3, err)
			})
		}
	}
}

func wantRejected(t *testing.T, a *auth.Actor, err error) {
	t.Helper()
	if err == nil {
		t.Fatalf("session still accepted after the change: actor %+v", a)
	}
}
