package org

import (
	"context"
	"sort"

	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// SetGridMembers replaces the grid's members (网格员) with personIDs.
func (s *Service) SetGridMembers(ctx context.Context, a *auth.Actor, school, gridID int64, personIDs []int64) error {
	return s.setGridSet(ctx, a, school, gridID, personIDs, gridSet{
		table: "grid_members", column: "person_id", refTable: "people",
		field: "person_ids", label: "人员", action: "grid.set_members",
	})
}

// SetGridPlaces replaces the places the grid covers with placeIDs.
func (s *Service) SetGridPlaces(ctx context.Context, a *auth.Actor, school, gridID int64, placeIDs []int64) error {
	return s.setGridSet(ctx, a, school, gridID, placeIDs, gridSet{
		table: "grid_places", column: "place_id", refTable: "places",
		field: "place_ids", label: "场所", action: "grid.set_places",
	})
}

// gridSet describes one of a grid's id sets. The names are constants of
// this file, never request input.
type gridSet struct {
	table, column, refTable string
	field, label, action    string
}

func (s *Service) setGridSet(ctx context.Context, a *auth.Actor, school, gridID int64, ids []int64, gs gridSet) error {
	if err := require(a, auth.PermOrgManage, auth.SchoolScope(school)); err != nil {
		return err
	}
	ids = uniqueSorted(ids)
	return s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		rec := audit.Record{SchoolID: school, Action: gs.action, Entity: "grid", EntityID: gridID}
		if _, err := findGrid(ctx, tx, school, gridID); err != nil {
			return rec, err
		}
		var f fieldErrs
		for _, id := range ids {
			ok := false
			if id > 0 {
				var err error
				if ok, err = exists(ctx, tx, gs.refTable, school, id); err != nil {
					return rec, err
				}
			}
			if !ok {
				f.add(gs.field, gs.label+"不存在或不属于本校。")
				break
			}
		}
		if err := f.err("grid.invalid"); err != nil {
			return rec, err
		}
		before, err := idColumn(ctx, tx, `SELECT `+gs.column+` FROM `+gs.table+` WHERE grid_id = $1 AND school_id = $2 ORDER BY `+gs.column, gridID, school)
		if err != nil {
			return rec, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+gs.table+` WHERE grid_id = $1 AND school_id = $2`, gridID, school); err != nil {
			return rec, err
		}
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `INSERT INTO `+gs.table+` (school_id, grid_id, `+gs.column+`) VALUES ($1, $2, $3)`, school, gridID, id); err != nil {
				return rec, err
			}
		}
		rec.Before = map[string][]int64{gs.field: before}
		rec.After = map[string][]int64{gs.field: ids}
		return rec, nil
	})
}

// uniqueSorted returns the distinct ids in ascending order, never nil (so
// the audit record shows [] rather than null).
func uniqueSorted(ids []int64) []int64 {
	out := make([]int64, 0, len(ids))
	seen := map[int64]bool{}
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func idColumn(ctx context.Context, q sqldb.Querier, query string, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// gridMemberRow is a member with the grid it belongs to.
type gridMemberRow struct {
	GridID int64
	GridMember
}

// gridMembers lists the members of one grid, or of every grid of the
// school when gridID is 0.
func gridMembers(ctx context.Context, q sqldb.Querier, school, gridID int64) ([]gridMemberRow, error) {
	query := `SELECT gm.grid_id, p.id, p.name, COALESCE(u.name, ''), p.post, p.active
		FROM grid_members gm JOIN people p ON p.id = gm.person_id LEFT JOIN units u ON u.id = p.unit_id WHERE gm.school_id = $1`
	args := []any{school}
	if gridID != 0 {
		query += ` AND gm.grid_id = $2`
		args = append(args, gridID)
	}
	rows, err := q.QueryContext(ctx, query+` ORDER BY gm.grid_id, COALESCE(p.unit_id, 0), p.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []gridMemberRow
	for rows.Next() {
		var m gridMemberRow
		if err := rows.Scan(&m.GridID, &m.PersonID, &m.Name, &m.UnitName, &m.Post, &m.Active); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// gridPlaceRow is a covered place with the grid that covers it.
type gridPlaceRow struct {
	GridID int64
	Place
}

// gridPlaces lists the places of one grid, or of every grid of the school
// when gridID is 0.
func gridPlaces(ctx context.Context, q sqldb.Querier, school, gridID int64) ([]gridPlaceRow, error) {
	query := `SELECT gp.grid_id, ` + placeCols + placeFrom + ` JOIN grid_places gp ON gp.place_id = p.id WHERE gp.school_id = $1`
	args := []any{school}
	if gridID != 0 {
		query += ` AND gp.grid_id = $2`
		args = append(args, gridID)
	}
	rows, err := q.QueryContext(ctx, query+` ORDER BY gp.grid_id, p.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []gridPlaceRow
	for rows.Next() {
		var r gridPlaceRow
		p, err := scanPlace(prefixScanner{rows, &r.GridID})
		if err != nil {
			return nil, err
		}
		r.Place = p
		out = append(out, r)
	}
	return out, rows.Err()
}

// prefixScanner scans one leading column before the ones a scan function knows.
type prefixScanner struct {
	s     interface{ Scan(...any) error }
	first any
}

func (p prefixScanner) Scan(dest ...any) error {
	return p.s.Scan(append([]any{p.first}, dest...)...)
}

// GridNode is a grid in the network diagram with its sub-grids.
type GridNode struct {
	Grid
	Children []*GridNode
}

// GridDiagram returns the school's active grids as a tree, each with its
// leader, active members and active places: the grid network diagram
// (网格化管理网络图, RUL-2).
func (s *Service) GridDiagram(ctx context.Context, a *auth.Actor, school int64) ([]*GridNode, error) {
	if err := require(a, auth.PermOrgView, auth.SchoolScope(school)); err != nil {
		return nil, err
	}
	q := s.DB.Read()
	grids, err := listGrids(ctx, q, school)
	if err != nil {
		return nil, err
	}
	members, err := gridMembers(ctx, q, school, 0)
	if err != nil {
		return nil, err
	}
	places, err := gridPlaces(ctx, q, school, 0)
	if err != nil {
		return nil, err
	}
	nodes := map[int64]*GridNode{}
	var order []*GridNode
	for _, g := range grids {
		if g.Active {
			n := &GridNode{Grid: g}
			nodes[g.ID] = n
			order = append(order, n)
		}
	}
	for _, m := range members {
		if n := nodes[m.GridID]; n != nil && m.Active {
			n.Members = append(n.Members, m.GridMember)
		}
	}
	for _, p := range places {
		if n := nodes[p.GridID]; n != nil && p.Active {
			n.Places = append(n.Places, p.Place)
		}
	}
	// grids is in tree order, so every child comes after its parent and
	// siblings keep their order. Attaching only one level down keeps a
	// cycle (which validation prevents) from nesting a box in itself.
	var roots []*GridNode
	for _, n := range order {
		if p := nodes[n.ParentID]; p != nil && p.Depth == n.Depth-1 {
			p.Children = append(p.Children, n)
		} else {
			roots = append(roots, n)
		}
	}
	return roots, nil
}
