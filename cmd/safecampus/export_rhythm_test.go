package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"safecampus/internal/plan"
)

func TestExportRhythmCommand(t *testing.T) {
	dir := t.TempDir()
	if out, err := runCLI(t, map[string]string{"SAFECAMPUS_ADMIN_PASSWORD": "admin-pass-123"}, "demo", "--data", dir); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	quarter := plan.PeriodOf(plan.Quarter, time.Now(), loc)
	dst := filepath.Join(t.TempDir(), "rhythm.xlsx")
	out, err := runCLI(t, nil, "export", "rhythm", "--period", quarter.Key, "--data", dir, "--school", "ntwsgz", "--out", dst)
	if err != nil || !strings.Contains(out, "exported") {
		t.Fatalf("export rhythm: %v\n%s", err, out)
	}
	f, err := excelize.OpenFile(dst)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("检查频次")
	f.Close()
	if err != nil || len(rows) < 2 || strings.Join(rows[0], ",") != "单位,责任人,角色,检查计划,周期,状态,完成时间" {
		t.Fatalf("rows: %v %q", err, rows)
	}
	all := ""
	for _, r := range rows[1:] {
		all += strings.Join(r, ",") + "\n"
	}
	// The demo's supervising leader owes the quarter; its units their months.
	for _, want := range []string{"张佩武,分管领导,分管领导检查," + quarter.Label, "职能部门,职能部门月度自查"} {
		if !strings.Contains(all, want) {
			t.Errorf("export lacks %q:\n%s", want, all)
		}
	}
	bad := filepath.Join(t.TempDir(), "bad.xlsx")
	for _, args := range [][]string{
		{"export", "rhythm", "--period", "2026-Q9", "--data", dir, "--school", "ntwsgz", "--out", bad},
		{"export", "rhythm", "--data", dir, "--school", "ntwsgz", "--out", bad},
		{"export", "rhythm", "--period", "2026-Q1", "--data", dir, "--school", "nope", "--out", bad},
	} {
		if _, err := runCLI(t, nil, args...); err == nil {
			t.Errorf("%v succeeded", args)
		}
	}
	if _, err := os.Stat(bad); err == nil {
		t.Error("a failed export left a file behind")
	}
}
