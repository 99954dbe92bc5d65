package plan

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

// fixture is a small school on a fresh database with a clock the test
// moves by hand.
type fixture struct {
	t      *testing.T
	ctx    context.Context
	db     *sqldb.DB
	now    time.Time
	plans  *Service
	org    *org.Service
	auth   *auth.Service
	sys    *auth.Actor
	school int64
	other  int64
	unit   map[string]int64
	person map[string]int64
	acct   map[string]int64 // person name → account id
	places map[string]int64

	clientSeq int64
}

// cst is a wall-clock time in the school's zone.
func cst(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, shanghai) }

func newFixture(t *testing.T, dialect string) *fixture {
	t.Helper()
	f := &fixture{t: t, ctx: context.Background(), db: testkit.OpenDB(t, dialect), now: cst(2026, 1, 5, 10), sys: auth.System(),
		unit: map[string]int64{}, person: map[string]int64{}, acct: map[string]int64{}, places: map[string]int64{}}
	clock := func() time.Time { return f.now }
	f.plans, f.org, f.auth = NewService(f.db, clock), org.NewService(f.db, clock), auth.NewService(f.db, clock)
	sc, err := f.org.CreateSchool(f.ctx, f.sys, org.School{Code: "t", Name: "测试学校", Timezone: "Asia/Shanghai"})
	f.must(err)
	f.school = sc.ID
	other, err := f.org.CreateSchool(f.ctx, f.sys, org.School{Code: "o", Name: "另一所学校"})
	f.must(err)
	f.other = other.ID
	return f
}

func (f *fixture) must(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatalf("setup: %v", err)
	}
}

func (f *fixture) addUnit(name string, kind org.UnitKind, parent string) int64 {
	f.t.Helper()
	u, err := f.org.SaveUnit(f.ctx, f.sys, f.school, org.Unit{Name: name, Kind: kind, ParentID: f.unit[parent], SortOrder: int64(len(f.unit))})
	f.must(err)
	f.unit[name] = u.ID
	return u.ID
}

func (f *fixture) addPerson(name, unit string) int64 {
	f.t.Helper()
	p, err := f.org.SavePerson(f.ctx, f.sys, f.school, org.Person{Name: name, StaffNo: fmt.Sprintf("S%03d", len(f.person)+1), UnitID: f.unit[unit]})
	f.must(err)
	f.person[name] = p.ID
	return p.ID
}

func (f *fixture) setHead(unit, person string) {
	f.t.Helper()
	u, err := f.org.FindUnit(f.ctx, f.sys, f.school, f.unit[unit])
	f.must(err)
	u.HeadPersonID = f.person[person]
	_, err = f.org.SaveUnit(f.ctx, f.sys, f.school, u)
	f.must(err)
}

// addAccount gives person an account holding role at grant's scope.
func (f *fixture) addAccount(person string, g auth.Grant) *auth.Actor {
	f.t.Helper()
	g.SchoolID = f.school
	if g.ScopeKind == "" {
		g.ScopeKind = auth.ScopeSchool
	}
	acc, _, err := f.auth.CreateAccount(f.ctx, f.sys, auth.NewAccount{Username: fmt.Sprintf("u%d", len(f.acct)+1), DisplayName: person,
		Password: "pw-test-2026-long", SchoolID: f.school, PersonID: f.person[person], Grants: []auth.Grant{g}})
	f.must(err)
	f.acct[person] = acc.ID
	a, err := f.auth.LoadActor(f.ctx, acc.ID)
	f.must(err)
	return a
}

func (f *fixture) addPlace(name string) int64 {
	f.t.Helper()
	p, err := f.org.SavePlace(f.ctx, f.sys, f.school, org.Place{Name: name, Level: "building", Type: "other"})
	f.must(err)
	f.places[name] = p.ID
	return p.ID
}

// generate runs Generate at the fixture's clock and returns what it made.
func (f *fixture) generate() GenerateResult {
	f.t.Helper()
	r, err := f.plans.GenerateCounts(f.ctx, f.school, f.now)
	f.must(err)
	return r
}

// submit stores a submitted inspection as the inspection service would
// and links it inside the same transaction. due is the due row it was
// started from (0 for none); unit and place are what it was about.
func (f *fixture) submit(person string, kind string, due, unit, place int64, at time.Time) Linked {
	f.t.Helper()
	var l Linked
	err := f.db.Transact(f.ctx, func(tx *sqldb.Tx) error {
		var id int64
		err := tx.QueryRowContext(f.ctx, `INSERT INTO inspections (school_id, client_id, kind, status, due_id, place_id, unit_id, inspector_person_id, inspector_account_id, started_at, submitted_at)
			VALUES ($1, $2, $3, 'submitted', $4, $5, $6, $7, $8, $9, $9) RETURNING id`,
			f.school, fmt.Sprintf("c-%d", f.seq()), kind, nullID(due), nullID(place), nullID(unit), f.person[person], f.acct[person], at.UnixMilli()).Scan(&id)
		if err != nil {
			return err
		}
		l, err = LinkDueResult(f.ctx, tx, f.school, id, f.person[person], kind, at, shanghai)
		return err
	})
	f.must(err)
	return l
}

// seq numbers client ids so two submissions at one instant stay distinct.
func (f *fixture) seq() int64 { f.clientSeq++; return f.clientSeq }

// dueID finds the row of plan rule (or plan id) for an owner and period.
func (f *fixture) dueID(planID int64, period string, ownerPerson, ownerUnit, place int64) int64 {
	f.t.Helper()
	var id int64
	f.must(f.db.Read().QueryRowContext(f.ctx, `SELECT id FROM due_inspections WHERE plan_id = $1 AND period = $2 AND owner_person_id = $3 AND owner_unit_id = $4 AND place_id = $5`,
		planID, period, ownerPerson, ownerUnit, place).Scan(&id))
	return id
}

func (f *fixture) ruleID(rule string) int64 {
	f.t.Helper()
	var id int64
	f.must(f.db.Read().QueryRowContext(f.ctx, `SELECT id FROM inspection_plans WHERE school_id = $1 AND rule = $2`, f.school, rule).Scan(&id))
	return id
}

func (f *fixture) status(id int64) string {
	f.t.Helper()
	var st string
	f.must(f.db.Read().QueryRowContext(f.ctx, `SELECT status FROM due_inspections WHERE id = $1`, id).Scan(&st))
	return st
}

func (f *fixture) count(query string, args ...any) int {
	f.t.Helper()
	var n int
	f.must(f.db.Read().QueryRowContext(f.ctx, query, args...).Scan(&n))
	return n
}
