package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"

	"safecampus/internal/auth"
	"safecampus/internal/config"
	"safecampus/internal/report"
)

// cmdReport writes a campaign's report to the authority: the same files
// as the campaign page's buttons, the format taken from --out's extension
// (.pdf needs Chromium on this machine). It refuses to overwrite a file:
// a report handed to the authority is a record, replaced only on purpose.
// The generation is recorded like the server's (by account 0).
func cmdReport(ctx context.Context, e env, args []string) error {
	cfg := config.Defaults()
	fs := newFlags(e, "report", "report --campaign ID --out FILE.pdf|FILE.docx|FILE.html|FILE.xlsx [--data DIR] [--db URL]")
	cfg.RegisterData(fs)
	id := fs.Int64("campaign", 0, "campaign `ID` (the number in /campaigns/ID)")
	out := fs.String("out", "", "output `FILE`: .pdf, .docx, .html, or .xlsx for the annex of the four lists (must not exist)")
	// Check the flags before opening (and possibly creating) a database.
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case *id <= 0:
		return errors.New("--campaign: required, the campaign's ID")
	case *out == "":
		return errors.New("--out: required")
	}
	format, err := report.FormatOf(*out)
	if err != nil {
		return fmt.Errorf("--out: %s is not .pdf, .docx, .html or .xlsx", *out)
	}
	if _, err := os.Stat(*out); err == nil {
		return fmt.Errorf("--out: %s already exists; refusing to overwrite it", *out)
	}
	a, err := openApp(ctx, e, fs, &cfg, args)
	if err != nil {
		return err
	}
	defer a.Close()
	school, err := report.CampaignSchool(ctx, a.DB.Read(), *id)
	if err != nil {
		return fmt.Errorf("--campaign: no campaign with ID %d", *id)
	}
	res, err := a.Reports.Generate(ctx, auth.System(), school, *id, format, report.HTMLOptions{})
	if err != nil {
		return err
	}
	f, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	_, err = f.Write(res.Body)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(*out) // no half-written file left behind
		return err
	}
	r := res.Report
	fmt.Fprintf(e.stdout, "wrote the %s report of campaign %d (%s) to %s: %d bytes, sha256 %s\n",
		format, *id, r.Campaign.Name, *out, len(res.Body), res.SHA256)
	fmt.Fprintf(e.stdout, "audit chain of school %d at generation: entries=%d head=%s\n", school, r.Head.Seq, r.Head.Hash)
	fmt.Fprintf(e.stdout, "verify with: %s\n", r.VerifyCommand)
	fmt.Fprintf(e.stdout, "recorded as report %s\n", strconv.FormatInt(res.ID, 10))
	return nil
}
