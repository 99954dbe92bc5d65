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

func TestExportLedgerCommand(t *testing.T) {
	dir := t.TempDir()
	if out, err := runCLI(t, map[string]string{"SAFECAMPUS_ADMIN_PASSWORD": "admin-pass-123"}, "demo", "--data", dir); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	// One inspection with a known note, written as the inspection service
	// would store it (schema 0002), on 2026-03-10 at 09:30 Shanghai time.
	ctx := context.Background()
	db, err := sqldb.Open(ctx, filepath.Join(dir, "safecampus.db"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Raw().ExecContext(ctx, `INSERT INTO inspections (school_id, client_id, kind, status, inspector_account_id, started_at, submitted_at, period, note)
		SELECT s.id, 'cli-test', 'random', 'submitted', a.id, 1773106200000, 1773106200000, '2026-03', '命令行导出测试'
		FROM schools s, accounts a WHERE s.code = 'ntwsgz' AND a.username = 'admin'`)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "ledger.xlsx")
	out, err := runCLI(t, nil, "export", "ledger", "--from", "2026-03-10", "--to", "2026-03-10", "--data", dir, "--school", "ntwsgz", "--out", dst)
	if err != nil || !strings.Contains(out, "exported") {
		t.Fatalf("export ledger: %v\n%s", err, out)
	}
	f, err := excelize.OpenFile(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("检查台账")
	if err != nil || len(rows) < 2 || rows[0][0] != "编号" {
		t.Fatalf("rows: %v %q", err, rows)
	}
	found := false
	for _, r := range rows[1:] {
		found = found || strings.Contains(strings.Join(r, ","), "随机抽查,,,系统管理员,,2026-03-10 09:30,2026-03,合格,0,否,命令行导出测试")
	}
	if !found {
		t.Errorf("export lacks the inspection: %q", rows)
	}
	if head, err := f.GetRows("不合格问题"); err != nil || len(head) == 0 || head[0][1] != "检查项编码" {
		t.Errorf("failed-question sheet: %v %q", err, head)
	}
	bad := filepath.Join(t.TempDir(), "bad.xlsx")
	for _, args := range [][]string{
		{"export", "ledger", "--from", "2026-3-1", "--data", dir, "--school", "ntwsgz", "--out", bad},
		{"export", "ledger", "--from", "2026-04-01", "--to", "2026-03-01", "--data", dir, "--school", "ntwsgz", "--out", bad},
		{"export", "ledger", "--data", dir, "--out", bad},
		{"export", "ledger", "--data", dir, "--school", "nope", "--out", bad},
	} {
		if _, err := runCLI(t, nil, args...); err == nil {
			t.Errorf("%v succeeded", args)
		}
	}
	if _, err := os.Stat(bad); err == nil {
		t.Error("a failed export left a file behind")
	}
}
