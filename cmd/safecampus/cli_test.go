package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

// runCLI runs the program in-process and returns its output and error.
func runCLI(t *testing.T, env map[string]string, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, func(k string) string { return env[k] }, &out, &errOut)
	return out.String() + errOut.String(), err
}

func TestConfigErrorsNameTheFlag(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--data", dir, "--addr", "nonsense"}, "--addr"},
		{[]string{"serve", "--data", dir, "--log-level", "loud"}, "--log-level"},
		{[]string{"serve", "--data", dir, "--db", "mysql://x"}, "--db"},
		{[]string{"serve", "--data", dir, "--public-url", "ftp://aq.example.edu.cn"}, "--public-url"},
		{[]string{"serve", "--data", dir, "--public-url", "https://user@aq.example.edu.cn"}, "--public-url"},
		{[]string{"migrate", "--data", ""}, "--data"},
		{[]string{"frobnicate"}, "unknown command"},
	}
	for _, tt := range tests {
		_, err := runCLI(t, nil, tt.args...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: err = %v, want mention of %s", tt.args, err, tt.want)
		}
	}
	if _, err := runCLI(t, map[string]string{"SAFECAMPUS_ADMIN_PASSWORD": "short"}, "serve", "--data", dir); err == nil || !strings.Contains(err.Error(), "SAFECAMPUS_ADMIN_PASSWORD") {
		t.Errorf("short admin password: %v", err)
	}
}

func TestDemoUserAndAuditVerify(t *testing.T) {
	dir := t.TempDir()
	out, err := runCLI(t, map[string]string{"SAFECAMPUS_ADMIN_PASSWORD": "admin-pass-123"}, "demo", "--data", dir)
	if err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	if !strings.Contains(out, "江苏省南通卫生高等职业技术学校") || !strings.Contains(out, "SAFECAMPUS_ADMIN_PASSWORD") || !strings.Contains(out, "office") {
		t.Fatalf("demo output lacks the school or the logins:\n%s", out)
	}
	if strings.Contains(out, "admin-pass-123") {
		t.Fatalf("the operator's admin password must not be echoed:\n%s", out)
	}
	if _, err := runCLI(t, nil, "demo", "--data", dir); err == nil {
		t.Fatal("a second demo load into a non-empty database must be refused")
	}
	out, err = runCLI(t, nil, "user", "add", "--data", dir, "--username", "newguard", "--name", "新保安", "--role", "security_guard", "--school", "ntwsgz")
	if err != nil || !strings.Contains(out, "newguard") {
		t.Fatalf("user add: %v\n%s", err, out)
	}
	out, err = runCLI(t, nil, "user", "list", "--data", dir, "--school", "ntwsgz")
	if err != nil || !strings.Contains(out, "newguard") || !strings.Contains(out, "office") {
		t.Fatalf("user list: %v\n%s", err, out)
	}
	if out, err = runCLI(t, nil, "user", "disable", "--data", dir, "--username", "newguard"); err != nil {
		t.Fatalf("disable: %v\n%s", err, out)
	}
	out, _ = runCLI(t, nil, "user", "list", "--data", dir, "--school", "ntwsgz")
	if !regexp.MustCompile(`newguard\s+新保安\s+disabled`).MatchString(out) {
		t.Fatalf("newguard not shown disabled:\n%s", out)
	}
	out, err = runCLI(t, nil, "user", "reset-password", "--data", dir, "--username", "newguard")
	if err != nil || !strings.Contains(out, "new password") {
		t.Fatalf("reset: %v\n%s", err, out)
	}

	out, err = runCLI(t, nil, "audit", "verify", "--data", dir)
	if err != nil || !strings.Contains(out, "audit chain OK") {
		t.Fatalf("verify: %v\n%s", err, out)
	}
	head := regexp.MustCompile(`chain school=1 entries=\d+ head=([0-9a-f]{64})`).FindStringSubmatch(out)
	if head == nil {
		t.Fatalf("no head for school 1:\n%s", out)
	}
	if out, err = runCLI(t, nil, "audit", "verify", "--data", dir, "--head", head[1]); err != nil || !strings.Contains(out, "found") {
		t.Fatalf("verify --head: %v\n%s", err, out)
	}

	// Tamper with one entry directly in the database.
	db, err := sql.Open("sqlite", filepath.Join(dir, "safecampus.db"))
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	if err := db.QueryRow(`SELECT id FROM audit_log WHERE school_id = 1 ORDER BY id LIMIT 1 OFFSET 4`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE audit_log SET after_data = '{"name":"篡改"}' WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	db.Close()
	out, err = runCLI(t, nil, "audit", "verify", "--data", dir)
	var ec exitCode
	if !errors.As(err, &ec) || ec != 2 {
		t.Fatalf("tampered verify: err = %v, want exit status 2\n%s", err, out)
	}
	if !regexp.MustCompile(`BROKEN entry id=` + itoa(id) + ` `).MatchString(out) {
		t.Fatalf("output does not name entry %d:\n%s", id, out)
	}
	if out, err = runCLI(t, nil, "audit", "verify", "--data", dir, "--head", head[1]); err == nil {
		t.Fatalf("a head after the tampered entry must not verify:\n%s", out)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
