// Command seed fills a SafeCampus database with a large school for the
// benchmarks of docs/benchmarks.md: units, places, people, inspector
// accounts and N submitted inspections of 30 answers each.
//
//	seed -data /tmp/bench -inspections 33334   # ≈ 1 M answers
//	seed -data /tmp/hbench -hazards 1000000 -schools 100   # the hazard benchmarks
//	seed -data /tmp/dbench -dashboard school                # the dashboard benchmarks
//	seed -data /tmp/abench -dashboard authority -schools 1000
//
// The rows bypass the services and the audit log; never run it against a
// database that holds real data.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	hazardseed "safecampus/internal/hazard/benchseed"
	"safecampus/internal/ledger/benchseed"
	"safecampus/internal/sqldb"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "seed:", err)
		}
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o := benchseed.Defaults()
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "data `DIR`: the SQLite database DIR/safecampus.db (created when missing)")
	dbURL := fs.String("db", "", "database `URL` (postgres://… or an SQLite file); overrides -data")
	fs.StringVar(&o.Code, "school", o.Code, "`code` of the school to create (must not exist)")
	fs.IntVar(&o.Inspections, "inspections", o.Inspections, "submitted inspections to create")
	fs.IntVar(&o.Questions, "questions", o.Questions, "answers per inspection")
	fs.IntVar(&o.Units, "units", o.Units, "units")
	fs.IntVar(&o.Places, "places", o.Places, "places")
	fs.IntVar(&o.People, "people", o.People, "people")
	fs.IntVar(&o.Inspectors, "inspectors", o.Inspectors, "inspector accounts")
	fs.IntVar(&o.Days, "days", o.Days, "inspections are spread over this many days before now")
	fs.StringVar(&o.OfficeUser, "user", o.OfficeUser, "school admin `username` to create for logging in")
	fs.StringVar(&o.OfficePassword, "password", o.OfficePassword, "its `password`")
	hazards := fs.Int("hazards", 0, "hazard mode: create this many hazards across -schools new schools instead of the inspection school")
	schools := fs.Int("schools", hazardseed.Defaults().Schools, "hazard mode: number of schools")
	dash := fs.String("dashboard", "", "dashboard mode: `school` (five years of one school) or authority (-schools small schools under one authority)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	target := *dbURL
	if target == "" {
		if *data == "" {
			return errors.New("-data or -db is required")
		}
		if err := os.MkdirAll(*data, 0o750); err != nil {
			return err
		}
		target = filepath.Join(*data, "safecampus.db")
	}
	if o.Inspections < 0 || o.Questions < 1 || o.Units < 1 || o.Places < 1 || o.People < 1 || o.Inspectors < 1 || o.Inspectors > o.People {
		return errors.New("sizes must be positive, and -inspectors at most -people")
	}
	db, err := sqldb.Open(ctx, target)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		return err
	}
	if *dash != "" {
		return seedDashboard(ctx, db, *dash, *schools, stdout)
	}
	if *hazards > 0 {
		return seedHazards(ctx, db, *hazards, *schools, stdout)
	}
	t0 := time.Now()
	last := t0
	o.Progress = func(done int) {
		if time.Since(last) > 5*time.Second || done == o.Inspections {
			last = time.Now()
			fmt.Fprintf(stdout, "  %d/%d inspections (%.0f/s)\n", done, o.Inspections, float64(done)/time.Since(t0).Seconds())
		}
	}
	res, err := benchseed.Seed(ctx, db, o)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "seeded school %q (id %d): %d units, %d places, %d people, %d inspections, %d answers in %v\n",
		o.Code, res.SchoolID, len(res.Units), len(res.Places), o.People, res.Inspections, res.Answers, time.Since(t0).Round(time.Millisecond))
	fmt.Fprintf(stdout, "log in as %s / %s\n", o.OfficeUser, o.OfficePassword)
	return nil
}
