package escalation

import (
	"context"
	"fmt"
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

func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

var shanghai = zone("Asia/Shanghai")

// fixture is one school: 后勤处 (head 刘处长, supervised by 陈副校长 through
// a contact point) with its team 水电组 (no head, no contact point of its
// own), 图书馆 (no head, no contact point anywhere), the responsible
// person 王师傅, the office, and a second school.
type fixture struct {
	t               *testing.T
	ctx             context.Context
	db              *sqldb.DB
	school, other   int64
	logistics       int64 // 后勤处
	team            int64 // 水电组, child of 后勤处
	library         int64 // 图书馆
	wang, liu, chen int64 // people
	acc             map[string]int64
	actor           map[string]*auth.Actor
	seq             int
}

func (f *fixture) must(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatalf("setup: %v", err)
	}
}

func newFixture(t *testing.T, db *sqldb.DB) *fixture {
	t.Helper()
	at := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	now := func() time.Time { return at }
	f := &fixture{t: t, ctx: context.Background(), db: db, acc: map[string]int64{}, actor: map[string]*auth.Actor{}}
	o, au, sys := org.NewService(db, now), auth.NewService(db, now), auth.System()
	sc, err := o.CreateSchool(f.ctx, sys, org.School{Code: "yz", Name: "第一中学", Timezone: "Asia/Shanghai"})
	f.must(err)
	f.school = sc.ID
	oc, err := o.CreateSchool(f.ctx, sys, org.School{Code: "ez", Name: "第二中学", Timezone: "Asia/Shanghai"})
	f.must(err)
	f.other = oc.ID
	person := func(name string) int64 {
		p, err := o.SavePerson(f.ctx, sys, f.school, org.Person{Name: name, Active: true})
		f.must(err)
		return p.ID
	}
	f.wang, f.liu, f.chen = person("王师傅"), person("刘处长"), person("陈副校长")
	unit := func(name string, parent, head int64) int64 {
		u, err := o.SaveUnit(f.ctx, sys, f.school, org.Unit{Name: name, Kind: org.UnitOffice, ParentID: parent, HeadPersonID: head, Active: true})
		f.must(err)
		return u.ID
	}
	f.logistics = unit("后勤处", 0, f.liu)
	f.team = unit("水电组", f.logistics, 0)
	f.library = unit("图书馆", 0, 0)
	f.must(o.SetLeaderUnits(f.ctx, sys, f.school, f.chen, []int64{f.logistics}))
	for _, a := range []struct {
		name   string
		school int64
		person int64
		grant  auth.Grant
	}{
		{"wang", f.school, f.wang, auth.Grant{Role: auth.RoleStaff, SchoolID: f.school, ScopeKind: auth.ScopeSchool}},
		{"liu", f.school, f.liu, auth.Grant{Role: auth.RoleUnitHead, SchoolID: f.school, ScopeKind: auth.ScopeUnit, ScopeID: f.logistics}},
		{"chen", f.school, f.chen, auth.Grant{Role: auth.RoleSupervisor, SchoolID: f.school, ScopeKind: auth.ScopeSchool}},
		{"office", f.school, 0, auth.Grant{Role: auth.RoleSchoolAdmin, SchoolID: f.school, ScopeKind: auth.ScopeSchool}},
		{"otheroffice", f.other, 0, auth.Grant{Role: auth.RoleSchoolAdmin, SchoolID: f.other, ScopeKind: auth.ScopeSchool}},
	} {
		acc, _, err := au.CreateAccount(f.ctx, sys, auth.NewAccount{Username: a.name, DisplayName: a.name, Password: "fixture-password-2026",
			SchoolID: a.school, PersonID: a.person, Grants: []auth.Grant{a.grant}})
		f.must(err)
		f.acc[a.name] = acc.ID
		actor, err := au.LoadActor(f.ctx, acc.ID)
		f.must(err)
		f.actor[a.name] = actor
	}
	return f
}

// hazard inserts a hazard row directly (the hazard core's services are not
// what is under test here) and returns its id.
func (f *fixture) hazard(school, unit int64, level, status, deadline string) int64 {
	f.t.Helper()
	f.seq++
	var resp any
	if unit != 0 {
		resp = f.wang
	}
	var id int64
	err := f.db.Transact(f.ctx, func(tx *sqldb.Tx) error {
		return tx.QueryRowContext(f.ctx, `INSERT INTO hazards (school_id, number, source, found_at, area, level, description, unit_id,
				responsible_person_id, deadline, status, created_at, updated_at)
			VALUES ($1, $2, 'report', $3, 'FIRE', $4, $5, $6, $7, $8, $9, $3, $3) RETURNING id`,
			school, fmt.Sprintf("2026-FIRE-%04d", f.seq),
			time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC).UnixMilli(), level, "配电室灭火器压力不足", nullable(unit), resp, deadline, status).Scan(&id)
	})
	f.must(err)
	return id
}

func nullable(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// ladder reads a hazard's ladder columns.
func (f *fixture) ladder(id int64) (overdue bool, step Step, version int64) {
	f.t.Helper()
	f.must(f.db.Read().QueryRowContext(f.ctx, `SELECT overdue, escalation_step, version FROM hazards WHERE id = $1`, id).Scan(&overdue, &step, &version))
	return
}

// count runs a COUNT(*) query.
func (f *fixture) count(query string, args ...any) int {
	f.t.Helper()
	var n int
	f.must(f.db.Read().QueryRowContext(f.ctx, query, args...).Scan(&n))
	return n
}
