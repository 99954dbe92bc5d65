package hazard

import (
	"context"

	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// Scope is where the hazard sits in the organisation, given the owning
// unit's path (the unit and its ancestors, plus the place's unit when it
// differs) and the grids covering its place.
func (h *Hazard) Scope(unitPath, gridPath []int64) auth.Scope {
	return auth.Scope{SchoolID: h.SchoolID, CampusID: h.CampusID, UnitPath: unitPath, GridPath: gridPath}
}

// ScopeOf loads the hazard's scope: its owning unit and the place's unit
// with their ancestors, and every grid reaching its place.
func ScopeOf(ctx context.Context, q sqldb.Querier, h *Hazard) (auth.Scope, error) {
	units, err := ids(ctx, q, `WITH RECURSIVE up(id, parent_id, n) AS (
			SELECT id, parent_id, 0 FROM units WHERE school_id = $1 AND id IN ($2, (SELECT unit_id FROM places WHERE id = $3))
			UNION ALL SELECT u.id, u.parent_id, up.n + 1 FROM units u JOIN up ON u.id = up.parent_id WHERE up.n < 64
		) SELECT DISTINCT id FROM up`, h.SchoolID, h.UnitID, h.PlaceID)
	if err != nil {
		return auth.Scope{}, err
	}
	grids, err := ids(ctx, q, `WITH RECURSIVE pl(id, parent_id, n) AS (
			SELECT id, parent_id, 0 FROM places WHERE id = $1 AND school_id = $2
			UNION ALL SELECT p.id, p.parent_id, pl.n + 1 FROM places p JOIN pl ON p.id = pl.parent_id WHERE pl.n < 64
		), g(id, parent_id, n) AS (
			SELECT gr.id, gr.parent_id, 0 FROM grids gr JOIN grid_places gp ON gp.grid_id = gr.id
			WHERE gp.school_id = $2 AND gp.place_id IN (SELECT id FROM pl)
			UNION ALL SELECT gr.id, gr.parent_id, g.n + 1 FROM grids gr JOIN g ON gr.id = g.parent_id WHERE g.n < 64
		) SELECT DISTINCT id FROM g`, h.PlaceID, h.SchoolID)
	if err != nil {
		return auth.Scope{}, err
	}
	return h.Scope(units, grids), nil
}

// ownerUnitPath is the owning unit and its ancestors: a unit head's steps
// reach the unit they head and every unit below it.
func ownerUnitPath(ctx context.Context, q sqldb.Querier, h *Hazard) ([]int64, error) {
	if h.UnitID == 0 {
		return nil, nil
	}
	return ids(ctx, q, `WITH RECURSIVE up(id, parent_id, n) AS (
			SELECT id, parent_id, 0 FROM units WHERE id = $1 AND school_id = $2
			UNION ALL SELECT u.id, u.parent_id, up.n + 1 FROM units u JOIN up ON u.id = up.parent_id WHERE up.n < 64
		) SELECT id FROM up`, h.UnitID, h.SchoolID)
}

// Relations is how a stands to h (see Relation). The workflow table is
// written in these, so a role matters only through them.
func (s *Service) Relations(ctx context.Context, q sqldb.Querier, a *auth.Actor, h *Hazard) (map[Relation]bool, error) {
	rels := map[Relation]bool{}
	if a == nil {
		return rels, nil
	}
	rels[RelOffice] = auth.Can(a, auth.PermHazardManage, auth.SchoolScope(h.SchoolID))
	path, err := ownerUnitPath(ctx, q, h)
	if err != nil {
		return nil, err
	}
	rels[RelUnitHead] = auth.Can(a, auth.PermHazardRectify, auth.Scope{SchoolID: h.SchoolID, UnitPath: path})
	if a.PersonID != 0 {
		rels[RelResponsible] = a.PersonID == h.ResponsibleID
		rels[RelAcceptor] = a.PersonID == h.AcceptorID
		var n int
		if !rels[RelUnitHead] && h.UnitID != 0 {
			if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM units WHERE id = $1 AND school_id = $2 AND head_person_id = $3`,
				h.UnitID, h.SchoolID, a.PersonID).Scan(&n); err != nil {
				return nil, err
			}
			rels[RelUnitHead] = n > 0
		}
		if rels[RelLeadingTeam], err = inLeadingGroup(ctx, q, h.SchoolID, a.PersonID); err != nil {
			return nil, err
		}
	}
	if h.AcceptorID == 0 {
		rels[RelAcceptor] = rels[RelOffice]
	}
	for k, v := range rels {
		if !v {
			delete(rels, k)
		}
	}
	return rels, nil
}

// inLeadingGroup reports whether person sits in an active leading group of
// the school.
func inLeadingGroup(ctx context.Context, q sqldb.Querier, school, person int64) (bool, error) {
	if person == 0 {
		return false, nil
	}
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM leading_group_members m JOIN leading_groups g ON g.id = m.group_id
		WHERE m.school_id = $1 AND m.person_id = $2 AND g.active`, school, person).Scan(&n)
	return n > 0, err
}

// canSee decides whether a may read h: whoever holds hazard.view where it
// sits, and everyone named on it (reporter, responsible, acceptor,
// supervisor) or standing in a relation to it.
func (s *Service) canSee(ctx context.Context, q sqldb.Querier, a *auth.Actor, h *Hazard) (bool, error) {
	if a == nil || a.AccountID == 0 && !a.IsSystemAdmin() {
		return false, nil
	}
	if a.AccountID != 0 && a.AccountID == h.FoundByAccountID {
		return true, nil
	}
	if p := a.PersonID; p != 0 && (p == h.FoundByPersonID || p == h.ResponsibleID || p == h.AcceptorID || p == h.SupervisorID) {
		return true, nil
	}
	if auth.Can(a, auth.PermHazardView, auth.SchoolScope(h.SchoolID)) {
		return true, nil // the common case for the office and leaders: no queries
	}
	if !auth.CanSomewhere(a, auth.PermHazardView, h.SchoolID) && !auth.CanSomewhere(a, auth.PermHazardRectify, h.SchoolID) {
		return false, nil
	}
	sc, err := ScopeOf(ctx, q, h)
	if err != nil {
		return false, err
	}
	if auth.Can(a, auth.PermHazardView, sc) {
		return true, nil
	}
	rels, err := s.Relations(ctx, q, a, h)
	return rels[RelUnitHead] || rels[RelOffice], err
}

// visibleHazard loads hazard id when a may see it; otherwise not found.
func (s *Service) visibleHazard(ctx context.Context, q sqldb.Querier, a *auth.Actor, school, id int64) (*Hazard, error) {
	h, err := load(ctx, q, school, id, "")
	if err != nil {
		return nil, err
	}
	ok, err := s.canSee(ctx, q, a, h)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, notFound()
	}
	return h, nil
}

// Get returns hazard id of school when a may see it. Another school's
// hazard, or one out of the actor's reach, is not found.
func (s *Service) Get(ctx context.Context, a *auth.Actor, school, id int64) (*Hazard, error) {
	return s.visibleHazard(ctx, s.DB.Read(), a, school, id)
}

func ids(ctx context.Context, q sqldb.Querier, query string, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
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
