package notify

import (
	"context"
	"sync"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/sqldb"
	"safecampus/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// clock is a pinned, settable clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time              { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration)         { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }
func (c *clock) set(t time.Time)             { c.mu.Lock(); c.t = t; c.mu.Unlock() }
func (c *clock) ms() int64                   { return c.now().UnixMilli() }
func (c *clock) after(d time.Duration) int64 { return c.now().Add(d).UnixMilli() }

// fixture is a school with an office (school admin), a staff member with
// a person record, a principal, and another school with its admin.
type fixture struct {
	t      *testing.T
	ctx    context.Context
	db     *sqldb.DB
	clock  *clock
	svc    *Service
	school int64
	other  int64
	person int64 // 王老师, the staff member's person
	actor  map[string]*auth.Actor
}

func (f *fixture) must(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatalf("setup: %v", err)
	}
}

func newFixture(t *testing.T, dialect string) *fixture {
	t.Helper()
	db := testkit.OpenDB(t, dialect)
	c := &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	f := &fixture{t: t, ctx: context.Background(), db: db, clock: c, svc: NewService(db, c.now), actor: map[string]*auth.Actor{}}
	o := org.NewService(db, c.now)
	au := auth.NewService(db, c.now)
	sys := auth.System()
	sc, err := o.CreateSchool(f.ctx, sys, org.School{Code: "s1", Name: "测试学校", Timezone: "Asia/Shanghai"})
	f.must(err)
	f.school = sc.ID
	oc, err := o.CreateSchool(f.ctx, sys, org.School{Code: "s2", Name: "外校"})
	f.must(err)
	f.other = oc.ID
	p, err := o.SavePerson(f.ctx, sys, f.school, org.Person{Name: "王老师"})
	f.must(err)
	f.person = p.ID
	for _, sp := range []struct {
		name   string
		home   int64
		person int64
		role   auth.Role
	}{
		{"office", f.school, 0, auth.RoleSchoolAdmin},
		{"staff", f.school, f.person, auth.RoleStaff},
		{"principal", f.school, 0, auth.RolePrincipalLeader},
		{"otheradmin", f.other, 0, auth.RoleSchoolAdmin},
	} {
		acc, _, err := au.CreateAccount(f.ctx, sys, auth.NewAccount{Username: sp.name, DisplayName: "测试" + sp.name, SchoolID: sp.home, PersonID: sp.person,
			Grants: []auth.Grant{{Role: sp.role, SchoolID: sp.home, ScopeKind: auth.ScopeSchool}}})
		f.must(err)
		a, err := au.LoadActor(f.ctx, acc.ID)
		f.must(err)
		f.actor[sp.name] = a
	}
	return f
}

// enqueue runs Enqueue in its own transaction, as a caller's business
// transaction would.
func (f *fixture) enqueue(m Message) bool {
	f.t.Helper()
	var fresh bool
	f.must(f.db.Transact(f.ctx, func(tx *sqldb.Tx) error {
		var err error
		fresh, err = Enqueue(f.ctx, tx, f.clock.now(), m)
		return err
	}))
	return fresh
}

// count runs a COUNT query.
func (f *fixture) count(q string, args ...any) int {
	f.t.Helper()
	var n int
	f.must(f.db.Read().QueryRowContext(f.ctx, q, args...).Scan(&n))
	return n
}
