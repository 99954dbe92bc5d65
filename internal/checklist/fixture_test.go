package checklist

import (
	"context"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/sqldb"
)

// fixture is a seeded library with two schools and actors of each kind.
type fixture struct {
	ctx           context.Context
	db            *sqldb.DB
	svc           *Service
	school, other int64
	admin, staff  *auth.Actor
	otherAdmin    *auth.Actor
}

func grant(r auth.Role, school int64) *auth.Actor {
	return &auth.Actor{AccountID: 0, Grants: []auth.Grant{{Role: r, SchoolID: school, ScopeKind: auth.ScopeSchool}}}
}

func newFixture(t *testing.T, dialect string) *fixture {
	t.Helper()
	db := seeded(t, dialect)
	f := &fixture{ctx: context.Background(), db: db, svc: NewService(db, func() time.Time { return t0 })}
	o := org.NewService(db, func() time.Time { return t0 })
	for i, code := range []string{"S1", "S2"} {
		s, err := o.CreateSchool(f.ctx, auth.System(), org.School{Code: code, Name: "学校" + code})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			f.school = s.ID
		} else {
			f.other = s.ID
		}
	}
	f.admin = grant(auth.RoleSchoolAdmin, f.school)
	f.staff = grant(auth.RoleStaff, f.school)
	f.otherAdmin = grant(auth.RoleSchoolAdmin, f.other)
	return f
}

func (f *fixture) item(t *testing.T, school int64, code string) Item {
	t.Helper()
	it, err := findItem(f.ctx, f.db.Read(), school, code)
	if err != nil {
		t.Fatalf("find %s: %v", code, err)
	}
	return it
}

func (f *fixture) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := f.db.Read().QueryRowContext(f.ctx, query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func codesOf(items []Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Code
	}
	return out
}
