package bulk

import (
	"context"
	"database/sql"
	"strconv"
	"testing"

	"safecampus/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// TestInsertSplitsAtTheParameterLimit writes more rows than one statement
// may carry and reads them back; NextID then points past them.
func TestInsertSplitsAtTheParameterLimit(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			db := testkit.OpenDB(t, d)
			ctx := context.Background()
			const n = 2*MaxParams/4 + 57 // four columns: three statements
			first, err := NextID(ctx, db.Raw(), "schools")
			if err != nil {
				t.Fatal(err)
			}
			rows := make([][]any, n)
			for i := range rows {
				id := first + int64(i)
				rows[i] = []any{id, "bulk" + strconv.FormatInt(id, 10), "批量学校", int64(0)}
			}
			err = InTx(ctx, db, func(tx *sql.Tx) error {
				return Insert(ctx, tx, "schools", []string{"id", "code", "name", "created_at"}, rows)
			})
			if err != nil {
				t.Fatal(err)
			}
			var got int
			if err := db.Raw().QueryRow(`SELECT COUNT(*) FROM schools WHERE name = '批量学校'`).Scan(&got); err != nil || got != n {
				t.Fatalf("rows = %d, %v; want %d", got, err, n)
			}
			if next, err := NextID(ctx, db.Raw(), "schools"); err != nil || next != first+n {
				t.Fatalf("NextID = %d, %v; want %d", next, err, first+n)
			}
			if err := FixSequences(ctx, db, "schools"); err != nil {
				t.Fatal(err)
			}
		})
	}
}
