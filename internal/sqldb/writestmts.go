package sqldb

import (
	"context"
	"database/sql"
)

// writeStmts keeps SQLite's writer connection's prepared statements, one per
// query text. Without it every ExecContext in a write transaction parses its
// SQL again: a third of the escalation sweep's CPU and of every audited
// write (docs/benchmarks.md, "Hazards: escalation sweep").
//
// A statement cannot be prepared on the pool while the writer's only
// connection is inside a transaction (the pool would wait for itself), so a
// query seen for the first time runs unprepared and is noted; the writer
// prepares the noted queries between transactions, when the connection is
// idle. Inside a transaction each prepared statement is bound to it once
// (Tx.StmtContext reuses the connection's prepared handle) and then reused
// for the rest of that transaction. Only the writer goroutine touches it.
type writeStmts struct {
	db      *sql.DB
	byQuery map[string]*sql.Stmt // nil value: could not be prepared, never retried
	noted   []string
	inTx    map[string]*sql.Stmt // statements bound to the current transaction
}

func newWriteStmts(db *sql.DB) *writeStmts {
	return &writeStmts{db: db, byQuery: map[string]*sql.Stmt{}, inTx: map[string]*sql.Stmt{}}
}

// bound returns the statement for query bound to tx, or nil when the query
// is not prepared yet (it is then noted for preparation).
func (c *writeStmts) bound(ctx context.Context, tx *sql.Tx, query string) *sql.Stmt {
	if st := c.inTx[query]; st != nil {
		return st
	}
	st, known := c.byQuery[query]
	if !known {
		if len(c.byQuery)+len(c.noted) < maxCachedStmts {
			c.noted = append(c.noted, query)
		}
		return nil
	}
	if st == nil {
		return nil
	}
	ts := tx.StmtContext(ctx, st)
	c.inTx[query] = ts
	return ts
}

// endTx forgets the statements bound to the finished transaction (database/sql
// closes them with it) and prepares the queries noted during it.
func (c *writeStmts) endTx() {
	clear(c.inTx)
	for _, q := range c.noted {
		if _, done := c.byQuery[q]; done {
			continue
		}
		st, err := c.db.PrepareContext(context.Background(), q)
		if err != nil {
			st = nil // e.g. several statements in one text: keep running it unprepared
		}
		c.byQuery[q] = st
	}
	c.noted = c.noted[:0]
}

func (c *writeStmts) close() {
	for _, st := range c.byQuery {
		if st != nil {
			st.Close()
		}
	}
	clear(c.byQuery)
}

// ExecContext runs query in the transaction, through the writer's prepared
// statement when there is one.
func (tx *Tx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if tx.stmts != nil {
		if st := tx.stmts.bound(ctx, tx.Tx, query); st != nil {
			return st.ExecContext(ctx, args...)
		}
	}
	return tx.Tx.ExecContext(ctx, query, args...)
}

// QueryContext is ExecContext for queries returning rows.
func (tx *Tx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if tx.stmts != nil {
		if st := tx.stmts.bound(ctx, tx.Tx, query); st != nil {
			return st.QueryContext(ctx, args...)
		}
	}
	return tx.Tx.QueryContext(ctx, query, args...)
}

// QueryRowContext is ExecContext for queries returning at most one row.
func (tx *Tx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if tx.stmts != nil {
		if st := tx.stmts.bound(ctx, tx.Tx, query); st != nil {
			return st.QueryRowContext(ctx, args...)
		}
	}
	return tx.Tx.QueryRowContext(ctx, query, args...)
}
