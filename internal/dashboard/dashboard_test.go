package dashboard

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/figures"
	"safecampus/internal/org"
	"safecampus/internal/sqldb"
	"safecampus/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// clock is a settable test clock: 2026-03-02 10:00 in Shanghai.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

type env struct {
	t       *testing.T
	ctx     context.Context
	db      *sqldb.DB
	clk     *clock
	svc     *Service
	schools map[string]int64 // 一中 二中 三中 (authority A), 外区学校 (authority B)
	authA   int64
	authB   int64
	viewerA *auth.Actor
	n       int
}

func newEnv(t *testing.T, dialect string) *env {
	t.Helper()
	db := testkit.OpenDB(t, dialect)
	clk := &clock{t: time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)}
	e := &env{t: t, ctx: context.Background(), db: db, clk: clk, svc: NewService(db, clk.now), schools: map[string]int64{}}
	o := org.NewService(db, clk.now)
	sys := auth.System()
	for _, n := range []string{"一中", "二中", "三中", "外区学校"} {
		sc, err := o.CreateSchool(e.ctx, sys, org.School{Code: n, Name: n})
		if err != nil {
			t.Fatal(err)
		}
		e.schools[n] = sc.ID
	}
	a, err := o.CreateAuthority(e.ctx, sys, org.Authority{Name: "甲区教育局", SchoolIDs: []int64{e.schools["一中"], e.schools["二中"], e.schools["三中"]}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := o.CreateAuthority(e.ctx, sys, org.Authority{Name: "乙区教育局", SchoolIDs: []int64{e.schools["外区学校"]}})
	if err != nil {
		t.Fatal(err)
	}
	e.authA, e.authB = a.ID, b.ID
	// An authority viewer as the actor loader expands it: one school grant
	// per overseen school, marked with the authority.
	e.viewerA = &auth.Actor{AccountID: 99, Username: "viewer"}
	for _, n := range []string{"一中", "二中", "三中"} {
		e.viewerA.Grants = append(e.viewerA.Grants, auth.Grant{Role: auth.RoleAuthorityViewer, SchoolID: e.schools[n], ScopeKind: auth.ScopeSchool, AuthorityID: a.ID})
	}
	return e
}

// hazard writes a hazard with an audit entry, as every real write does.
func (e *env) hazard(school string, level, deadline string, found time.Time) {
	e.t.Helper()
	id := e.schools[school]
	e.n++
	number := fmt.Sprintf("2026-FIRE-%04d", e.n)
	err := e.db.Transact(e.ctx, func(tx *sqldb.Tx) error {
		var hid int64
		if err := tx.QueryRowContext(e.ctx, `INSERT INTO hazards (school_id, number, source, found_at, area, level, description, deadline, status, created_at, updated_at)
			VALUES ($1, $2, 'report', $3, 'FIRE', $4, '灭火器失效', $5, 'assigned', $3, $3) RETURNING id`,
			id, number, found.UnixMilli(), level, deadline).Scan(&hid); err != nil {
			return err
		}
		_, err := audit.Append(e.ctx, tx, e.clk.t, audit.Record{SchoolID: id, Action: "hazard.create", Entity: "hazard", EntityID: hid, After: map[string]any{"id": hid}})
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
}

func dialects(t *testing.T, fn func(t *testing.T, e *env)) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) { fn(t, newEnv(t, d)) })
	}
}

func q1(t *testing.T) figures.Span {
	sp, err := figures.SpanOf("2026-Q1")
	if err != nil {
		t.Fatal(err)
	}
	return sp
}

// TestBoardStaysCorrect: a stored board is served while nothing changed,
// and recomputed after a write (the audit head moved), on a new day, and
// after MaxAge.
func TestBoardStaysCorrect(t *testing.T) {
	dialects(t, func(t *testing.T, e *env) {
		jan := time.Date(2026, 1, 10, 2, 0, 0, 0, time.UTC)
		e.hazard("一中", "major", "2026-02-01", jan)
		b1, err := e.svc.Board(e.ctx, e.schools["一中"], q1(t))
		if err != nil {
			t.Fatal(err)
		}
		if b1.Hazards.Found != 1 || b1.Hazards.MajorOpen != 1 || b1.Summary().MajorOverdue != 1 || b1.SchoolName != "一中" {
			t.Fatalf("first board %+v", b1.Hazards)
		}
		// Five minutes later, nothing changed: the stored board.
		e.clk.t = e.clk.t.Add(5 * time.Minute)
		b2, err := e.svc.Board(e.ctx, e.schools["一中"], q1(t))
		if err != nil {
			t.Fatal(err)
		}
		if !b2.ComputedAt.Equal(b1.ComputedAt) {
			t.Errorf("recomputed although nothing changed: %v then %v", b1.ComputedAt, b2.ComputedAt)
		}
		// A write moves the head: the next view sees it at once.
		e.hazard("一中", "general", "2026-04-01", jan)
		b3, err := e.svc.Board(e.ctx, e.schools["一中"], q1(t))
		if err != nil {
			t.Fatal(err)
		}
		if b3.Hazards.Found != 2 || b3.HeadSeq <= b1.HeadSeq {
			t.Errorf("after a write: found %d head %d (was %d)", b3.Hazards.Found, b3.HeadSeq, b1.HeadSeq)
		}
		// A write to another school changes nothing here.
		e.hazard("二中", "general", "2026-04-01", jan)
		if b, _ := e.svc.Board(e.ctx, e.schools["一中"], q1(t)); !b.ComputedAt.Equal(b3.ComputedAt) {
			t.Error("another school's write recomputed this one")
		}
		// The next day in Shanghai (16:00 UTC is midnight there): overdue
		// depends on today, so the board is recomputed.
		e.clk.t = time.Date(2026, 3, 2, 16, 1, 0, 0, time.UTC)
		b4, err := e.svc.Board(e.ctx, e.schools["一中"], q1(t))
		if err != nil {
			t.Fatal(err)
		}
		if b4.Day != "2026-03-03" || b4.ComputedAt.Equal(b3.ComputedAt) {
			t.Errorf("new day: day %s computed %v", b4.Day, b4.ComputedAt)
		}
		// MaxAge bounds everything else.
		e.clk.t = e.clk.t.Add(DefaultMaxAge + time.Second)
		if b, _ := e.svc.Board(e.ctx, e.schools["一中"], q1(t)); !b.ComputedAt.Equal(e.clk.t) {
			t.Errorf("older than MaxAge and not recomputed: %v", b.ComputedAt)
		}
	})
}

// TestAuthorityScope: the viewer of 甲区 sees its three schools ranked by
// overdue major hazards, never 外区学校; 乙区 is "not found" to it; the
// school dashboard of 外区学校 is "not found"; a unit head is refused.
func TestAuthorityScope(t *testing.T) {
	dialects(t, func(t *testing.T, e *env) {
		jan := time.Date(2026, 1, 10, 2, 0, 0, 0, time.UTC)
		e.hazard("三中", "major", "2026-02-01", jan)
		e.hazard("三中", "major", "2026-02-01", jan)
		e.hazard("二中", "major", "2026-02-01", jan)
		e.hazard("二中", "major", "2026-12-01", jan) // open, not overdue
		e.hazard("外区学校", "major", "2026-02-01", jan)
		v, err := e.svc.Authority(e.ctx, e.viewerA, 0, q1(t))
		if err != nil {
			t.Fatal(err)
		}
		if v.Authority.Name != "甲区教育局" || len(v.Authorities) != 1 || len(v.Rows) != 3 {
			t.Fatalf("view %+v", v)
		}
		var names []string
		for _, r := range v.Rows {
			names = append(names, r.SchoolName)
			if r.SchoolName == "外区学校" {
				t.Error("a school outside the authority is shown")
			}
		}
		if names[0] != "三中" || names[1] != "二中" || names[2] != "一中" {
			t.Errorf("ranking %v, want 三中 (2 overdue majors), 二中 (1), 一中", names)
		}
		if v.Rows[0].MajorOverdue != 2 || v.Rows[1].MajorOverdue != 1 || v.Rows[1].MajorOpen != 2 || v.Missing != 0 || v.OldestAt.IsZero() {
			t.Errorf("rows %+v missing %d oldest %v", v.Rows, v.Missing, v.OldestAt)
		}
		if _, err := e.svc.Authority(e.ctx, e.viewerA, e.authB, q1(t)); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("another authority: %v, want not found", err)
		}
		if _, err := e.svc.SchoolBoard(e.ctx, e.viewerA, e.schools["外区学校"], q1(t)); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("school outside scope: %v, want not found", err)
		}
		if b, err := e.svc.SchoolBoard(e.ctx, e.viewerA, e.schools["三中"], q1(t)); err != nil || b.Hazards.MajorOpen != 2 {
			t.Errorf("school in scope: %v %+v", err, b.Hazards)
		}
		head := &auth.Actor{Grants: []auth.Grant{{Role: auth.RoleUnitHead, SchoolID: e.schools["一中"], ScopeKind: auth.ScopeUnit, ScopeID: 1}}}
		if _, err := e.svc.Leaders(e.ctx, head, e.schools["一中"], q1(t)); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("unit head: %v, want forbidden", err)
		}
		if _, err := e.svc.Authority(e.ctx, head, 0, q1(t)); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("unit head on the authority page: %v, want forbidden", err)
		}
		// The system admin chooses among every authority.
		if v, err := e.svc.Authority(e.ctx, auth.System(), e.authB, q1(t)); err != nil || len(v.Authorities) != 2 || len(v.Rows) != 1 || v.Rows[0].SchoolName != "外区学校" {
			t.Errorf("admin on 乙区: %v %+v", err, v)
		}
	})
}

// TestRefreshStale: the refresher computes the current quarter of every
// school once, then nothing until something changes.
func TestRefreshStale(t *testing.T) {
	dialects(t, func(t *testing.T, e *env) {
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		n, err := e.svc.RefreshStale(e.ctx, log)
		if err != nil || n != 4 {
			t.Fatalf("first run: %d %v, want 4 schools", n, err)
		}
		if n, _ := e.svc.RefreshStale(e.ctx, log); n != 0 {
			t.Errorf("second run recomputed %d", n)
		}
		e.hazard("二中", "general", "2026-04-01", e.clk.t)
		if n, _ := e.svc.RefreshStale(e.ctx, log); n != 1 {
			t.Errorf("after one school's write: %d, want 1", n)
		}
		// The authority page now reads stored rows only.
		v, err := e.svc.Authority(e.ctx, e.viewerA, e.authA, q1(t))
		if err != nil || v.Stale != 0 || v.Missing != 0 || len(v.Rows) != 3 {
			t.Errorf("after refresh: %v %+v", err, v)
		}
	})
}
