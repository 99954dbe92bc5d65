package plan

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"safecampus/internal/audit"
	"safecampus/internal/sqldb"
)

// GenerateResult counts what one Generate run changed.
type GenerateResult struct {
	Created int64  `json:"created"`
	Missed  int64  `json:"missed"`
	Today   string `json:"today"`
}

// Generate makes the school's due inspections exist for the current period
// of every active plan (and the previous one when the scheduler missed it
// entirely), then marks open rows whose deadline has passed as missed. It
// computes what should exist and inserts what is missing, so a second run,
// a crash mid-run or a restart never duplicates a row. It returns the
// number of rows created. A run that changed anything leaves one audit
// entry with its counts, not one per row. now is the clock the rules run
// at; the rows and the audit entry are stamped with the service's clock,
// which is the same instant except when a run is replayed for a past date
// (the demo loader).
func (s *Service) Generate(ctx context.Context, school int64, now time.Time) (int, error) {
	r, err := s.GenerateCounts(ctx, school, now)
	return int(r.Created), err
}

// GenerateCounts is Generate returning both counts.
func (s *Service) GenerateCounts(ctx context.Context, school int64, now time.Time) (GenerateResult, error) {
	var res GenerateResult
	stamp := s.Now()
	err := s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		res = GenerateResult{} // the writer may retry fn
		loc, err := schoolLocation(ctx, tx, school)
		if err != nil {
			return err
		}
		res.Today = Today(now, loc)
		if err := ensureRhythm(ctx, tx, school, res.Today, stamp); err != nil {
			return err
		}
		plans, err := queryPlans(ctx, tx, `p.school_id = $1 AND p.active`, school)
		if err != nil {
			return err
		}
		for _, p := range plans {
			n, err := generatePlan(ctx, tx, p, now, stamp, loc)
			if err != nil {
				return err
			}
			res.Created += n
		}
		m, err := tx.ExecContext(ctx, `UPDATE due_inspections SET status = 'missed' WHERE school_id = $1 AND status = 'open' AND due_on < $2`, school, res.Today)
		if err != nil {
			return err
		}
		if res.Missed, err = m.RowsAffected(); err != nil {
			return err
		}
		if res.Created == 0 && res.Missed == 0 {
			return nil
		}
		_, err = audit.Append(ctx, tx, stamp, audit.Record{SchoolID: school, Action: "plan.generate", Entity: "due_inspections", After: res})
		return err
	})
	return res, err
}

// periodsDue returns the periods plan p owes at now: the current one and,
// when no row of the plan exists for it, the previous one (the scheduler
// was down across the boundary). A previous period that already has rows
// was generated in its time; owners added since then did not owe it.
func periodsDue(ctx context.Context, q sqldb.Querier, p Plan, now time.Time, loc *time.Location) ([]Period, error) {
	var cur Period
	if p.Recurrence == EveryN {
		var err error
		if cur, err = EveryNDays(p.StartDate, int(p.EveryN), now, loc); err != nil {
			return nil, err
		}
	} else {
		cur = PeriodOf(p.Recurrence.PeriodKind(), now, loc)
	}
	var out []Period
	if cur.End >= p.StartDate {
		out = append(out, cur)
	}
	prev := cur.Prev()
	if prev.End < p.StartDate {
		return out, nil
	}
	var one int
	err := q.QueryRowContext(ctx, `SELECT 1 FROM due_inspections WHERE plan_id = $1 AND period = $2 LIMIT 1`, p.ID, prev.Key).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return append(out, prev), nil
	}
	return out, err
}

// generatePlan inserts plan p's missing rows and returns how many it made.
func generatePlan(ctx context.Context, tx *sqldb.Tx, p Plan, now, stamp time.Time, loc *time.Location) (int64, error) {
	periods, err := periodsDue(ctx, tx, p, now, loc)
	if err != nil || len(periods) == 0 {
		return 0, err
	}
	who, err := owners(ctx, tx, p)
	if err != nil {
		return 0, err
	}
	where, err := places(ctx, tx, p)
	if err != nil {
		return 0, err
	}
	var created int64
	for _, per := range periods {
		starts := max(per.Start, p.StartDate)
		for _, o := range who {
			for _, place := range where {
				res, err := tx.ExecContext(ctx, `INSERT INTO due_inspections (school_id, plan_id, period, owner_person_id, owner_unit_id, place_id, starts_on, due_on, status, created_at)
					VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9) ON CONFLICT DO NOTHING`,
					p.SchoolID, p.ID, per.Key, o.person, o.unit, place, starts, per.End, stamp.UnixMilli())
				if err != nil {
					return 0, err
				}
				n, err := res.RowsAffected()
				if err != nil {
					return 0, err
				}
				created += n
			}
		}
	}
	return created, nil
}
