package dashboard

import (
	"context"
	"log/slog"
	"slices"
	"time"

	"safecampus/internal/figures"
)

// DefaultRefreshEvery is how often Run looks for stale boards.
const DefaultRefreshEvery = time.Minute

// RefreshStale recomputes the current quarter's board of every active
// school whose stored board is stale or missing, and returns how many it
// recomputed. One school's failure is logged and does not stop the others.
func (s *Service) RefreshStale(ctx context.Context, log *slog.Logger) (int, error) {
	type cand struct {
		id int64
		st state
	}
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT s.id, s.timezone, COALESCE(h.seq, 0) FROM schools s
		LEFT JOIN audit_heads h ON h.school_id = s.id WHERE s.active ORDER BY s.id`)
	if err != nil {
		return 0, err
	}
	var cs []cand
	for rows.Next() {
		var c cand
		if err := rows.Scan(&c.id, &c.st.tz, &c.st.head); err != nil {
			rows.Close()
			return 0, err
		}
		c.st.today = s.Now().In(location(c.st.tz)).Format(time.DateOnly)
		cs = append(cs, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	n := 0
	for _, c := range cs {
		if ctx.Err() != nil {
			return n, ctx.Err()
		}
		sp := figures.QuarterOf(s.Now(), location(c.st.tz))
		var day string
		var head, at int64
		err := s.DB.Read().QueryRowContext(ctx, `SELECT day, head_seq, computed_at FROM school_figures WHERE school_id = $1 AND span_key = $2`,
			c.id, sp.Key).Scan(&day, &head, &at)
		if err == nil && s.fresh(c.st, day, head, time.UnixMilli(at)) {
			continue
		}
		if _, err := s.Refresh(ctx, c.id, sp); err != nil {
			if ctx.Err() == nil {
				log.Error("dashboard: refresh figures", "school", c.id, "err", err)
			}
			continue
		}
		n++
	}
	return n, nil
}

// Run refreshes stale boards now and then every `every` until ctx ends.
func (s *Service) Run(ctx context.Context, every time.Duration, log *slog.Logger) {
	if every <= 0 {
		every = DefaultRefreshEvery
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for ctx.Err() == nil {
		if n, err := s.RefreshStale(ctx, log); err != nil && ctx.Err() == nil {
			log.Error("dashboard: refresh", "err", err)
		} else if n > 0 {
			log.Info("dashboard: figures refreshed", "schools", n)
		}
		select {
		case <-ctx.Done():
		case <-t.C:
		}
	}
}

func sortSummaries(rows []Summary, cmp func(a, b Summary) int) { slices.SortStableFunc(rows, cmp) }
