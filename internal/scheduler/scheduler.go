// Package scheduler runs the program's periodic work: it generates every
// school's due inspections and marks the ones past their deadline as
// missed, and walks overdue hazards up the escalation ladder. The work
// itself is idempotent (plan.Service.Generate, escalation.Sweep), so a run
// after a crash or restart, or two runs close together, change nothing
// that is already right.
package scheduler

import (
	"context"
	"log/slog"
	"time"

	"safecampus/internal/plan"
	"safecampus/internal/sqldb"
)

// DefaultEvery is how often Run works when no interval is given: often
// enough that a period's rows exist minutes after it begins.
const DefaultEvery = 10 * time.Minute

// Run generates due inspections for every school at start and then every
// `every` (DefaultEvery when ≤ 0), until ctx ends. One school's failure is
// logged and does not stop the others or later runs.
func Run(ctx context.Context, plans *plan.Service, schools func(ctx context.Context) ([]int64, error), now func() time.Time, every time.Duration, log *slog.Logger) {
	if every <= 0 {
		every = DefaultEvery
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for ctx.Err() == nil { // select picks at random when both are ready
		RunOnce(ctx, plans, schools, now, log)
		select {
		case <-ctx.Done():
		case <-t.C:
		}
	}
}

// RunOnce runs Generate for every school once at now() and returns how many
// due rows it created in all.
func RunOnce(ctx context.Context, plans *plan.Service, schools func(ctx context.Context) ([]int64, error), now func() time.Time, log *slog.Logger) int {
	ids, err := schools(ctx)
	if err != nil {
		if ctx.Err() == nil {
			log.Error("scheduler: list schools", "err", err)
		}
		return 0
	}
	total := 0
	for _, id := range ids {
		if ctx.Err() != nil {
			return total
		}
		r, err := plans.GenerateCounts(ctx, id, now())
		if err != nil {
			log.Error("scheduler: generate due inspections", "school", id, "err", err)
			continue
		}
		total += int(r.Created)
		if r.Created > 0 || r.Missed > 0 {
			log.Info("scheduler: due inspections", "school", id, "created", r.Created, "missed", r.Missed)
		}
	}
	if ctx.Err() == nil {
		sweepEscalation(ctx, plans.DB, now(), log) // overdue hazards (internal/escalation)
		remindReports(ctx, plans.DB, now(), log)   // campaign reports due (internal/report)
	}
	return total
}

// ActiveSchools lists the ids of the active schools of db.
func ActiveSchools(db *sqldb.DB) func(ctx context.Context) ([]int64, error) {
	return func(ctx context.Context) ([]int64, error) {
		rows, err := db.Read().QueryContext(ctx, `SELECT id FROM schools WHERE active ORDER BY id`)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return nil, err
			}
			ids = append(ids, id)
		}
		return ids, rows.Err()
	}
}
