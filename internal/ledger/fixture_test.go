package ledger

import (
	"context"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
	"safecampus/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// fixture is a school with a small, hand-made ledger written with plain SQL
// following schema 0002 (the inspection service's code is not used).
type fixture struct {
	t      *testing.T
	ctx    context.Context
	db     *sqldb.DB
	svc    *Service
	school int64
	other  int64

	unitLogistics, unitPower, unitTeaching int64 // 后勤处 > 配电班; 教务处
	campus                                 int64
	placePower, placeLab                   int64
	inspector, coInspector, head, stranger int64 // people
	accInspector, accAdmin                 int64
	itemFire, itemLab                      int64

	// Inspections: i1 failed (two questions), i2 unannounced and late,
	// i3 a draft, i4 of the other school, edge1/edge2 at the March/April
	// boundary in Shanghai time, ties share one submitted_at.
	i1, i2, i3, i4, edge1, edge2 int64
	ties                         []int64
	photo1                       int64
}

// at is a Shanghai wall-clock time.
func at(s string) time.Time {
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

var fixtureNow = at("2026-04-02 10:00")

func newFixture(t *testing.T, dialect string) *fixture {
	t.Helper()
	db := testkit.OpenDB(t, dialect)
	f := &fixture{t: t, ctx: context.Background(), db: db, svc: NewService(db, func() time.Time { return fixtureNow })}
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

// ins runs an INSERT … RETURNING id and fails the test on error.
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

func (f *fixture) build(tx *sqldb.Tx) {
	now := fixtureNow.UnixMilli()
	f.school = f.ins(tx, `INSERT INTO schools (code, name, timezone, created_at) VALUES ('a', '测试学校', 'Asia/Shanghai', $1)`, now)
	f.other = f.ins(tx, `INSERT INTO schools (code, name, timezone, created_at) VALUES ('b', '另一所学校', 'Asia/Shanghai', $1)`, now)
	f.campus = f.ins(tx, `INSERT INTO campuses (school_id, name) VALUES ($1, '主校区')`, f.school)
	unit := func(school, parent int64, name string) int64 {
		var p any
		if parent != 0 {
			p = parent
		}
		return f.ins(tx, `INSERT INTO units (school_id, parent_id, name, kind) VALUES ($1, $2, $3, 'office')`, school, p, name)
	}
	f.unitLogistics = unit(f.school, 0, "后勤处")
	f.unitPower = unit(f.school, f.unitLogistics, "配电班")
	f.unitTeaching = unit(f.school, 0, "教务处")
	otherUnit := unit(f.other, 0, "外校处室")
	person := func(school, unit int64, name string) int64 {
		return f.ins(tx, `INSERT INTO people (school_id, unit_id, name) VALUES ($1, $2, $3)`, school, unit, name)
	}
	f.inspector = person(f.school, f.unitTeaching, "张检查")
	f.coInspector = person(f.school, f.unitTeaching, "李同检")
	f.head = person(f.school, f.unitLogistics, "王主任")
	f.stranger = person(f.school, f.unitTeaching, "赵无关")
	otherPerson := person(f.other, otherUnit, "外校人")
	account := func(school int64, person int64, name string) int64 {
		return f.ins(tx, `INSERT INTO accounts (username, display_name, password_hash, school_id, person_id, created_at, password_changed_at)
			VALUES ($1, $2, 'x', $3, $4, $5, $5)`, name, name, school, person, now)
	}
	f.accInspector = account(f.school, f.inspector, "zhang")
	f.accAdmin = f.ins(tx, `INSERT INTO accounts (username, display_name, password_hash, created_at, password_changed_at) VALUES ('root', '系统管理员', 'x', $1, $1)`, now)
	accOther := account(f.other, otherPerson, "wai")
	place := func(school, campus, unit int64, name string) int64 {
		var c any
		if campus != 0 {
			c = campus
		}
		return f.ins(tx, `INSERT INTO places (school_id, campus_id, name, level, place_type, unit_id) VALUES ($1, $2, $3, 'building', 'key', $4)`, school, c, name, unit)
	}
	f.placePower = place(f.school, f.campus, f.unitPower, "配电房")
	f.placeLab = f.ins(tx, `INSERT INTO places (school_id, name, level, place_type, unit_id) VALUES ($1, '化学实验室', 'room', 'lab', $2)`, f.school, f.unitTeaching)
	otherPlace := place(f.other, 0, otherUnit, "外校场所")
	item := func(code, area string) int64 {
		return f.ins(tx, `INSERT INTO check_items (code, area, title, created_at) VALUES ($1, $2, $3, $4)`, code, area, code+" 标题", now)
	}
	f.itemFire = item("FIRE-4", "FIRE")
	f.itemLab = item("LAB-2", "LAB")

	insp := func(school int64, client, kind, status string, place, unit, person, acc int64, submitted time.Time, late bool, failed, answers int, note string) int64 {
		var sub any
		if status == "submitted" {
			sub = submitted.UnixMilli()
		}
		nullable := func(id int64) any {
			if id == 0 {
				return nil
			}
			return id
		}
		return f.ins(tx, `INSERT INTO inspections (school_id, client_id, kind, status, place_id, unit_id, inspector_person_id, inspector_account_id,
			started_at, submitted_at, period, late, result, failed_count, answer_count, note)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
			school, client, kind, status, nullable(place), nullable(unit), nullable(person), acc, submitted.Add(-time.Hour).UnixMilli(), sub,
			submitted.Format("2006-01"), late, map[bool]string{true: "fail", false: "pass"}[failed > 0], failed, answers, note)
	}
	answer := func(school, inspection, item int64, itemCode, area, code, text, result, note string) int64 {
		return f.ins(tx, `INSERT INTO inspection_answers (school_id, inspection_id, item_id, item_code, area, question_code, question_text, result, note)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, school, inspection, item, itemCode, area, code, text, result, note)
	}
	finding := func(inspection, answerID int64, itemCode, area string, place, unit int64, level, note string) int64 {
		return f.ins(tx, `INSERT INTO findings (school_id, inspection_id, answer_id, item_code, area, place_id, unit_id, level, note, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, f.school, inspection, answerID, itemCode, area, place, unit, level, note, now)
	}

	f.i1 = insp(f.school, "c1", "leader", "submitted", f.placePower, f.unitPower, f.inspector, f.accInspector, at("2026-03-01 08:00"), false, 2, 4, "=cmd|' /C calc'!A0")
	answer(f.school, f.i1, f.itemFire, "FIRE-4", "FIRE", "FIRE-4.1", "水泵控制柜处于自动状态", "pass", "")
	a2 := answer(f.school, f.i1, f.itemFire, "FIRE-4", "FIRE", "FIRE-4.2", "消防水泵能正常启动", "fail", "水泵无法启动")
	answer(f.school, f.i1, f.itemLab, "LAB-2", "LAB", "LAB-2.1", "双人双锁", "na", "")
	a4 := answer(f.school, f.i1, f.itemLab, "LAB-2", "LAB", "LAB-2.2", "报警装置符合要求", "fail", "+报警器损坏")
	finding(f.i1, a2, "FIRE-4", "FIRE", f.placePower, f.unitPower, "major", "水泵无法启动")
	finding(f.i1, a4, "LAB-2", "LAB", f.placePower, f.unitPower, "general", "+报警器损坏")
	f.photo1 = f.ins(tx, `INSERT INTO photos (school_id, owner_kind, owner_id, file_name, sha256, width, height, bytes, uploaded_by, created_at)
		VALUES ($1, 'answer', $2, 'p1.jpg', 'abc', 10, 10, 100, $3, $4)`, f.school, a2, f.accInspector, now)
	f.exec(tx, `INSERT INTO inspection_coinspectors (school_id, inspection_id, person_id) VALUES ($1, $2, $3)`, f.school, f.i1, f.coInspector)

	f.i2 = insp(f.school, "c2", "unannounced", "submitted", f.placeLab, f.unitTeaching, f.head, f.accAdmin, at("2026-03-15 14:30"), true, 0, 1, "")
	answer(f.school, f.i2, f.itemLab, "LAB-2", "LAB", "LAB-2.1", "双人双锁", "pass", "")
	f.i3 = insp(f.school, "c3", "leader", "draft", f.placePower, f.unitPower, f.inspector, f.accInspector, at("2026-03-16 09:00"), false, 0, 0, "")
	f.i4 = insp(f.other, "c4", "leader", "submitted", otherPlace, otherUnit, otherPerson, accOther, at("2026-03-16 09:00"), false, 0, 0, "")
	f.edge1 = insp(f.school, "e1", "random", "submitted", f.placeLab, f.unitTeaching, f.stranger, f.accAdmin, at("2026-03-31 23:30"), false, 0, 0, "")
	f.edge2 = insp(f.school, "e2", "random", "submitted", f.placeLab, f.unitTeaching, f.stranger, f.accAdmin, at("2026-04-01 00:10"), false, 0, 0, "")
	// Five inspections submitted in the same millisecond: the keyset must
	// page through ties by id.
	for i, u := range []int64{f.unitLogistics, f.unitPower, f.unitLogistics, f.unitTeaching, f.unitLogistics} {
		id := insp(f.school, "t"+string(rune('a'+i)), "grid_patrol", "submitted", 0, u, 0, f.accAdmin, at("2026-03-20 10:00"), false, 0, 0, "")
		f.ties = append(f.ties, id)
	}
}

// Actors of the fixture.
func (f *fixture) office() *auth.Actor {
	return &auth.Actor{AccountID: 900, Grants: []auth.Grant{{Role: auth.RoleSchoolAdmin, SchoolID: f.school, ScopeKind: auth.ScopeSchool}}}
}

func (f *fixture) unitHead() *auth.Actor {
	return &auth.Actor{AccountID: 901, PersonID: f.head, Grants: []auth.Grant{{Role: auth.RoleUnitHead, SchoolID: f.school, ScopeKind: auth.ScopeUnit, ScopeID: f.unitLogistics}}}
}

func (f *fixture) inspectorActor() *auth.Actor {
	return &auth.Actor{AccountID: f.accInspector, PersonID: f.inspector, Grants: []auth.Grant{{Role: auth.RoleGridMember, SchoolID: f.school, ScopeKind: auth.ScopeSchool}}}
}

func (f *fixture) coInspectorActor() *auth.Actor {
	return &auth.Actor{AccountID: 903, PersonID: f.coInspector, Grants: []auth.Grant{{Role: auth.RoleStaff, SchoolID: f.school, ScopeKind: auth.ScopeSchool}}}
}

func (f *fixture) strangerActor() *auth.Actor {
	return &auth.Actor{AccountID: 904, PersonID: 0, Grants: []auth.Grant{{Role: auth.RoleStaff, SchoolID: f.school, ScopeKind: auth.ScopeSchool}}}
}

func (f *fixture) otherAdmin() *auth.Actor {
	return &auth.Actor{AccountID: 905, Grants: []auth.Grant{{Role: auth.RoleSchoolAdmin, SchoolID: f.other, ScopeKind: auth.ScopeSchool}}}
}

func (f *fixture) authority() *auth.Actor {
	return &auth.Actor{AccountID: 906, Grants: []auth.Grant{{Role: auth.RoleAuthorityViewer, SchoolID: f.school, ScopeKind: auth.ScopeSchool, AuthorityID: 1}}}
}

func (f *fixture) campusLeader() *auth.Actor {
	return &auth.Actor{AccountID: 907, Grants: []auth.Grant{{Role: auth.RolePrincipalLeader, SchoolID: f.school, ScopeKind: auth.ScopeCampus, ScopeID: f.campus}}}
}

// all lists the ids of every submitted inspection of the school, newest first.
func (f *fixture) all() []int64 {
	ties := append([]int64(nil), f.ties...)
	for i, j := 0, len(ties)-1; i < j; i, j = i+1, j-1 {
		ties[i], ties[j] = ties[j], ties[i]
	}
	return append(append([]int64{f.edge2, f.edge1}, ties...), f.i2, f.i1)
}
