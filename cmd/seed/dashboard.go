package main

import (
	"context"
	"fmt"
	"io"
	"time"

	dashseed "safecampus/internal/dashboard/benchseed"
	"safecampus/internal/sqldb"
)

// seedDashboard is the dashboard mode (-dashboard school|authority): one
// school with five years of inspections and hazards (log in as
// dash_office), or an authority over -schools small schools (log in as
// dash_authority); password bench-password-2026.
func seedDashboard(ctx context.Context, db *sqldb.DB, mode string, schools int, stdout io.Writer) error {
	t0 := time.Now()
	last := t0
	progress := func(what string, done, total int) {
		if time.Since(last) > 5*time.Second || done == total {
			last = time.Now()
			fmt.Fprintf(stdout, "  %d/%d %s (%v)\n", done, total, what, time.Since(t0).Round(time.Second))
		}
	}
	switch mode {
	case "school":
		o := dashseed.DefaultSchool()
		o.Progress = progress
		id, err := dashseed.SeedSchool(ctx, db, o)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "seeded school %d: %d inspections, %d hazards over %d days in %v; log in as dash_office / bench-password-2026\n",
			id, o.Inspections, o.Hazards, o.Days, time.Since(t0).Round(time.Millisecond))
	case "authority":
		o := dashseed.DefaultAuthority()
		o.Schools, o.Hazards, o.Progress = schools, 50*schools, progress
		id, err := dashseed.SeedAuthority(ctx, db, o)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "seeded authority %d over %d schools, %d hazards in %v; log in as dash_authority / bench-password-2026\n",
			id, o.Schools, o.Hazards, time.Since(t0).Round(time.Millisecond))
	default:
		return fmt.Errorf("-dashboard: %q is neither school nor authority", mode)
	}
	return nil
}
