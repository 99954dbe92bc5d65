package ledger

import (
	"context"

	"safecampus/internal/auth"
)

// Inspectors lists the people of school who can record inspections (they
// hold an active account), for the ledger's inspector filter. It is not
// every person of the school: a select of thousands of staff would cost
// each ledger page more than its query. Actors who see only their own
// inspections get none.
func (s *Service) Inspectors(ctx context.Context, a *auth.Actor, school int64) ([]Person, error) {
	if !SeesOthers(a, school) {
		return nil, nil
	}
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT DISTINCT p.id, p.name FROM people p JOIN accounts ac ON ac.person_id = p.id
		WHERE p.school_id = $1 AND p.active AND NOT ac.disabled ORDER BY p.name, p.id`, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Person
	for rows.Next() {
		var p Person
		if err := rows.Scan(&p.ID, &p.Name); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
