package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"safecampus/internal/config"
	"safecampus/internal/sqldb"
)

const backupSynopsis = `backup --out FILE [--data DIR] [--db URL]

SQLite: writes a consistent copy of the live database (VACUUM INTO); the
server may keep running. The output file must not exist yet. Uploaded files
under the data folder are not part of the copy.
PostgreSQL: prints the pg_dump command to run instead.`

func cmdBackup(ctx context.Context, e env, args []string) error {
	cfg := config.Defaults()
	fs := newFlags(e, "backup", backupSynopsis)
	cfg.RegisterData(fs)
	out := fs.String("out", "", "backup `FILE` to write (must not exist)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg.ApplyEnv(e.getenv, flagsSet(fs))
	if err := cfg.Validate(); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("--out: required")
	}
	if !cfg.UsesSQLite() {
		return printPgDump(e, cfg.DatabaseTarget(), *out)
	}
	src := strings.TrimPrefix(cfg.DatabaseTarget(), "sqlite:")
	// Never create an empty database by backing up the wrong folder.
	if _, err := os.Stat(src); err != nil {
		return fmt.Errorf("no database at %s (check --data or --db): %w", src, err)
	}
	dst, err := filepath.Abs(*out)
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	if _, err := os.Stat(dst); err == nil {
		return fmt.Errorf("--out: %s already exists; refusing to overwrite it", *out)
	}
	db, err := sqldb.Open(ctx, src)
	if err != nil {
		return err
	}
	defer db.Close()
	// VACUUM INTO reads one snapshot, so writers may go on meanwhile, and
	// writes a compact file that needs no WAL next to it.
	if _, err := db.Raw().ExecContext(ctx, `VACUUM INTO $1`, dst); err != nil {
		os.Remove(dst)
		return fmt.Errorf("backup to %s: %w", *out, err)
	}
	if err := checkCopy(ctx, dst); err != nil {
		return fmt.Errorf("the backup %s failed its check, do not rely on it: %w", *out, err)
	}
	st, err := os.Stat(dst)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backup of %s written to %s (%d bytes, integrity ok)\n", src, *out, st.Size())
	return nil
}

// checkCopy opens the copy read-only and runs SQLite's integrity check.
func checkCopy(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	var res string
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return err
	}
	if res != "ok" {
		return errors.New(res)
	}
	return nil
}

// printPgDump prints the command that backs up a PostgreSQL database. The
// password is left out of the URL: pg_dump asks for it or reads PGPASSWORD
// or ~/.pgpass, so it does not end up in the terminal or shell history.
func printPgDump(e env, dsn, out string) error {
	u, err := url.Parse(dsn)
	if err != nil {
		return fmt.Errorf("--db: %w", err)
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	q := u.Query()
	if q.Has("password") {
		q.Del("password")
		u.RawQuery = q.Encode()
	}
	fmt.Fprintf(e.stdout, `PostgreSQL is backed up with its own tool, pg_dump. Run:

  pg_dump --format=custom --file=%s %s

(the password is left out: pg_dump asks for it, or set PGPASSWORD or use ~/.pgpass).
Restore with: pg_restore --clean --if-exists --dbname=URL %s
`, shellQuote(out), shellQuote(u.String()), shellQuote(out))
	return nil
}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
