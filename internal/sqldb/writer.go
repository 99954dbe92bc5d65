package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// maxBatch bounds how many queued transactions share one COMMIT, so one
// slow group cannot hold every waiter for long.
const maxBatch = 128

type writeReq struct {
	ctx  context.Context
	fn   func(*Tx) error
	done chan error
}

// writer is SQLite's single writer: it takes requests from a FIFO channel
// and runs each in its own SAVEPOINT inside a shared transaction, then
// commits once and replies to all. One bad request rolls back only its own
// savepoint. The database/sql pool is not used as the queue: it hands the
// connection to a random waiter and wrecks tail latency (DESIGN-NOTES).
type writer struct {
	db    *sql.DB
	stmts *writeStmts
	reqs  chan writeReq
	quit  chan struct{}
	done  chan struct{}
}

func startWriter(db *sql.DB) *writer {
	w := &writer{db: db, stmts: newWriteStmts(db), reqs: make(chan writeReq, 1024), quit: make(chan struct{}), done: make(chan struct{})}
	go w.loop()
	return w
}

var errClosed = errors.New("database is closing")

func (w *writer) do(ctx context.Context, fn func(*Tx) error) error {
	req := writeReq{ctx: ctx, fn: fn, done: make(chan error, 1)}
	select {
	case w.reqs <- req:
	case <-w.quit:
		return errClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	// Once queued, wait for the outcome even if ctx ends: the request may
	// already be committed and the caller must not report a false failure.
	return <-req.done
}

func (w *writer) stop() {
	close(w.quit)
	<-w.done
}

func (w *writer) loop() {
	defer close(w.done)
	defer w.stmts.close()
	batch := make([]writeReq, 0, maxBatch)
	for {
		select {
		case req := <-w.reqs:
			batch = append(batch[:0], req)
		case <-w.quit:
			// Finish what is already queued, then stop.
			for {
				select {
				case req := <-w.reqs:
					w.run([]writeReq{req})
				default:
					return
				}
			}
		}
	fill:
		for len(batch) < maxBatch {
			select {
			case req := <-w.reqs:
				batch = append(batch, req)
			default:
				break fill
			}
		}
		w.run(batch)
	}
}

func (w *writer) run(batch []writeReq) {
	errs := make([]error, len(batch))
	sqlTx, err := w.db.Begin()
	if err != nil {
		for _, r := range batch {
			r.done <- fmt.Errorf("begin: %w", err)
		}
		return
	}
	tx := &Tx{Tx: sqlTx, Dialect: SQLite, stmts: w.stmts}
	ok := 0
	for i, r := range batch {
		if err := r.ctx.Err(); err != nil {
			errs[i] = err
			continue
		}
		if _, err := sqlTx.Exec("SAVEPOINT w"); err != nil {
			errs[i] = fmt.Errorf("savepoint: %w", err)
			continue
		}
		if err := callFn(r.fn, tx); err != nil {
			errs[i] = err
			if _, rbErr := sqlTx.Exec("ROLLBACK TO w"); rbErr != nil {
				// The transaction is unusable; fail the whole group.
				_ = sqlTx.Rollback()
				w.stmts.endTx()
				for j := range batch {
					if errs[j] == nil {
						errs[j] = fmt.Errorf("rollback to savepoint: %w", rbErr)
					}
					batch[j].done <- errs[j]
				}
				return
			}
		}
		if _, err := sqlTx.Exec("RELEASE w"); err != nil && errs[i] == nil {
			errs[i] = fmt.Errorf("release savepoint: %w", err)
		}
		if errs[i] == nil {
			ok++
		}
	}
	if ok == 0 {
		_ = sqlTx.Rollback()
	} else if err := sqlTx.Commit(); err != nil {
		for i := range errs {
			if errs[i] == nil {
				errs[i] = fmt.Errorf("commit: %w", err)
			}
		}
	}
	// Before the replies: a caller whose Transact returned may rely on
	// the statements it used being prepared (and the test does).
	w.stmts.endTx()
	for i, r := range batch {
		r.done <- errs[i]
	}
}
