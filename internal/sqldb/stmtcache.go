package sqldb

import (
	"context"
	"database/sql"
	"sync"
)

// maxCachedStmts bounds the read statement cache. Queries built with
// variable id lists would otherwise grow it without end; past the bound a
// query simply runs unprepared.
const maxCachedStmts = 512

// readPool is the Querier behind DB.Read: it keeps one prepared statement
// per query text. SQLite spends a sixth of a page view re-parsing SQL
// otherwise (profile in docs/benchmarks.md); *sql.Stmt re-prepares on each
// pooled connection lazily and is safe for concurrent use.
type readPool struct {
	db *sql.DB
	mu sync.RWMutex
	m  map[string]*sql.Stmt
}

func newReadPool(db *sql.DB) *readPool { return &readPool{db: db, m: map[string]*sql.Stmt{}} }

func (p *readPool) stmt(ctx context.Context, query string) *sql.Stmt {
	p.mu.RLock()
	st := p.m[query]
	p.mu.RUnlock()
	if st != nil {
		return st
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if st = p.m[query]; st != nil || len(p.m) >= maxCachedStmts {
		return st
	}
	st, err := p.db.PrepareContext(ctx, query)
	if err != nil {
		return nil // let the plain call report the error
	}
	p.m[query] = st
	return st
}

func (p *readPool) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return p.db.ExecContext(ctx, query, args...)
}

func (p *readPool) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := p.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return p.db.QueryContext(ctx, query, args...)
}

func (p *readPool) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := p.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return p.db.QueryRowContext(ctx, query, args...)
}

func (p *readPool) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, st := range p.m {
		st.Close()
	}
	p.m = map[string]*sql.Stmt{}
}
