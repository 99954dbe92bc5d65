package patrol

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

// clock is a pinned, settable clock shared by the services of a fixture.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// beijing is a wall-clock time in Asia/Shanghai (UTC+8, no DST).
func beijing(day string, hh, mm int) time.Time {
	d, err := time.Parse("2006-01-02", day)
	if err != nil {
		panic(err)
	}
	return time.Date(d.Year(), d.Month(), d.Day(), hh, mm, 0, 0, time.FixedZone("CST", 8*3600))
}

// fixture is one school with a campus, a unit, grids, places and an
// account for each role the patrol rules name, plus another school.
type fixture struct {
	t      *testing.T
	ctx    context.Context
	db     *sqldb.DB
	clock  *clock
	svc    *Service
	org    *org.Service
	auth   *auth.Service
	school int64
	other  int64

	unit, person int64
	place        map[string]int64 // by name
	grid         map[string]int64
	otherPlace   int64
	actor        map[string]*auth.Actor // office, guard, staff, principal, gridmember (grid-scoped), otheradmin
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
	c := &clock{t: beijing("2026-03-02", 9, 0)}
	f := &fixture{t: t, ctx: context.Background(), db: db, clock: c, svc: NewService(db, c.now), org: org.NewService(db, c.now), auth: auth.NewService(db, c.now),
		place: map[string]int64{}, grid: map[string]int64{}, actor: map[string]*auth.Actor{}}
	sys := auth.System()
	sc, err := f.org.CreateSchool(f.ctx, sys, org.School{Code: "s1", Name: "测试学校", Timezone: "Asia/Shanghai"})
	f.must(err)
	f.school = sc.ID
	oc, err := f.org.CreateSchool(f.ctx, sys, org.School{Code: "s2", Name: "外校"})
	f.must(err)
	f.other = oc.ID
	u, err := f.org.SaveUnit(f.ctx, sys, f.school, org.Unit{Name: "保卫处", Kind: org.UnitOffice})
	f.must(err)
	f.unit = u.ID
	p, err := f.org.SavePerson(f.ctx, sys, f.school, org.Person{Name: "马军", UnitID: u.ID})
	f.must(err)
	f.person = p.ID

	addPlace := func(school int64, name string, level org.PlaceLevel, typ org.PlaceType, parent string) int64 {
		pl, err := f.org.SavePlace(f.ctx, sys, school, org.Place{Name: name, Level: level, Type: typ, ParentID: f.place[parent], UnitID: f.unit})
		f.must(err)
		f.place[name] = pl.ID
		return pl.ID
	}
	addPlace(f.school, "南大门", org.PlaceArea, "gate", "")
	addPlace(f.school, "实验楼", org.PlaceBuilding, "laboratory", "")
	addPlace(f.school, "实验楼1层", org.PlaceFloor, "laboratory", "实验楼")
	addPlace(f.school, "化学实验室", org.PlaceArea, "laboratory", "实验楼1层")
	addPlace(f.school, "行政楼", org.PlaceBuilding, "office", "")
	addPlace(f.school, "体育馆", org.PlaceBuilding, "other", "")
	op, err := f.org.SavePlace(f.ctx, sys, f.other, org.Place{Name: "外校大门", Level: org.PlaceArea, Type: "gate"})
	f.must(err)
	f.otherPlace = op.ID

	addGrid := func(name, parent string, places ...string) {
		g, err := f.org.SaveGrid(f.ctx, sys, f.school, org.Grid{Name: name, ParentID: f.grid[parent]})
		f.must(err)
		f.grid[name] = g.ID
		ids := make([]int64, 0, len(places))
		for _, p := range places {
			ids = append(ids, f.place[p])
		}
		f.must(f.org.SetGridPlaces(f.ctx, sys, f.school, g.ID, ids))
	}
	addGrid("校园网格", "", "南大门", "行政楼", "体育馆")
	addGrid("实验区网格", "校园网格", "实验楼", "化学实验室")

	school := func(r auth.Role) auth.Grant {
		return auth.Grant{Role: r, SchoolID: f.school, ScopeKind: auth.ScopeSchool}
	}
	for _, sp := range []struct {
		name   string
		home   int64
		person int64
		grant  auth.Grant
	}{
		{"office", f.school, 0, school(auth.RoleSchoolAdmin)},
		{"guard", f.school, f.person, school(auth.RoleGuard)},
		{"staff", f.school, 0, school(auth.RoleStaff)},
		{"principal", f.school, 0, school(auth.RolePrincipalLeader)},
		{"gridmember", f.school, 0, auth.Grant{Role: auth.RoleGridMember, SchoolID: f.school, ScopeKind: auth.ScopeGrid, ScopeID: f.grid["实验区网格"]}},
		{"otheradmin", f.other, 0, auth.Grant{Role: auth.RoleSchoolAdmin, SchoolID: f.other, ScopeKind: auth.ScopeSchool}},
	} {
		acc, _, err := f.auth.CreateAccount(f.ctx, sys, auth.NewAccount{Username: sp.name, DisplayName: "测试" + sp.name, SchoolID: sp.home, PersonID: sp.person, Grants: []auth.Grant{sp.grant}})
		f.must(err)
		a, err := f.auth.LoadActor(f.ctx, acc.ID)
		f.must(err)
		f.actor[sp.name] = a
	}
	return f
}

// auditActions lists the audit actions recorded about one entity.
func (f *fixture) auditCount(action string) int {
	f.t.Helper()
	var n int
	f.must(f.db.Read().QueryRowContext(f.ctx, `SELECT COUNT(*) FROM audit_log WHERE action = $1`, action).Scan(&n))
	return n
}
