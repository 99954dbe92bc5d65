package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/config"
)

// cmdExportLedger writes the inspection ledger of a date range, the same
// file as the ledger page's export button (two sheets: inspections and
// failed questions).
func cmdExportLedger(ctx context.Context, e env, args []string) error {
	cfg := config.Defaults()
	fs := newFlags(e, "export ledger", "export ledger [--from DATE] [--to DATE] --school CODE --out FILE.xlsx [--data DIR] [--db URL]")
	cfg.RegisterData(fs)
	from := fs.String("from", "", "first `DATE` (YYYY-MM-DD, school time zone); empty: from the beginning")
	to := fs.String("to", "", "last `DATE` (inclusive); empty: up to now")
	schoolCode := fs.String("school", "", "school `code`")
	out := fs.String("out", "", "output `FILE`.xlsx (must not exist)")
	// Check the flags before opening (and possibly creating) a database.
	if err := fs.Parse(args); err != nil {
		return err
	}
	for name, v := range map[string]string{"--from": *from, "--to": *to} {
		if _, err := time.Parse("2006-01-02", v); v != "" && err != nil {
			return fmt.Errorf("%s: %q is not a date (2026-03-01)", name, v)
		}
	}
	switch {
	case *schoolCode == "":
		return errors.New("--school: required")
	case *out == "":
		return errors.New("--out: required")
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
	// A one-off process: read through the connection that does not map the
	// database file, so the mapped pages of a large database do not count
	// against the export's memory (docs/benchmarks.md).
	a.Ledger.ExportFrom = a.DB.Raw()
	f, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	n, err := a.Ledger.ExportLedger(ctx, sys, sc.ID, *from, *to, f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(*out) // no half-written file left behind
		return err
	}
	fmt.Fprintf(e.stdout, "exported %d inspections of school %s to %s\n", n, sc.Code, *out)
	return nil
}
