// Package benchseed fills a database with many schools and N hazards for
// the hazard benchmarks (docs/benchmarks.md, "Hazards"): per school units,
// places, people and an office account; hazards spread over the schools
// and over time (ids interleave as real use makes them), in every status
// of the workflow with the timeline each status implies, one photo row
// each, numbers and counters as the service keeps them. It is a benchmark
// tool: rows are written with plain multi-row INSERTs that bypass the
// services and the audit log (only the schools and the login accounts go
// through the services). Never run it against a database with real data.
package benchseed

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/sqldb"
	"safecampus/internal/sqldb/bulk"
)

// Options say how much to make.
type Options struct {
	CodePrefix     string // school codes are CodePrefix + 001 …
	Schools        int
	Hazards        int // across all schools
	Units          int // per school, in groups of a department and 5 sections
	Places         int // per school
	People         int // per school
	Reporters      int // accounts of the first school that report (BenchmarkReport50)
	Days           int // hazards found over this many days before Now
	Now            time.Time
	RandSeed       uint64
	OfficeUser     string // school admin of the first school, to log in with
	OfficePassword string
	PerTx          int // hazards per transaction
	Progress       func(done int)
}

// Defaults: 1 M hazards over 100 schools (10 000 each), a year of work.
func Defaults() Options {
	return Options{CodePrefix: "hz", Schools: 100, Hazards: 1_000_000, Units: 24, Places: 120, People: 240, Reporters: 50,
		Days: 365, RandSeed: 1, OfficeUser: "hazard_office", OfficePassword: "bench-password-2026", PerTx: 20_000}
}

// School is what the seeder made for one school.
type School struct {
	ID     int64
	Office int64 // the office account (first school only; 0 elsewhere)
	Units  []int64
	Places []int64
	People []int64
	unitOf map[int64]int64 // place → unit
	byUnit map[int64][]int64
}

// Reporter is an account of the first school that may report hazards.
type Reporter struct{ AccountID, PersonID int64 }

// Result is what Seed made.
type Result struct {
	Schools   []School
	Reporters []Reporter
	Hazards   int
	Events    int
}

// Seed creates the schools and hazards described by o in db (migrated).
func Seed(ctx context.Context, db *sqldb.DB, o Options) (Result, error) {
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.Schools < 1 || o.Units < 1 || o.Places < 1 || o.People < 1 || o.Hazards < 0 || o.PerTx < 1 {
		return Result{}, fmt.Errorf("benchseed: sizes must be positive")
	}
	now := func() time.Time { return o.Now }
	orgs, accounts := org.NewService(db, now), auth.NewService(db, now)
	s := &seeder{db: db, o: o, rnd: rand.New(rand.NewPCG(o.RandSeed, 4)), counters: map[counterKey]int{}}
	for i := range o.Schools {
		sc, err := orgs.CreateSchool(ctx, auth.System(), org.School{Code: fmt.Sprintf("%s%03d", o.CodePrefix, i+1),
			Name: fmt.Sprintf("压测学校%03d", i+1), Timezone: "Asia/Shanghai"})
		if err != nil {
			return s.res, fmt.Errorf("school %d: %w", i+1, err)
		}
		s.res.Schools = append(s.res.Schools, School{ID: sc.ID})
	}
	if o.OfficeUser != "" {
		first := s.res.Schools[0].ID
		acc, _, err := accounts.CreateAccount(ctx, auth.System(), auth.NewAccount{Username: o.OfficeUser, DisplayName: "压测办公室",
			Password: o.OfficePassword, SchoolID: first, Grants: []auth.Grant{{Role: auth.RoleSchoolAdmin, SchoolID: first, ScopeKind: auth.ScopeSchool}}})
		if err != nil {
			return s.res, fmt.Errorf("office account: %w", err)
		}
		s.res.Schools[0].Office = acc.ID
	}
	if err := s.organisation(ctx); err != nil {
		return s.res, err
	}
	if err := s.hazards(ctx); err != nil {
		return s.res, err
	}
	return s.res, bulk.FixSequences(ctx, s.db, "units", "people", "places", "accounts", "hazards", "hazard_events", "photos")
}
