package patrol

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/sqldb"
)

// Service is the patrol service.
type Service struct {
	DB  *sqldb.DB
	Now func() time.Time
}

// NewService returns a patrol service.
func NewService(db *sqldb.DB, now func() time.Time) *Service { return &Service{DB: db, Now: now} }

// write runs fn in a transaction and appends the audit record it returns;
// a zero Action means fn changed nothing and there is nothing to audit.
func (s *Service) write(ctx context.Context, a *auth.Actor, fn func(tx *sqldb.Tx) (audit.Record, error)) error {
	now := s.Now()
	return s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		rec, err := fn(tx)
		if err != nil || rec.Action == "" {
			return err
		}
		rec.ActorID = a.AccountID
		_, err = audit.Append(ctx, tx, now, rec)
		return err
	})
}

func require(a *auth.Actor, p auth.Permission, s auth.Scope) error {
	if !auth.Can(a, p, s) {
		return apperr.ForbiddenErr(string(p))
	}
	return nil
}

// holds reports whether the actor has p anywhere in school. Coverage and
// the patrol list are read school-wide by anyone who holds the permission
// at all (a unit head's ledger grant is unit-scoped, but grids cut across
// units, so a unit scope cannot narrow a grid matrix meaningfully).
func holds(a *auth.Actor, p auth.Permission, school int64) bool {
	if a == nil {
		return false
	}
	if auth.Can(a, p, auth.SchoolScope(school)) {
		return true
	}
	for _, g := range a.Grants {
		if g.SchoolID == school && auth.RoleHas(g.Role, p) {
			return true
		}
	}
	return false
}

// schoolLocation is the time zone patrol days are counted in.
func schoolLocation(ctx context.Context, q sqldb.Querier, school int64) (*time.Location, error) {
	var tz string
	if err := q.QueryRowContext(ctx, `SELECT timezone FROM schools WHERE id = $1`, school).Scan(&tz); err != nil {
		return nil, err
	}
	return org.School{Timezone: tz}.Location(), nil
}

// DayKey is the calendar day of t in loc, as stored in patrols.day.
func DayKey(t time.Time, loc *time.Location) string { return t.In(loc).Format(dayLayout) }

const dayLayout = "2006-01-02"

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// cleanText trims v and refuses it when longer than max characters.
func cleanText(field, label, v string, max int) (string, error) {
	v = strings.TrimSpace(v)
	if utf8.RuneCountInString(v) > max {
		return "", apperr.Fields("patrol.invalid", []apperr.FieldError{{Field: field, Message: label + "过长。"}})
	}
	return v, nil
}

// MayPatrol reports whether the actor may record patrols somewhere in the
// school (the place decides the rest), for showing the record button.
func MayPatrol(a *auth.Actor, school int64) bool { return holds(a, auth.PermInspect, school) }

// MayViewCoverage reports whether the coverage matrix opens for the actor.
func MayViewCoverage(a *auth.Actor, school int64) bool { return holds(a, auth.PermLedgerView, school) }
