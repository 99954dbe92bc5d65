package inspection

import (
	"context"
	"database/sql"
	"errors"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// placeInfo is what an inspection needs to know about its place.
type placeInfo struct {
	ID       int64
	CampusID int64
	UnitID   int64
	Type     string
	Name     string
	Active   bool
}

// loadPlace returns a place of the school; another school's is not found.
func loadPlace(ctx context.Context, q sqldb.Querier, school, id int64) (placeInfo, error) {
	p := placeInfo{ID: id}
	err := q.QueryRowContext(ctx, `SELECT COALESCE(campus_id, 0), COALESCE(unit_id, 0), place_type, name, active FROM places WHERE id = $1 AND school_id = $2`,
		id, school).Scan(&p.CampusID, &p.UnitID, &p.Type, &p.Name, &p.Active)
	if errors.Is(err, sql.ErrNoRows) {
		return p, apperr.NotFoundf("place.not_found", "场所不存在。")
	}
	return p, err
}

// ids runs a query returning one id column.
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

// unitPath is the unit and its ancestors, nearest first.
func unitPath(ctx context.Context, q sqldb.Querier, school, unitID int64) ([]int64, error) {
	if unitID == 0 {
		return nil, nil
	}
	return ids(ctx, q, `WITH RECURSIVE up(id, parent_id, n) AS (
			SELECT id, parent_id, 0 FROM units WHERE id = $1 AND school_id = $2
			UNION ALL SELECT u.id, u.parent_id, up.n + 1 FROM units u JOIN up ON u.id = up.parent_id WHERE up.n < 64
		) SELECT id FROM up ORDER BY n`, unitID, school)
}

// placeGrids is every grid holding the place or one of its enclosing places,
// with the grids' ancestors: a grid member's grant reaches them all.
func placeGrids(ctx context.Context, q sqldb.Querier, school, placeID int64) ([]int64, error) {
	if placeID == 0 {
		return nil, nil
	}
	return ids(ctx, q, `WITH RECURSIVE pl(id, parent_id, n) AS (
			SELECT id, parent_id, 0 FROM places WHERE id = $1 AND school_id = $2
			UNION ALL SELECT p.id, p.parent_id, pl.n + 1 FROM places p JOIN pl ON p.id = pl.parent_id WHERE pl.n < 64
		), g(id, parent_id, n) AS (
			SELECT gr.id, gr.parent_id, 0 FROM grids gr JOIN grid_places gp ON gp.grid_id = gr.id
			WHERE gp.school_id = $2 AND gp.place_id IN (SELECT id FROM pl)
			UNION ALL SELECT gr.id, gr.parent_id, g.n + 1 FROM grids gr JOIN g ON gr.id = g.parent_id WHERE g.n < 64
		) SELECT DISTINCT id FROM g ORDER BY id`, placeID, school)
}

// scopeOf is where an inspection of place (or, without one, of unit) sits
// in the organisation: permissions are checked against it.
func scopeOf(ctx context.Context, q sqldb.Querier, school int64, place placeInfo, unitID int64) (auth.Scope, error) {
	s := auth.Scope{SchoolID: school, CampusID: place.CampusID}
	var err error
	if s.UnitPath, err = unitPath(ctx, q, school, unitID); err != nil {
		return s, err
	}
	if place.UnitID != 0 && place.UnitID != unitID {
		more, err := unitPath(ctx, q, school, place.UnitID)
		if err != nil {
			return s, err
		}
		s.UnitPath = append(s.UnitPath, more...)
	}
	s.GridPath, err = placeGrids(ctx, q, school, place.ID)
	return s, err
}
