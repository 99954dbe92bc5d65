package lookback

import (
	"context"
	"fmt"
	"testing"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/hazard"
	"safecampus/internal/sqldb"
	"safecampus/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// now is 2026-10-12 10:00 in Shanghai: the notice's look-back phase.
var now = time.Date(2026, 10, 12, 2, 0, 0, 0, time.UTC)

// fixture is a school with two units, the campaign office, two named
// inspectors (grid members), a staff member, a leader and another
// school's admin, on a fresh database of one dialect.
type fixture struct {
	t   *testing.T
	ctx context.Context
	db  *sqldb.DB
	svc *Service

	school, other, unit1, unit2, place int64
	pOffice, pFeng, pZhao, pStaff      int64

	office, feng, zhao, staff, leader, otherAdmin *auth.Actor
	actors                                        map[int64]*auth.Actor
	seq                                           int
}

func newFixture(t *testing.T, dialect string) *fixture {
	t.Helper()
	f := &fixture{t: t, ctx: context.Background(), db: testkit.OpenDB(t, dialect), actors: map[int64]*auth.Actor{}}
	clock := func() time.Time { return now }
	f.svc = NewService(f.db, hazard.NewService(f.db, nil, clock), func(_ context.Context, id int64) (*auth.Actor, error) {
		if a, ok := f.actors[id]; ok {
			return a, nil
		}
		return nil, apperr.NotFoundf("auth.account_not_found", "账号不存在。")
	}, clock)
	f.school = f.insert(`INSERT INTO schools (code, name, timezone, created_at) VALUES ('ntws', '南通卫生高职', 'Asia/Shanghai', 0) RETURNING id`)
	f.other = f.insert(`INSERT INTO schools (code, name, created_at) VALUES ('other', '他校', 0) RETURNING id`)
	f.unit1 = f.insert(`INSERT INTO units (school_id, name, kind) VALUES ($1, '后勤管理处', 'office') RETURNING id`, f.school)
	f.unit2 = f.insert(`INSERT INTO units (school_id, name, kind) VALUES ($1, '实验实训中心', 'office') RETURNING id`, f.school)
	f.place = f.insert(`INSERT INTO places (school_id, name, level, place_type, unit_id) VALUES ($1, '1号学生公寓', 'building', 'student_dormitory', $2) RETURNING id`, f.school, f.unit1)
	person := func(name string) int64 {
		return f.insert(`INSERT INTO people (school_id, name) VALUES ($1, $2) RETURNING id`, f.school, name)
	}
	f.pOffice, f.pFeng, f.pZhao, f.pStaff = person("黄轶"), person("冯磊"), person("赵强"), person("何静")
	pLeader := person("姜声扬")
	sg := func(r auth.Role) auth.Grant {
		return auth.Grant{Role: r, SchoolID: f.school, ScopeKind: auth.ScopeSchool}
	}
	f.office = f.actor("office", f.school, f.pOffice, sg(auth.RoleSchoolAdmin))
	f.feng = f.actor("feng", f.school, f.pFeng, sg(auth.RoleGridMember))
	f.zhao = f.actor("zhao", f.school, f.pZhao, sg(auth.RoleGridMember))
	f.staff = f.actor("staff", f.school, f.pStaff, sg(auth.RoleStaff))
	f.leader = f.actor("leader", f.school, pLeader, sg(auth.RolePrincipalLeader))
	f.otherAdmin = f.actor("other_admin", f.other, 0, auth.Grant{Role: auth.RoleSchoolAdmin, SchoolID: f.other, ScopeKind: auth.ScopeSchool})
	return f
}

func (f *fixture) insert(q string, args ...any) int64 {
	f.t.Helper()
	var id int64
	if err := f.db.Raw().QueryRowContext(f.ctx, q, args...).Scan(&id); err != nil {
		f.t.Fatalf("%s: %v", q, err)
	}
	return id
}

func (f *fixture) count(q string, args ...any) int {
	f.t.Helper()
	var n int
	if err := f.db.Raw().QueryRowContext(f.ctx, q, args...).Scan(&n); err != nil {
		f.t.Fatalf("%s: %v", q, err)
	}
	return n
}

func (f *fixture) actor(name string, school, person int64, g auth.Grant) *auth.Actor {
	var sc, pe any
	if school != 0 {
		sc = school
	}
	if person != 0 {
		pe = person
	}
	id := f.insert(`INSERT INTO accounts (username, display_name, password_hash, school_id, person_id, created_at, password_changed_at)
		VALUES ($1, $1, 'x', $2, $3, 0, 0) RETURNING id`, name, sc, pe)
	a := &auth.Actor{AccountID: id, Username: name, DisplayName: name, PersonID: person, HomeSchool: school, Grants: []auth.Grant{g}}
	f.actors[id] = a
	return a
}

// closed stores a closed hazard as the workflow would have left it: area
// and level as given, owned by unit, closed at the given day (10:00 in
// Shanghai).
func (f *fixture) closed(area, level string, unit int64, closedOn string) int64 {
	f.t.Helper()
	f.seq++
	day, _ := time.ParseInLocation(time.DateOnly, closedOn, time.FixedZone("CST", 8*3600))
	at := day.Add(10 * time.Hour).UnixMilli()
	return f.insert(`INSERT INTO hazards (school_id, number, source, found_at, found_by_account_id, place_id, area, level, description, unit_id,
			measures, deadline, status, acceptance_result, closed_at, created_at, updated_at)
		VALUES ($1, $2, 'report', $3, $4, $5, $6, $7, '楼道内电动自行车充电', $8, '清理并安装充电桩', '2026-06-30', 'closed', 'passed', $9, $3, $9) RETURNING id`,
		f.school, fmt.Sprintf("2026-%s-%04d", area, f.seq), at-30*24*3600*1000, f.office.AccountID, f.place, area, level, unit, at)
}

// population stores n closed FIRE hazards of unit1, closed on 2026-06-30.
func (f *fixture) population(n int) []int64 {
	var ids []int64
	for range n {
		ids = append(ids, f.closed("FIRE", hazard.LevelGeneral, f.unit1, "2026-06-30"))
	}
	return ids
}

// drawOf returns the hazard ids of draw id in the order drawn.
func (f *fixture) drawOf(id int64) []int64 {
	f.t.Helper()
	rows, err := f.db.Raw().QueryContext(f.ctx, `SELECT hazard_id FROM lookback_checks WHERE draw_id = $1 ORDER BY id`, id)
	if err != nil {
		f.t.Fatal(err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var h int64
		rows.Scan(&h)
		out = append(out, h)
	}
	return out
}

func dialects(t *testing.T, fn func(t *testing.T, f *fixture)) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) { fn(t, newFixture(t, d)) })
	}
}
