package figures

import (
	"context"
	"net/url"
	"time"

	"safecampus/internal/org"
	"safecampus/internal/patrol"
	"safecampus/internal/sqldb"
)

// Patrols is patrol coverage over a span, counted as the coverage matrix
// counts it (decision 0011): a place counts when it is active, in an
// active grid, has an active check point and a daily target above zero;
// a place-day is covered when the place was patrolled at least its
// target times that day. Today is in progress and not counted.
type Patrols struct {
	Places           int    // counted places
	Days             int    // counted days: the span's days before today
	PlaceDays        int    // Places × Days
	Covered          int    // place-days that met their target
	CoveragePermille int    // Covered of PlaceDays in ‰; -1 when nothing is counted
	Link             string // the coverage matrix of (up to) the span's last 62 counted days
}

// CoveragePercent is the coverage as users read it: 85.7%, or "—".
func (p Patrols) CoveragePercent() string { return PercentOf(p.CoveragePermille) }

// PatrolFigures computes patrol coverage of school for sp at now.
func PatrolFigures(ctx context.Context, q sqldb.Querier, school int64, sp Span, now time.Time) (Patrols, error) {
	w, err := newWindow(ctx, q, school, sp, now)
	if err != nil {
		return Patrols{}, err
	}
	var p Patrols
	last := sp.End
	if yesterday := dayBefore(w.today); yesterday < last {
		last = yesterday
	}
	if last < sp.Start {
		p.CoveragePermille = -1
		return p, nil
	}
	targets, err := placeTargets(ctx, q, school)
	if err != nil {
		return p, err
	}
	counts, err := q.QueryContext(ctx, `SELECT place_id, day, COUNT(*) FROM patrols WHERE school_id = $1 AND day >= $2 AND day <= $3 GROUP BY place_id, day`,
		school, sp.Start, last)
	if err != nil {
		return p, err
	}
	defer counts.Close()
	for counts.Next() {
		var place int64
		var day string
		var n int
		if err := counts.Scan(&place, &day, &n); err != nil {
			return p, err
		}
		if t, ok := targets[place]; ok && n >= t {
			p.Covered++
		}
	}
	if err := counts.Err(); err != nil {
		return p, err
	}
	s, _ := time.Parse(time.DateOnly, sp.Start)
	l, _ := time.Parse(time.DateOnly, last)
	p.Places, p.Days = len(targets), int(l.Sub(s).Hours()/24)+1
	p.PlaceDays = p.Places * p.Days
	p.CoveragePermille = perMille(p.Covered, p.PlaceDays)
	from := l.AddDate(0, 0, -(patrol.MaxCoverageDays - 1))
	if from.Before(s) {
		from = s
	}
	p.Link = "/patrols/coverage?" + url.Values{"from": {from.Format(time.DateOnly)}, "to": {last}}.Encode()
	return p, nil
}

// placeTargets maps every counted place to its daily target.
func placeTargets(ctx context.Context, q sqldb.Querier, school int64) (map[int64]int, error) {
	set := map[org.PlaceType]int{}
	rows, err := q.QueryContext(ctx, `SELECT place_type, per_day FROM patrol_targets WHERE school_id = $1`, school)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var t org.PlaceType
		var n int
		if err := rows.Scan(&t, &n); err != nil {
			rows.Close()
			return nil, err
		}
		set[t] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, `SELECT DISTINCT p.id, p.place_type FROM grid_places gp
		JOIN grids g ON g.id = gp.grid_id JOIN places p ON p.id = gp.place_id JOIN check_points cp ON cp.place_id = p.id
		WHERE gp.school_id = $1 AND g.active AND p.active AND cp.active`, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var t org.PlaceType
		if err := rows.Scan(&id, &t); err != nil {
			return nil, err
		}
		n, ok := set[t]
		if !ok {
			n = patrol.DefaultTarget(t)
		}
		if n > 0 {
			out[id] = n
		}
	}
	return out, rows.Err()
}

func dayBefore(day string) string {
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return d.AddDate(0, 0, -1).Format(time.DateOnly)
}
