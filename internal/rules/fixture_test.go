package rules

import (
	"context"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
	"safecampus/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// now is 2026-03-14 10:00 in Shanghai.
var now = time.Date(2026, 3, 14, 2, 0, 0, 0, time.UTC)

// fixture is a school with units, people and places, a second school, and
// actors, on a fresh database of one dialect.
type fixture struct {
	t   *testing.T
	ctx context.Context
	db  *sqldb.DB
	svc *Service

	school, other              int64
	unit, otherUnit            int64
	chair, member, otherPerson int64
	dorm, floor, room1, room2  int64
	oldRoom, power, otherPlace int64
	admin, staff, otherAdmin   *auth.Actor
}

func newFixture(t *testing.T, dialect string) *fixture {
	t.Helper()
	f := &fixture{t: t, ctx: context.Background(), db: testkit.OpenDB(t, dialect)}
	f.svc = NewService(f.db, func() time.Time { return now })
	f.school = f.insert(`INSERT INTO schools (code, name, created_at) VALUES ('s1', '一中', 0) RETURNING id`)
	f.other = f.insert(`INSERT INTO schools (code, name, created_at) VALUES ('s2', '二中', 0) RETURNING id`)
	f.unit = f.insert(`INSERT INTO units (school_id, name, kind) VALUES ($1, '安全保卫处', 'office') RETURNING id`, f.school)
	f.otherUnit = f.insert(`INSERT INTO units (school_id, name, kind) VALUES ($1, '外校处室', 'office') RETURNING id`, f.other)
	f.chair = f.insert(`INSERT INTO people (school_id, unit_id, name) VALUES ($1, $2, '姜声扬') RETURNING id`, f.school, f.unit)
	f.member = f.insert(`INSERT INTO people (school_id, unit_id, name) VALUES ($1, $2, '黄轶') RETURNING id`, f.school, f.unit)
	f.otherPerson = f.insert(`INSERT INTO people (school_id, name) VALUES ($1, '外校人') RETURNING id`, f.other)
	place := func(school, parent int64, name, level, typ string, active bool) int64 {
		return f.insert(`INSERT INTO places (school_id, parent_id, name, level, place_type, active) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			school, nullID(parent), name, level, typ, active)
	}
	f.dorm = place(f.school, 0, "1号学生公寓", "building", "student_dormitory", true)
	f.floor = place(f.school, f.dorm, "1层", "floor", "student_dormitory", true)
	f.room1 = place(f.school, f.floor, "101宿舍", "area", "student_dormitory", true)
	f.room2 = place(f.school, f.floor, "102宿舍", "area", "student_dormitory", true)
	f.oldRoom = place(f.school, f.floor, "103宿舍（停用）", "area", "student_dormitory", false)
	f.power = place(f.school, 0, "1号配电房", "area", "power_room", true)
	f.otherPlace = place(f.other, 0, "外校配电房", "area", "power_room", true)
	f.admin = f.actor("office", f.school, auth.RoleSchoolAdmin)
	f.staff = f.actor("staff", f.school, auth.RoleStaff)
	f.otherAdmin = f.actor("other_admin", f.other, auth.RoleSchoolAdmin)
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
	if err := f.db.Read().QueryRowContext(f.ctx, q, args...).Scan(&n); err != nil {
		f.t.Fatalf("%s: %v", q, err)
	}
	return n
}

func (f *fixture) actor(name string, school int64, role auth.Role) *auth.Actor {
	id := f.insert(`INSERT INTO accounts (username, display_name, password_hash, school_id, created_at, password_changed_at)
		VALUES ($1, $1, 'x', $2, 0, 0) RETURNING id`, name, school)
	return &auth.Actor{AccountID: id, Username: name, DisplayName: name, HomeSchool: school,
		Grants: []auth.Grant{{Role: role, SchoolID: school, ScopeKind: auth.ScopeSchool}}}
}

func (f *fixture) audits() int { return f.count(`SELECT COUNT(*) FROM audit_log`) }

// rule creates a rule in force or fails the test.
func (f *fixture) rule(r Rule) Rule {
	f.t.Helper()
	saved, err := f.svc.CreateRule(f.ctx, f.admin, f.school, r)
	if err != nil {
		f.t.Fatalf("create rule %s: %v", r.Code, err)
	}
	return saved
}

// eachDialect runs fn on a fresh fixture of every dialect.
func eachDialect(t *testing.T, fn func(t *testing.T, f *fixture)) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) { fn(t, newFixture(t, d)) })
	}
}
