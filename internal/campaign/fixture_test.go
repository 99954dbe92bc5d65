package campaign

import (
	"context"
	"fmt"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/sqldb"
	"safecampus/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// fixture is a small school (and another one) on a fresh database with a
// pinned clock.
type fixture struct {
	t      *testing.T
	ctx    context.Context
	db     *sqldb.DB
	now    time.Time
	svc    *Service
	office *auth.Actor
	org    *org.Service
	auth   *auth.Service
	sys    *auth.Actor
	school int64
	other  int64
	unit   map[string]int64
	person map[string]int64
	accts  int
	// personUnit is each person's unit name.
	personUnit map[string]string
}

func (f *fixture) nextAcct() int { f.accts++; return f.accts }

func newFixture(t *testing.T, dialect string) *fixture {
	t.Helper()
	f := &fixture{t: t, ctx: context.Background(), db: testkit.OpenDB(t, dialect), sys: auth.System(),
		now: time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC), unit: map[string]int64{}, person: map[string]int64{}, personUnit: map[string]string{}}
	clock := func() time.Time { return f.now }
	f.svc, f.org, f.auth = NewService(f.db, clock), org.NewService(f.db, clock), auth.NewService(f.db, clock)
	sc, err := f.org.CreateSchool(f.ctx, f.sys, org.School{Code: "t", Name: "测试学校", Timezone: "Asia/Shanghai"})
	f.must(err)
	f.school = sc.ID
	other, err := f.org.CreateSchool(f.ctx, f.sys, org.School{Code: "o", Name: "另一所学校"})
	f.must(err)
	f.other = other.ID
	f.office = f.actor("", auth.RoleSchoolAdmin, f.school)
	return f
}

func (f *fixture) must(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatalf("setup: %v", err)
	}
}

func (f *fixture) addUnit(name string) int64 {
	f.t.Helper()
	u, err := f.org.SaveUnit(f.ctx, f.sys, f.school, org.Unit{Name: name, Kind: org.UnitOffice})
	f.must(err)
	f.unit[name] = u.ID
	return u.ID
}

// addPerson adds a person of unit; head makes them the unit's head.
func (f *fixture) addPerson(name, unit string, head bool) int64 {
	f.t.Helper()
	p, err := f.org.SavePerson(f.ctx, f.sys, f.school, org.Person{Name: name, StaffNo: fmt.Sprintf("S%03d", len(f.person)+1), UnitID: f.unit[unit]})
	f.must(err)
	f.person[name] = p.ID
	f.personUnit[name] = unit
	if head {
		u, err := f.org.FindUnit(f.ctx, f.sys, f.school, f.unit[unit])
		f.must(err)
		u.HeadPersonID = p.ID
		_, err = f.org.SaveUnit(f.ctx, f.sys, f.school, u)
		f.must(err)
	}
	return p.ID
}

// actor gives person an account with role at school scope in school.
func (f *fixture) actor(person string, role auth.Role, school int64) *auth.Actor {
	f.t.Helper()
	g := auth.Grant{Role: role, SchoolID: school, ScopeKind: auth.ScopeSchool}
	if role == auth.RoleUnitHead { // unit heads hold their role at their unit
		g.ScopeKind, g.ScopeID = auth.ScopeUnit, f.unit[f.personUnit[person]]
	}
	acc, _, err := f.auth.CreateAccount(f.ctx, f.sys, auth.NewAccount{Username: fmt.Sprintf("user%d", f.nextAcct()),
		DisplayName: person + "账号", Password: "pw-test-2026-long", SchoolID: school, PersonID: f.person[person],
		Grants: []auth.Grant{g}})
	f.must(err)
	a, err := f.auth.LoadActor(f.ctx, acc.ID)
	f.must(err)
	return a
}

// campaign stores the notice's campaign window (2019-11-01 to 2020-12-31).
func (f *fixture) campaign() Campaign {
	f.t.Helper()
	c, err := f.svc.SaveCampaign(f.ctx, f.office, f.school, Campaign{Name: "校园安全生产专项整治", StartsOn: "2019-11-01", EndsOn: "2020-12-31", ReportDueOn: "2020-12-20"})
	f.must(err)
	return c
}

func (f *fixture) count(query string, args ...any) int {
	f.t.Helper()
	var n int
	f.must(f.db.Read().QueryRowContext(f.ctx, query, args...).Scan(&n))
	return n
}

func orgUnit(name string, parent int64) org.Unit {
	return org.Unit{Name: name, Kind: org.UnitOther, ParentID: parent}
}

func itoa(n int64) string { return fmt.Sprint(n) }
