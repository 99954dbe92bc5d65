package figures

import (
	"context"
	"database/sql"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/sqldb"
)

// window is a span pinned to a school's zone and to now.
type window struct {
	loc        *time.Location
	start, end int64  // [start, end) of the span, Unix ms
	cutoff     int64  // min(now, end) as an exclusive bound: what happened at now is in
	today      string // now's date in the school's zone
	overdueDay string // min(today, span's last day): deadlines before it are past
}

func newWindow(ctx context.Context, q sqldb.Querier, school int64, sp Span, now time.Time) (window, error) {
	var tz string
	err := q.QueryRowContext(ctx, `SELECT timezone FROM schools WHERE id = $1`, school).Scan(&tz)
	if err == sql.ErrNoRows {
		return window{}, apperr.NotFoundf("school.not_found", "学校不存在。")
	} else if err != nil {
		return window{}, err
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		loc, _ = time.LoadLocation("Asia/Shanghai")
	}
	if sp.Start == "" || sp.End == "" {
		return window{}, badSpan(sp.Key)
	}
	w := window{loc: loc, today: now.In(loc).Format(time.DateOnly)}
	w.start, w.end = sp.bounds(loc)
	w.cutoff = min(now.UnixMilli()+1, w.end)
	w.overdueDay = min(w.today, sp.End)
	return w, nil
}

// day is the school-zone date of instant ms.
func (w window) day(ms int64) string { return time.UnixMilli(ms).In(w.loc).Format(time.DateOnly) }

// lastDay is the span's last day not after today.
func (w window) lastDay(sp Span) string { return min(sp.End, w.today) }

// perMille is num/den in ‰ rounded half up, -1 when den is 0 (the
// lists' rounding, so the dashboard and the statistics page agree).
func perMille(num, den int) int {
	if den == 0 {
		return -1
	}
	return (2*1000*num + den) / (2 * den)
}
