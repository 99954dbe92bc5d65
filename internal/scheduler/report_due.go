package scheduler

import (
	"context"
	"log/slog"
	"time"

	"safecampus/internal/report"
	"safecampus/internal/sqldb"
)

// remindReports reminds campaign offices of reports due within a week
// (report.RemindDue: deduplicated, so every run may call it). A failure
// is logged; the next run retries.
func remindReports(ctx context.Context, db *sqldb.DB, now time.Time, log *slog.Logger) int {
	n, err := report.RemindDue(ctx, db, now)
	if err != nil && ctx.Err() == nil {
		log.Error("scheduler: report reminders", "err", err)
	}
	if n > 0 {
		log.Info("scheduler: report reminders", "sent", n)
	}
	return n
}
