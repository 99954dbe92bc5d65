package benchseed

import (
	"context"
	"database/sql"
	"math/rand/v2"
	"strconv"
	"strings"

	"safecampus/internal/sqldb"
)

type counterKey struct {
	school int64
	year   int
	area   string
}

type seeder struct {
	db       *sqldb.DB
	o        Options
	rnd      *rand.Rand
	res      Result
	counters map[counterKey]int
}

// maxParams keeps a statement under SQLite's bound-parameter limit and
// where modernc's by-name binding is still cheap (see the ledger seeder).
const maxParams = 400

// insertRows writes rows into table with as few statements as the
// parameter limit allows.
func insertRows(ctx context.Context, tx *sql.Tx, table string, cols []string, rows [][]any) error {
	per := max(1, maxParams/len(cols))
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

// nextID is the first free id of table: the seeder assigns ids itself so
// children point at parents without a round trip per row.
func nextID(ctx context.Context, tx *sql.Tx, table string) (int64, error) {
	var n int64
	err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM `+table).Scan(&n)
	return n, err
}

// inTx runs fn in one transaction on the writer connection, bypassing the
// group-commit queue: the seeder is the only writer.
func (s *seeder) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.Raw().BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// fixSequences moves PostgreSQL's identity sequences past the ids the
// seeder chose.
func (s *seeder) fixSequences(ctx context.Context) error {
	if s.db.Dialect != sqldb.Postgres {
		return nil
	}
	for _, t := range []string{"units", "people", "places", "accounts", "hazards", "hazard_events", "photos"} {
		if _, err := s.db.Raw().ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+t+`', 'id'), (SELECT COALESCE(MAX(id), 1) FROM `+t+`))`); err != nil {
			return err
		}
	}
	return nil
}
