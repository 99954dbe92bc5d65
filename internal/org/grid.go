package org

import (
	"context"
	"database/sql"
	"errors"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// Grid is one cell of the school's grid management network (网格, RUL-2):
// a leader (网格长), members (网格员) and the places it covers. Grids nest.
type Grid struct {
	ID             int64  `json:"id"`
	SchoolID       int64  `json:"school_id"`
	ParentID       int64  `json:"parent_id"`
	Name           string `json:"name"`
	LeaderPersonID int64  `json:"leader_person_id"`
	Description    string `json:"description"`
	Active         bool   `json:"active"`

	// Read-only, filled by queries. Members and places are audited by their
	// own actions, so they stay out of the grid's audit record.
	ParentName  string       `json:"-"`
	LeaderName  string       `json:"-"`
	MemberCount int          `json:"-"`
	PlaceCount  int          `json:"-"`
	Depth       int          `json:"-"`
	Members     []GridMember `json:"-"`
	Places      []Place      `json:"-"`
}

// GridMember is a person in a grid, with what an org viewer may see.
type GridMember struct {
	PersonID int64
	Name     string
	UnitName string
	Post     string
	Active   bool
}

const gridCols = `g.id, g.school_id, COALESCE(g.parent_id, 0), g.name, COALESCE(g.leader_person_id, 0), g.description, g.active,
	COALESCE(pg.name, ''), COALESCE(lp.name, ''),
	(SELECT COUNT(*) FROM grid_members gm WHERE gm.grid_id = g.id),
	(SELECT COUNT(*) FROM grid_places gp WHERE gp.grid_id = g.id)`

const gridFrom = ` FROM grids g LEFT JOIN grids pg ON pg.id = g.parent_id LEFT JOIN people lp ON lp.id = g.leader_person_id`

func scanGrid(s interface{ Scan(...any) error }) (Grid, error) {
	var g Grid
	err := s.Scan(&g.ID, &g.SchoolID, &g.ParentID, &g.Name, &g.LeaderPersonID, &g.Description, &g.Active, &g.ParentName, &g.LeaderName, &g.MemberCount, &g.PlaceCount)
	return g, err
}

// ListGrids returns the school's grids as a tree in depth-first order.
func (s *Service) ListGrids(ctx context.Context, a *auth.Actor, school int64) ([]Grid, error) {
	if err := require(a, auth.PermOrgView, auth.SchoolScope(school)); err != nil {
		return nil, err
	}
	return listGrids(ctx, s.DB.Read(), school)
}

func listGrids(ctx context.Context, q sqldb.Querier, school int64) ([]Grid, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+gridCols+gridFrom+` WHERE g.school_id = $1 ORDER BY g.id`, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var all []Grid
	for rows.Next() {
		g, err := scanGrid(rows)
		if err != nil {
			return nil, err
		}
		all = append(all, g)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return treeOrder(all, func(g Grid) (int64, int64) { return g.ID, g.ParentID }, func(g *Grid, d int) { g.Depth = d }), nil
}

// FindGrid returns one grid of the school with its members and places.
func (s *Service) FindGrid(ctx context.Context, a *auth.Actor, school, id int64) (Grid, error) {
	if err := require(a, auth.PermOrgView, auth.SchoolScope(school)); err != nil {
		return Grid{}, err
	}
	q := s.DB.Read()
	g, err := findGrid(ctx, q, school, id)
	if err != nil {
		return Grid{}, err
	}
	ms, err := gridMembers(ctx, q, school, id)
	if err != nil {
		return Grid{}, err
	}
	for _, m := range ms {
		g.Members = append(g.Members, m.GridMember)
	}
	ps, err := gridPlaces(ctx, q, school, id)
	if err != nil {
		return Grid{}, err
	}
	for _, p := range ps {
		g.Places = append(g.Places, p.Place)
	}
	return g, nil
}

func findGrid(ctx context.Context, q sqldb.Querier, school, id int64) (Grid, error) {
	g, err := scanGrid(q.QueryRowContext(ctx, `SELECT `+gridCols+gridFrom+` WHERE g.id = $1 AND g.school_id = $2`, id, school))
	if errors.Is(err, sql.ErrNoRows) {
		return Grid{}, apperr.NotFoundf("grid.not_found", "网格不存在。")
	}
	return g, err
}

// GridPath returns the grid and its ancestors, nearest first (for
// auth.Scope.GridPath).
func GridPath(ctx context.Context, q sqldb.Querier, school, id int64) ([]int64, error) {
	return ancestors(ctx, q, "grids", school, id)
}

func validateGrid(ctx context.Context, q sqldb.Querier, school int64, g *Grid) error {
	var f fieldErrs
	g.Name = f.text("name", "网格名称", g.Name, true, 100)
	g.Description = f.text("description", "网格说明", g.Description, false, 500)
	if err := f.checkRef(ctx, q, "grids", "parent_id", "上级网格", school, g.ParentID); err != nil {
		return err
	}
	if err := f.checkRef(ctx, q, "people", "leader_person_id", "网格长", school, g.LeaderPersonID); err != nil {
		return err
	}
	if g.ID != 0 && g.ParentID != 0 {
		path, err := GridPath(ctx, q, school, g.ParentID)
		if err != nil {
			return err
		}
		for _, id := range path {
			if id == g.ID {
				f.add("parent_id", "上级网格不能是本网格或其下级网格。")
				break
			}
		}
	}
	if g.Name != "" {
		var n int
		err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM grids WHERE school_id = $1 AND name = $2 AND id <> $3`, school, g.Name, g.ID).Scan(&n)
		if err != nil {
			return err
		}
		if n > 0 {
			f.add("name", "已有同名网格。")
		}
	}
	return f.err("grid.invalid")
}

// SaveGrid creates (ID 0) or updates a grid's own fields; members and
// places are set with SetGridMembers and SetGridPlaces.
func (s *Service) SaveGrid(ctx context.Context, a *auth.Actor, school int64, in Grid) (Grid, error) {
	if err := require(a, auth.PermOrgManage, auth.SchoolScope(school)); err != nil {
		return Grid{}, err
	}
	in.SchoolID = school
	err := s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		rec := audit.Record{SchoolID: school, Entity: "grid"}
		var before Grid
		if in.ID != 0 {
			var err error
			if before, err = findGrid(ctx, tx, school, in.ID); err != nil {
				return rec, err
			}
		}
		if err := validateGrid(ctx, tx, school, &in); err != nil {
			return rec, err
		}
		var err error
		if in.ID == 0 {
			in.Active = true
			err = tx.QueryRowContext(ctx, `INSERT INTO grids (school_id, parent_id, name, leader_person_id, description) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
				school, nullID(in.ParentID), in.Name, nullID(in.LeaderPersonID), in.Description).Scan(&in.ID)
			rec.Action = "grid.create"
		} else {
			in.Active = before.Active
			rec.Before, rec.Action = before, "grid.update"
			_, err = tx.ExecContext(ctx, `UPDATE grids SET parent_id = $3, name = $4, leader_person_id = $5, description = $6 WHERE id = $1 AND school_id = $2`,
				in.ID, school, nullID(in.ParentID), in.Name, nullID(in.LeaderPersonID), in.Description)
		}
		rec.EntityID, rec.After = in.ID, in
		return rec, err
	})
	if err != nil {
		return in, err
	}
	return findGrid(ctx, s.DB.Read(), school, in.ID)
}

// SetGridActive deactivates or reactivates a grid. A grid with active
// sub-grids cannot be deactivated: the network diagram would lose them.
func (s *Service) SetGridActive(ctx context.Context, a *auth.Actor, school, id int64, active bool) error {
	if err := require(a, auth.PermOrgManage, auth.SchoolScope(school)); err != nil {
		return err
	}
	return s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		before, err := findGrid(ctx, tx, school, id)
		if err != nil {
			return audit.Record{}, err
		}
		if !active {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM grids WHERE parent_id = $1 AND active`, id).Scan(&n); err != nil {
				return audit.Record{}, err
			}
			if n > 0 {
				return audit.Record{}, apperr.Invalidf("grid.has_children", "“%s”还有 %d 个启用的下级网格，请先停用或调整它们。", before.Name, n)
			}
		}
		after := before
		after.Active = active
		_, err = tx.ExecContext(ctx, `UPDATE grids SET active = $3 WHERE id = $1 AND school_id = $2`, id, school, active)
		return audit.Record{SchoolID: school, Action: "grid.set_active", Entity: "grid", EntityID: id, Before: before, After: after}, err
	})
}
