package report

import (
	"context"
	"time"

	"safecampus/internal/figures"
	"safecampus/internal/sqldb"
)

// readLookback reads the look-back draws made in sp and their checks
// straight from lookback_draws and lookback_checks (migration 0003): the
// report needs only counts, whatever service writes them.
func readLookback(ctx context.Context, q sqldb.Querier, school int64, sp figures.Span, loc *time.Location) (Lookback, error) {
	start, _ := time.ParseInLocation(time.DateOnly, sp.Start, loc)
	end, _ := time.ParseInLocation(time.DateOnly, sp.End, loc)
	rows, err := q.QueryContext(ctx, `SELECT d.id, d.created_at, d.due_on, d.population, d.drawn,
			COALESCE(SUM(CASE WHEN c.result = 'passed' THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN c.result = 'failed' THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN c.result NOT IN ('passed', 'failed') THEN 1 ELSE 0 END), 0)
		FROM lookback_draws d LEFT JOIN lookback_checks c ON c.draw_id = d.id
		WHERE d.school_id = $1 AND d.created_at >= $2 AND d.created_at < $3
		GROUP BY d.id, d.created_at, d.due_on, d.population, d.drawn ORDER BY d.created_at, d.id`,
		school, start.UnixMilli(), end.AddDate(0, 0, 1).UnixMilli())
	if err != nil {
		return Lookback{}, err
	}
	defer rows.Close()
	var lb Lookback
	for rows.Next() {
		var d LookbackDraw
		var at int64
		if err := rows.Scan(&d.ID, &at, &d.DueOn, &d.Population, &d.Drawn, &d.Passed, &d.Failed, &d.Pending); err != nil {
			return lb, err
		}
		d.Day = time.UnixMilli(at).In(loc).Format(time.DateOnly)
		lb.Draws = append(lb.Draws, d)
		lb.Drawn += d.Drawn
		lb.Passed += d.Passed
		lb.Failed += d.Failed
		lb.Pending += d.Pending
	}
	return lb, rows.Err()
}
