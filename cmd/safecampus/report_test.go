package main

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestReportCommandBadInput(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"report", "--data", dir, "--out", filepath.Join(dir, "r.pdf")}, "--campaign"},
		{[]string{"report", "--data", dir, "--campaign", "1"}, "--out"},
		{[]string{"report", "--data", dir, "--campaign", "1", "--out", filepath.Join(dir, "r.doc")}, ".pdf, .docx, .html or .xlsx"},
		{[]string{"report", "--data", dir, "--campaign", "4242", "--out", filepath.Join(dir, "r.html")}, "no campaign with ID 4242"},
	} {
		out, err := runCLI(t, nil, tt.args...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: err = %v, want mention of %q\n%s", tt.args[1:], err, tt.want, out)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "r.html")); err == nil {
		t.Error("a refused report left a file")
	}
}

// TestReportCommandAndAuditVerify: the report written on the command line
// states the audit head and the command that verifies it; that command
// confirms it, and fails once an entry before the head is tampered with.
func TestReportCommandAndAuditVerify(t *testing.T) {
	dir := t.TempDir()
	if out, err := runCLI(t, nil, "demo", "--data", dir); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	db, err := sql.Open("sqlite", filepath.Join(dir, "safecampus.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var id int64
	if err := db.QueryRow(`SELECT id FROM campaigns WHERE name LIKE '%年校园安全专项整治' ORDER BY id DESC LIMIT 1`).Scan(&id); err != nil {
		t.Fatalf("the demo's current campaign: %v", err)
	}
	file := filepath.Join(dir, "报告.html")
	out, err := runCLI(t, nil, "report", "--data", dir, "--campaign", itoa(id), "--out", file)
	if err != nil {
		t.Fatalf("report: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`verify with: (safecampus audit verify --school (\d+) --head ([0-9a-f]{64}))`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no verify command in the output:\n%s", out)
	}
	html, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(html), m[1]) || !strings.Contains(string(html), "一、总体情况") {
		t.Fatalf("the report does not state %q", m[1])
	}
	if out, err := runCLI(t, nil, "report", "--data", dir, "--campaign", itoa(id), "--out", file); err == nil || !strings.Contains(err.Error(), "refusing to overwrite") {
		t.Errorf("overwrite: %v\n%s", err, out)
	}
	verify := []string{"audit", "verify", "--data", dir, "--school", m[2], "--head", m[3]}
	if out, err := runCLI(t, nil, verify...); err != nil || !strings.Contains(out, "head "+m[3]+" found") {
		t.Fatalf("verify the report's head: %v\n%s", err, out)
	}
	// Tamper with an entry the report's head covers.
	if _, err := db.Exec(`UPDATE audit_log SET after_data = '{"name":"篡改"}' WHERE id = (SELECT id FROM audit_log WHERE school_id = $1 AND hash <> $2 ORDER BY id LIMIT 1 OFFSET 10)`, m[2], m[3]); err != nil {
		t.Fatal(err)
	}
	out, err = runCLI(t, nil, verify...)
	var ec exitCode
	if !errors.As(err, &ec) || ec != 2 || !strings.Contains(out, "FAILED") {
		t.Fatalf("verify after tampering: err = %v, want exit status 2\n%s", err, out)
	}
}
