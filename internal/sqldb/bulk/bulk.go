// Package bulk holds the few helpers the benchmark seeders (cmd/seed and
// the benchseed packages) share to load millions of rows quickly: plain
// multi-row INSERTs on the writer connection, bypassing the group-commit
// queue and the audit log. It is for benchmark databases only, never for
// real data.
package bulk

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"safecampus/internal/sqldb"
)

// MaxParams keeps a statement under SQLite's bound-parameter limit and
// where modernc's by-name binding is still cheap (its cost grows with the
// square of a statement's parameters: docs/benchmarks.md, "Seeding").
const MaxParams = 400

// Insert writes rows into table with as few statements as MaxParams allows.
func Insert(ctx context.Context, tx *sql.Tx, table string, cols []string, rows [][]any) error {
	per := max(1, MaxParams/len(cols))
	for len(rows) > 0 {
		n := min(per, len(rows))
		var sb strings.Builder
		sb.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
		args := make([]any, 0, n*len(cols))
		for i, r := range rows[:n] {
			if i > 0 {
				sb.WriteString(", ")
			}
			sb.WriteByte('(')
			for j := range r {
				if j > 0 {
					sb.WriteString(", ")
				}
				args = append(args, r[j])
				sb.WriteString("$" + strconv.Itoa(len(args)))
			}
			sb.WriteByte(')')
		}
		if _, err := tx.ExecContext(ctx, sb.String(), args...); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// NextID is the first free id of table: seeders assign ids themselves so
// children point at parents without a round trip per row.
func NextID(ctx context.Context, q sqldb.Querier, table string) (int64, error) {
	var n int64
	err := q.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM `+table).Scan(&n)
	return n, err
}

// InTx runs fn in one transaction on the writer connection: a seeder is
// the only writer.
func InTx(ctx context.Context, db *sqldb.DB, fn func(tx *sql.Tx) error) error {
	tx, err := db.Raw().BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// FixSequences moves PostgreSQL's identity sequences of tables past the
// ids a seeder chose, so the application's own inserts do not collide.
func FixSequences(ctx context.Context, db *sqldb.DB, tables ...string) error {
	if db.Dialect != sqldb.Postgres {
		return nil
	}
	for _, t := range tables {
		if _, err := db.Raw().ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+t+`', 'id'), (SELECT COALESCE(MAX(id), 1) FROM `+t+`))`); err != nil {
			return err
		}
	}
	return nil
}
