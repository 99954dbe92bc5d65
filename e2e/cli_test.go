package e2e

import (
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	_ "modernc.org/sqlite" // driver "sqlite", to tamper with the file directly
)

// TestServeCLI runs the built binary the way an operator would: the first
// start prints the admin password once, audit verify accepts an intact log
// and names the entry someone edited behind the program's back.
func TestServeCLI(t *testing.T) {
	dir := t.TempDir()

	srv := startServer(t, dir, nil)
	srv.stop(t)
	pw := regexp.MustCompile(`密码 password: (\S+)`).FindStringSubmatch(srv.stdout.String())
	if pw == nil || len(pw[1]) < 8 {
		t.Fatalf("first start did not print the admin password line; stdout:\n%s", srv.stdout)
	}

	// Second start on the same data: the password must not be printed again.
	again := startServer(t, dir, nil)
	again.stop(t)
	if strings.Contains(again.stdout.String(), "密码 password:") {
		t.Errorf("second start printed an admin password again:\n%s", again.stdout)
	}

	// Two more audited changes through the command line, so the log has
	// an entry id=3 to tamper with.
	for _, u := range []string{"op1", "op2"} {
		out, code := runCLI(t, nil, "user", "add", "--data", dir, "--username", u, "--name", "值班员"+u, "--role", "system_admin")
		if code != 0 {
			t.Fatalf("user add %s: status %d\n%s", u, code, out)
		}
	}

	out, code := runCLI(t, nil, "audit", "verify", "--data", dir)
	if code != 0 || !strings.Contains(out, "audit chain OK") {
		t.Fatalf("audit verify on intact data: status %d, output:\n%s", code, out)
	}
	// At least the admin and the two accounts; other changes (for example
	// from migrations) may add entries, so the count is a lower bound.
	m := regexp.MustCompile(`audit chain OK: (\d+) entries`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("audit verify: no entry count in:\n%s", out)
	}
	if n, _ := strconv.Atoi(m[1]); n < 3 {
		t.Fatalf("audit verify: %d entries verified, want at least 3:\n%s", n, out)
	}

	db, err := sql.Open("sqlite", filepath.Join(dir, "safecampus.db"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := db.Exec(`UPDATE audit_log SET after_data = '{"x":1}' WHERE id = 3`)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		t.Fatalf("tamper UPDATE changed %d rows, want 1", n)
	}
	db.Close()

	out, code = runCLI(t, nil, "audit", "verify", "--data", dir)
	if code != 2 {
		t.Errorf("audit verify on tampered data: status %d, want 2\n%s", code, out)
	}
	if !strings.Contains(out, "id=3") {
		t.Errorf("audit verify output does not name id=3:\n%s", out)
	}
	if strings.Contains(out, "audit chain OK") {
		t.Errorf("audit verify claims OK on tampered data:\n%s", out)
	}
}

// childEnv is the test's environment without SAFECAMPUS_* settings (a
// SAFECAMPUS_DB from CI would send the child to another database) plus env.
func childEnv(env []string) []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "SAFECAMPUS_") {
			out = append(out, kv)
		}
	}
	return append(out, env...)
}

// runCLI runs the binary to completion and returns its combined output and
// exit status.
func runCLI(t *testing.T, env []string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Env = childEnv(env)
	out, err := cmd.CombinedOutput()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return string(out), ee.ExitCode()
		}
		t.Fatalf("safecampus %s: %v", strings.Join(args, " "), err)
	}
	return string(out), 0
}
