package sqldb_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"safecampus/internal/sqldb"
	"safecampus/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func countSchools(t *testing.T, db *sqldb.DB) int {
	t.Helper()
	var n int
	if err := db.Read().QueryRowContext(context.Background(), `SELECT COUNT(*) FROM schools`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func insertSchool(ctx context.Context, tx *sqldb.Tx, code string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO schools (code, name, created_at) VALUES ($1, $2, 0)`, code, "学校"+code)
	return err
}

func TestTransactCommitsAndRollsBack(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			ctx := context.Background()
			db := testkit.OpenDB(t, d)
			if err := db.Transact(ctx, func(tx *sqldb.Tx) error { return insertSchool(ctx, tx, "a") }); err != nil {
				t.Fatal(err)
			}
			boom := errors.New("boom")
			err := db.Transact(ctx, func(tx *sqldb.Tx) error {
				if err := insertSchool(ctx, tx, "b"); err != nil {
					return err
				}
				return boom
			})
			if !errors.Is(err, boom) {
				t.Fatalf("got %v, want boom", err)
			}
			err = db.Transact(ctx, func(tx *sqldb.Tx) error {
				_ = insertSchool(ctx, tx, "c")
				panic("bad handler")
			})
			if err == nil {
				t.Fatal("panic inside a transaction must become an error")
			}
			if n := countSchools(t, db); n != 1 {
				t.Fatalf("schools = %d, want 1 (only the committed one)", n)
			}
		})
	}
}

// TestGroupCommitIsolatesFailures: many concurrent writers share commits on
// SQLite; a failing request must roll back only itself.
func TestGroupCommitIsolatesFailures(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			ctx := context.Background()
			db := testkit.OpenDB(t, d)
			const n = 200
			var wg sync.WaitGroup
			errs := make([]error, n)
			for i := 0; i < n; i++ {
				wg.Add(1)
				go func(i int) {
					defer wg.Done()
					errs[i] = db.Transact(ctx, func(tx *sqldb.Tx) error {
						if err := insertSchool(ctx, tx, fmt.Sprintf("s%d", i)); err != nil {
							return err
						}
						if i%10 == 0 {
							// A duplicate code: this request fails after its first insert.
							return insertSchool(ctx, tx, fmt.Sprintf("s%d", i))
						}
						return nil
					})
				}(i)
			}
			wg.Wait()
			failed := 0
			for i, err := range errs {
				if (i%10 == 0) != (err != nil) {
					t.Fatalf("request %d: err = %v", i, err)
				}
				if err != nil {
					failed++
					if !sqldb.IsUniqueViolation(err) {
						t.Fatalf("request %d: want unique violation, got %v", i, err)
					}
				}
			}
			if got, want := countSchools(t, db), n-failed; got != want {
				t.Fatalf("schools = %d, want %d", got, want)
			}
		})
	}
}

func TestMigrateIsIdempotent(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			ctx := context.Background()
			db := testkit.OpenDB(t, d)
			applied, err := db.Migrate(ctx)
			if err != nil || len(applied) != 0 {
				t.Fatalf("second migrate applied %v, err %v", applied, err)
			}
			ms, _ := sqldb.Migrations(db.Dialect)
			v, err := db.SchemaVersion(ctx)
			if err != nil || v != len(ms) {
				t.Fatalf("version %d, want %d (%v)", v, len(ms), err)
			}
		})
	}
}

func TestMigrationsMatchAcrossDialects(t *testing.T) {
	a, err := sqldb.Migrations(sqldb.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	b, err := sqldb.Migrations(sqldb.Postgres)
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatalf("sqlite has %d migrations, postgres %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Name != b[i].Name {
			t.Errorf("migration %d: %s vs %s", i+1, a[i].Name, b[i].Name)
		}
	}
}

func TestOpenRefusesNonDatabase(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "junk.db")
	if err := writeFile(path, "this is not a database file, just text that is long enough to fill a header"); err != nil {
		t.Fatal(err)
	}
	_, err := sqldb.Open(context.Background(), path)
	if err == nil {
		t.Fatal("opening a text file as a database must fail")
	}
	if got := readFile(t, path); got != "this is not a database file, just text that is long enough to fill a header" {
		t.Fatal("the file was changed")
	}
}
