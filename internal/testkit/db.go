package testkit

import (
	"context"
	"path/filepath"
	"testing"

	"safecampus/internal/sqldb"
)

// Dialects lists the databases every store test runs against.
var Dialects = []string{"sqlite", "postgres"}

// OpenDB opens a fresh, migrated database of the given dialect ("sqlite"
// or "postgres") and closes it when the test ends. PostgreSQL tests skip
// when no server is installed, unless SAFECAMPUS_REQUIRE_POSTGRES=1.
func OpenDB(t testing.TB, dialect string) *sqldb.DB {
	t.Helper()
	target := filepath.Join(t.TempDir(), "test.db")
	if dialect == "postgres" {
		target = PostgresURL(t)
	}
	ctx := context.Background()
	db, err := sqldb.Open(ctx, target)
	if err != nil {
		t.Fatalf("open %s: %v", dialect, err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate %s: %v", dialect, err)
	}
	return db
}
