package figures

import (
	"context"
	"testing"
	"time"

	"safecampus/internal/sqldb"
	"safecampus/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

var shanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return loc
}()

// sh is a Shanghai wall-clock time.
func sh(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, shanghai)
	if err != nil {
		panic(err)
	}
	return t
}

// fixtureNow is 2026-04-10 10:00 in Shanghai.
var fixtureNow = sh("2026-04-10 10:00")

// fixture is a school written with plain SQL so every figure can be worked
// out by hand from the comments in build. Units: 后勤处 (u1), 教务处 (u2).
type fixture struct {
	t             *testing.T
	ctx           context.Context
	db            *sqldb.DB
	school, other int64
	u1, u2        int64
	acc           int64
	h             map[string]int64
}

func dialects(t *testing.T, fn func(t *testing.T, f *fixture)) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) { fn(t, newFixture(t, d)) })
	}
}

func newFixture(t *testing.T, dialect string) *fixture {
	t.Helper()
	db := testkit.OpenDB(t, dialect)
	f := &fixture{t: t, ctx: context.Background(), db: db, h: map[string]int64{}}
	raw, err := db.Raw().BeginTx(f.ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Rollback()
	tx := &sqldb.Tx{Tx: raw, Dialect: db.Dialect}
	f.build(tx)
	f.buildInspections(tx)
	f.buildPatrols(tx)
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

func msOr0(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

// build writes the schools, units and hazards h1 … h10:
//
//	h1  FIRE general 后勤处 found 2026-01-01 06:00 (still 2025 in UTC) closed 01-20, due 01-31
//	h2  LAB  major   教务处 found 2025-12-31 23:30 rectifying, due 03-01, listed 02-01, has a plan
//	h3  LOG  general 后勤处 found 2026-03-31 23:59 assigned, due 03-31 (the quarter's last day)
//	h4  LOG  general 后勤处 found 2026-04-01 07:00 (31 Mar in UTC) confirmed, due 04-30
//	h5  FIRE major   后勤处 found 2026-02-10 closed 04-05 (after Q1), due 03-15, listed 02-15 – 04-05
//	h6  SEC  general (none) found 2026-02-20 rejected
//	h7  EDU  general 教务处 found 2026-03-05 reported (awaiting confirmation)
//	h8  XYZ  general 教务处 found 2026-03-10 closed 03-12 (an unknown area: 其他)
//	h9  FIRE general 后勤处 found 2025-11-01 closed 2026-02-02, due 2025-12-01
//	h10 FIRE general, the other school, found 2026-02-01, open, due 02-02
func (f *fixture) build(tx *sqldb.Tx) {
	now := fixtureNow.UnixMilli()
	f.school = f.ins(tx, `INSERT INTO schools (code, name, timezone, created_at) VALUES ('a', '测试学校', 'Asia/Shanghai', $1)`, now)
	f.other = f.ins(tx, `INSERT INTO schools (code, name, timezone, created_at) VALUES ('b', '另一所学校', 'Asia/Shanghai', $1)`, now)
	f.u1 = f.ins(tx, `INSERT INTO units (school_id, name, kind) VALUES ($1, '后勤处', 'office')`, f.school)
	f.u2 = f.ins(tx, `INSERT INTO units (school_id, name, kind) VALUES ($1, '教务处', 'office')`, f.school)
	f.acc = f.ins(tx, `INSERT INTO accounts (username, display_name, password_hash, school_id, created_at, password_changed_at)
		VALUES ('office', '办公室', 'x', $1, $2, $2)`, f.school, now)
	type hz struct {
		key, area, level, status, deadline string
		unit, school                       int64
		found, closed                      time.Time
	}
	for i, h := range []hz{
		{"h1", "FIRE", "general", "closed", "2026-01-31", f.u1, 0, sh("2026-01-01 06:00"), sh("2026-01-20 10:00")},
		{"h2", "LAB", "major", "rectifying", "2026-03-01", f.u2, 0, sh("2025-12-31 23:30"), time.Time{}},
		{"h3", "LOG", "general", "assigned", "2026-03-31", f.u1, 0, sh("2026-03-31 23:59"), time.Time{}},
		{"h4", "LOG", "general", "confirmed", "2026-04-30", f.u1, 0, sh("2026-04-01 07:00"), time.Time{}},
		{"h5", "FIRE", "major", "closed", "2026-03-15", f.u1, 0, sh("2026-02-10 09:00"), sh("2026-04-05 10:00")},
		{"h6", "SEC", "general", "rejected", "", 0, 0, sh("2026-02-20 09:00"), time.Time{}},
		{"h7", "EDU", "general", "reported", "", f.u2, 0, sh("2026-03-05 09:00"), time.Time{}},
		{"h8", "XYZ", "general", "closed", "2026-03-20", f.u2, 0, sh("2026-03-10 12:00"), sh("2026-03-12 12:00")},
		{"h9", "FIRE", "general", "closed", "2025-12-01", f.u1, 0, sh("2025-11-01 09:00"), sh("2026-02-02 09:00")},
		{"h10", "FIRE", "general", "assigned", "2026-02-02", 0, f.other, sh("2026-02-01 09:00"), time.Time{}},
	} {
		school := f.school
		if h.school != 0 {
			school = h.school
		}
		f.h[h.key] = f.ins(tx, `INSERT INTO hazards (school_id, number, source, found_at, area, level, description, unit_id, deadline, status, closed_at, created_at, updated_at)
			VALUES ($1, $2, 'inspection', $3, $4, $5, $6, $7, $8, $9, $10, $3, $3)`,
			school, "2026-"+h.area+"-"+h.key, h.found.UnixMilli(), h.area, h.level, "隐患"+h.key, null(h.unit), h.deadline, h.status, msOr0(h.closed))
		_ = i
	}
	f.exec(tx, `INSERT INTO hazard_plans (hazard_id, school_id, goal, methods, funds_materials, organisation, time_limit, safety_emergency, updated_by, updated_at)
		VALUES ($1, $2, '目标', '方法', '经费', '机构', '时限', '措施', $3, $4)`, f.h["h2"], f.school, f.acc, now)
	f.exec(tx, `INSERT INTO hazard_listings (school_id, hazard_id, listed_at, listed_by) VALUES ($1, $2, $3, $4)`,
		f.school, f.h["h2"], sh("2026-02-01 09:00").UnixMilli(), f.acc)
	f.exec(tx, `INSERT INTO hazard_listings (school_id, hazard_id, listed_at, listed_by, delisted_at, delisted_by) VALUES ($1, $2, $3, $4, $5, $4)`,
		f.school, f.h["h5"], sh("2026-02-15 09:00").UnixMilli(), f.acc, sh("2026-04-05 10:00").UnixMilli())
}
