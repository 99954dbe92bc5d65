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

// Campus is one site of a school (the notice's main campus and 海安校区).
type Campus struct {
	ID       int64  `json:"id"`
	SchoolID int64  `json:"school_id"`
	Name     string `json:"name"`
	Address  string `json:"address"`
	Active   bool   `json:"active"`
}

func (c *Campus) validate() error {
	var f fieldErrs
	c.Name = f.text("name", "校区名称", c.Name, true, 100)
	c.Address = f.text("address", "地址", c.Address, false, 200)
	return f.err("campus.invalid")
}

// ListCampuses lists a school's campuses.
func (s *Service) ListCampuses(ctx context.Context, a *auth.Actor, school int64) ([]Campus, error) {
	if err := require(a, auth.PermOrgView, auth.SchoolScope(school)); err != nil {
		return nil, err
	}
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT id, school_id, name, address, active FROM campuses WHERE school_id = $1 ORDER BY id`, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Campus
	for rows.Next() {
		var c Campus
		if err := rows.Scan(&c.ID, &c.SchoolID, &c.Name, &c.Address, &c.Active); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// FindCampus returns one campus of the school.
func (s *Service) FindCampus(ctx context.Context, a *auth.Actor, school, id int64) (Campus, error) {
	if err := require(a, auth.PermOrgView, auth.SchoolScope(school)); err != nil {
		return Campus{}, err
	}
	return findCampus(ctx, s.DB.Read(), school, id)
}

func findCampus(ctx context.Context, q sqldb.Querier, school, id int64) (Campus, error) {
	var c Campus
	err := q.QueryRowContext(ctx, `SELECT id, school_id, name, address, active FROM campuses WHERE id = $1 AND school_id = $2`, id, school).
		Scan(&c.ID, &c.SchoolID, &c.Name, &c.Address, &c.Active)
	if errors.Is(err, sql.ErrNoRows) {
		return Campus{}, apperr.NotFoundf("campus.not_found", "校区不存在。")
	}
	return c, err
}

// SaveCampus creates (ID 0) or updates a campus.
func (s *Service) SaveCampus(ctx context.Context, a *auth.Actor, school int64, in Campus) (Campus, error) {
	if err := require(a, auth.PermOrgManage, auth.SchoolScope(school)); err != nil {
		return Campus{}, err
	}
	if err := in.validate(); err != nil {
		return Campus{}, err
	}
	in.SchoolID = school
	err := s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		rec := audit.Record{SchoolID: school, Entity: "campus"}
		var err error
		if in.ID == 0 {
			in.Active = true
			err = tx.QueryRowContext(ctx, `INSERT INTO campuses (school_id, name, address) VALUES ($1, $2, $3) RETURNING id`, school, in.Name, in.Address).Scan(&in.ID)
			rec.Action = "campus.create"
		} else {
			var before Campus
			if before, err = findCampus(ctx, tx, school, in.ID); err != nil {
				return rec, err
			}
			in.Active = before.Active
			rec.Before, rec.Action = before, "campus.update"
			_, err = tx.ExecContext(ctx, `UPDATE campuses SET name = $3, address = $4 WHERE id = $1 AND school_id = $2`, in.ID, school, in.Name, in.Address)
		}
		if sqldb.IsUniqueViolation(err) {
			return rec, apperr.Fields("campus.invalid", []apperr.FieldError{{Field: "name", Message: "已有同名校区。"}})
		}
		rec.EntityID, rec.After = in.ID, in
		return rec, err
	})
	return in, err
}

// SetCampusActive deactivates or reactivates a campus.
func (s *Service) SetCampusActive(ctx context.Context, a *auth.Actor, school, id int64, active bool) error {
	if err := require(a, auth.PermOrgManage, auth.SchoolScope(school)); err != nil {
		return err
	}
	return s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		before, err := findCampus(ctx, tx, school, id)
		if err != nil {
			return audit.Record{}, err
		}
		after := before
		after.Active = active
		_, err = tx.ExecContext(ctx, `UPDATE campuses SET active = $3 WHERE id = $1 AND school_id = $2`, id, school, active)
		return audit.Record{SchoolID: school, Action: "campus.set_active", Entity: "campus", EntityID: id, Before: before, After: after}, err
	})
}
