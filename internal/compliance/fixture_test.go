package compliance

import (
	"context"
	"fmt"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
	"safecampus/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

var shanghai = time.FixedZone("CST", 8*3600)

// at is a wall-clock instant in the school's zone.
func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, shanghai)
}

// fixture is a small school whose every figure the tests compute by hand:
// units 校领导 (leaders), 后勤管理处 (u1), 教务处 (u2) with its 实训科
// (u2a); a principal, two supervising leaders (张佩武 in the leading
// group, 李明 not), and a second school. The clock is 2026-04-10 10:00.
type fixture struct {
	t   *testing.T
	ctx context.Context
	db  *sqldb.DB
	svc *Service
	clk time.Time

	school, other                       int64
	lead, u1, u2, u2a                   int64
	principal, sup1, sup2, head1, head2 int64
	planP, planS, planU                 int64
	seq                                 int
	account                             int64 // the inspector account of seeded inspections

	office, headU2, principalA, staff, authority, otherAdmin *auth.Actor
}

func newFixture(t *testing.T, dialect string) *fixture {
	t.Helper()
	f := &fixture{t: t, ctx: context.Background(), db: testkit.OpenDB(t, dialect), clk: at(2026, 4, 10, 10, 0)}
	f.svc = NewService(f.db, func() time.Time { return f.clk })
	f.school = f.insert(`INSERT INTO schools (code, name, created_at) VALUES ('ntws', '南通卫生高职', 0) RETURNING id`)
	f.other = f.insert(`INSERT INTO schools (code, name, created_at) VALUES ('other', '他校', 0) RETURNING id`)
	unit := func(name, kind string, parent int64, sort int) int64 {
		return f.insert(`INSERT INTO units (school_id, parent_id, name, kind, sort_order) VALUES ($1, $2, $3, $4, $5) RETURNING id`, f.school, nullID(parent), name, kind, sort)
	}
	f.lead = unit("校领导", "other", 0, 0)
	f.u1 = unit("后勤管理处", "office", 0, 1)
	f.u2 = unit("教务处", "office", 0, 2)
	f.u2a = unit("实训科", "other", f.u2, 3)
	person := func(name string, unit int64) int64 {
		return f.insert(`INSERT INTO people (school_id, unit_id, name) VALUES ($1, $2, $3) RETURNING id`, f.school, nullID(unit), name)
	}
	f.principal = person("姜声扬", f.lead)
	f.sup1 = person("张佩武", f.u1) // supervising leader based in 后勤管理处, in the leading group
	f.sup2 = person("李明", f.u2)  // supervising leader based in 教务处, not in the leading group
	f.head1 = person("陈建国", f.u1)
	f.head2 = person("陆晓燕", f.u2)
	f.exec(`UPDATE units SET head_person_id = $1 WHERE id = $2`, f.head1, f.u1)
	f.exec(`UPDATE units SET head_person_id = $1 WHERE id = $2`, f.head2, f.u2)
	group := f.insert(`INSERT INTO leading_groups (school_id, name) VALUES ($1, '校园安全专项整治工作领导小组') RETURNING id`, f.school)
	f.exec(`INSERT INTO leading_group_members (school_id, group_id, person_id, position) VALUES ($1, $2, $3, 'leader'), ($1, $2, $4, 'deputy')`,
		f.school, group, f.principal, f.sup1)

	f.account = f.insert(`INSERT INTO accounts (username, display_name, password_hash, school_id, created_at, password_changed_at) VALUES ('insp', '检查员', 'x', $1, 0, 0) RETURNING id`, f.school)
	grant := func(r auth.Role, kind auth.ScopeKind, id int64) []auth.Grant {
		return []auth.Grant{{Role: r, SchoolID: f.school, ScopeKind: kind, ScopeID: id}}
	}
	f.office = &auth.Actor{AccountID: 1, PersonID: 0, Grants: grant(auth.RoleSchoolAdmin, auth.ScopeSchool, 0)}
	f.headU2 = &auth.Actor{AccountID: 2, PersonID: f.head2, Grants: grant(auth.RoleUnitHead, auth.ScopeUnit, f.u2)}
	f.principalA = &auth.Actor{AccountID: 3, PersonID: f.principal, Grants: grant(auth.RolePrincipalLeader, auth.ScopeSchool, 0)}
	f.staff = &auth.Actor{AccountID: 4, Grants: grant(auth.RoleStaff, auth.ScopeSchool, 0)}
	f.authority = &auth.Actor{AccountID: 5, Grants: []auth.Grant{{Role: auth.RoleAuthorityViewer, SchoolID: f.school, ScopeKind: auth.ScopeSchool, AuthorityID: 1}}}
	f.otherAdmin = &auth.Actor{AccountID: 6, Grants: []auth.Grant{{Role: auth.RoleSchoolAdmin, SchoolID: f.other, ScopeKind: auth.ScopeSchool}}}

	plan := func(name, kind, rule, rec string) int64 {
		return f.insert(`INSERT INTO inspection_plans (school_id, name, kind, rule, recurrence, start_date, created_at) VALUES ($1, $2, $3, $4, $5, '2026-01-01', 0) RETURNING id`,
			f.school, name, kind, rule, rec)
	}
	f.planP = plan("主要领导检查", "leader", "rhythm_principal", "half_year")
	f.planS = plan("分管领导检查", "leader", "rhythm_supervisor", "quarterly")
	f.planU = plan("职能部门月度自查", "unit_monthly", "rhythm_unit", "monthly")
	return f
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func (f *fixture) insert(q string, args ...any) int64 {
	f.t.Helper()
	var id int64
	if err := f.db.Transact(f.ctx, func(tx *sqldb.Tx) error { return tx.QueryRowContext(f.ctx, q, args...).Scan(&id) }); err != nil {
		f.t.Fatalf("setup %q: %v", q, err)
	}
	return id
}

func (f *fixture) exec(q string, args ...any) {
	f.t.Helper()
	if err := f.db.Transact(f.ctx, func(tx *sqldb.Tx) error { _, err := tx.ExecContext(f.ctx, q, args...); return err }); err != nil {
		f.t.Fatalf("setup %q: %v", q, err)
	}
}

// due adds a rhythm row owed by a person or a unit.
func (f *fixture) due(plan int64, period, starts, due string, person, unit int64) {
	f.exec(`INSERT INTO due_inspections (school_id, plan_id, period, owner_person_id, owner_unit_id, starts_on, due_on, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 0)`,
		f.school, plan, period, person, unit, starts, due)
}

// inspect stores a submitted inspection; co lists co-inspectors.
func (f *fixture) inspect(kind string, inspector, unit int64, when time.Time, co ...int64) int64 {
	f.seq++
	id := f.insert(`INSERT INTO inspections (school_id, client_id, kind, status, unit_id, inspector_person_id, inspector_account_id, started_at, submitted_at)
		VALUES ($1, $2, $3, 'submitted', $4, $5, $6, $7, $7) RETURNING id`, f.school, fmt.Sprintf("c%d", f.seq), kind, nullID(unit), nullID(inspector), f.account, when.UnixMilli())
	for _, p := range co {
		f.exec(`INSERT INTO inspection_coinspectors (school_id, inspection_id, person_id) VALUES ($1, $2, $3)`, f.school, id, p)
	}
	return id
}

// hazard stores a hazard as the workflow would have left it.
type hz struct {
	unit                int64
	area, level, status string
	deadline            string
	closed              time.Time
	acceptedBy          int64
	found               time.Time
}

func (f *fixture) hazard(h hz) int64 {
	f.seq++
	if h.found.IsZero() {
		h.found = at(2025, 11, 1, 9, 0)
	}
	var closed any
	if !h.closed.IsZero() {
		closed = h.closed.UnixMilli()
	}
	return f.insert(`INSERT INTO hazards (school_id, number, source, found_at, area, level, description, unit_id, deadline, status, accepted_by_person_id, closed_at, created_at, updated_at)
		VALUES ($1, $2, 'report', $3, $4, $5, $6, $7, $8, $9, $10, $11, $3, $3) RETURNING id`,
		f.school, fmt.Sprintf("2026-%s-%04d", h.area, f.seq), h.found.UnixMilli(), h.area, h.level, fmt.Sprintf("隐患%d", f.seq), nullID(h.unit), h.deadline, h.status, nullID(h.acceptedBy), closed)
}

// result finds rule's result in rs.
func result(t *testing.T, rs []Result, rule string) Result {
	t.Helper()
	for _, r := range rs {
		if r.Rule == rule {
			return r
		}
	}
	t.Fatalf("no result for %s", rule)
	return Result{}
}

// refIDs lists the ids of refs of kind.
func refIDs(refs []Ref, kind string) []int64 {
	var out []int64
	for _, r := range refs {
		if r.Kind == kind {
			out = append(out, r.ID)
		}
	}
	return out
}
