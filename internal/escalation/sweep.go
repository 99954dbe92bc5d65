package escalation

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"safecampus/internal/hazard"
	"safecampus/internal/sqldb"
)

// BatchSize is how many hazards one sweep transaction steps. Small enough
// that the single SQLite writer is never held long (tens of ms) while
// users write; large enough that a burst of thousands of newly overdue
// hazards takes tens of commits, not thousands.
const BatchSize = 200

// Result counts what one Sweep did. Only committed batches count.
type Result struct {
	Candidates int // open rows past (or near) their deadline the index returned
	Overdue    int // hazards newly marked overdue (step 1)
	Escalated  int // steps 2–4 taken
	Skipped    int // rungs passed over because nobody holds them
	Reset      int // overdue flags cleared because the deadline moved
	Notified   int // messages newly enqueued
	Batches    int // transactions committed
}

func (r *Result) add(o Result) {
	r.Overdue += o.Overdue
	r.Escalated += o.Escalated
	r.Skipped += o.Skipped
	r.Reset += o.Reset
	r.Notified += o.Notified
}

// school is what the sweep needs of a school.
type school struct {
	loc *time.Location
	set Settings
}

// Sweep walks the escalation ladder for every active school at now. It
// reads only candidates through two index ranges (see candidates), decides
// each with Decide, and takes the due steps in transactions of BatchSize
// hazards, re-reading each row inside its transaction. It is idempotent: a second run at the same
// clock finds nothing due, and the notifications' dedup keys make even a
// replayed step enqueue nothing new. A failing batch is reported and the
// others still run; the next sweep retries it.
func Sweep(ctx context.Context, db *sqldb.DB, now time.Time) (Result, error) {
	var res Result
	schools, err := loadSchools(ctx, db.Read())
	if err != nil || len(schools) == 0 {
		return res, err
	}
	due, n, err := candidates(ctx, db.Read(), schools, now)
	res.Candidates = n
	if err != nil {
		return res, err
	}
	var errs []error
	for len(due) > 0 {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		part := due[:min(BatchSize, len(due))]
		due = due[len(part):]
		var got Result
		err := db.Transact(ctx, func(tx *sqldb.Tx) error {
			var err error
			got, err = runBatch(ctx, tx, now, part, schools) // the writer may run fn again: got is replaced
			return err
		})
		if err != nil {
			errs = append(errs, err)
			continue
		}
		res.add(got)
		res.Batches++
	}
	return res, errors.Join(errs...)
}

// loadSchools reads the active schools with their zones and settings.
func loadSchools(ctx context.Context, q sqldb.Querier) (map[int64]school, error) {
	set, err := allSettings(ctx, q)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT id, timezone FROM schools WHERE active`)
	if err != nil {
		return nil, fmt.Errorf("schools: %w", err)
	}
	defer rows.Close()
	out := map[int64]school{}
	for rows.Next() {
		var id int64
		var tz string
		if err := rows.Scan(&id, &tz); err != nil {
			return nil, err
		}
		s := school{loc: zone(tz), set: DefaultSettings()}
		if v, ok := set[id]; ok {
			s.set = v
		}
		out[id] = s
	}
	return out, rows.Err()
}

// zone mirrors org.School.Location: an unknown zone name means China.
func zone(tz string) *time.Location {
	if loc, err := time.LoadLocation(tz); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*3600)
}

// openList is the SQL list of the open statuses (hazard.OpenStatuses).
var openList = func() string {
	var b strings.Builder
	for i, st := range hazard.OpenStatuses {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("'" + string(st) + "'")
	}
	return "(" + b.String() + ")"
}()

// candidates returns the ids due a step or a reset at now, in id order,
// and how many rows the index ranges returned. Two kinds of rows can be
// due, and each has an index range:
//   - open rows whose deadline is before the latest local date of any
//     school and below the top step (hazards_sweep: status, deadline);
//     Decide settles each in its own school's zone;
//   - open rows still marked overdue whose deadline is today or later in
//     their school — the deadline moved (extension, reopening) — per
//     school through hazards_overdue (school_id, overdue, status, id).
func candidates(ctx context.Context, q sqldb.Querier, schools map[int64]school, now time.Time) ([]int64, int, error) {
	latest := ""
	for _, s := range schools {
		if d := now.In(s.loc).Format(time.DateOnly); d > latest {
			latest = d
		}
	}
	due := map[int64]bool{}
	n, err := scanCandidates(ctx, q, schools, now, due, `SELECT id, school_id, status, deadline, overdue, escalation_step, COALESCE(escalated_at, 0)
		FROM hazards WHERE status IN `+openList+` AND deadline > '' AND deadline < $1 AND escalation_step < $2`, latest, int(StepOffice))
	if err != nil {
		return nil, n, err
	}
	for id, s := range schools {
		m, err := scanCandidates(ctx, q, schools, now, due, `SELECT id, school_id, status, deadline, overdue, escalation_step, COALESCE(escalated_at, 0)
			FROM hazards WHERE school_id = $1 AND overdue = TRUE AND status IN `+openList+` AND deadline >= $2`, id, now.In(s.loc).Format(time.DateOnly))
		n += m
		if err != nil {
			return nil, n, err
		}
	}
	out := make([]int64, 0, len(due))
	for id := range due {
		out = append(out, id)
	}
	slices.Sort(out)
	return out, n, nil
}

// scanCandidates runs one candidate query and adds the rows Decide finds
// due to due.
func scanCandidates(ctx context.Context, q sqldb.Querier, schools map[int64]school, now time.Time, due map[int64]bool, query string, args ...any) (int, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return 0, fmt.Errorf("sweep candidates: %w", err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var id, sc, at int64
		var st State
		if err := rows.Scan(&id, &sc, &st.Status, &st.Deadline, &st.Overdue, &st.Step, &at); err != nil {
			return n, err
		}
		n++
		s, ok := schools[sc]
		if !ok {
			continue // an inactive school: nobody is told anything
		}
		if at != 0 {
			st.EscalatedAt = time.UnixMilli(at)
		}
		if Decide(st, s.set, s.loc, now).Kind != Nothing {
			due[id] = true
		}
	}
	return n, rows.Err()
}
