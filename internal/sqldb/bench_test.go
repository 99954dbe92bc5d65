package sqldb_test

// Audited writes from many clients: the target is ≥ 2,500 writes/s
// with p99 ≤ 100 ms at 50 concurrent clients on SQLite with
// synchronous=FULL. Results and commands: docs/benchmarks.md.

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"safecampus/internal/audit"
	"safecampus/internal/sqldb"
)

const benchClients = 50

// openBenchDB opens a migrated SQLite file (t.TempDir is on disk, not
// tmpfs, on the reference machine: fsync is real) with one school.
func openBenchDB(tb testing.TB) (*sqldb.DB, int64) {
	tb.Helper()
	ctx := context.Background()
	db, err := sqldb.Open(ctx, filepath.Join(tb.TempDir(), "bench.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		tb.Fatal(err)
	}
	// The writer must really run with FULL (2); NORMAL would make the
	// numbers meaningless for a system of record.
	var syncMode int
	if err := db.Raw().QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&syncMode); err != nil {
		tb.Fatal(err)
	}
	if syncMode != 2 {
		tb.Fatalf("PRAGMA synchronous = %d, want 2 (FULL)", syncMode)
	}
	var school int64
	err = db.Transact(ctx, func(tx *sqldb.Tx) error {
		return tx.QueryRowContext(ctx, `INSERT INTO schools (code, name, created_at) VALUES ('bench', '压测学校', 0) RETURNING id`).Scan(&school)
	})
	if err != nil {
		tb.Fatal(err)
	}
	return db, school
}

// auditedPersonCreate is one realistic write: a people row and its audit
// entry in the same transaction, as org.SavePerson does.
func auditedPersonCreate(ctx context.Context, db *sqldb.DB, school int64, i int) error {
	return db.Transact(ctx, func(tx *sqldb.Tx) error {
		p := map[string]any{"school_id": school, "staff_no": fmt.Sprintf("B%07d", i), "name": fmt.Sprintf("压测人员%d", i), "post": "教师", "phone": "13800000000"}
		var id int64
		err := tx.QueryRowContext(ctx, `INSERT INTO people (school_id, staff_no, name, post, phone) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			school, p["staff_no"], p["name"], p["post"], p["phone"]).Scan(&id)
		if err != nil {
			return err
		}
		p["id"] = id
		_, err = audit.Append(ctx, tx, time.Now(), audit.Record{SchoolID: school, ActorID: 1, Action: "person.create", Entity: "person", EntityID: id, After: p})
		return err
	})
}

// runClients does n audited writes from benchClients goroutines and
// returns the latency of each write and the wall time.
func runClients(tb testing.TB, db *sqldb.DB, school int64, n int) ([]time.Duration, time.Duration) {
	ctx := context.Background()
	lat := make([]time.Duration, n)
	var next atomic.Int64
	var failed atomic.Value
	var wg sync.WaitGroup
	start := time.Now()
	for range benchClients {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				t0 := time.Now()
				if err := auditedPersonCreate(ctx, db, school, i); err != nil {
					failed.CompareAndSwap(nil, err)
					return
				}
				lat[i] = time.Since(t0)
			}
		})
	}
	wg.Wait()
	wall := time.Since(start)
	if err, _ := failed.Load().(error); err != nil {
		tb.Fatalf("audited write failed: %v", err)
	}
	return lat, wall
}

func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, int(p*float64(len(sorted))))]
}

// checkWrites requires every write to be stored with an intact, gap-free
// audit chain: speed that loses or reorders entries is no speed.
func checkWrites(tb testing.TB, db *sqldb.DB, school int64, n int) {
	tb.Helper()
	ctx := context.Background()
	var rows int
	if err := db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM people WHERE school_id = $1`, school).Scan(&rows); err != nil {
		tb.Fatal(err)
	}
	if rows != n {
		tb.Errorf("people rows = %d, want %d", rows, n)
	}
	rep, err := audit.Verify(ctx, db.Read(), audit.Options{SchoolID: &school})
	if err != nil {
		tb.Fatal(err)
	}
	if !rep.OK() || rep.Heads[school].Seq != int64(n) {
		tb.Errorf("audit chain: ok=%v head seq=%d, want %d; problems %v", rep.OK(), rep.Heads[school].Seq, n, rep.Problems)
	}
}

// TestAuditedWritesFrom50Clients is the small, always-run version of the
// benchmark: concurrency must not break the chain or lose a row.
func TestAuditedWritesFrom50Clients(t *testing.T) {
	db, school := openBenchDB(t)
	const n = 1000
	runClients(t, db, school, n)
	checkWrites(t, db, school, n)
}

// BenchmarkAuditedWrites50Clients reports writes/s and p50/p99 latency;
// run it with a fixed count for comparable numbers:
//
//	go test ./internal/sqldb -run '^$' -bench AuditedWrites -benchtime 20000x
func BenchmarkAuditedWrites50Clients(b *testing.B) {
	db, school := openBenchDB(b)
	b.ResetTimer()
	lat, wall := runClients(b, db, school, b.N)
	b.StopTimer()
	checkWrites(b, db, school, b.N)
	slices.Sort(lat)
	b.ReportMetric(float64(b.N)/wall.Seconds(), "writes/s")
	b.ReportMetric(float64(percentile(lat, 0.50).Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(percentile(lat, 0.99).Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "max-ms")
}
