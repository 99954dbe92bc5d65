package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"safecampus/internal/compliance"
)

// TestComplianceCommand evaluates the demo school from the command line
// and reads the JSON back field by field (no golden file: the demo's
// figures follow the clock).
func TestComplianceCommand(t *testing.T) {
	dir := t.TempDir()
	if out, err := runCLI(t, map[string]string{"SAFECAMPUS_ADMIN_PASSWORD": "admin-pass-123"}, "demo", "--data", dir); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	quarter := compliance.CurrentQuarter(time.Now(), time.FixedZone("CST", 8*3600))
	var out strings.Builder
	if err := run(t.Context(), []string{"compliance", "--data", dir, "--school", "ntwsgz", "--period", quarter, "--json"}, func(string) string { return "" }, &out, &out); err != nil {
		t.Fatalf("compliance: %v\n%s", err, out.String())
	}
	var rep struct {
		School struct {
			ID   int64  `json:"id"`
			Code string `json:"code"`
		} `json:"school"`
		Period struct{ Key, Start, End string } `json:"period"`
		Scope  string                           `json:"scope"`
		Rules  []struct {
			ID     string `json:"id"`
			Name   string `json:"name"`
			Status string `json:"status"`
			Value  string `json:"value"`
			Target string `json:"target"`
			Note   string `json:"note"`
			Params []struct {
				Key          string `json:"key"`
				Value, Max   int64
				Default, Min int64
			} `json:"params"`
			Failures []struct {
				Kind string `json:"kind"`
				ID   int64  `json:"id"`
				Link string `json:"link"`
			} `json:"failures"`
		} `json:"rules"`
	}
	if err := json.Unmarshal([]byte(out.String()), &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out.String())
	}
	if rep.School.Code != "ntwsgz" || rep.Period.Key != quarter || rep.Scope != "school" {
		t.Errorf("header: %+v %+v %q", rep.School, rep.Period, rep.Scope)
	}
	var ids []string
	for _, r := range compliance.Rules() {
		ids = append(ids, r.ID)
	}
	var got []string
	for _, r := range rep.Rules {
		got = append(got, r.ID)
		if !slices.Contains([]string{"pass", "fail", "nodata", "pending", "na"}, r.Status) || r.Value == "" || r.Target == "" {
			t.Errorf("%s: status %q value %q target %q", r.ID, r.Status, r.Value, r.Target)
		}
		if r.Status == "fail" && r.ID != compliance.RuleSafetyMeetings && len(r.Failures) == 0 {
			t.Errorf("%s fails without ids", r.ID)
		}
		for _, f := range r.Failures {
			if f.ID == 0 && f.Kind != "month" || f.Link == "" {
				t.Errorf("%s: failure %+v", r.ID, f)
			}
		}
	}
	if !slices.Equal(got, ids) {
		t.Fatalf("rules %v, want %v", got, ids)
	}
	freq := rep.Rules[0]
	if len(freq.Params) != 3 || freq.Params[0].Key != "principal_per_half_year" || freq.Params[0].Value != 1 || freq.Params[0].Default != 1 {
		t.Errorf("inspection_frequency params %+v", freq.Params)
	}
	for _, r := range rep.Rules[2:10] {
		if r.Status != "nodata" || r.Note == "" {
			t.Errorf("%s: %s, want nodata with a note", r.ID, r.Status)
		}
	}
	// The demo campaign's report was due on 2020-12-20 and none was generated.
	if r := rep.Rules[10]; r.ID != compliance.RuleReport || r.Status != "fail" || len(r.Failures) != 1 || r.Failures[0].Kind != "campaign" {
		t.Errorf("report rule: %+v", r)
	}

	text, err := runCLI(t, nil, "compliance", "--data", dir, "--period", quarter, "--school", "ntwsgz")
	if err != nil || !strings.Contains(text, "inspection_frequency 检查频次") || !strings.Contains(text, "report failures:") {
		t.Errorf("text output: %v\n%s", err, text)
	}
	// Without --school every school of the database: the demo holds two.
	all, err := runCLI(t, nil, "compliance", "--data", dir, "--period", quarter, "--json")
	var reps []jsonCompliance
	if err != nil || json.Unmarshal([]byte(all), &reps) != nil || len(reps) != 2 || reps[0].School.Code == reps[1].School.Code || len(reps[1].Rules) != len(rep.Rules) {
		t.Errorf("every school: %v, %d reports\n%.300s", err, len(reps), all)
	}
	for _, bad := range [][]string{
		{"compliance", "--data", dir, "--period", quarter, "--scope", "unit:1"}, // a unit needs its school
		{"compliance", "--data", dir},
		{"compliance", "--data", dir, "--period", "2026-Q5"},
		{"compliance", "--data", dir, "--period", "2026", "--scope", "grid:1"},
		{"compliance", "--data", dir, "--period", "2026", "--school", "nope"},
	} {
		if out, err := runCLI(t, nil, bad...); err == nil {
			t.Errorf("%v accepted:\n%s", bad, out)
		}
	}
	help, _ := runCLI(t, nil, "compliance", "--help")
	if !strings.Contains(help, "failures[]") || !strings.Contains(help, "never a pass") {
		t.Errorf("--help does not document the JSON:\n%s", help)
	}
}
