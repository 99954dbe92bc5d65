package figures

import (
	"context"
	"strings"
	"time"

	"safecampus/internal/hazard"
	"safecampus/internal/sqldb"
)

// Count is one bar of a chart: a group of hazards (or inspections) and the
// list behind it. For hazards: Total found in the span, Closed of those by
// the cut-off, Open = Total − Closed, Major found, Overdue in the backlog
// at the cut-off. For inspections: Total submitted, Failed with at least
// one failed answer.
type Count struct {
	Key, Label                          string
	Total, Open, Closed, Overdue, Major int
	Failed                              int
	Link                                string // the list behind the figure, e.g. "/hazards?area=FIRE"
}

// Week is one Monday-to-Sunday week of the trend (days outside the span
// are not counted).
type Week struct {
	Start         string // Monday YYYY-MM-DD
	Found, Closed int
}

// Hazards are a school's hazard figures for one span (package doc).
type Hazards struct {
	Found, Closed, Open, Overdue, MajorFound, MajorOpen, MajorListed, Rejected int
	Pending                                                                    int // reports found in the span still awaiting confirmation
	Rectified                                                                  int // closed in the span, whenever found (sum of Weekly.Closed)
	RatePermille                                                               int // Closed of Found in ‰; -1 when nothing was found
	ByArea, ByUnit, ByLevel, ByStatus                                          []Count
	Weekly                                                                     []Week
	OpenMajor                                                                  []MajorRow
}

// RatePercent is the rate as users read it: 85.7%, or "—".
func (h Hazards) RatePercent() string { return PercentOf(h.RatePermille) }

// MajorRow is one major hazard open at the cut-off.
type MajorRow struct {
	ID                                              int64
	Number, Description, UnitName, Deadline, Status string // Status is the Chinese label (整改中)
	Listed, Overdue                                 bool
	HasPlan                                         bool // a governance plan (治理方案) is on file
}

// hzRow is what the figures need of one hazard.
type hzRow struct {
	id                                    int64
	number, desc, area, level, status, dl string
	unit                                  int64
	unitName                              string
	found, closed                         int64 // closed 0 unless status is closed
	hasPlan                               bool
}

const hzCols = `h.id, h.number, h.description, h.area, h.level, h.status, COALESCE(h.unit_id, 0), COALESCE(u.name, ''),
	h.found_at, COALESCE(h.closed_at, 0), h.deadline, EXISTS (SELECT 1 FROM hazard_plans p WHERE p.hazard_id = h.id)
	FROM hazards h LEFT JOIN units u ON u.id = h.unit_id`

func openStatusList() string {
	var s []string
	for _, st := range hazard.OpenStatuses {
		s = append(s, "'"+string(st)+"'")
	}
	return strings.Join(s, ", ")
}

func queryHazards(ctx context.Context, q sqldb.Querier, query string, args ...any) ([]hzRow, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []hzRow
	for rows.Next() {
		var r hzRow
		if err := rows.Scan(&r.id, &r.number, &r.desc, &r.area, &r.level, &r.status, &r.unit, &r.unitName,
			&r.found, &r.closed, &r.dl, &r.hasPlan); err != nil {
			return nil, err
		}
		if r.status != string(hazard.StatusClosed) {
			r.closed = 0 // a reopened hazard's old closed_at is ignored
		}
		r.area = areaKey(r.area)
		out = append(out, r)
	}
	return out, rows.Err()
}

// HazardFigures computes the hazard figures of school for sp at now.
func HazardFigures(ctx context.Context, q sqldb.Querier, school int64, sp Span, now time.Time) (Hazards, error) {
	w, err := newWindow(ctx, q, school, sp, now)
	if err != nil {
		return Hazards{}, err
	}
	// The span's cohort: every hazard found in it, any status.
	cohort, err := queryHazards(ctx, q, `SELECT `+hzCols+` WHERE h.school_id = $1 AND h.found_at >= $2 AND h.found_at < $3 ORDER BY h.id`,
		school, w.start, w.end)
	if err != nil {
		return Hazards{}, err
	}
	// The backlog at the cut-off: open now, or closed after the cut-off
	// (each branch served by its own index).
	backlog, err := queryHazards(ctx, q, `SELECT `+hzCols+` WHERE h.school_id = $1 AND h.status IN (`+openStatusList()+`) AND h.found_at < $2
		UNION ALL SELECT `+hzCols+` WHERE h.school_id = $1 AND h.status = 'closed' AND h.closed_at >= $2 AND h.found_at < $2`, school, w.cutoff)
	if err != nil {
		return Hazards{}, err
	}
	closed, err := closedIn(ctx, q, school, w.start, w.cutoff)
	if err != nil {
		return Hazards{}, err
	}
	listed, err := listedAt(ctx, q, school, w.cutoff)
	if err != nil {
		return Hazards{}, err
	}
	return tallyHazards(w, sp, cohort, backlog, closed, listed), nil
}

// closedIn lists the closing instants of hazards closed in [from, to).
func closedIn(ctx context.Context, q sqldb.Querier, school, from, to int64) ([]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT closed_at FROM hazards WHERE school_id = $1 AND status = 'closed' AND closed_at >= $2 AND closed_at < $3`,
		school, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var t int64
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// listedAt is the set of hazards under listed supervision at instant t
// (hazard_listings, as the lists' ListedAtEnd).
func listedAt(ctx context.Context, q sqldb.Querier, school, t int64) (map[int64]bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT DISTINCT hazard_id FROM hazard_listings
		WHERE school_id = $1 AND listed_at < $2 AND (delisted_at IS NULL OR delisted_at >= $2)`, school, t)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}
