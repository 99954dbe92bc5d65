package org

import (
	"context"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

func (s *Service) validatePlace(ctx context.Context, q sqldb.Querier, school int64, p *Place) error {
	var f fieldErrs
	p.Name = f.text("name", "场所名称", p.Name, true, 100)
	p.Code = f.text("code", "场所编码", p.Code, false, 32)
	if !p.Level.valid() {
		f.add("level", "请选择场所层级。")
	}
	if !p.Type.valid() {
		f.add("place_type", "请选择场所类型。")
	}
	if err := f.checkRef(ctx, q, "campuses", "campus_id", "校区", school, p.CampusID); err != nil {
		return err
	}
	if err := f.checkRef(ctx, q, "units", "unit_id", "所属单位", school, p.UnitID); err != nil {
		return err
	}
	if err := f.checkRef(ctx, q, "people", "responsible_person_id", "区域安全责任人", school, p.ResponsiblePersonID); err != nil {
		return err
	}
	if err := s.validatePlaceParent(ctx, q, school, p, &f); err != nil {
		return err
	}
	if p.ID != 0 && p.Level.valid() {
		if err := validatePlaceChildren(ctx, q, p, &f); err != nil {
			return err
		}
	}
	if p.Name != "" {
		// Roots are unique per campus, so both campuses may have a "1号楼".
		var n int
		err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM places WHERE school_id = $1 AND name = $2 AND COALESCE(parent_id, 0) = $3 AND COALESCE(campus_id, 0) = $4 AND id <> $5`,
			school, p.Name, p.ParentID, p.CampusID, p.ID).Scan(&n)
		if err != nil {
			return err
		}
		if n > 0 {
			f.add("name", "同一上级下已有同名场所。")
		}
	}
	return f.err("place.invalid")
}

// validatePlaceParent checks the parent's school, level and campus and that
// it is not the place itself or one of its descendants.
func (s *Service) validatePlaceParent(ctx context.Context, q sqldb.Querier, school int64, p *Place, f *fieldErrs) error {
	var parentLevel PlaceLevel
	if p.ParentID != 0 {
		parent, err := findPlace(ctx, q, school, p.ParentID)
		if apperr.Is(err, apperr.NotFound) {
			f.add("parent_id", "上级场所不存在或不属于本校。")
			return nil
		}
		if err != nil {
			return err
		}
		parentLevel = parent.Level
		// A child without a campus takes its parent's; a different one is a mistake.
		if p.CampusID == 0 {
			p.CampusID = parent.CampusID
		} else if parent.CampusID != 0 && parent.CampusID != p.CampusID {
			f.add("campus_id", "场所必须与上级场所在同一校区。")
		}
		if p.ID != 0 {
			path, err := placePath(ctx, q, school, p.ParentID)
			if err != nil {
				return err
			}
			for _, id := range path {
				if id == p.ID {
					f.add("parent_id", "上级场所不能是本场所或其下级场所。")
					return nil
				}
			}
		}
	}
	if p.Level.valid() && !p.Level.parentOK(parentLevel) {
		switch p.Level {
		case PlaceBuilding:
			f.add("parent_id", "楼栋是最上一级，不能选择上级场所。")
		case PlaceFloor:
			f.add("parent_id", "楼层的上级必须是楼栋。")
		default:
			f.add("parent_id", "房间/区域的上级必须是楼栋或楼层。")
		}
	}
	return nil
}

// validatePlaceChildren refuses a level change that would leave existing
// children under a parent of the wrong level (a building turned into a room
// while it still has floors).
func validatePlaceChildren(ctx context.Context, q sqldb.Querier, p *Place, f *fieldErrs) error {
	rows, err := q.QueryContext(ctx, `SELECT DISTINCT level FROM places WHERE parent_id = $1`, p.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var child PlaceLevel
		if err := rows.Scan(&child); err != nil {
			return err
		}
		if !child.parentOK(p.Level) {
			f.add("level", "该场所下还有“"+child.Label()+"”，不能改为“"+p.Level.Label()+"”。")
			break
		}
	}
	return rows.Err()
}

// SavePlace creates (ID 0) or updates a place.
func (s *Service) SavePlace(ctx context.Context, a *auth.Actor, school int64, in Place) (Place, error) {
	if err := require(a, auth.PermOrgManage, auth.SchoolScope(school)); err != nil {
		return Place{}, err
	}
	in.SchoolID = school
	err := s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		rec := audit.Record{SchoolID: school, Entity: "place"}
		var before Place
		if in.ID != 0 {
			var err error
			if before, err = findPlace(ctx, tx, school, in.ID); err != nil {
				return rec, err
			}
		}
		if err := s.validatePlace(ctx, tx, school, &in); err != nil {
			return rec, err
		}
		var err error
		if in.ID == 0 {
			in.Active = true
			err = tx.QueryRowContext(ctx, `INSERT INTO places (school_id, campus_id, parent_id, name, level, place_type, unit_id, responsible_person_id, code) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
				school, nullID(in.CampusID), nullID(in.ParentID), in.Name, in.Level, in.Type, nullID(in.UnitID), nullID(in.ResponsiblePersonID), in.Code).Scan(&in.ID)
			rec.Action = "place.create"
		} else {
			in.Active = before.Active
			rec.Before, rec.Action = before, "place.update"
			_, err = tx.ExecContext(ctx, `UPDATE places SET campus_id = $3, parent_id = $4, name = $5, level = $6, place_type = $7, unit_id = $8, responsible_person_id = $9, code = $10 WHERE id = $1 AND school_id = $2`,
				in.ID, school, nullID(in.CampusID), nullID(in.ParentID), in.Name, in.Level, in.Type, nullID(in.UnitID), nullID(in.ResponsiblePersonID), in.Code)
		}
		rec.EntityID, rec.After = in.ID, in
		return rec, err
	})
	if err != nil {
		return in, err
	}
	// Return the stored row with its names, as FindPlace would.
	return findPlace(ctx, s.DB.Read(), school, in.ID)
}

// SetPlaceActive deactivates or reactivates a place. A place with active
// children cannot be deactivated: a floor of a closed building is closed.
func (s *Service) SetPlaceActive(ctx context.Context, a *auth.Actor, school, id int64, active bool) error {
	if err := require(a, auth.PermOrgManage, auth.SchoolScope(school)); err != nil {
		return err
	}
	return s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		before, err := findPlace(ctx, tx, school, id)
		if err != nil {
			return audit.Record{}, err
		}
		if !active {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM places WHERE parent_id = $1 AND active`, id).Scan(&n); err != nil {
				return audit.Record{}, err
			}
			if n > 0 {
				return audit.Record{}, apperr.Invalidf("place.has_children", "“%s”还有 %d 个启用的下级场所，请先停用它们。", before.Name, n)
			}
		}
		after := before
		after.Active = active
		_, err = tx.ExecContext(ctx, `UPDATE places SET active = $3 WHERE id = $1 AND school_id = $2`, id, school, active)
		return audit.Record{SchoolID: school, Action: "place.set_active", Entity: "place", EntityID: id, Before: before, After: after}, err
	})
}
