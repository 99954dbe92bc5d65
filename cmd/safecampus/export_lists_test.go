package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"safecampus/internal/sqldb"
)

// TestExportListsCommand writes the four lists and the statistics of the
// demo school from the command line and reads each file back.
func TestExportListsCommand(t *testing.T) {
	dir := t.TempDir()
	if out, err := runCLI(t, map[string]string{"SAFECAMPUS_ADMIN_PASSWORD": "admin-pass-123"}, "demo", "--data", dir); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	// One open hazard with a known description, found on 2026-02-10 at
	// 09:30 Shanghai time, due 2026-02-28, as the hazard service stores it.
	ctx := context.Background()
	db, err := sqldb.Open(ctx, filepath.Join(dir, "safecampus.db"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Raw().ExecContext(ctx, `INSERT INTO hazards (school_id, number, source, found_at, area, level, description, measures, deadline, status, created_at, updated_at)
		SELECT id, '2026-FIRE-9999', 'report', 1770687000000, 'FIRE', 'major', '命令行导出测试隐患', '立即整改', '2026-02-28', 'assigned', 1770687000000, 1770687000000
		FROM schools WHERE code = 'ntwsgz'`)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args         []string
		sheet, first string
		contains     string
	}{
		{[]string{"work-list"}, "工作清单", "单位", ""},
		{[]string{"problem-list"}, "问题清单", "类别", "命令行导出测试隐患"},
		{[]string{"responsibility-list"}, "责任汇总", "单位", ""},
		{[]string{"rectification-list"}, "整改清单", "编号", "2026-FIRE-9999"},
		{[]string{"statistics", "--period", "2026-Q1"}, "隐患统计", "分类", "合计"},
		{[]string{"statistics", "--period", "2026"}, "说明", "项目", "2026年"},
	}
	for _, tt := range tests {
		dst := filepath.Join(t.TempDir(), tt.args[0]+".xlsx")
		args := append(append([]string{"export"}, tt.args...), "--data", dir, "--school", "ntwsgz", "--out", dst)
		out, err := runCLI(t, nil, args...)
		if err != nil || !strings.Contains(out, "exported") {
			t.Fatalf("%v: %v\n%s", tt.args, err, out)
		}
		f, err := excelize.OpenFile(dst)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows(tt.sheet)
		f.Close()
		if err != nil || len(rows) == 0 || rows[0][0] != tt.first {
			t.Fatalf("%v: sheet %s: %v %q", tt.args, tt.sheet, err, rows)
		}
		var all strings.Builder
		for _, r := range rows {
			all.WriteString(strings.Join(r, ",") + "\n")
		}
		if !strings.Contains(all.String(), tt.contains) {
			t.Errorf("%v: sheet %s lacks %q:\n%s", tt.args, tt.sheet, tt.contains, all.String())
		}
	}
	bad := filepath.Join(t.TempDir(), "bad.xlsx")
	for _, args := range [][]string{
		{"export", "statistics", "--period", "2026-03", "--data", dir, "--school", "ntwsgz", "--out", bad},
		{"export", "statistics", "--data", dir, "--school", "ntwsgz", "--out", bad},
		{"export", "work-list", "--data", dir, "--out", bad},
		{"export", "problem-list", "--data", dir, "--school", "nope", "--out", bad},
	} {
		if _, err := runCLI(t, nil, args...); err == nil {
			t.Errorf("%v succeeded", args)
		}
	}
	if _, err := os.Stat(bad); err == nil {
		t.Error("a failed export left a file behind")
	}
}
