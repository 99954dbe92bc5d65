package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"safecampus/internal/auth"
	"safecampus/internal/config"
	"safecampus/internal/plan"
)

// cmdExportRhythm writes the RUL-4 rhythm compliance table of a period,
// the same file as the rhythm page's export button.
func cmdExportRhythm(ctx context.Context, e env, args []string) error {
	cfg := config.Defaults()
	fs := newFlags(e, "export rhythm", "export rhythm --period 2026-Q1 --school CODE --out FILE.xlsx [--data DIR] [--db URL]")
	cfg.RegisterData(fs)
	period := fs.String("period", "", "`period`: a month 2026-03, quarter 2026-Q1 or half-year 2026-H1")
	schoolCode := fs.String("school", "", "school `code`")
	out := fs.String("out", "", "output `FILE`.xlsx (must not exist)")
	// Check the flags before opening (and possibly creating) a database.
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case *period == "":
		return errors.New("--period: required")
	case *schoolCode == "":
		return errors.New("--school: required")
	case *out == "":
		return errors.New("--out: required")
	}
	if _, err := plan.ParsePeriod(*period); err != nil {
		return fmt.Errorf("--period: %q is not a period (2026-03, 2026-Q1, 2026-H1)", *period)
	}
	if _, err := os.Stat(*out); err == nil {
		return fmt.Errorf("--out: %s already exists; refusing to overwrite it", *out)
	}
	a, err := openApp(ctx, e, fs, &cfg, args)
	if err != nil {
		return err
	}
	defer a.Close()
	sys := auth.System() // the command line works with the database's own authority
	sc, err := a.Org.FindSchoolByCode(ctx, sys, *schoolCode)
	if err != nil {
		return fmt.Errorf("--school: %w", err)
	}
	// Bring what is owed up to date first, as the server's scheduler would:
	// the command may run while no server does.
	if _, err := a.Plans.Generate(ctx, sc.ID, a.Now()); err != nil {
		return err
	}
	f, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	n, err := a.Plans.ExportRhythm(ctx, sys, sc.ID, *period, f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(*out) // no half-written file left behind
		return err
	}
	fmt.Fprintf(e.stdout, "exported %d rhythm rows of %s for school %s to %s\n", n, *period, sc.Code, *out)
	return nil
}
