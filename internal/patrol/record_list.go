package patrol

import (
	"context"
	"strconv"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
)

// PatrolFilter narrows ListPatrols. Days are 'YYYY-MM-DD' in the school's
// time zone.
type PatrolFilter struct {
	Day      string
	PlaceID  int64
	PersonID int64
	GridID   int64 // places the grid covers directly
	Limit    int   // default and maximum: 200
}

// MaxList bounds one page of the patrol list: the newest records first,
// without an unbounded count.
const MaxList = 200

// ListPatrols returns the newest patrols matching f. Holders of the ledger
// permission see the whole school; inspectors without it see their own.
func (s *Service) ListPatrols(ctx context.Context, a *auth.Actor, school int64, f PatrolFilter) ([]Patrol, error) {
	own := false
	switch {
	case holds(a, auth.PermLedgerView, school):
	case holds(a, auth.PermInspect, school):
		own = true
	default:
		return nil, apperr.ForbiddenErr(string(auth.PermLedgerView))
	}
	if f.Day != "" {
		if _, err := time.Parse(dayLayout, f.Day); err != nil {
			return nil, apperr.Fields("patrol.filter", []apperr.FieldError{{Field: "day", Message: "日期格式应为 2026-03-01。"}})
		}
	}
	args := []any{school}
	where := ` WHERE pt.school_id = $1`
	add := func(cond string, v any) {
		args = append(args, v)
		where += ` AND ` + cond + ` $` + strconv.Itoa(len(args))
	}
	if own {
		add(`pt.account_id =`, a.AccountID)
	}
	if f.Day != "" {
		add(`pt.day =`, f.Day)
	}
	if f.PlaceID != 0 {
		add(`pt.place_id =`, f.PlaceID)
	}
	if f.PersonID != 0 {
		add(`pt.person_id =`, f.PersonID)
	}
	if f.GridID != 0 {
		args = append(args, f.GridID)
		where += ` AND pt.place_id IN (SELECT place_id FROM grid_places WHERE school_id = $1 AND grid_id = $` + strconv.Itoa(len(args)) + `)`
	}
	if f.Limit <= 0 || f.Limit > MaxList {
		f.Limit = MaxList
	}
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT `+patrolCols+patrolFrom+where+` ORDER BY pt.at DESC, pt.id DESC LIMIT `+strconv.Itoa(f.Limit), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Patrol
	for rows.Next() {
		p, err := scanPatrol(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// CountToday returns how many patrols the place has had today (school
// time), for the QR page. Anyone who may patrol the school may ask.
func (s *Service) CountToday(ctx context.Context, a *auth.Actor, school, placeID int64) (int, error) {
	if !holds(a, auth.PermInspect, school) && !holds(a, auth.PermLedgerView, school) {
		return 0, apperr.ForbiddenErr(string(auth.PermInspect))
	}
	q := s.DB.Read()
	loc, err := schoolLocation(ctx, q, school)
	if err != nil {
		return 0, err
	}
	var n int
	err = q.QueryRowContext(ctx, `SELECT COUNT(*) FROM patrols WHERE school_id = $1 AND day = $2 AND place_id = $3`, school, DayKey(s.Now(), loc), placeID).Scan(&n)
	return n, err
}
