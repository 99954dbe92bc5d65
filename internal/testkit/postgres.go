// Package testkit holds helpers for tests: a throwaway PostgreSQL cluster and
// a headless Chromium.
//
// A package that uses PostgresURL must call Main from its TestMain, so that the
// cluster stops when the tests end:
//
//	func TestMain(m *testing.M) { testkit.Main(m) }
package testkit

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
)

// EnvRequirePostgres makes PostgresURL fail instead of skip when the server
// binaries are missing. CI sets it, so that a missing install cannot pass as
// a green run with skipped tests.
const EnvRequirePostgres = "SAFECAMPUS_REQUIRE_POSTGRES"

// pgCluster is the one cluster of this test process.
type pgCluster struct {
	bin      string // directory of initdb and pg_ctl
	dir      string // temp dir: data/, socket, log
	port     int
	asUser   string // OS user that owns the cluster ("" = the current user)
	admin    *sql.DB
	watchdog *exec.Cmd
}

var (
	pgOnce    sync.Once
	pg        *pgCluster
	pgSkip    string // reason to skip: the binaries are missing
	pgErr     error  // the start failed
	pgStarted time.Duration
	pgSeq     atomic.Int64
)

// PostgresURL returns the URL of a new, empty database on a throwaway
// PostgreSQL cluster. The first call in a test process starts the cluster
// (about 1.5 s); every call creates its own database, which t.Cleanup drops.
// It skips the test when no PostgreSQL server is installed, unless
// SAFECAMPUS_REQUIRE_POSTGRES=1.
func PostgresURL(t testing.TB) string {
	t.Helper()
	first := false
	pgOnce.Do(func() {
		first = true
		start := time.Now()
		pg, pgSkip, pgErr = startPostgres()
		pgStarted = time.Since(start)
	})
	switch {
	case pgSkip != "":
		if os.Getenv(EnvRequirePostgres) == "1" {
			t.Fatalf("testkit: %s (%s=1)", pgSkip, EnvRequirePostgres)
		}
		t.Skipf("testkit: %s; set %s=1 to fail instead", pgSkip, EnvRequirePostgres)
	case pgErr != nil:
		t.Fatalf("testkit: starting PostgreSQL: %v", pgErr)
	}
	if first {
		t.Logf("testkit: PostgreSQL from %s started in %v on 127.0.0.1:%d (%s)",
			pg.bin, pgStarted.Round(time.Millisecond), pg.port, pg.dir)
	}

	name := fmt.Sprintf("t%d_%s", pgSeq.Add(1), dbNamePart(t.Name()))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := pg.admin.ExecContext(ctx, `CREATE DATABASE "`+name+`"`); err != nil {
		t.Fatalf("testkit: create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		// FORCE ends the sessions that the test left open (PostgreSQL 13+).
		if _, err := pg.admin.ExecContext(ctx, `DROP DATABASE IF EXISTS "`+name+`" WITH (FORCE)`); err != nil {
			t.Errorf("testkit: drop database %s: %v", name, err)
		}
	})
	return pg.url(name)
}

// Main runs the tests, stops the cluster if a test started one, and exits
// with the code of the tests. Call it from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	if pg != nil {
		if err := pg.stop(); err != nil {
			fmt.Fprintln(os.Stderr, "testkit: stopping PostgreSQL:", err)
		}
	}
	os.Exit(code)
}

func (c *pgCluster) url(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.port, db)
}

var nonIdent = regexp.MustCompile(`[^a-z0-9]+`)

// dbNamePart turns a test name into a short, safe part of a database name, so
// that a leftover database tells which test made it.
func dbNamePart(testName string) string {
	s := strings.Trim(nonIdent.ReplaceAllString(strings.ToLower(testName), "_"), "_")
	if len(s) > 40 {
		s = s[:40]
	}
	return s
}

// findPostgresBin returns the bin directory of the newest PostgreSQL server
// that Debian installed, or of initdb on PATH.
func findPostgresBin() (string, bool) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	dirs = slices.DeleteFunc(dirs, func(d string) bool {
		return !isExecutable(filepath.Join(d, "initdb")) || !isExecutable(filepath.Join(d, "pg_ctl"))
	})
	if len(dirs) > 0 {
		// Sort "9.6" < "15" < "16" by number, not as text.
		slices.SortFunc(dirs, func(a, b string) int {
			return compareVersions(filepath.Base(filepath.Dir(a)), filepath.Base(filepath.Dir(b)))
		})
		return dirs[len(dirs)-1], true
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		d := filepath.Dir(p)
		if isExecutable(filepath.Join(d, "pg_ctl")) {
			return d, true
		}
	}
	return "", false
}

func compareVersions(a, b string) int {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < max(len(as), len(bs)); i++ {
		var x, y int
		if i < len(as) {
			x, _ = strconv.Atoi(as[i])
		}
		if i < len(bs) {
			y, _ = strconv.Atoi(bs[i])
		}
		if x != y {
			return x - y
		}
	}
	return 0
}

func isExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}

// startPostgres starts the cluster. It returns a skip reason when the binaries
// are missing, and an error when they are there but the start fails.
func startPostgres() (c *pgCluster, skip string, err error) {
	bin, ok := findPostgresBin()
	if !ok {
		return nil, "no PostgreSQL server binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin or on PATH; install the Debian package postgresql", nil
	}
	c = &pgCluster{bin: bin}

	// initdb refuses to run as root, so root runs the cluster as the postgres
	// OS user. Anybody else runs it as themselves.
	if os.Geteuid() == 0 {
		c.asUser = "postgres"
		if _, err := exec.LookPath("runuser"); err != nil {
			return nil, "", errors.New("running as root needs runuser (util-linux) to run initdb as the postgres user")
		}
	}

	if c.dir, err = c.makeDir(); err != nil {
		return nil, "", err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(c.dir)
		}
	}()
	data := filepath.Join(c.dir, "data")

	// -A trust: only this process connects, over loopback or the private
	// socket. --no-sync: a throwaway cluster need not survive a power cut.
	if out, err := c.run("initdb", "-D", data, "-U", "postgres", "-A", "trust",
		"-E", "UTF8", "--locale=C.UTF-8", "--no-sync"); err != nil {
		return nil, "", fmt.Errorf("initdb: %v\n%s", err, out)
	}

	// A free port can be taken between the probe and the start, so try a few.
	for attempt := 0; ; attempt++ {
		if c.port, err = freePort(); err != nil {
			return nil, "", err
		}
		opts := fmt.Sprintf("-c listen_addresses=127.0.0.1 -p %d -k %s "+
			"-c fsync=off -c synchronous_commit=off -c full_page_writes=off", c.port, c.dir)
		out, err := c.run("pg_ctl", "-D", data, "-l", filepath.Join(c.dir, "postgres.log"),
			"-w", "-t", "60", "-o", opts, "start")
		if err == nil {
			break
		}
		if attempt == 2 {
			log, _ := os.ReadFile(filepath.Join(c.dir, "postgres.log"))
			return nil, "", fmt.Errorf("pg_ctl start: %v\n%s\n%s", err, out, log)
		}
	}
	c.startWatchdog(data)

	c.admin, err = sql.Open("pgx", c.url("postgres"))
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		err = c.admin.PingContext(ctx)
		cancel()
	}
	if err != nil {
		c.stop()
		return nil, "", fmt.Errorf("connecting to the new cluster: %w", err)
	}
	return c, "", nil
}

// makeDir makes the cluster's directory, owned by the user that runs the
// cluster. The postgres user must be able to reach it: when the temp dir is
// private to root (TMPDIR=/root/...), fall back to /tmp.
func (c *pgCluster) makeDir() (string, error) {
	for _, base := range []string{os.TempDir(), "/tmp"} {
		dir, err := os.MkdirTemp(base, "safecampus-pg-")
		if err != nil {
			return "", err
		}
		if c.asUser == "" {
			return dir, nil
		}
		u, err := user.Lookup(c.asUser)
		if err != nil {
			os.RemoveAll(dir)
			return "", fmt.Errorf("running as root needs the OS user %q: %w", c.asUser, err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			os.RemoveAll(dir)
			return "", err
		}
		if exec.Command("runuser", "-u", c.asUser, "--", "test", "-w", dir).Run() == nil {
			return dir, nil
		}
		os.RemoveAll(dir)
	}
	return "", fmt.Errorf("no temp dir that the OS user %q can write", c.asUser)
}

// command returns the command that runs a server binary as the cluster's user.
func (c *pgCluster) command(name string, args ...string) *exec.Cmd {
	path := filepath.Join(c.bin, name)
	if c.asUser != "" {
		return exec.Command("runuser", append([]string{"-u", c.asUser, "--", path}, args...)...)
	}
	return exec.Command(path, args...)
}

func (c *pgCluster) run(name string, args ...string) ([]byte, error) {
	cmd := c.command(name, args...)
	cmd.Dir = c.dir // the postgres user may not be able to read the current directory
	return cmd.CombinedOutput()
}

// startWatchdog starts a small shell that stops the cluster and removes its
// directory when this test process dies without reaching the end of Main:
// a panic, a test timeout, Ctrl-C, or a package without Main. It is in its
// own process group, so a Ctrl-C does not kill it with the tests.
func (c *pgCluster) startWatchdog(data string) {
	stop := c.command("pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
	script := `while kill -0 "$0" 2>/dev/null; do sleep 1; done; cd /; "$@" >/dev/null 2>&1; rm -rf "$WATCHDOG_DIR"`
	cmd := exec.Command("sh", append([]string{"-c", script, strconv.Itoa(os.Getpid())}, stop.Args...)...)
	cmd.Env = append(os.Environ(), "WATCHDOG_DIR="+c.dir)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if cmd.Start() == nil {
		c.watchdog = cmd
	}
}

// stop stops the cluster and removes its directory.
func (c *pgCluster) stop() error {
	if c.watchdog != nil {
		c.watchdog.Process.Kill()
		c.watchdog.Wait()
	}
	if c.admin != nil {
		c.admin.Close()
	}
	out, err := c.run("pg_ctl", "-D", filepath.Join(c.dir, "data"), "-m", "fast", "-w", "stop")
	if err != nil {
		err = fmt.Errorf("pg_ctl stop: %v\n%s", err, out)
	}
	return errors.Join(err, os.RemoveAll(c.dir))
}

// freePort returns a TCP port on 127.0.0.1 that nobody listens on now.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
