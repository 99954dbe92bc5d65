package scheduler

import (
	"context"
	"log/slog"
	"time"

	"safecampus/internal/escalation"
	"safecampus/internal/sqldb"
)

// sweepEscalation walks every school's overdue hazards up the escalation
// ladder at now (escalation.Sweep: idempotent, so every run of the
// scheduler may call it). A failure is logged; the next run retries.
func sweepEscalation(ctx context.Context, db *sqldb.DB, now time.Time, log *slog.Logger) escalation.Result {
	r, err := escalation.Sweep(ctx, db, now)
	if err != nil && ctx.Err() == nil {
		log.Error("scheduler: escalation sweep", "err", err)
	}
	if r.Overdue+r.Escalated+r.Reset > 0 {
		log.Info("scheduler: escalation", "overdue", r.Overdue, "escalated", r.Escalated, "skipped", r.Skipped, "reset", r.Reset, "notified", r.Notified)
	}
	return r
}
