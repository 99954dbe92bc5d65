// Package benchseed fills a database for the dashboard benchmarks of
// docs/benchmarks.md ("Dashboards"): one school with five years of data
// (the ledger seeder's inspections plus hazards written here), and an
// authority over many small schools (the hazard seeder's schools). Rows
// bypass the services and the audit log: never run it against real data.
package benchseed

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"time"

	"safecampus/internal/auth"
	hazardseed "safecampus/internal/hazard/benchseed"
	ledgerseed "safecampus/internal/ledger/benchseed"
	"safecampus/internal/org"
	"safecampus/internal/sqldb"
	"safecampus/internal/sqldb/bulk"
)

// School is the one-school data set: Inspections over Days (the ledger
// seeder, Questions answers each) and Hazards over the same days.
type School struct {
	Inspections, Questions, Hazards, Days int
	Now                                   time.Time
	Progress                              func(what string, done, total int)
}

// DefaultSchool is five years: ≈ 100 k inspections, 20 k hazards.
func DefaultSchool() School {
	return School{Inspections: 100_000, Questions: 10, Hazards: 20_000, Days: 5 * 365}
}

// SeedSchool creates the school ("dash", office login dash_office /
// bench-password-2026) and returns its id.
func SeedSchool(ctx context.Context, db *sqldb.DB, o School) (int64, error) {
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	lo := ledgerseed.Defaults()
	lo.Code, lo.Name, lo.Inspections, lo.Questions, lo.Days, lo.Now = "dash", "五年数据测试学校", o.Inspections, o.Questions, o.Days, o.Now
	lo.OfficeUser = "dash_office"
	if o.Progress != nil {
		lo.Progress = func(done int) { o.Progress("inspections", done, o.Inspections) }
	}
	res, err := ledgerseed.Seed(ctx, db, lo)
	if err != nil {
		return 0, err
	}
	return res.SchoolID, hazards(ctx, db, res.SchoolID, res.Units, res.Places, o)
}

var areas = []string{"FIRE", "FIRE", "FIRE", "LOG", "LOG", "LAB", "SEC", "TRA", "RUL", "EDU", "RESP", "GEN"}

// hazards writes o.Hazards hazards found evenly over o.Days before o.Now:
// older ones mostly closed a few days to weeks after they were found.
func hazards(ctx context.Context, db *sqldb.DB, school int64, units, places []int64, o School) error {
	rnd := rand.New(rand.NewPCG(7, 11))
	loc, _ := time.LoadLocation("Asia/Shanghai")
	cols := []string{"school_id", "number", "source", "found_at", "area", "level", "description", "unit_id", "place_id",
		"deadline", "status", "closed_at", "created_at", "updated_at"}
	span := time.Duration(o.Days) * 24 * time.Hour
	const perTx = 5000
	for done := 0; done < o.Hazards; {
		n := min(perTx, o.Hazards-done)
		rows := make([][]any, 0, n)
		for i := 0; i < n; i++ {
			k := done + i
			found := o.Now.Add(-span + time.Duration(float64(span)*float64(k)/float64(o.Hazards)))
			age := o.Now.Sub(found).Hours() / 24
			area := areas[rnd.IntN(len(areas))]
			level := "general"
			if rnd.IntN(100) < 3 {
				level = "major"
			}
			deadline := found.In(loc).AddDate(0, 0, 7+rnd.IntN(24))
			status, closed := "closed", any(nil)
			switch r := rnd.IntN(100); {
			case age < 45 && r < 50, age >= 45 && r < 4:
				status = []string{"confirmed", "assigned", "rectifying", "submitted"}[rnd.IntN(4)]
			case r < 8:
				status = "rejected"
			default:
				c := found.Add(time.Duration(1+rnd.IntN(40)) * 24 * time.Hour)
				if c.After(o.Now) {
					c = o.Now
				}
				closed = c.UnixMilli()
			}
			rows = append(rows, []any{school, fmt.Sprintf("%d-%s-%06d", found.In(loc).Year(), area, k+1), "inspection", found.UnixMilli(), area, level,
				"压测隐患 " + area, units[rnd.IntN(len(units))], places[rnd.IntN(len(places))], deadline.Format(time.DateOnly), status, closed,
				found.UnixMilli(), found.UnixMilli()})
		}
		if err := bulk.InTx(ctx, db, func(tx *sql.Tx) error { return bulk.Insert(ctx, tx, "hazards", cols, rows) }); err != nil {
			return err
		}
		done += n
		if o.Progress != nil {
			o.Progress("hazards", done, o.Hazards)
		}
	}
	return nil
}

// Authority is the many-schools data set.
type Authority struct {
	Schools, Hazards int // hazards across all schools
	Days             int
	Progress         func(what string, done, total int)
}

// DefaultAuthority is 1,000 schools with 50 hazards each over a year.
func DefaultAuthority() Authority { return Authority{Schools: 1000, Hazards: 50_000, Days: 365} }

// SeedAuthority creates the schools (the hazard seeder, codes dz001 …),
// an authority over all of them and its viewer (dash_authority /
// bench-password-2026), and returns the authority's id.
func SeedAuthority(ctx context.Context, db *sqldb.DB, o Authority) (int64, error) {
	ho := hazardseed.Defaults()
	ho.CodePrefix, ho.Schools, ho.Hazards, ho.Days = "dz", o.Schools, o.Hazards, o.Days
	ho.Units, ho.Places, ho.People, ho.Reporters = 6, 20, 20, 1
	ho.OfficeUser = "dz_office"
	if o.Progress != nil {
		ho.Progress = func(done int) { o.Progress("hazards", done, o.Hazards) }
	}
	res, err := hazardseed.Seed(ctx, db, ho)
	if err != nil {
		return 0, err
	}
	ids := make([]int64, len(res.Schools))
	for i, s := range res.Schools {
		ids[i] = s.ID
	}
	now := func() time.Time { return time.Now() }
	au, err := org.NewService(db, now).CreateAuthority(ctx, auth.System(), org.Authority{Name: "压测主管部门", SchoolIDs: ids})
	if err != nil {
		return 0, err
	}
	_, _, err = auth.NewService(db, now).CreateAccount(ctx, auth.System(), auth.NewAccount{Username: "dash_authority", DisplayName: "压测主管部门",
		Password: "bench-password-2026", Grants: []auth.Grant{{Role: auth.RoleAuthorityViewer, ScopeKind: auth.ScopeAuthority, ScopeID: au.ID}}})
	return au.ID, err
}
