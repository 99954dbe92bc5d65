package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"safecampus/internal/app"
	"safecampus/internal/auth"
	"safecampus/internal/compliance"
	"safecampus/internal/config"
	"safecampus/internal/org"
)

// complianceHelp documents the JSON the command prints; the field names
// are stable (scripts and the authority's tools read them).
const complianceHelp = `
Evaluates every measurable rule of the notice for one school, period and
scope, with the school's parameters. Without --school every school of the
database is evaluated and --json prints an array of the objects below (one
per school); with --school (or when the database holds one school) it
prints one object.

JSON (--json), one object:
  school        {id, code, name}
  period        {key, label, start, end}      dates inclusive, school's zone
  scope         "school" | "unit:ID" | "person:ID" | "campus:ID" | "area:FIRE"
  evaluated_at  RFC 3339 instant of the clock used
  rules[]       in the order of the requirements' table, each:
    id, name, from, measures
    params[]    {key, label, unit, value, default, min, max}
    status      "pass" | "fail" | "nodata" | "pending" | "na"
    value       the figure as shown on the scorecard, e.g. "5/8"
    num, den    the figure's numerator and denominator
    target      the target in words, with the parameters
    note        why nodata, pending or na, or what else to know
    failures[]  {kind, id, label, link}: the records or people behind a
                failure (kind hazard | person | unit | campaign | month |
                posting; link is the app path)
"nodata" means the data the rule needs is not recorded yet; it is never a pass.
`

func cmdCompliance(ctx context.Context, e env, args []string) error {
	cfg := config.Defaults()
	fs := newFlags(e, "compliance", "compliance --period 2026-Q1 [--json] [--school CODE] [--scope unit:12] [--data DIR] [--db URL]")
	usage := fs.Usage
	fs.Usage = func() { usage(); fmt.Fprint(e.stderr, complianceHelp) }
	cfg.RegisterData(fs)
	period := fs.String("period", "", "`period`: a year 2026, half-year 2026-H1, quarter 2026-Q1 or month 2026-03")
	schoolCode := fs.String("school", "", "school `code` (without it: every school, --json prints an array)")
	scopeFlag := fs.String("scope", "school", "`scope`: school, unit:ID, person:ID, campus:ID or area:FIRE")
	asJSON := fs.Bool("json", false, "print JSON (fields documented in --help)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *period == "" {
		return errors.New("--period: required")
	}
	if _, err := compliance.ParsePeriod(*period); err != nil {
		return fmt.Errorf("--period: %q is not a period (2026, 2026-H1, 2026-Q1, 2026-03)", *period)
	}
	sc, err := compliance.ParseScope(*scopeFlag)
	if err != nil {
		return fmt.Errorf("--scope: %q is not a scope (school, unit:12, person:5, campus:2, area:FIRE)", *scopeFlag)
	}
	a, err := openApp(ctx, e, fs, &cfg, args)
	if err != nil {
		return err
	}
	defer a.Close()
	sys := auth.System() // the command line works with the database's own authority
	schools, err := pickSchools(ctx, a, sys, *schoolCode)
	if err != nil {
		return err
	}
	if len(schools) > 1 && sc.Kind != compliance.ScopeSchool {
		return fmt.Errorf("--scope: %s needs --school (the database holds %d schools)", *scopeFlag, len(schools))
	}
	per, _ := compliance.ParsePeriod(*period)
	reps := make([]jsonCompliance, 0, len(schools))
	for _, school := range schools {
		results, err := a.Compliance.Evaluate(ctx, sys, school.ID, *period, sc)
		if err != nil {
			return fmt.Errorf("%s: %w", school.Code, err)
		}
		params, err := a.Compliance.Params(ctx, a.DB.Read(), school.ID)
		if err != nil {
			return err
		}
		reps = append(reps, complianceReport(school, per, sc, a.Now(), results, params))
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if *schoolCode == "" && len(reps) != 1 {
			return enc.Encode(reps) // every school: an array of the same objects
		}
		return enc.Encode(reps[0])
	}
	for i, rep := range reps {
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		printCompliance(e, rep)
	}
	return nil
}

// pickSchools finds the school by code; without a code, every school of
// the database (a deployment may hold a whole authority's schools).
func pickSchools(ctx context.Context, a *app.App, sys *auth.Actor, code string) ([]org.School, error) {
	if code != "" {
		sc, err := a.Org.FindSchoolByCode(ctx, sys, code)
		if err != nil {
			return nil, fmt.Errorf("--school: %w", err)
		}
		return []org.School{sc}, nil
	}
	all, err := a.Org.ListSchools(ctx, sys)
	if err != nil {
		return nil, err
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("--school: the database holds no school")
	}
	return all, nil
}

type jsonSchool struct {
	ID   int64  `json:"id"`
	Code string `json:"code"`
	Name string `json:"name"`
}

type jsonPeriod struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Start string `json:"start"`
	End   string `json:"end"`
}

type jsonParam struct {
	Key     string `json:"key"`
	Label   string `json:"label"`
	Unit    string `json:"unit"`
	Value   int64  `json:"value"`
	Default int64  `json:"default"`
	Min     int64  `json:"min"`
	Max     int64  `json:"max"`
}

type jsonRule struct {
	ID       string           `json:"id"`
	Name     string           `json:"name"`
	From     string           `json:"from"`
	Measures string           `json:"measures"`
	Params   []jsonParam      `json:"params"`
	Status   string           `json:"status"`
	Value    string           `json:"value"`
	Num      int64            `json:"num"`
	Den      int64            `json:"den"`
	Target   string           `json:"target"`
	Note     string           `json:"note"`
	Failures []compliance.Ref `json:"failures"`
}

type jsonCompliance struct {
	School      jsonSchool `json:"school"`
	Period      jsonPeriod `json:"period"`
	Scope       string     `json:"scope"`
	EvaluatedAt string     `json:"evaluated_at"`
	Rules       []jsonRule `json:"rules"`
}

func complianceReport(school org.School, per compliance.Period, sc compliance.Scope, now time.Time, results []compliance.Result, params map[string]map[string]int64) jsonCompliance {
	rep := jsonCompliance{School: jsonSchool{school.ID, school.Code, school.Name}, Period: jsonPeriod{per.Key, per.Label, per.Start, per.End},
		Scope: sc.String(), EvaluatedAt: now.UTC().Format(time.RFC3339), Rules: []jsonRule{}}
	for i, r := range compliance.Rules() {
		res := results[i]
		jr := jsonRule{ID: r.ID, Name: r.Name, From: r.From, Measures: r.Measures, Params: []jsonParam{}, Status: string(res.Status),
			Value: res.Value, Num: res.Num, Den: res.Den, Target: res.Target, Note: res.Note, Failures: res.Failures}
		if jr.Failures == nil {
			jr.Failures = []compliance.Ref{}
		}
		for _, p := range r.Params {
			jr.Params = append(jr.Params, jsonParam{p.Key, p.Label, p.Unit, params[r.ID][p.Key], p.Default, p.Min, p.Max})
		}
		rep.Rules = append(rep.Rules, jr)
	}
	return rep
}

// printCompliance is the plain-text form: one line per rule, then the
// records behind each failure.
func printCompliance(e env, rep jsonCompliance) {
	fmt.Fprintf(e.stdout, "%s (%s) · %s · %s\n\n", rep.School.Name, rep.School.Code, rep.Period.Label, rep.Scope)
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tSTATUS\tVALUE\tTARGET")
	for _, r := range rep.Rules {
		fmt.Fprintf(tw, "%s %s\t%s\t%s\t%s\n", r.ID, r.Name, r.Status, r.Value, r.Target)
	}
	tw.Flush()
	for _, r := range rep.Rules {
		if len(r.Failures) == 0 {
			continue
		}
		ids := make([]string, len(r.Failures))
		for i, f := range r.Failures {
			ids[i] = fmt.Sprintf("%s:%d %s", f.Kind, f.ID, f.Label)
		}
		fmt.Fprintf(e.stdout, "\n%s failures:\n  %s\n", r.ID, strings.Join(ids, "\n  "))
	}
}
