package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"safecampus/internal/auth"
	"safecampus/internal/config"
	"safecampus/internal/org"
)

const exportUsage = `Usage: safecampus export people|units --school CODE --out FILE.xlsx [--data DIR] [--db URL]
       safecampus export rhythm --period 2026-Q1 --school CODE --out FILE.xlsx [--data DIR] [--db URL]
       safecampus export ledger [--from DATE] [--to DATE] --school CODE --out FILE.xlsx [--data DIR] [--db URL]
       safecampus export work-list|problem-list|responsibility-list|rectification-list --school CODE --out FILE.xlsx [--data DIR] [--db URL]
       safecampus export statistics --period 2026-Q1|2026 --school CODE --out FILE.xlsx [--data DIR] [--db URL]

Writes the same .xlsx file as the export buttons of the web pages and
records the export in the school's audit log (actor: the command line).
The output file must not exist yet.`

func cmdExport(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(e.stderr, exportUsage)
		if len(args) == 0 {
			return errors.New("export: expected people or units")
		}
		return nil
	}
	if args[0] == "rhythm" {
		return cmdExportRhythm(ctx, e, args[1:]) // export_rhythm.go
	}
	if args[0] == "ledger" {
		return cmdExportLedger(ctx, e, args[1:]) // export_ledger.go
	}
	if listExportKinds[args[0]] || args[0] == "statistics" {
		return cmdExportList(ctx, e, args[0], args[1:]) // export_lists.go
	}
	kind := org.ImportKind(args[0])
	if !kind.Valid() {
		fmt.Fprintln(e.stderr, exportUsage)
		return fmt.Errorf("export: unknown kind %q (people or units)", args[0])
	}
	cfg := config.Defaults()
	fs := newFlags(e, "export "+args[0], "export "+args[0]+" --school CODE --out FILE.xlsx [--data DIR] [--db URL]")
	cfg.RegisterData(fs)
	schoolCode := fs.String("school", "", "school `code`")
	out := fs.String("out", "", "output `FILE`.xlsx (must not exist)")
	// Check the flags before opening (and possibly creating) a database.
	if err := fs.Parse(args[1:]); err != nil {
		return err
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
	a, err := openApp(ctx, e, fs, &cfg, args[1:])
	if err != nil {
		return err
	}
	defer a.Close()
	sys := auth.System() // the command line works with the database's own authority
	sc, err := a.Org.FindSchoolByCode(ctx, sys, *schoolCode)
	if err != nil {
		return fmt.Errorf("--school: %w", err)
	}
	f, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	exp := a.Org.ExportPeople
	if kind == org.ImportUnits {
		exp = a.Org.ExportUnits
	}
	n, err := exp(ctx, sys, sc.ID, f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(*out) // no half-written file left behind
		return err
	}
	fmt.Fprintf(e.stdout, "exported %d %s of school %s to %s\n", n, kind, sc.Code, *out)
	return nil
}
