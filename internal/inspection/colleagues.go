package inspection

import (
	"context"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
)

// Colleague is a person who can be named as a co-inspector.
type Colleague struct {
	ID       int64
	Name     string
	UnitName string
}

// Colleagues lists the school's active people by name and unit, for the
// co-inspector choice of anyone who may inspect: only what the choice
// needs (no phone numbers, which need PermPeopleView).
func (s *Service) Colleagues(ctx context.Context, a *auth.Actor, school int64) ([]Colleague, error) {
	if !canInspectIn(a, school) {
		return nil, apperr.ForbiddenErr(string(auth.PermInspect))
	}
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT p.id, p.name, COALESCE(u.name, '') FROM people p LEFT JOIN units u ON u.id = p.unit_id
		WHERE p.school_id = $1 AND p.active ORDER BY u.sort_order, u.id, p.name, p.id`, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Colleague
	for rows.Next() {
		var c Colleague
		if err := rows.Scan(&c.ID, &c.Name, &c.UnitName); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CanInspectIn reports whether a may do inspections somewhere in school
// (templates use it to offer the inspection form).
func CanInspectIn(a *auth.Actor, school int64) bool { return a != nil && canInspectIn(a, school) }
