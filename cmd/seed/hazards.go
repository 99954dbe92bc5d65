package main

import (
	"context"
	"fmt"
	"io"
	"time"

	hazardseed "safecampus/internal/hazard/benchseed"
	"safecampus/internal/sqldb"
)

// seedHazards is the hazard mode (-hazards N -schools M): M schools with
// N hazards between them, for the hazard list, page and report
// benchmarks. The first school's office account logs in.
func seedHazards(ctx context.Context, db *sqldb.DB, hazards, schools int, stdout io.Writer) error {
	o := hazardseed.Defaults()
	o.Hazards, o.Schools = hazards, schools
	t0 := time.Now()
	last := t0
	o.Progress = func(done int) {
		if time.Since(last) > 5*time.Second || done == o.Hazards {
			last = time.Now()
			fmt.Fprintf(stdout, "  %d/%d hazards (%.0f/s)\n", done, o.Hazards, float64(done)/time.Since(t0).Seconds())
		}
	}
	res, err := hazardseed.Seed(ctx, db, o)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "seeded %d schools (%s001 … id %d first), %d hazards, %d timeline entries in %v\n",
		len(res.Schools), o.CodePrefix, res.Schools[0].ID, res.Hazards, res.Events, time.Since(t0).Round(time.Millisecond))
	fmt.Fprintf(stdout, "log in as %s / %s (school %s001)\n", o.OfficeUser, o.OfficePassword, o.CodePrefix)
	return nil
}
