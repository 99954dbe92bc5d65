package figures

import (
	"context"
	"net/url"
	"time"

	"safecampus/internal/checklist"
	"safecampus/internal/hazard"
	"safecampus/internal/plan"
	"safecampus/internal/sqldb"
)

// Inspections are a school's inspection figures for one span: submitted
// inspections (Failed: with at least one failed answer) by kind and by the
// areas their answers covered, and the RUL-4 rhythm summary.
type Inspections struct {
	Total, Failed  int
	ByKind, ByArea []Count
	Rhythm         plan.Summary
	RhythmLink     string // the rhythm compliance page of the span, when it is a plan period
}

// InspectionFigures computes the inspection figures of school for sp at now.
func InspectionFigures(ctx context.Context, q sqldb.Querier, school int64, sp Span, now time.Time) (Inspections, error) {
	w, err := newWindow(ctx, q, school, sp, now)
	if err != nil {
		return Inspections{}, err
	}
	var in Inspections
	ledger := func(extra ...string) string {
		v := url.Values{"from": {sp.Start}, "to": {sp.End}}
		for i := 0; i+1 < len(extra); i += 2 {
			v.Set(extra[i], extra[i+1])
		}
		return "/ledger?" + v.Encode()
	}
	kinds := newGroups()
	for _, k := range plan.Kinds() {
		kinds.add(k.Kind, k.Label, ledger("kind", k.Kind))
	}
	rows, err := q.QueryContext(ctx, `SELECT kind, COUNT(*), SUM(CASE WHEN failed_count > 0 THEN 1 ELSE 0 END) FROM inspections
		WHERE school_id = $1 AND status = 'submitted' AND submitted_at >= $2 AND submitted_at < $3 GROUP BY kind`, school, w.start, w.end)
	if err != nil {
		return in, err
	}
	defer rows.Close()
	for rows.Next() {
		var kind string
		var n, failed int
		if err := rows.Scan(&kind, &n, &failed); err != nil {
			return in, err
		}
		c := kinds.get(kind)
		if c == nil {
			c = kinds.add(kind, plan.KindLabel(kind), ledger("kind", kind))
		}
		c.Total, c.Failed = c.Total+n, c.Failed+failed
		in.Total += n
		in.Failed += failed
	}
	if err := rows.Err(); err != nil {
		return in, err
	}
	rows.Close()
	in.ByKind = kinds.list()
	if in.ByArea, err = inspectedAreas(ctx, q, school, w, ledger); err != nil {
		return in, err
	}
	if in.Rhythm, err = rhythmSummary(ctx, q, school, sp, w.today); err != nil {
		return in, err
	}
	if p, err := plan.ParsePeriod(sp.Key); err == nil && p.Start == sp.Start {
		in.RhythmLink = "/rhythm?period=" + url.QueryEscape(p.Key)
	}
	return in, nil
}

// inspectedAreas counts, per area, the inspections with an answer in it
// and those with a failed answer in it.
func inspectedAreas(ctx context.Context, q sqldb.Querier, school int64, w window, ledger func(...string) string) ([]Count, error) {
	areas := newGroups()
	for _, a := range checklist.Areas {
		areas.add(string(a), a.Label(), ledger("area", string(a)))
	}
	rows, err := q.QueryContext(ctx, `SELECT a.area, COUNT(DISTINCT a.inspection_id), COUNT(DISTINCT CASE WHEN a.result = 'fail' THEN a.inspection_id END)
		FROM inspections i JOIN inspection_answers a ON a.inspection_id = i.id
		WHERE i.school_id = $1 AND i.status = 'submitted' AND i.submitted_at >= $2 AND i.submitted_at < $3 GROUP BY a.area`, school, w.start, w.end)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var area string
		var n, failed int
		if err := rows.Scan(&area, &n, &failed); err != nil {
			return nil, err
		}
		c := areas.get(area)
		if c == nil {
			c = areas.get(hazard.AreaGeneral)
			if c == nil {
				c = areas.add(hazard.AreaGeneral, hazard.AreaLabel(hazard.AreaGeneral), ledger())
			}
		}
		c.Total += n
		c.Failed += failed
	}
	return areas.list(), rows.Err()
}

// rhythmSummary is plan.RhythmCompliance's summary for the whole school:
// every rhythm row whose own period overlaps the span, an open row past
// its deadline counted as missed. (RhythmCompliance needs an actor and
// filters by scope; a school-wide actor sees these same rows, which
// TestRhythmMatchesPlan checks.)
func rhythmSummary(ctx context.Context, q sqldb.Querier, school int64, sp Span, today string) (plan.Summary, error) {
	rows, err := q.QueryContext(ctx, `SELECT d.status, d.due_on FROM due_inspections d JOIN inspection_plans p ON p.id = d.plan_id
		WHERE d.school_id = $1 AND p.rule <> '' AND d.starts_on <= $3 AND d.due_on >= $2`, school, sp.Start, sp.End)
	if err != nil {
		return plan.Summary{}, err
	}
	defer rows.Close()
	var s plan.Summary
	for rows.Next() {
		var st, due string
		if err := rows.Scan(&st, &due); err != nil {
			return s, err
		}
		if st == plan.StatusOpen && due < today {
			st = plan.StatusMissed
		}
		s.Total++
		switch st {
		case plan.StatusDone:
			s.Done++
		case plan.StatusLate:
			s.Late++
		case plan.StatusMissed:
			s.Missed++
		default:
			s.Open++
		}
	}
	return s, rows.Err()
}
