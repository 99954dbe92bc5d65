package lists

import (
	"context"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
	"safecampus/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// sh is a Shanghai wall-clock time.
func sh(s string) time.Time {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	t, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		panic(err)
	}
	return t
}

// fixtureNow is 2026-04-10 in Shanghai: today is "2026-04-10".
var fixtureNow = sh("2026-04-10 10:00")

// fixture is a school with hand-made rows written with plain SQL
// following the schema (0001–0005), so every figure can be worked out by
// hand; see the comments in build. Names of units and people:
//
//	后勤处 (head 王主任) > 配电班 (张电工); 教务处 (head 李主任; 赵老师)
type fixture struct {
	t      *testing.T
	ctx    context.Context
	db     *sqldb.DB
	svc    *Service
	school int64
	other  int64

	logistics, power, teaching int64 // units
	wang, zhang, li, zhao      int64 // people
	campus                     int64
	powerRoom, lab, canteen    int64 // places
	grid                       int64
	acc                        int64

	h  map[string]int64 // hazards h1 … h11 (h11 of the other school)
	t_ map[string]int64 // tasks t1 … t5
	d  map[string]int64 // due inspections d1 … d4
	f1 int64            // a finding not (yet) a hazard
}

func newFixture(t *testing.T, dialect string) *fixture {
	t.Helper()
	db := testkit.OpenDB(t, dialect)
	f := &fixture{t: t, ctx: context.Background(), db: db, svc: NewService(db, func() time.Time { return fixtureNow }),
		h: map[string]int64{}, t_: map[string]int64{}, d: map[string]int64{}}
	// A raw transaction in the test goroutine: t.Fatal must not run on
	// the group-commit writer's goroutine.
	raw, err := db.Raw().BeginTx(f.ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Rollback()
	f.build(&sqldb.Tx{Tx: raw, Dialect: db.Dialect})
	if err := raw.Commit(); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) ins(tx *sqldb.Tx, q string, args ...any) int64 {
	f.t.Helper()
	var id int64
	if err := tx.QueryRowContext(f.ctx, q+" RETURNING id", args...).Scan(&id); err != nil {
		f.t.Fatalf("%s: %v", q, err)
	}
	return id
}

func (f *fixture) exec(tx *sqldb.Tx, q string, args ...any) {
	f.t.Helper()
	if _, err := tx.ExecContext(f.ctx, q, args...); err != nil {
		f.t.Fatalf("%s: %v", q, err)
	}
}

func null(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func ms(t time.Time) int64 { return t.UnixMilli() }

func (f *fixture) build(tx *sqldb.Tx) {
	now := ms(fixtureNow)
	f.school = f.ins(tx, `INSERT INTO schools (code, name, timezone, created_at) VALUES ('a', '测试学校', 'Asia/Shanghai', $1)`, now)
	f.other = f.ins(tx, `INSERT INTO schools (code, name, timezone, created_at) VALUES ('b', '另一所学校', 'Asia/Shanghai', $1)`, now)
	f.campus = f.ins(tx, `INSERT INTO campuses (school_id, name) VALUES ($1, '主校区')`, f.school)
	unit := func(school, parent int64, name string) int64 {
		return f.ins(tx, `INSERT INTO units (school_id, parent_id, name, kind) VALUES ($1, $2, $3, 'office')`, school, null(parent), name)
	}
	f.logistics = unit(f.school, 0, "后勤处")
	f.power = unit(f.school, f.logistics, "配电班")
	f.teaching = unit(f.school, 0, "教务处")
	otherUnit := unit(f.other, 0, "外校处室")
	person := func(school, unit int64, name string) int64 {
		return f.ins(tx, `INSERT INTO people (school_id, unit_id, name) VALUES ($1, $2, $3)`, school, unit, name)
	}
	f.wang = person(f.school, f.logistics, "王主任")
	f.zhang = person(f.school, f.power, "张电工")
	f.li = person(f.school, f.teaching, "李主任")
	f.zhao = person(f.school, f.teaching, "赵老师")
	otherPerson := person(f.other, otherUnit, "外校人")
	f.exec(tx, `UPDATE units SET head_person_id = $1 WHERE id = $2`, f.wang, f.logistics)
	f.exec(tx, `UPDATE units SET head_person_id = $1 WHERE id = $2`, f.li, f.teaching)
	f.acc = f.ins(tx, `INSERT INTO accounts (username, display_name, password_hash, school_id, person_id, created_at, password_changed_at)
		VALUES ('office', '办公室', 'x', $1, NULL, $2, $2)`, f.school, now)
	place := func(school, unit, resp int64, name, typ string) int64 {
		return f.ins(tx, `INSERT INTO places (school_id, campus_id, name, level, place_type, unit_id, responsible_person_id) VALUES ($1, $2, $3, 'room', $4, $5, $6)`,
			school, null(map[bool]int64{true: f.campus}[school == f.school]), name, typ, null(unit), null(resp))
	}
	f.powerRoom = place(f.school, f.power, f.zhang, "配电房", "key")
	f.lab = place(f.school, f.teaching, f.zhao, "化学实验室", "lab")
	f.canteen = place(f.school, f.logistics, 0, "食堂", "canteen")
	otherPlace := place(f.other, otherUnit, otherPerson, "外校场所", "key")
	f.grid = f.ins(tx, `INSERT INTO grids (school_id, name, leader_person_id) VALUES ($1, '东区网格', $2)`, f.school, f.wang)
	f.exec(tx, `INSERT INTO grid_members (school_id, grid_id, person_id) VALUES ($1, $2, $3)`, f.school, f.grid, f.zhang)
	f.exec(tx, `INSERT INTO grid_places (school_id, grid_id, place_id) VALUES ($1, $2, $3)`, f.school, f.grid, f.powerRoom)

	f.buildHazards(tx, otherPlace)
	f.buildWork(tx, otherUnit)
}

// hz is one hazard row as the fixture writes it.
type hz struct {
	key, number, area, level, status, desc, deadline string
	found, closed                                    time.Time
	unit, resp, place                                int64
	school                                           int64
}

// buildHazards writes h1 … h11. The statistics tests work their figures
// out from this table (Q1 2026 = 2026-01-01 … 2026-03-31 in Shanghai):
//
//	h1 FIRE general found 01-10 closed 02-01 10:00, deadline 01-31 (overdue for 10 hours)
//	h2 LAB  major   found 01-01 06:00 (2025 in UTC!), rectifying, deadline 03-15, listed 02-01
//	h3 FIRE general found 04-01 07:00 (03-31 in UTC: Q2), assigned, deadline 04-10 (today)
//	h4 LOG  general found 03-31 23:59, assigned, deadline 03-31 (the quarter's last day)
//	h5 LOG  general found 02-10, submitted, deadline 03-30, no responsible person
//	h6 FIRE major   found 2025-11-20, deadline 2025-12-31, closed 03-20; listed 2025-12-01, delisted 03-20
//	h7 rejected (found in Q1), h8 reported, not yet confirmed (Q1, FIRE)
//	h9 EDU  general found 03-05, deadline 03-20, closed 04-05; its responsible is 王主任 of another unit
//	h10 no area (其他), confirmed, no deadline, description starting with "="
//	h11 the other school's
func (f *fixture) buildHazards(tx *sqldb.Tx, otherPlace int64) {
	var zero time.Time
	rows := []hz{
		{key: "h1", number: "2026-FIRE-0001", area: "FIRE", level: "general", status: "closed", desc: "配电房灭火器过期", deadline: "2026-01-31",
			found: sh("2026-01-10 09:00"), closed: sh("2026-02-01 10:00"), unit: f.power, resp: f.zhang, place: f.powerRoom},
		{key: "h2", number: "2026-LAB-0001", area: "LAB", level: "major", status: "rectifying", desc: "危化品未双人双锁", deadline: "2026-03-15",
			found: sh("2026-01-01 06:00"), unit: f.teaching, resp: f.zhao, place: f.lab},
		{key: "h3", number: "2026-FIRE-0002", area: "FIRE", level: "general", status: "assigned", desc: "配电房应急灯不亮", deadline: "2026-04-10",
			found: sh("2026-04-01 07:00"), unit: f.power, resp: f.zhang, place: f.powerRoom},
		{key: "h4", number: "2026-LOG-0001", area: "LOG", level: "general", status: "assigned", desc: "食堂燃气报警器未检测", deadline: "2026-03-31",
			found: sh("2026-03-31 23:59"), unit: f.logistics, resp: f.wang, place: f.canteen},
		{key: "h5", number: "2026-LOG-0002", area: "LOG", level: "general", status: "submitted", desc: "食堂后门堆放杂物", deadline: "2026-03-30",
			found: sh("2026-02-10 15:00"), unit: f.logistics, place: f.canteen},
		{key: "h6", number: "2025-FIRE-0009", area: "FIRE", level: "major", status: "closed", desc: "实验楼消防水泵无法启动", deadline: "2025-12-31",
			found: sh("2025-11-20 10:00"), closed: sh("2026-03-20 16:00"), unit: f.teaching, resp: f.li, place: f.lab},
		{key: "h7", number: "2026-FIRE-0003", area: "FIRE", level: "general", status: "rejected", desc: "重复报告", found: sh("2026-02-01 08:00")},
		{key: "h8", number: "2026-FIRE-0004", area: "FIRE", level: "general", status: "reported", desc: "配电房有焦糊味", found: sh("2026-03-10 08:00"), place: f.powerRoom},
		{key: "h9", number: "2026-EDU-0001", area: "EDU", level: "general", status: "closed", desc: "新生安全教育未覆盖", deadline: "2026-03-20",
			found: sh("2026-03-05 09:00"), closed: sh("2026-04-05 09:00"), unit: f.teaching, resp: f.wang},
		{key: "h10", number: "2026-GEN-0001", area: "", level: "general", status: "confirmed", desc: "=HYPERLINK(\"x\")校门口路灯损坏", found: sh("2026-03-01 20:00")},
		{key: "h11", number: "2026-FIRE-0001", area: "FIRE", level: "major", status: "assigned", desc: "外校隐患", deadline: "2026-03-01",
			found: sh("2026-02-01 08:00"), place: otherPlace, school: f.other},
	}
	for _, r := range rows {
		school := f.school
		if r.school != 0 {
			school = r.school
		}
		var closed any
		if r.closed != zero {
			closed = ms(r.closed)
		}
		f.h[r.key] = f.ins(tx, `INSERT INTO hazards (school_id, number, source, found_at, place_id, area, level, description, unit_id,
			responsible_person_id, measures, funds_yuan, deadline, status, listed, closed_at, created_at, updated_at)
			VALUES ($1, $2, 'inspection', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $3, $3)`,
			school, r.number, ms(r.found), null(r.place), r.area, r.level, r.desc, null(r.unit), null(r.resp),
			"措施："+r.desc, int64(len(r.key)*100), r.deadline, r.status, r.key == "h2", closed)
	}
	f.ins(tx, `INSERT INTO hazard_listings (school_id, hazard_id, listed_at, listed_by) VALUES ($1, $2, $3, $4)`,
		f.school, f.h["h2"], ms(sh("2026-02-01 09:00")), f.acc)
	f.ins(tx, `INSERT INTO hazard_listings (school_id, hazard_id, listed_at, listed_by, delisted_at, delisted_by) VALUES ($1, $2, $3, $4, $5, $4)`,
		f.school, f.h["h6"], ms(sh("2025-12-01 09:00")), f.acc, ms(sh("2026-03-20 16:00")))

	// An inspection with two findings: one became h1, the other is f1.
	item := f.ins(tx, `INSERT INTO check_items (code, area, title, created_at) VALUES ('FIRE-8', 'FIRE', '消防器材', $1)`, ms(fixtureNow))
	insp := f.ins(tx, `INSERT INTO inspections (school_id, client_id, kind, status, place_id, unit_id, inspector_person_id, inspector_account_id,
		started_at, submitted_at, period, result, failed_count, answer_count) VALUES ($1, 'c1', 'leader', 'submitted', $2, $3, $4, $5, $6, $6, '2026-01', 'fail', 2, 2)`,
		f.school, f.powerRoom, f.power, f.li, f.acc, ms(sh("2026-01-10 09:00")))
	answer := func(code, text, note string) int64 {
		return f.ins(tx, `INSERT INTO inspection_answers (school_id, inspection_id, item_id, item_code, area, question_code, question_text, result, note)
			VALUES ($1, $2, $3, 'FIRE-8', 'FIRE', $4, $5, 'fail', $6)`, f.school, insp, item, code, text, note)
	}
	a1, a2 := answer("FIRE-8.1", "灭火器在有效期内", "已过期"), answer("FIRE-8.2", "消防栓水带完好", "水带破损")
	finding := func(answer, hazard int64, at time.Time) int64 {
		return f.ins(tx, `INSERT INTO findings (school_id, inspection_id, answer_id, item_code, area, place_id, unit_id, level, note, hazard_id, created_at)
			VALUES ($1, $2, $3, 'FIRE-8', 'FIRE', $4, $5, 'general', '', $6, $7)`, f.school, insp, answer, f.powerRoom, f.power, null(hazard), ms(at))
	}
	finding(a1, f.h["h1"], sh("2026-01-10 09:00"))
	f.f1 = finding(a2, 0, sh("2026-01-10 09:01"))
}

// buildWork writes tasks t1 … t5 and inspections due d1 … d4 (today is
// 2026-04-10):
//
//	t1 后勤处 due 04-30 open · t2 张电工 due 04-05 open (overdue) · t3 教务处 due 03-31 done
//	t4 教务处 no due date open · t5 后勤处 due 04-20 cancelled
//	d1 后勤处 2026-03 done · d2 后勤处 2026-04 open · d3 李主任 2026-Q1 missed
//	d4 张电工 patrol of 配电房 due 04-08 open (overdue)
func (f *fixture) buildWork(tx *sqldb.Tx, otherUnit int64) {
	now := ms(fixtureNow)
	task := func(school int64, key, title string, unit, person int64, due, status string) {
		f.t_[key] = f.ins(tx, `INSERT INTO tasks (school_id, title, source_kind, owner_unit_id, owner_person_id, due_on, status, created_at)
			VALUES ($1, $2, 'manual', $3, $4, $5, $6, $7)`, school, title, null(unit), null(person), due, status, now)
	}
	task(f.school, "t1", "制定消防演练方案", f.logistics, 0, "2026-04-30", "open")
	task(f.school, "t2", "更换配电房灭火器", 0, f.zhang, "2026-04-05", "open")
	task(f.school, "t3", "实验室危化品清点", f.teaching, 0, "2026-03-31", "done")
	task(f.school, "t4", "整理安全台账", f.teaching, 0, "", "open")
	task(f.school, "t5", "已取消的任务", f.logistics, 0, "2026-04-20", "cancelled")
	task(f.other, "t6", "外校任务", otherUnit, 0, "2026-04-20", "open")
	plan := func(school int64, name, kind, rec string) int64 {
		return f.ins(tx, `INSERT INTO inspection_plans (school_id, name, kind, recurrence, start_date, created_at) VALUES ($1, $2, $3, $4, '2026-01-01', $5)`,
			school, name, kind, rec, now)
	}
	monthly := plan(f.school, "后勤处月度检查", "unit_monthly", "monthly")
	leader := plan(f.school, "分管领导季度检查", "leader", "quarterly")
	patrol := plan(f.school, "配电房巡查", "grid_patrol", "daily")
	otherPlan := plan(f.other, "外校检查", "leader", "monthly")
	due := func(school int64, key string, plan int64, period string, person, unit, place int64, starts, dueOn, status string) {
		id := f.ins(tx, `INSERT INTO due_inspections (school_id, plan_id, period, owner_person_id, owner_unit_id, place_id, starts_on, due_on, status, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, school, plan, period, person, unit, place, starts, dueOn, status, now)
		if key != "" {
			f.d[key] = id
		}
	}
	due(f.school, "d1", monthly, "2026-03", 0, f.logistics, 0, "2026-03-01", "2026-03-31", "done")
	due(f.school, "d2", monthly, "2026-04", 0, f.logistics, 0, "2026-04-01", "2026-04-30", "open")
	due(f.school, "d3", leader, "2026-Q1", f.li, 0, 0, "2026-01-01", "2026-03-31", "missed")
	due(f.school, "d4", patrol, "2026-04-08", f.zhang, 0, f.powerRoom, "2026-04-08", "2026-04-08", "open")
	due(f.other, "", otherPlan, "2026-04", 0, otherUnit, 0, "2026-04-01", "2026-04-30", "open")
}

// Actors of the fixture.
func (f *fixture) office() *auth.Actor {
	return &auth.Actor{AccountID: f.acc, Grants: []auth.Grant{{Role: auth.RoleSchoolAdmin, SchoolID: f.school, ScopeKind: auth.ScopeSchool}}}
}

// unitHead is 王主任, head of 后勤处 (and so of 配电班).
func (f *fixture) unitHead() *auth.Actor {
	return &auth.Actor{AccountID: f.acc, PersonID: f.wang, Grants: []auth.Grant{{Role: auth.RoleUnitHead, SchoolID: f.school, ScopeKind: auth.ScopeUnit, ScopeID: f.logistics}}}
}

// gridLeader leads 东区网格 (配电房) with a grid-scoped grant.
func (f *fixture) gridLeader() *auth.Actor {
	return &auth.Actor{AccountID: f.acc, Grants: []auth.Grant{{Role: auth.RoleGridLeader, SchoolID: f.school, ScopeKind: auth.ScopeGrid, ScopeID: f.grid}}}
}

func (f *fixture) principal() *auth.Actor {
	return &auth.Actor{AccountID: f.acc, Grants: []auth.Grant{{Role: auth.RolePrincipalLeader, SchoolID: f.school, ScopeKind: auth.ScopeSchool}}}
}

func (f *fixture) staff() *auth.Actor {
	return &auth.Actor{AccountID: f.acc, PersonID: f.zhang, Grants: []auth.Grant{{Role: auth.RoleStaff, SchoolID: f.school, ScopeKind: auth.ScopeSchool}}}
}

func (f *fixture) otherAdmin() *auth.Actor {
	return &auth.Actor{AccountID: f.acc, Grants: []auth.Grant{{Role: auth.RoleSchoolAdmin, SchoolID: f.other, ScopeKind: auth.ScopeSchool}}}
}

func (f *fixture) authority() *auth.Actor {
	return &auth.Actor{AccountID: f.acc, Grants: []auth.Grant{{Role: auth.RoleAuthorityViewer, SchoolID: f.school, ScopeKind: auth.ScopeSchool, AuthorityID: 1}}}
}

// dialects runs fn once per database dialect with a fresh fixture.
func dialects(t *testing.T, fn func(t *testing.T, f *fixture)) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) { fn(t, newFixture(t, d)) })
	}
}

func fixtureLoc() *time.Location { return fixtureNow.Location() }
