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

// UnitKind is what a unit is in the school (ORG-3).
type UnitKind string

const (
	UnitDepartment UnitKind = "department" // 系部
	UnitOffice     UnitKind = "office"     // 处室
	UnitCampus     UnitKind = "campus"     // 校区
	UnitCenter     UnitKind = "center"     // 中心
	UnitOther      UnitKind = "other"      // 其他
)

// UnitKinds lists the kinds in display order.
var UnitKinds = []UnitKind{UnitDepartment, UnitOffice, UnitCampus, UnitCenter, UnitOther}

// Label is the kind's Chinese name.
func (k UnitKind) Label() string {
	switch k {
	case UnitDepartment:
		return "系部"
	case UnitOffice:
		return "处室"
	case UnitCampus:
		return "校区"
	case UnitCenter:
		return "中心"
	case UnitOther:
		return "其他"
	}
	return string(k)
}

func (k UnitKind) valid() bool {
	for _, x := range UnitKinds {
		if x == k {
			return true
		}
	}
	return false
}

// Unit is a node of the school's unit tree.
type Unit struct {
	ID           int64    `json:"id"`
	SchoolID     int64    `json:"school_id"`
	ParentID     int64    `json:"parent_id"`
	CampusID     int64    `json:"campus_id"`
	Name         string   `json:"name"`
	Kind         UnitKind `json:"kind"`
	Code         string   `json:"code"`
	HeadPersonID int64    `json:"head_person_id"`
	SortOrder    int64    `json:"sort_order"`
	Active       bool     `json:"active"`

	// Read-only, filled by list queries.
	ParentName string `json:"-"`
	CampusName string `json:"-"`
	HeadName   string `json:"-"`
	Depth      int    `json:"-"`
}

const unitCols = `u.id, u.school_id, COALESCE(u.parent_id, 0), COALESCE(u.campus_id, 0), u.name, u.kind, u.code, COALESCE(u.head_person_id, 0), u.sort_order, u.active,
	COALESCE(pu.name, ''), COALESCE(c.name, ''), COALESCE(hp.name, '')`

const unitFrom = ` FROM units u LEFT JOIN units pu ON pu.id = u.parent_id LEFT JOIN campuses c ON c.id = u.campus_id LEFT JOIN people hp ON hp.id = u.head_person_id`

func scanUnit(s interface{ Scan(...any) error }) (Unit, error) {
	var u Unit
	err := s.Scan(&u.ID, &u.SchoolID, &u.ParentID, &u.CampusID, &u.Name, &u.Kind, &u.Code, &u.HeadPersonID, &u.SortOrder, &u.Active, &u.ParentName, &u.CampusName, &u.HeadName)
	return u, err
}

// ListUnits returns the school's units as a tree in depth-first order.
func (s *Service) ListUnits(ctx context.Context, a *auth.Actor, school int64) ([]Unit, error) {
	if err := require(a, auth.PermOrgView, auth.SchoolScope(school)); err != nil {
		return nil, err
	}
	return listUnits(ctx, s.DB.Read(), school)
}

func listUnits(ctx context.Context, q sqldb.Querier, school int64) ([]Unit, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+unitCols+unitFrom+` WHERE u.school_id = $1 ORDER BY u.sort_order, u.id`, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var all []Unit
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return nil, err
		}
		all = append(all, u)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return treeOrder(all, func(u Unit) (int64, int64) { return u.ID, u.ParentID }, func(u *Unit, d int) { u.Depth = d }), nil
}

// treeOrder sorts nodes depth-first (children after their parent, in input
// order) and sets each node's depth. Orphans are treated as roots.
func treeOrder[T any](nodes []T, key func(T) (id, parent int64), setDepth func(*T, int)) []T {
	ids := map[int64]bool{}
	children := map[int64][]int{}
	for i, n := range nodes {
		id, _ := key(n)
		ids[id] = true
		_ = i
	}
	var roots []int
	for i, n := range nodes {
		_, p := key(n)
		if p == 0 || !ids[p] {
			roots = append(roots, i)
		} else {
			children[p] = append(children[p], i)
		}
	}
	out := make([]T, 0, len(nodes))
	seen := make([]bool, len(nodes))
	var walk func(i, d int)
	walk = func(i, d int) {
		if seen[i] {
			return
		}
		seen[i] = true
		n := nodes[i]
		setDepth(&n, d)
		out = append(out, n)
		id, _ := key(nodes[i])
		for _, c := range children[id] {
			walk(c, d+1)
		}
	}
	for _, r := range roots {
		walk(r, 0)
	}
	for i := range nodes { // cycles, which validation prevents, still show up
		walk(i, 0)
	}
	return out
}

// FindUnit returns one unit of the school.
func (s *Service) FindUnit(ctx context.Context, a *auth.Actor, school, id int64) (Unit, error) {
	if err := require(a, auth.PermOrgView, auth.SchoolScope(school)); err != nil {
		return Unit{}, err
	}
	return findUnit(ctx, s.DB.Read(), school, id)
}

func findUnit(ctx context.Context, q sqldb.Querier, school, id int64) (Unit, error) {
	u, err := scanUnit(q.QueryRowContext(ctx, `SELECT `+unitCols+unitFrom+` WHERE u.id = $1 AND u.school_id = $2`, id, school))
	if errors.Is(err, sql.ErrNoRows) {
		return Unit{}, apperr.NotFoundf("unit.not_found", "单位不存在。")
	}
	return u, err
}

// UnitPath returns the unit and its ancestors (for auth.Scope).
func UnitPath(ctx context.Context, q sqldb.Querier, school, id int64) ([]int64, error) {
	if id == 0 {
		return nil, nil
	}
	rows, err := q.QueryContext(ctx, `WITH RECURSIVE up(id, parent_id, n) AS (
			SELECT id, parent_id, 0 FROM units WHERE id = $1 AND school_id = $2
			UNION ALL SELECT u.id, u.parent_id, up.n + 1 FROM units u JOIN up ON u.id = up.parent_id WHERE up.n < 64
		) SELECT id FROM up ORDER BY n`, id, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var x int64
		if err := rows.Scan(&x); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// UnitScope is the auth scope of a unit.
func (s *Service) UnitScope(ctx context.Context, school, unitID int64) (auth.Scope, error) {
	path, err := UnitPath(ctx, s.DB.Read(), school, unitID)
	sc := auth.SchoolScope(school)
	sc.UnitPath = path
	return sc, err
}

func (s *Service) validateUnit(ctx context.Context, q sqldb.Querier, school int64, u *Unit) error {
	var f fieldErrs
	u.Name = f.text("name", "单位名称", u.Name, true, 100)
	u.Code = f.text("code", "单位编码", u.Code, false, 32)
	if !u.Kind.valid() {
		f.add("kind", "请选择单位类别。")
	}
	if err := f.checkRef(ctx, q, "units", "parent_id", "上级单位", school, u.ParentID); err != nil {
		return err
	}
	if err := f.checkRef(ctx, q, "campuses", "campus_id", "校区", school, u.CampusID); err != nil {
		return err
	}
	if err := f.checkRef(ctx, q, "people", "head_person_id", "负责人", school, u.HeadPersonID); err != nil {
		return err
	}
	if u.ID != 0 && u.ParentID != 0 {
		path, err := UnitPath(ctx, q, school, u.ParentID)
		if err != nil {
			return err
		}
		for _, id := range path {
			if id == u.ID {
				f.add("parent_id", "上级单位不能是本单位或其下级单位。")
				break
			}
		}
	}
	if u.Name != "" {
		var n int
		err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM units WHERE school_id = $1 AND name = $2 AND COALESCE(parent_id, 0) = $3 AND id <> $4`,
			school, u.Name, u.ParentID, u.ID).Scan(&n)
		if err != nil {
			return err
		}
		if n > 0 {
			f.add("name", "同一上级下已有同名单位。")
		}
	}
	return f.err("unit.invalid")
}

// SaveUnit creates (ID 0) or updates a unit.
func (s *Service) SaveUnit(ctx context.Context, a *auth.Actor, school int64, in Unit) (Unit, error) {
	if err := require(a, auth.PermOrgManage, auth.SchoolScope(school)); err != nil {
		return Unit{}, err
	}
	in.SchoolID = school
	err := s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		rec := audit.Record{SchoolID: school, Entity: "unit"}
		// Another school's id is not found before anything is said about
		// the submitted form.
		var before Unit
		if in.ID != 0 {
			var err error
			if before, err = findUnit(ctx, tx, school, in.ID); err != nil {
				return rec, err
			}
		}
		if err := s.validateUnit(ctx, tx, school, &in); err != nil {
			return rec, err
		}
		var err error
		if in.ID == 0 {
			in.Active = true
			err = tx.QueryRowContext(ctx, `INSERT INTO units (school_id, parent_id, campus_id, name, kind, code, head_person_id, sort_order) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
				school, nullID(in.ParentID), nullID(in.CampusID), in.Name, in.Kind, in.Code, nullID(in.HeadPersonID), in.SortOrder).Scan(&in.ID)
			rec.Action = "unit.create"
		} else {
			in.Active = before.Active
			rec.Before, rec.Action = before, "unit.update"
			_, err = tx.ExecContext(ctx, `UPDATE units SET parent_id = $3, campus_id = $4, name = $5, kind = $6, code = $7, head_person_id = $8, sort_order = $9 WHERE id = $1 AND school_id = $2`,
				in.ID, school, nullID(in.ParentID), nullID(in.CampusID), in.Name, in.Kind, in.Code, nullID(in.HeadPersonID), in.SortOrder)
			if err != nil {
				return rec, err
			}
		}
		rec.EntityID, rec.After = in.ID, in
		return rec, err
	})
	return in, err
}

// SetUnitActive deactivates or reactivates a unit. A unit with active
// children cannot be deactivated: its children would lose their parent.
func (s *Service) SetUnitActive(ctx context.Context, a *auth.Actor, school, id int64, active bool) error {
	if err := require(a, auth.PermOrgManage, auth.SchoolScope(school)); err != nil {
		return err
	}
	return s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		before, err := findUnit(ctx, tx, school, id)
		if err != nil {
			return audit.Record{}, err
		}
		if !active {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM units WHERE parent_id = $1 AND active`, id).Scan(&n); err != nil {
				return audit.Record{}, err
			}
			if n > 0 {
				return audit.Record{}, apperr.Invalidf("unit.has_children", "“%s”还有 %d 个启用的下级单位，请先停用或调整它们。", before.Name, n)
			}
		}
		after := before
		after.Active = active
		_, err = tx.ExecContext(ctx, `UPDATE units SET active = $3 WHERE id = $1 AND school_id = $2`, id, school, active)
		return audit.Record{SchoolID: school, Action: "unit.set_active", Entity: "unit", EntityID: id, Before: before, After: after}, err
	})
}
