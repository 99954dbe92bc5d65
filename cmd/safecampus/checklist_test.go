package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// catalogueCodes is REQUIREMENTS.md's catalogue; internal/checklist's
// TestCatalogueCodes holds the same list against the library itself.
var catalogueCodes = strings.Fields(`RESP-1 RESP-2 RESP-3 RESP-4
	FIRE-1 FIRE-2 FIRE-3 FIRE-4 FIRE-5 FIRE-6 FIRE-7 FIRE-8 FIRE-9 FIRE-10 FIRE-11 FIRE-12 FIRE-13 FIRE-14
	LOG-1 LOG-2 LOG-3 LOG-4 LOG-5 LOG-6 LAB-1 LAB-2 LAB-3 LAB-4
	SEC-1 SEC-2 SEC-3 SEC-4 SEC-5 SEC-6 SEC-7 SEC-8 TRA-1 TRA-2 TRA-3
	RUL-1 RUL-2 RUL-3 RUL-4 RUL-5 EDU-1 EDU-2 EDU-3 EDU-4 EDU-5 EDU-6`)

func TestChecklistList(t *testing.T) {
	dir := t.TempDir()
	out, err := runCLI(t, nil, "checklist", "list", "--json", "--data", dir)
	if err != nil {
		t.Fatalf("checklist list: %v\n%s", err, out)
	}
	var items []struct {
		Code      string `json:"code"`
		Area      string `json:"area"`
		Text      string `json:"text"`
		Questions []struct {
			Code string `json:"code"`
			Text string `json:"text"`
		} `json:"questions"`
	}
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if len(catalogueCodes) != 50 {
		t.Fatalf("the catalogue list here has %d codes, want 50", len(catalogueCodes))
	}
	var codes []string
	for _, it := range items {
		codes = append(codes, it.Code)
		if it.Area == "" || it.Text == "" || len(it.Questions) == 0 || !strings.HasPrefix(it.Questions[0].Code, it.Code+".") {
			t.Errorf("%s is incomplete: %+v", it.Code, it)
		}
		if it.Code == "FIRE-4" && (len(it.Questions) != 4 || it.Questions[0].Text != "消防泵房泵机开关是否设在自动位置") {
			t.Errorf("FIRE-4 questions = %+v", it.Questions)
		}
	}
	if !slices.Equal(codes, catalogueCodes) {
		t.Errorf("codes = %v\nwant %v", codes, catalogueCodes)
	}

	table, err := runCLI(t, nil, "checklist", "list", "--data", dir)
	if err != nil || !strings.Contains(table, "FIRE-4.2") || !strings.Contains(table, "消防水泵能否正常启动") {
		t.Errorf("table output: %v\n%s", err, table)
	}
	if _, err := runCLI(t, nil, "checklist", "list", "--data", dir, "--school", "NOPE"); err == nil || !strings.Contains(err.Error(), "--school") {
		t.Errorf("unknown school: %v", err)
	}
}
