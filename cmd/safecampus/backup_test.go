package main

import (
	"database/sql"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestBackupSQLite(t *testing.T) {
	dir := t.TempDir()
	if out, err := runCLI(t, nil, "migrate", "--data", dir); err != nil {
		t.Fatalf("migrate: %v\n%s", err, out)
	}
	dst := filepath.Join(t.TempDir(), "backup.db")
	out, err := runCLI(t, nil, "backup", "--data", dir, "--out", dst)
	if err != nil || !strings.Contains(out, "integrity ok") {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	db, err := sql.Open("sqlite", "file:"+dst+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('units', 'people', 'audit_log')`).Scan(&n); err != nil || n != 3 {
		t.Fatalf("tables in the copy: %d, %v", n, err)
	}

	// An existing file is never overwritten.
	before, _ := os.ReadFile(dst)
	if _, err := runCLI(t, nil, "backup", "--data", dir, "--out", dst); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second backup to the same file: %v", err)
	}
	if after, _ := os.ReadFile(dst); string(after) != string(before) {
		t.Error("the existing backup was changed")
	}
	// A folder without a database is an error, not a new empty database.
	empty := t.TempDir()
	if _, err := runCLI(t, nil, "backup", "--data", empty, "--out", filepath.Join(empty, "x.db")); err == nil || !strings.Contains(err.Error(), "no database") {
		t.Errorf("backup of an empty folder: %v", err)
	}
	if _, err := os.Stat(filepath.Join(empty, "safecampus.db")); err == nil {
		t.Error("backup created a database")
	}
	if _, err := runCLI(t, nil, "backup", "--data", dir); err == nil || !strings.Contains(err.Error(), "--out") {
		t.Errorf("missing --out: %v", err)
	}
}

func TestBackupPostgresPrintsPgDump(t *testing.T) {
	out, err := runCLI(t, nil, "backup", "--db", "postgres://sc:s3cret@db.example:5432/safecampus?sslmode=require", "--out", "/backups/sc it's.dump")
	if err != nil {
		t.Fatal(err)
	}
	want := `pg_dump --format=custom --file='/backups/sc it'\''s.dump' 'postgres://sc@db.example:5432/safecampus?sslmode=require'`
	if !strings.Contains(out, want) || strings.Contains(out, "s3cret") {
		t.Errorf("output:\n%s\nwant it to contain\n%s\nand no password", out, want)
	}
}

func TestBackupAndExportHelp(t *testing.T) {
	out, err := runCLI(t, nil, "backup", "--help")
	if !errors.Is(err, flag.ErrHelp) || !strings.Contains(out, "Usage: safecampus backup") || !strings.Contains(out, "-out") {
		t.Errorf("backup --help: %v\n%s", err, out)
	}
	out, err = runCLI(t, nil, "export", "--help")
	if err != nil || !strings.Contains(out, "export people|units") {
		t.Errorf("export --help: %v\n%s", err, out)
	}
	out, _ = runCLI(t, nil, "--help")
	if !strings.Contains(out, "backup") || !strings.Contains(out, "export") {
		t.Errorf("command list lacks backup/export:\n%s", out)
	}
}

func TestExportCommand(t *testing.T) {
	dir := t.TempDir()
	if out, err := runCLI(t, map[string]string{"SAFECAMPUS_ADMIN_PASSWORD": "admin-pass-123"}, "demo", "--data", dir); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	dst := filepath.Join(t.TempDir(), "people.xlsx")
	out, err := runCLI(t, nil, "export", "people", "--data", dir, "--school", "ntwsgz", "--out", dst)
	if err != nil || !strings.Contains(out, "exported") {
		t.Fatalf("export: %v\n%s", err, out)
	}
	f, err := excelize.OpenFile(dst)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("人员")
	f.Close()
	if err != nil || len(rows) < 10 || rows[0][0] != "姓名" || !strings.Contains(strings.Join(rows[1], ","), "T0") {
		t.Fatalf("export rows: %v %q", err, rows[:min(len(rows), 3)])
	}
	if _, err := runCLI(t, nil, "export", "people", "--data", dir, "--school", "ntwsgz", "--out", dst); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("export over an existing file: %v", err)
	}
	missing := filepath.Join(t.TempDir(), "x.xlsx")
	if _, err := runCLI(t, nil, "export", "units", "--data", dir, "--school", "nope", "--out", missing); err == nil {
		t.Error("export of an unknown school succeeded")
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("a failed export left a file behind")
	}
	out, err = runCLI(t, nil, "audit", "verify", "--data", dir)
	if err != nil || !strings.Contains(out, "audit chain OK") {
		t.Errorf("audit after export: %v\n%s", err, out)
	}
}
