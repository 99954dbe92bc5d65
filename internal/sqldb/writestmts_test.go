package sqldb

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
)

// The writer's statement cache must not change what a transaction does:
// the same results whether a query runs unprepared (first sight), prepared
// and bound once per transaction, or after a failed neighbour's savepoint
// was rolled back.
func TestWriterStatementCache(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "stmts.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Raw().ExecContext(ctx, `CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	const ins = `INSERT INTO kv (k, v) VALUES ($1, $2)`
	const sum = `SELECT COALESCE(SUM(v), 0) FROM kv WHERE k LIKE $1`
	insert := func(k string, v int) error {
		return db.Transact(ctx, func(tx *Tx) error {
			_, err := tx.ExecContext(ctx, ins, k, v)
			return err
		})
	}
	if err := insert("a1", 1); err != nil { // first sight: unprepared, noted
		t.Fatal(err)
	}
	if st := db.writer.stmts.byQuery[ins]; st == nil {
		t.Fatalf("after one transaction the INSERT is not prepared: %v", db.writer.stmts.byQuery)
	}
	// Prepared now: several uses in one transaction, reads through the same cache.
	var inTx int
	err = db.Transact(ctx, func(tx *Tx) error {
		for i, k := range []string{"a2", "a3", "a4"} {
			if _, err := tx.ExecContext(ctx, ins, k, 10*(i+1)); err != nil {
				return err
			}
		}
		return tx.QueryRowContext(ctx, sum, "a%").Scan(&inTx)
	})
	if err != nil {
		t.Fatal(err)
	}
	if inTx != 61 {
		t.Fatalf("sum inside the transaction = %d, want 61", inTx)
	}
	// A group where the middle request fails (duplicate key) after using the
	// cached statement: only its savepoint is undone.
	errs := make(chan error, 3)
	for _, k := range []string{"b1", "a1", "b2"} {
		go func(k string) { errs <- insert(k, 100) }(k)
	}
	var failed int
	for range 3 {
		if err := <-errs; err != nil {
			failed++
		}
	}
	if failed != 1 {
		t.Fatalf("%d inserts failed, want exactly the duplicate", failed)
	}
	// Rows through a cached query, and a text with two statements (which
	// SQLite cannot prepare as one) still runs every time.
	const two = `UPDATE kv SET v = v + 1 WHERE k = 'b1'; UPDATE kv SET v = v + 1 WHERE k = 'b2'`
	for range 3 {
		if err := db.Transact(ctx, func(tx *Tx) error { _, err := tx.ExecContext(ctx, two); return err }); err != nil {
			t.Fatal(err)
		}
	}
	var keys []string
	var total int
	err = db.Transact(ctx, func(tx *Tx) error {
		for range 2 { // twice: the second read is bound, not parsed
			keys = keys[:0]
			rows, err := tx.QueryContext(ctx, `SELECT k FROM kv WHERE v >= $1 ORDER BY k`, 100)
			if err != nil {
				return err
			}
			for rows.Next() {
				var k string
				if err := rows.Scan(&k); err != nil {
					rows.Close()
					return err
				}
				keys = append(keys, k)
			}
			if err := rows.Close(); err != nil {
				return err
			}
		}
		return tx.QueryRowContext(ctx, `SELECT SUM(v) FROM kv`).Scan(&total)
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(keys); got != 2 || keys[0] != "b1" || keys[1] != "b2" {
		t.Fatalf("keys with v ≥ 100 = %v, want [b1 b2]", keys)
	}
	var b1, b2 int
	if err := db.Read().QueryRowContext(ctx, `SELECT (SELECT v FROM kv WHERE k = 'b1'), (SELECT v FROM kv WHERE k = 'b2')`).Scan(&b1, &b2); err != nil {
		t.Fatal(err)
	}
	if b1 != 103 || b2 != 103 {
		t.Fatalf("after three runs of the two-statement text b1=%d b2=%d, want 103 each", b1, b2)
	}
	if total != 61+206 {
		t.Fatalf("total = %d, want %d", total, 61+206)
	}
	// A failing statement from the cache reports its error.
	err = db.Transact(ctx, func(tx *Tx) error { _, err := tx.ExecContext(ctx, ins, "b1", 1); return err })
	if err == nil || !IsUniqueViolation(err) {
		t.Fatalf("duplicate insert through the cache: err = %v, want a unique violation", err)
	}
	if errors.Is(err, errClosed) {
		t.Fatal("writer closed")
	}
}
