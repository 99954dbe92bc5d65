package lookback

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/hazard"
	"safecampus/internal/sqldb"
)

const drawCols = `d.id, d.school_id, d.seed, d.filter, d.population, d.drawn, d.due_on, d.created_by, COALESCE(ac.display_name, ''), d.created_at,
	(SELECT COUNT(*) FROM lookback_checks c WHERE c.draw_id = d.id AND c.result = 'passed'),
	(SELECT COUNT(*) FROM lookback_checks c WHERE c.draw_id = d.id AND c.result = 'failed')
	FROM lookback_draws d LEFT JOIN accounts ac ON ac.id = d.created_by`

func scanDraw(s interface{ Scan(...any) error }) (*Draw, error) {
	var d Draw
	var at int64
	if err := s.Scan(&d.ID, &d.SchoolID, &d.Seed, &d.FilterJSON, &d.Population, &d.Drawn, &d.DueOn, &d.CreatedBy, &d.CreatedByName, &at,
		&d.Passed, &d.Failed); err != nil {
		return nil, err
	}
	d.CreatedAt, d.Filter, d.Ended = time.UnixMilli(at), parseFilter(d.FilterJSON), d.Passed+d.Failed
	return &d, nil
}

func (s *Service) draw(ctx context.Context, q sqldb.Querier, school, id int64) (*Draw, error) {
	d, err := scanDraw(q.QueryRowContext(ctx, `SELECT `+drawCols+` WHERE d.id = $1 AND d.school_id = $2`, id, school))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound()
	}
	return d, err
}

// mayView refuses actors who may not read the school's draws.
func mayView(a *auth.Actor, school int64) error {
	if !MayView(a, school) {
		return apperr.ForbiddenErr(string(auth.PermHazardView))
	}
	return nil
}

// List returns the school's draws, newest first (a school makes a few a
// term, so there is no paging).
func (s *Service) List(ctx context.Context, a *auth.Actor, school int64) ([]Draw, error) {
	if err := mayView(a, school); err != nil {
		return nil, err
	}
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT `+drawCols+` WHERE d.school_id = $1 ORDER BY d.id DESC LIMIT 200`, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Draw
	for rows.Next() {
		d, err := scanDraw(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *d)
	}
	return out, rows.Err()
}

// Get returns draw id with its re-checks in the order drawn. Another
// school's draw is not found.
func (s *Service) Get(ctx context.Context, a *auth.Actor, school, id int64) (*Draw, []Check, error) {
	q := s.DB.Read()
	d, err := s.draw(ctx, q, school, id)
	if err != nil {
		return nil, nil, err
	}
	if err := mayView(a, school); err != nil {
		return nil, nil, err
	}
	cs, err := checks(ctx, q, `c.school_id = $1 AND c.draw_id = $2`, `c.id`, school, id)
	return d, cs, err
}

// Mine returns the re-checks named on a's person, pending first, then by
// due day.
func (s *Service) Mine(ctx context.Context, a *auth.Actor, school int64) ([]Check, error) {
	if a == nil || a.PersonID == 0 {
		return nil, nil
	}
	return checks(ctx, s.DB.Read(), `c.school_id = $1 AND c.inspector_person_id = $2`, pendingFirst, school, a.PersonID)
}

// Candidate is a person who may be named as an inspector: one with an
// account, so they can see and record their re-checks.
type Candidate struct {
	ID   int64
	Name string
	Unit string
}

// Candidates lists the school's active people with an account.
func (s *Service) Candidates(ctx context.Context, a *auth.Actor, school int64) ([]Candidate, error) {
	if err := mayDraw(a, school); err != nil {
		return nil, err
	}
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT p.id, p.name, COALESCE(u.name, '') FROM people p LEFT JOIN units u ON u.id = p.unit_id
		WHERE p.school_id = $1 AND p.active AND EXISTS (SELECT 1 FROM accounts ac WHERE ac.person_id = p.id AND NOT ac.disabled)
		ORDER BY p.name, p.id`, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Candidate
	for rows.Next() {
		var c Candidate
		if err := rows.Scan(&c.ID, &c.Name, &c.Unit); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

const checkCols = `c.id, c.school_id, c.draw_id, c.hazard_id, h.number, h.description, COALESCE(pl.name, ''), COALESCE(u.name, ''), h.area, h.level,
	h.measures, h.result_note, h.status, h.closed_at, c.inspector_person_id, COALESCE(ip.name, ''), c.result, c.note, c.checked_at,
	COALESCE(c.checked_by, 0), COALESCE(cb.display_name, ''), d.due_on
	FROM lookback_checks c
	JOIN lookback_draws d ON d.id = c.draw_id
	JOIN hazards h ON h.id = c.hazard_id
	LEFT JOIN places pl ON pl.id = h.place_id
	LEFT JOIN units u ON u.id = h.unit_id
	LEFT JOIN people ip ON ip.id = c.inspector_person_id
	LEFT JOIN accounts cb ON cb.id = c.checked_by`

func scanCheck(s interface{ Scan(...any) error }) (*Check, error) {
	var c Check
	var status string
	var closed, checked sql.NullInt64
	if err := s.Scan(&c.ID, &c.SchoolID, &c.DrawID, &c.HazardID, &c.HazardNumber, &c.Description, &c.PlaceName, &c.UnitName, &c.Area, &c.Level,
		&c.Measures, &c.ResultNote, &status, &closed, &c.InspectorID, &c.InspectorName, &c.Result, &c.Note, &checked,
		&c.CheckedBy, &c.CheckedByName, &c.DueOn); err != nil {
		return nil, err
	}
	c.HazardStatus = hazard.Status(status)
	if closed.Valid {
		t := time.UnixMilli(closed.Int64)
		c.HazardClosedAt = &t
	}
	if checked.Valid {
		t := time.UnixMilli(checked.Int64)
		c.CheckedAt = &t
	}
	return &c, nil
}

// pendingFirst orders an inspector's list: what is still to do, soonest
// due first.
const pendingFirst = `CASE WHEN c.result = 'pending' THEN 0 ELSE 1 END, d.due_on, c.id`

// checks reads the re-checks matching cond (school first) in order, each
// with its evidence photos.
func checks(ctx context.Context, q sqldb.Querier, cond, order string, args ...any) ([]Check, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+checkCols+` WHERE `+cond+` ORDER BY `+order, args...)
	if err != nil {
		return nil, err
	}
	var out []Check
	for rows.Next() {
		c, err := scanCheck(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, *c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Done() {
			if out[i].Photos, err = photoIDs(ctx, q, out[i].SchoolID, out[i].ID); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

func photoIDs(ctx context.Context, q sqldb.Querier, school, check int64) ([]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT id FROM photos WHERE school_id = $1 AND owner_kind = $2 AND owner_id = $3 ORDER BY id`, school, OwnerCheck, check)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
