package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"text/tabwriter"

	"safecampus/internal/auth"
	"safecampus/internal/checklist"
	"safecampus/internal/config"
)

const checklistUsage = `Usage: safecampus checklist list [--json] [--school CODE] [--data DIR] [--db URL]

Prints the check-item library: the notice's built-in catalogue, or with
--school the library as that school sees it (its own items and versions,
disabled items marked).`

// checklistItem is the JSON form of one item: what a script needs to know
// about the library, without database ids.
type checklistItem struct {
	Code                string              `json:"code"`
	Area                checklist.Area      `json:"area"`
	AreaLabel           string              `json:"area_label"`
	Text                string              `json:"text"`
	Version             int64               `json:"version"`
	Builtin             bool                `json:"builtin"`
	Disabled            bool                `json:"disabled"`
	PlaceTypes          []string            `json:"place_types"`
	PhotoRequiredOnFail bool                `json:"photo_required_on_fail"`
	DefaultLevel        string              `json:"default_level"`
	Questions           []checklistQuestion `json:"questions"`
}

type checklistQuestion struct {
	Code string `json:"code"`
	Text string `json:"text"`
}

func cmdChecklist(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] != "list" {
		fmt.Fprintln(e.stderr, checklistUsage)
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return nil
		}
		return errors.New("checklist: expected the subcommand list")
	}
	cfg := config.Defaults()
	fs := newFlags(e, "checklist list", "checklist list [--json] [--school CODE] [--data DIR] [--db URL]")
	cfg.RegisterData(fs)
	asJSON := fs.Bool("json", false, "print JSON instead of a table")
	schoolCode := fs.String("school", "", "show the library of the school with this `code`")
	a, err := openApp(ctx, e, fs, &cfg, args[1:])
	if err != nil {
		return err
	}
	defer a.Close()
	sys := auth.System()
	var school int64
	if *schoolCode != "" {
		sc, err := a.Org.FindSchoolByCode(ctx, sys, *schoolCode)
		if err != nil {
			return fmt.Errorf("--school: %w", err)
		}
		school = sc.ID
	}
	items, err := checklist.NewService(a.DB, a.Now).ListItems(ctx, sys, school)
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]checklistItem, len(items))
		for i, it := range items {
			out[i] = checklistItem{Code: it.Code, Area: it.Area, AreaLabel: it.Area.Label(), Text: it.Title, Version: it.Version,
				Builtin: it.Builtin(), Disabled: it.Disabled, PlaceTypes: it.PlaceTypes, PhotoRequiredOnFail: it.PhotoRequiredOnFail,
				DefaultLevel: it.DefaultLevel, Questions: make([]checklistQuestion, len(it.Questions))}
			if out[i].PlaceTypes == nil {
				out[i].PlaceTypes = []string{}
			}
			for j, q := range it.Questions {
				out[i].Questions[j] = checklistQuestion{Code: q.Code, Text: q.Text}
			}
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CODE\tAREA\tVERSION\tTEXT")
	for _, it := range items {
		title := it.Title
		if it.Disabled {
			title += "（已停用）"
		}
		fmt.Fprintf(tw, "%s\t%s\tv%d\t%s\n", it.Code, it.Area.Label(), it.Version, title)
		for _, q := range it.Questions {
			fmt.Fprintf(tw, "  %s\t\t\t%s\n", q.Code, q.Text)
		}
	}
	return tw.Flush()
}
