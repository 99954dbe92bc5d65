package hazard

import (
	"context"
	"fmt"
	"testing"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/photo"
	"safecampus/internal/sqldb"
	"safecampus/internal/testkit"
)

// now is 2026-03-14 10:00 in Shanghai; the fixture's deadlines are after it.
var now = time.Date(2026, 3, 14, 2, 0, 0, 0, time.UTC)

const (
	deadline    = "2026-03-24"
	laterByTen  = "2026-04-03"
	yesterday   = "2026-03-13"
	todayString = "2026-03-14"
)

// member is one of the realistic cast: an actor, how they stand to the
// fixture's hazards (written out here, not computed, so the table test
// checks Relations too) and whether they may see those hazards at all.
type member struct {
	name    string
	actor   *auth.Actor
	rels    map[Relation]bool
	visible bool
}

// fixture is a school with a leading group, two units, places, a grid,
// the cast, and a second school, on a fresh database of one dialect.
type fixture struct {
	t   *testing.T
	ctx context.Context
	db  *sqldb.DB
	svc *Service
	clk time.Time

	school, other, unit1, unit2, place1, place2, grid1, foreignPlace                                 int64
	pOffice, pHead1, pResp, pAcceptor, pLeader, pReporter, pGrid, pStaff, pHead2, pRectifier, pOther int64

	office, head1, resp, acceptor, leader, reporter, gridMember, staff, head2, authority, otherAdmin *auth.Actor
	cast                                                                                             []member
	seq                                                                                              int
}

func newFixture(t *testing.T, dialect string) *fixture {
	t.Helper()
	f := &fixture{t: t, ctx: context.Background(), db: testkit.OpenDB(t, dialect), clk: now}
	f.svc = NewService(f.db, &photo.Store{Dir: t.TempDir(), Now: f.now}, f.now)
	f.school = f.insert(`INSERT INTO schools (code, name, created_at) VALUES ('ntws', '南通卫生高职', 0) RETURNING id`)
	f.other = f.insert(`INSERT INTO schools (code, name, created_at) VALUES ('other', '他校', 0) RETURNING id`)
	f.unit1 = f.insert(`INSERT INTO units (school_id, name, kind) VALUES ($1, '后勤管理处', 'office') RETURNING id`, f.school)
	f.unit2 = f.insert(`INSERT INTO units (school_id, name, kind) VALUES ($1, '教务处', 'office') RETURNING id`, f.school)
	f.place1 = f.insert(`INSERT INTO places (school_id, name, level, place_type, unit_id) VALUES ($1, '1号学生公寓', 'building', 'student_dormitory', $2) RETURNING id`, f.school, f.unit1)
	f.place2 = f.insert(`INSERT INTO places (school_id, name, level, place_type, unit_id) VALUES ($1, '化学实验室', 'area', 'laboratory', $2) RETURNING id`, f.school, f.unit2)
	f.foreignPlace = f.insert(`INSERT INTO places (school_id, name, level, place_type) VALUES ($1, '他校食堂', 'area', 'canteen') RETURNING id`, f.other)
	f.grid1 = f.insert(`INSERT INTO grids (school_id, name) VALUES ($1, '实验楼网格') RETURNING id`, f.school)
	f.exec(`INSERT INTO grid_places (school_id, grid_id, place_id) VALUES ($1, $2, $3)`, f.school, f.grid1, f.place2)
	person := func(name string, unit int64) int64 {
		return f.insert(`INSERT INTO people (school_id, unit_id, name) VALUES ($1, $2, $3) RETURNING id`, f.school, nullID(unit), name)
	}
	f.pOffice, f.pHead1, f.pResp = person("黄轶", 0), person("陈建国", f.unit1), person("杨帆", f.unit1)
	f.pAcceptor, f.pLeader, f.pReporter = person("张佩武", 0), person("姜声扬", 0), person("何静", 0)
	f.pGrid, f.pStaff, f.pHead2, f.pRectifier = person("冯磊", f.unit2), person("王芳", 0), person("陆晓燕", f.unit2), person("刘洋", f.unit1)
	f.pOther = f.insert(`INSERT INTO people (school_id, name) VALUES ($1, '外校人') RETURNING id`, f.other)
	f.exec(`UPDATE units SET head_person_id = $1 WHERE id = $2`, f.pHead1, f.unit1)
	f.exec(`UPDATE units SET head_person_id = $1 WHERE id = $2`, f.pHead2, f.unit2)
	group := f.insert(`INSERT INTO leading_groups (school_id, name) VALUES ($1, '校园安全专项整治工作领导小组') RETURNING id`, f.school)
	f.exec(`INSERT INTO leading_group_members (school_id, group_id, person_id, position) VALUES ($1, $2, $3, 'leader'), ($1, $2, $4, 'deputy')`,
		f.school, group, f.pLeader, f.pAcceptor)

	sg := func(r auth.Role) auth.Grant {
		return auth.Grant{Role: r, SchoolID: f.school, ScopeKind: auth.ScopeSchool}
	}
	f.office = f.actor("office", f.school, f.pOffice, sg(auth.RoleSchoolAdmin))
	f.head1 = f.actor("head1", f.school, f.pHead1, auth.Grant{Role: auth.RoleUnitHead, SchoolID: f.school, ScopeKind: auth.ScopeUnit, ScopeID: f.unit1})
	f.resp = f.actor("resp", f.school, f.pResp, sg(auth.RoleStaff))
	f.acceptor = f.actor("acceptor", f.school, f.pAcceptor, sg(auth.RoleSupervisor))
	f.leader = f.actor("leader", f.school, f.pLeader, sg(auth.RolePrincipalLeader))
	f.reporter = f.actor("reporter", f.school, f.pReporter, sg(auth.RoleStaff))
	f.gridMember = f.actor("grid", f.school, f.pGrid, auth.Grant{Role: auth.RoleGridMember, SchoolID: f.school, ScopeKind: auth.ScopeGrid, ScopeID: f.grid1})
	f.staff = f.actor("staff", f.school, f.pStaff, sg(auth.RoleStaff))
	f.head2 = f.actor("head2", f.school, f.pHead2, auth.Grant{Role: auth.RoleUnitHead, SchoolID: f.school, ScopeKind: auth.ScopeUnit, ScopeID: f.unit2})
	f.authority = f.actor("authority", 0, 0, auth.Grant{Role: auth.RoleAuthorityViewer, SchoolID: f.school, ScopeKind: auth.ScopeSchool, AuthorityID: 1})
	f.otherAdmin = f.actor("other_admin", f.other, f.pOther, auth.Grant{Role: auth.RoleSchoolAdmin, SchoolID: f.other, ScopeKind: auth.ScopeSchool})

	rels := func(rs ...Relation) map[Relation]bool {
		m := map[Relation]bool{}
		for _, r := range rs {
			m[r] = true
		}
		return m
	}
	f.cast = []member{
		{"办公室管理员", f.office, rels(RelOffice, RelUnitHead), true},
		{"责任单位负责人", f.head1, rels(RelUnitHead), true},
		{"整改责任人", f.resp, rels(RelResponsible), true},
		{"验收人（领导小组成员）", f.acceptor, rels(RelAcceptor, RelLeadingTeam), true},
		{"领导小组组长", f.leader, rels(RelLeadingTeam), true},
		{"上报人", f.reporter, rels(), true},
		{"其他单位网格员", f.gridMember, rels(), false},
		{"教职工", f.staff, rels(), false},
		{"其他单位负责人", f.head2, rels(), false},
		{"主管部门", f.authority, rels(), true},
		{"他校管理员", f.otherAdmin, rels(), false},
	}
	return f
}

func (f *fixture) now() time.Time { return f.clk }

func (f *fixture) insert(q string, args ...any) int64 {
	f.t.Helper()
	var id int64
	if err := f.db.Raw().QueryRowContext(f.ctx, q, args...).Scan(&id); err != nil {
		f.t.Fatalf("%s: %v", q, err)
	}
	return id
}

func (f *fixture) exec(q string, args ...any) {
	f.t.Helper()
	if _, err := f.db.Raw().ExecContext(f.ctx, q, args...); err != nil {
		f.t.Fatalf("%s: %v", q, err)
	}
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
	id := f.insert(`INSERT INTO accounts (username, display_name, password_hash, school_id, person_id, created_at, password_changed_at)
		VALUES ($1, $1, 'x', $2, $3, 0, 0) RETURNING id`, name, nullID(school), nullID(person))
	return &auth.Actor{AccountID: id, Username: name, DisplayName: name, PersonID: person, HomeSchool: school, Grants: []auth.Grant{g}}
}

// hazardAt stores a hazard straight into status st, as the workflow would
// have left it: reported by the reporter at place1, owned by unit1, with
// the responsible person and the named acceptor, rectified (when it got
// that far) by someone outside the cast. A major one has a complete plan.
func (f *fixture) hazardAt(st Status, level string) int64 {
	f.t.Helper()
	f.seq++
	var closed any
	rectifier := any(nil)
	switch st {
	case StatusSubmitted:
		rectifier = f.pRectifier
	case StatusClosed:
		rectifier, closed = f.pRectifier, now.Add(-time.Hour).UnixMilli()
	}
	id := f.insert(`INSERT INTO hazards (school_id, number, source, found_at, found_by_account_id, found_by_person_id, place_id, area, level,
			description, unit_id, responsible_person_id, measures, deadline, acceptor_person_id, status, rectified_by_person_id, closed_at, created_at, updated_at)
		VALUES ($1, $2, 'report', $3, $4, $5, $6, 'FIRE', $7, '楼道内电动自行车充电', $8, $9, '清理并安装充电桩', $10, $11, $12, $13, $14, $3, $3) RETURNING id`,
		f.school, fmt.Sprintf("2026-FIRE-%04d", 9000+f.seq), now.Add(-48*time.Hour).UnixMilli(), f.reporter.AccountID, f.pReporter, f.place1, level,
		f.unit1, f.pResp, deadline, f.pAcceptor, string(st), rectifier, closed)
	if level == LevelMajor {
		f.exec(`INSERT INTO hazard_plans (hazard_id, school_id, goal, methods, funds_materials, organisation, time_limit, safety_emergency, updated_by, updated_at)
			VALUES ($1, $2, '消除隐患', '更换线路', '专项经费5万元', '后勤管理处', '30日内', '设置警戒区并制定应急预案', $3, 0)`, id, f.school, f.office.AccountID)
	}
	return id
}

// pendingPhoto stores a pending photo row of a's (the file is not needed
// for linking).
func (f *fixture) pendingPhoto(a *auth.Actor) int64 {
	f.seq++
	return f.insert(`INSERT INTO photos (school_id, owner_kind, owner_id, file_name, sha256, width, height, bytes, uploaded_by, created_at)
		VALUES ($1, 'pending', $2, $3, 'x', 10, 10, 10, $2, 0) RETURNING id`, f.school, a.AccountID, fmt.Sprintf("2026/03/%032d.jpg", f.seq))
}

// pendingExtension stores the responsible person's pending request.
func (f *fixture) pendingExtension(id int64) int64 {
	return f.insert(`INSERT INTO hazard_extensions (school_id, hazard_id, requested_by, requested_at, old_deadline, new_deadline, reason)
		VALUES ($1, $2, $3, 0, $4, $5, '材料未到货') RETURNING id`, f.school, id, f.resp.AccountID, deadline, laterByTen)
}

// snapshot is what a refused step must leave untouched.
type snapshot struct{ version, events, audit, extensions, listings, plans, photos int }

func (f *fixture) snap(id int64) snapshot {
	f.t.Helper()
	return snapshot{
		version:    f.count(`SELECT version FROM hazards WHERE id = $1`, id),
		events:     f.count(`SELECT COUNT(*) FROM hazard_events WHERE hazard_id = $1`, id),
		audit:      f.count(`SELECT COUNT(*) FROM audit_log`),
		extensions: f.count(`SELECT COUNT(*) FROM hazard_extensions WHERE hazard_id = $1`, id),
		listings:   f.count(`SELECT COUNT(*) FROM hazard_listings WHERE hazard_id = $1`, id),
		plans:      f.count(`SELECT COUNT(*) FROM hazard_plans WHERE hazard_id = $1`, id),
		photos:     f.count(`SELECT COUNT(*) FROM photos WHERE owner_kind <> 'pending'`),
	}
}

// version is the stored version of hazard id.
func (f *fixture) version(id int64) int64 {
	return int64(f.count(`SELECT version FROM hazards WHERE id = $1`, id))
}

// refused asserts err has kind k and message msg (when not empty), and
// that nothing changed since before.
func (f *fixture) refused(id int64, before snapshot, err error, k apperr.Kind, msg string) {
	f.t.Helper()
	if apperr.KindOf(err) != k {
		f.t.Fatalf("want %v, got %v", k, err)
	}
	if msg != "" {
		if got := apperr.As(err).Message; got != msg && !hasField(err, msg) {
			f.t.Fatalf("message %q, want %q", got, msg)
		}
	}
	if after := f.snap(id); after != before {
		f.t.Fatalf("a refused step changed something: %+v → %+v", before, after)
	}
}

func hasField(err error, msg string) bool {
	for _, fe := range apperr.As(err).Fields {
		if fe.Message == msg {
			return true
		}
	}
	return false
}
