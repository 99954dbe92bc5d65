package org

import (
	"context"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
)

// AuthoritySummary is an authority with the names of the schools it
// oversees, for the system admin's list.
type AuthoritySummary struct {
	Authority
	SchoolNames []string
}

// ListAuthorities lists every supervising authority with its schools
// (system admin only: authorities sit above schools, so no school role may
// see who else a body oversees).
func (s *Service) ListAuthorities(ctx context.Context, a *auth.Actor) ([]AuthoritySummary, error) {
	if !a.IsSystemAdmin() {
		return nil, apperr.ForbiddenErr(string(auth.PermSchoolManage))
	}
	// One query with a LEFT JOIN: an authority without schools still shows.
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT a.id, a.name, COALESCE(sc.id, 0), COALESCE(sc.name, '')
		FROM authorities a
		LEFT JOIN authority_schools x ON x.authority_id = a.id
		LEFT JOIN schools sc ON sc.id = x.school_id
		ORDER BY a.id, sc.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AuthoritySummary
	for rows.Next() {
		var id, schoolID int64
		var name, schoolName string
		if err := rows.Scan(&id, &name, &schoolID, &schoolName); err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].ID != id {
			out = append(out, AuthoritySummary{Authority: Authority{ID: id, Name: name}})
		}
		if schoolID != 0 {
			last := &out[len(out)-1]
			last.SchoolIDs = append(last.SchoolIDs, schoolID)
			last.SchoolNames = append(last.SchoolNames, schoolName)
		}
	}
	return out, rows.Err()
}
