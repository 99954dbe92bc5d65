package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/debug"

	"safecampus/internal/auth"
	"safecampus/internal/config"
	"safecampus/internal/lists"
)

// listExportKinds are the four lists of RESP-3 the export command writes.
var listExportKinds = map[string]bool{
	lists.ExportWork: true, lists.ExportProblems: true, lists.ExportResponsibility: true, lists.ExportRectification: true,
}

// cmdExportList writes one of the four lists (or, with kind "statistics",
// the hazard statistics of --period): the same file as the export button
// of its page, unfiltered, for scheduled exports.
func cmdExportList(ctx context.Context, e env, kind string, args []string) error {
	cfg := config.Defaults()
	usage := "export " + kind + " --school CODE --out FILE.xlsx [--data DIR] [--db URL]"
	if kind == lists.ExportStatistics {
		usage = "export statistics --period 2026-Q1|2026 --school CODE --out FILE.xlsx [--data DIR] [--db URL]"
	}
	fs := newFlags(e, "export "+kind, usage)
	cfg.RegisterData(fs)
	var period *string
	if kind == lists.ExportStatistics {
		period = fs.String("period", "", "`period`: a quarter 2026-Q1 or a year 2026, in the school's time zone")
	}
	schoolCode := fs.String("school", "", "school `code`")
	out := fs.String("out", "", "output `FILE`.xlsx (must not exist)")
	// Check the flags before opening (and possibly creating) a database.
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case period != nil && *period == "":
		return errors.New("--period: required")
	case *schoolCode == "":
		return errors.New("--school: required")
	case *out == "":
		return errors.New("--out: required")
	}
	if period != nil {
		if _, err := lists.ParseStatPeriod(*period); err != nil {
			return fmt.Errorf("--period: %q is not a quarter or year (2026-Q1, 2026)", *period)
		}
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
	if kind == lists.ExportWork || kind == lists.ExportResponsibility {
		// Bring the inspections due up to date first, as the server's
		// scheduler would: the command may run while no server does.
		if _, err := a.Plans.Generate(ctx, sc.ID, a.Now()); err != nil {
			return err
		}
	}
	a.Lists.ExportFrom = a.DB.Raw() // a one-off process: no mapped readers (as for the ledger)
	debug.SetMemoryLimit(64 << 20)
	f, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	var n int
	switch kind {
	case lists.ExportWork:
		n, err = a.Lists.ExportWorkList(ctx, sys, sc.ID, lists.Filter{}, f)
	case lists.ExportProblems:
		n, err = a.Lists.ExportProblemList(ctx, sys, sc.ID, lists.Filter{}, f)
	case lists.ExportResponsibility:
		n, err = a.Lists.ExportResponsibilityList(ctx, sys, sc.ID, lists.Filter{}, f)
	case lists.ExportRectification:
		n, err = a.Lists.ExportRectificationList(ctx, sys, sc.ID, lists.Filter{}, f)
	case lists.ExportStatistics:
		n, err = a.Lists.ExportStatistics(ctx, sys, sc.ID, *period, f)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(*out) // no half-written file left behind
		return err
	}
	fmt.Fprintf(e.stdout, "exported %d rows of the %s of school %s to %s\n", n, kind, sc.Code, *out)
	return nil
}
