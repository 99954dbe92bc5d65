// Package sqldb opens the system-of-record database (SQLite or PostgreSQL),
// runs the embedded migrations and provides transactions.
//
// SQL is written once with numbered placeholders ($1, $2 …): modernc's SQLite
// driver binds them by number exactly like PostgreSQL, so the same text means
// the same thing on both (see docs/decisions/0003-sql-placeholders.md).
//
// On SQLite every write goes through one writer goroutine that commits queued
// transactions in groups (see writer.go); reads use a separate read-only pool.
package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers driver "pgx"
	_ "modernc.org/sqlite"             // registers driver "sqlite"
)

// Dialect names the database engine behind a DB.
type Dialect int

const (
	SQLite Dialect = iota
	Postgres
)

func (d Dialect) String() string {
	if d == Postgres {
		return "postgres"
	}
	return "sqlite"
}

// ForUpdate is the row-lock suffix for SELECTs that must serialise writers.
// SQLite has a single writer, so it needs none.
func (d Dialect) ForUpdate() string {
	if d == Postgres {
		return " FOR UPDATE"
	}
	return ""
}

// Querier is what read helpers need: *sql.DB, *sql.Tx and *Tx all satisfy it.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Tx is a write transaction together with its dialect.
type Tx struct {
	*sql.Tx
	Dialect Dialect
	stmts   *writeStmts // SQLite's writer only; see writestmts.go
}

// DB is an open database.
type DB struct {
	Dialect Dialect
	Source  string // file path or URL without password, for messages
	rw      *sql.DB
	ro      *sql.DB
	reads   *readPool
	writer  *writer
	writes  atomic.Uint64 // see Writes
}

// Open opens target, which is a postgres:// URL or an SQLite file path
// (optionally prefixed "sqlite:"), and checks that it answers.
func Open(ctx context.Context, target string) (*DB, error) {
	if strings.HasPrefix(target, "postgres://") || strings.HasPrefix(target, "postgresql://") {
		return openPostgres(ctx, target)
	}
	return openSQLite(ctx, strings.TrimPrefix(target, "sqlite:"))
}

func openPostgres(ctx context.Context, dsn string) (*DB, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return nil, fmt.Errorf("database URL is not valid: %w", err)
	}
	safe := u.Redacted()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", safe, err)
	}
	db.SetMaxOpenConns(4 * runtime.NumCPU())
	db.SetMaxIdleConns(4 * runtime.NumCPU())
	db.SetConnMaxIdleTime(5 * time.Minute)
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("cannot reach PostgreSQL at %s: %w", safe, err)
	}
	return &DB{Dialect: Postgres, Source: safe, rw: db, ro: db, reads: newReadPool(db)}, nil
}

const sqlitePragmas = "_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)"

func openSQLite(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("empty SQLite path")
	}
	// synchronous=FULL: this is the system of record; group commit (writer.go)
	// recovers the throughput FULL would otherwise cost.
	rwDSN := "file:" + path + "?" + sqlitePragmas + "&_pragma=synchronous(FULL)&_txlock=immediate"
	rw, err := sql.Open("sqlite", rwDSN)
	if err != nil {
		return nil, fmt.Errorf("open SQLite %s: %w", path, err)
	}
	rw.SetMaxOpenConns(1)
	rw.SetMaxIdleConns(1)
	rw.SetConnMaxLifetime(0)
	pctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	// A write probe: fails fast and clearly when the file is read-only, not a
	// database, or locked by another program beyond the busy timeout.
	if _, err := rw.ExecContext(pctx, "CREATE TABLE IF NOT EXISTS _open_probe (x INTEGER); DROP TABLE _open_probe"); err != nil {
		rw.Close()
		return nil, fmt.Errorf("cannot open SQLite database %s for writing: %w", path, err)
	}
	// Readers map up to 2 GiB of the file: pages are read in place instead of
	// copied by pread into each connection's 2 MB page cache, which on a
	// 1.5 GB database (1 M hazards) evicted the list's index pages between
	// requests and cost a third of a list view (docs/benchmarks.md,
	// "Hazards"). Mapped pages are the kernel's page cache, shared and
	// reclaimable, but they count in the process's RSS once touched.
	roDSN := "file:" + path + "?" + sqlitePragmas + "&_pragma=query_only(1)&_pragma=mmap_size(2147483648)"
	ro, err := sql.Open("sqlite", roDSN)
	if err != nil {
		rw.Close()
		return nil, fmt.Errorf("open SQLite reader %s: %w", path, err)
	}
	n := runtime.NumCPU()
	if n < 2 {
		n = 2
	}
	ro.SetMaxOpenConns(n)
	ro.SetMaxIdleConns(n)
	db := &DB{Dialect: SQLite, Source: path, rw: rw, ro: ro, reads: newReadPool(ro)}
	db.writer = startWriter(rw)
	return db, nil
}

// Read returns the pool for queries outside a write transaction.
func (db *DB) Read() Querier { return db.reads }

// Close stops the writer after queued work and closes both pools.
func (db *DB) Close() error {
	if db.writer != nil {
		db.writer.stop()
	}
	db.reads.close()
	err := db.rw.Close()
	if db.ro != db.rw {
		if e := db.ro.Close(); err == nil {
			err = e
		}
	}
	return err
}

// Raw exposes the read-write pool for maintenance (migrations, backup, tests).
// Application code uses Transact.
func (db *DB) Raw() *sql.DB { return db.rw }

// Writes counts finished Transact calls (committed or not). A cache of
// data read from this DB stays valid while the count it noted before the
// read is unchanged: every write through Transact ends that. Writes by
// other processes are not counted.
func (db *DB) Writes() uint64 { return db.writes.Load() }

// Transact runs fn in one write transaction: committed if fn returns nil,
// rolled back if it returns an error or panics. fn must not call Transact,
// and must use tx from its own goroutine only (SQLite's writer keeps its
// prepared statements unlocked, writestmts.go).
func (db *DB) Transact(ctx context.Context, fn func(tx *Tx) error) error {
	// Counted after the outcome is known, so a reader that saw the old
	// count may have read the old data, never the reverse (see Writes).
	defer db.writes.Add(1)
	if db.writer != nil {
		return db.writer.do(ctx, fn)
	}
	sqlTx, err := db.rw.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	tx := &Tx{Tx: sqlTx, Dialect: db.Dialect}
	if err := callFn(fn, tx); err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// callFn runs fn, turning a panic into an error so the transaction is
// rolled back and the writer keeps serving others.
func callFn(fn func(*Tx) error, tx *Tx) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic in transaction: %v", p)
		}
	}()
	return fn(tx)
}

// IsUniqueViolation reports whether err comes from a UNIQUE constraint.
func IsUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "UNIQUE constraint failed") || strings.Contains(s, "SQLSTATE 23505")
}

// IsForeignKeyViolation reports whether err comes from a FOREIGN KEY constraint.
func IsForeignKeyViolation(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "FOREIGN KEY constraint failed") || strings.Contains(s, "SQLSTATE 23503")
}
