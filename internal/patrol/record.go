package patrol

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/sqldb"
)

// Patrol is one recorded visit to a place.
type Patrol struct {
	ID           int64     `json:"id"`
	SchoolID     int64     `json:"school_id"`
	ClientID     string    `json:"client_id"`
	PlaceID      int64     `json:"place_id"`
	PersonID     int64     `json:"person_id"`
	AccountID    int64     `json:"account_id"`
	At           time.Time `json:"at"`
	Day          string    `json:"day"`
	Note         string    `json:"note"`
	InspectionID int64     `json:"inspection_id"`

	// Read-only, filled by queries.
	PlaceName   string `json:"-"`
	PersonName  string `json:"-"`
	AccountName string `json:"-"`
	// Repeat is set when Record found the submission already stored.
	Repeat bool `json:"-"`
}

// maxClientID bounds the client-generated id of a submission.
const maxClientID = 64

func validClientID(id string) bool {
	if id == "" || len(id) > maxClientID {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// Record stores a patrol of in.PlaceID by the actor, now. Submitting the
// same ClientID again returns the stored record (Repeat set) and changes
// nothing: a double tap or a retry after a timeout is recorded once.
func (s *Service) Record(ctx context.Context, a *auth.Actor, school int64, in Patrol) (Patrol, error) {
	if !validClientID(in.ClientID) {
		return Patrol{}, apperr.Invalidf("patrol.client_id", "提交编号无效，请刷新页面后重试。")
	}
	note, err := cleanText("note", "备注", in.Note, 500)
	if err != nil {
		return Patrol{}, err
	}
	if a == nil || !holds(a, auth.PermInspect, school) {
		return Patrol{}, apperr.ForbiddenErr(string(auth.PermInspect))
	}
	if prev, err := findByClientID(ctx, s.DB.Read(), school, in.ClientID); err == nil {
		return sameSubmission(prev, a, in.PlaceID)
	} else if !apperr.Is(err, apperr.NotFound) {
		return Patrol{}, err
	}
	now := s.Now()
	p := Patrol{SchoolID: school, ClientID: in.ClientID, PlaceID: in.PlaceID, AccountID: a.AccountID, At: now.UTC().Truncate(time.Millisecond), Note: note}
	err = s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		sc, active, err := placeScope(ctx, tx, school, in.PlaceID)
		if err != nil {
			return audit.Record{}, err
		}
		if err := require(a, auth.PermInspect, sc); err != nil {
			return audit.Record{}, err
		}
		if !active {
			return audit.Record{}, apperr.New(apperr.Invalid, "patrol.place_inactive", "该场所已停用，不能记录巡查。")
		}
		loc, err := schoolLocation(ctx, tx, school)
		if err != nil {
			return audit.Record{}, err
		}
		p.Day = DayKey(now, loc)
		// The account's person only when it is a person of this school: a
		// system admin's person (if any) belongs elsewhere.
		if a.PersonID != 0 {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM people WHERE id = $1 AND school_id = $2`, a.PersonID, school).Scan(&n); err != nil {
				return audit.Record{}, err
			}
			if n > 0 {
				p.PersonID = a.PersonID
			}
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO patrols (school_id, client_id, place_id, person_id, account_id, at, day, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			school, p.ClientID, p.PlaceID, nullID(p.PersonID), p.AccountID, p.At.UnixMilli(), p.Day, p.Note).Scan(&p.ID)
		return audit.Record{SchoolID: school, Action: "patrol.record", Entity: "patrol", EntityID: p.ID, After: p}, err
	})
	if sqldb.IsUniqueViolation(err) {
		// Two submissions of one client id raced; the other one won.
		prev, ferr := findByClientID(ctx, s.DB.Read(), school, in.ClientID)
		if ferr != nil {
			return Patrol{}, ferr
		}
		return sameSubmission(prev, a, in.PlaceID)
	}
	if err != nil {
		return Patrol{}, err
	}
	return p, nil
}

// sameSubmission returns the stored record of a repeated client id, unless
// the id was used by someone else or for another place.
func sameSubmission(prev Patrol, a *auth.Actor, placeID int64) (Patrol, error) {
	if prev.AccountID != a.AccountID || prev.PlaceID != placeID {
		return Patrol{}, apperr.New(apperr.Conflict, "patrol.client_id_taken", "该提交编号已被使用，请刷新页面后重试。")
	}
	prev.Repeat = true
	return prev, nil
}

const patrolCols = `pt.id, pt.school_id, pt.client_id, pt.place_id, COALESCE(pt.person_id, 0), pt.account_id, pt.at, pt.day, pt.note, COALESCE(pt.inspection_id, 0),
	pl.name, COALESCE(pe.name, ''), ac.display_name`

const patrolFrom = ` FROM patrols pt JOIN places pl ON pl.id = pt.place_id LEFT JOIN people pe ON pe.id = pt.person_id JOIN accounts ac ON ac.id = pt.account_id`

func scanPatrol(s interface{ Scan(...any) error }) (Patrol, error) {
	var p Patrol
	var at int64
	err := s.Scan(&p.ID, &p.SchoolID, &p.ClientID, &p.PlaceID, &p.PersonID, &p.AccountID, &at, &p.Day, &p.Note, &p.InspectionID, &p.PlaceName, &p.PersonName, &p.AccountName)
	p.At = time.UnixMilli(at).UTC()
	return p, err
}

func findByClientID(ctx context.Context, q sqldb.Querier, school int64, clientID string) (Patrol, error) {
	p, err := scanPatrol(q.QueryRowContext(ctx, `SELECT `+patrolCols+patrolFrom+` WHERE pt.school_id = $1 AND pt.client_id = $2`, school, clientID))
	if errors.Is(err, sql.ErrNoRows) {
		return Patrol{}, apperr.NotFoundf("patrol.not_found", "巡查记录不存在。")
	}
	return p, err
}

// placeScope is the auth scope of a place: its campus, its unit's path and
// every grid (with ancestors) that covers the place or a place above it, so
// a grid member may patrol the rooms of a building in their grid.
func placeScope(ctx context.Context, q sqldb.Querier, school, placeID int64) (auth.Scope, bool, error) {
	sc := auth.SchoolScope(school)
	var unitID int64
	var active bool
	err := q.QueryRowContext(ctx, `SELECT COALESCE(campus_id, 0), COALESCE(unit_id, 0), active FROM places WHERE id = $1 AND school_id = $2`, placeID, school).
		Scan(&sc.CampusID, &unitID, &active)
	if errors.Is(err, sql.ErrNoRows) {
		return sc, false, apperr.NotFoundf("place.not_found", "场所不存在。")
	}
	if err != nil {
		return sc, false, err
	}
	if sc.UnitPath, err = org.UnitPath(ctx, q, school, unitID); err != nil {
		return sc, false, err
	}
	rows, err := q.QueryContext(ctx, `WITH RECURSIVE up(id, parent_id, n) AS (
			SELECT id, parent_id, 0 FROM places WHERE id = $1 AND school_id = $2
			UNION ALL SELECT p.id, p.parent_id, up.n + 1 FROM places p JOIN up ON p.id = up.parent_id WHERE up.n < 64
		), gs(id, parent_id, n) AS (
			SELECT g.id, g.parent_id, 0 FROM grids g JOIN grid_places gp ON gp.grid_id = g.id WHERE gp.school_id = $2 AND gp.place_id IN (SELECT id FROM up)
			UNION ALL SELECT g.id, g.parent_id, gs.n + 1 FROM grids g JOIN gs ON g.id = gs.parent_id WHERE gs.n < 64
		) SELECT DISTINCT id FROM gs ORDER BY id`, placeID, school)
	if err != nil {
		return sc, false, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return sc, false, err
		}
		sc.GridPath = append(sc.GridPath, id)
	}
	return sc, active, rows.Err()
}
