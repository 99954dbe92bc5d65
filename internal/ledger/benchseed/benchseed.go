// Package benchseed fills a database with a large school for the ledger
// and submission benchmarks (docs/benchmarks.md): units, places, people,
// inspector accounts and N submitted inspections of 30 answers each, with
// findings and co-inspectors, written with plain batched SQL inside a few
// big transactions, following schema 0002 the way the inspection service
// writes it. It is a benchmark tool: the rows it writes bypass the
// services and the audit log (only the school and its office account are
// created through the services, so the server can be logged into).
package benchseed

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/checklist"
	"safecampus/internal/org"
	"safecampus/internal/sqldb"
	"safecampus/internal/sqldb/bulk"
)

// Options say how big the school is.
type Options struct {
	Code, Name     string
	Units          int // in groups of a parent and 5 sub-units
	Places         int
	People         int
	Inspectors     int // people with an inspector account
	Inspections    int
	Questions      int // answers per inspection
	Days           int // inspections spread evenly over the days before Now
	FailPercent    int // chance of a failed answer, in percent
	Now            time.Time
	RandSeed       uint64
	OfficeUser     string // a school admin account to log in with
	OfficePassword string
	PerTx          int // inspections per transaction
	Progress       func(done int)
}

// Defaults is a large school: 33 334 inspections of 30 questions make a
// little over one million answers.
func Defaults() Options {
	return Options{Code: "bench", Name: "压力测试学校", Units: 60, Places: 600, People: 1500, Inspectors: 60,
		Inspections: 33334, Questions: 30, Days: 365, FailPercent: 3, RandSeed: 1,
		OfficeUser: "bench_office", OfficePassword: "bench-password-2026", PerTx: 2000}
}

// Inspector is an inspector's account and person.
type Inspector struct{ AccountID, PersonID int64 }

// Result is what Seed made.
type Result struct {
	SchoolID    int64
	Units       []int64
	Places      []int64
	Inspectors  []Inspector
	Inspections int
	Answers     int
}

// question is one question of the built-in catalogue.
type question struct {
	itemID                     int64
	itemCode, area, code, text string
}

// Seed creates the school described by o in db (migrated already).
func Seed(ctx context.Context, db *sqldb.DB, o Options) (Result, error) {
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	now := func() time.Time { return o.Now }
	if err := checklist.EnsureBuiltins(ctx, db, o.Now); err != nil {
		return Result{}, err
	}
	sys := auth.System()
	sc, err := org.NewService(db, now).CreateSchool(ctx, sys, org.School{Code: o.Code, Name: o.Name, Timezone: "Asia/Shanghai"})
	if err != nil {
		return Result{}, fmt.Errorf("school %s: %w", o.Code, err)
	}
	if o.OfficeUser != "" {
		_, _, err = auth.NewService(db, now).CreateAccount(ctx, sys, auth.NewAccount{Username: o.OfficeUser, DisplayName: "压测办公室",
			Password: o.OfficePassword, SchoolID: sc.ID, Grants: []auth.Grant{{Role: auth.RoleSchoolAdmin, SchoolID: sc.ID, ScopeKind: auth.ScopeSchool}}})
		if err != nil {
			return Result{}, fmt.Errorf("office account: %w", err)
		}
	}
	qs, err := catalogue(ctx, db)
	if err != nil {
		return Result{}, err
	}
	s := &seeder{db: db, o: o, school: sc.ID, rnd: rand.New(rand.NewPCG(o.RandSeed, 42)), qs: qs, res: Result{SchoolID: sc.ID}}
	if err := s.organisation(ctx); err != nil {
		return s.res, err
	}
	if err := s.inspections(ctx); err != nil {
		return s.res, err
	}
	return s.res, bulk.FixSequences(ctx, s.db, "units", "people", "places", "accounts", "inspections", "inspection_answers", "findings")
}

func catalogue(ctx context.Context, db *sqldb.DB) ([]question, error) {
	rows, err := db.Read().QueryContext(ctx, `SELECT ci.id, ci.code, ci.area, q.code, q.text FROM check_questions q JOIN check_items ci ON ci.id = q.item_id
		WHERE ci.school_id IS NULL AND ci.current ORDER BY ci.id, q.sort_order, q.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []question
	for rows.Next() {
		var q question
		if err := rows.Scan(&q.itemID, &q.itemCode, &q.area, &q.code, &q.text); err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("the check-item catalogue is empty")
	}
	return out, nil
}
