package org

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// School is one tenant.
type School struct {
	ID       int64  `json:"id"`
	Code     string `json:"code"`
	Name     string `json:"name"`
	Timezone string `json:"timezone"`
	Active   bool   `json:"active"`
}

// Location returns the school's time zone (Asia/Shanghai when unknown).
func (s School) Location() *time.Location {
	if loc, ok := locations.Load(s.Timezone); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(s.Timezone)
	if err != nil {
		loc = time.FixedZone("CST", 8*3600)
	}
	locations.Store(s.Timezone, loc)
	return loc
}

// locations keeps loaded time zones by name: time.LoadLocation reads and
// parses the zone file on every call, and pages ask for the school's zone
// several times per view (5 % of a hazard page's CPU).
var locations sync.Map

// CreateSchool adds a school (system admin only).
func (s *Service) CreateSchool(ctx context.Context, a *auth.Actor, in School) (School, error) {
	if !a.IsSystemAdmin() {
		return School{}, apperr.ForbiddenErr(string(auth.PermSchoolManage))
	}
	var f fieldErrs
	in.Code = f.text("code", "学校代码", in.Code, true, 32)
	in.Name = f.text("name", "学校名称", in.Name, true, 100)
	if in.Timezone == "" {
		in.Timezone = "Asia/Shanghai"
	}
	if _, err := time.LoadLocation(in.Timezone); err != nil {
		f.add("timezone", "时区无效。")
	}
	if err := f.err("school.invalid"); err != nil {
		return School{}, err
	}
	in.Active = true
	err := s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		err := tx.QueryRowContext(ctx, `INSERT INTO schools (code, name, timezone, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
			in.Code, in.Name, in.Timezone, s.Now().UnixMilli()).Scan(&in.ID)
		if sqldb.IsUniqueViolation(err) {
			return audit.Record{}, apperr.Fields("school.invalid", []apperr.FieldError{{Field: "code", Message: "学校代码已被使用。"}})
		}
		return audit.Record{SchoolID: in.ID, Action: "school.create", Entity: "school", EntityID: in.ID, After: in}, err
	})
	return in, err
}

// FindSchool returns a school the actor may see.
func (s *Service) FindSchool(ctx context.Context, a *auth.Actor, id int64) (School, error) {
	if err := require(a, auth.PermOrgView, auth.SchoolScope(id)); err != nil {
		return School{}, apperr.NotFoundf("school.not_found", "学校不存在。")
	}
	return findSchool(ctx, s.DB.Read(), id)
}

func findSchool(ctx context.Context, q sqldb.Querier, id int64) (School, error) {
	var sc School
	err := q.QueryRowContext(ctx, `SELECT id, code, name, timezone, active FROM schools WHERE id = $1`, id).Scan(&sc.ID, &sc.Code, &sc.Name, &sc.Timezone, &sc.Active)
	if errors.Is(err, sql.ErrNoRows) {
		return School{}, apperr.NotFoundf("school.not_found", "学校不存在。")
	}
	return sc, err
}

// ListSchools lists the schools the actor can see.
func (s *Service) ListSchools(ctx context.Context, a *auth.Actor) ([]School, error) {
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT id, code, name, timezone, active FROM schools ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []School
	for rows.Next() {
		var sc School
		if err := rows.Scan(&sc.ID, &sc.Code, &sc.Name, &sc.Timezone, &sc.Active); err != nil {
			return nil, err
		}
		if auth.Can(a, auth.PermOrgView, auth.SchoolScope(sc.ID)) {
			out = append(out, sc)
		}
	}
	return out, rows.Err()
}

// FindSchoolByCode returns the school with code (for the command line).
func (s *Service) FindSchoolByCode(ctx context.Context, a *auth.Actor, code string) (School, error) {
	var id int64
	err := s.DB.Read().QueryRowContext(ctx, `SELECT id FROM schools WHERE code = $1`, code).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return School{}, apperr.NotFoundf("school.not_found", "学校“%s”不存在。", code)
	}
	if err != nil {
		return School{}, err
	}
	return s.FindSchool(ctx, a, id)
}

// Authority is a supervising body over several schools (e.g. 市卫健委).
type Authority struct {
	ID        int64   `json:"id"`
	Name      string  `json:"name"`
	SchoolIDs []int64 `json:"school_ids"`
}

// CreateAuthority adds an authority overseeing schools (system admin only).
func (s *Service) CreateAuthority(ctx context.Context, a *auth.Actor, in Authority) (Authority, error) {
	if !a.IsSystemAdmin() {
		return Authority{}, apperr.ForbiddenErr(string(auth.PermSchoolManage))
	}
	var f fieldErrs
	in.Name = f.text("name", "主管部门名称", in.Name, true, 100)
	if err := f.err("authority.invalid"); err != nil {
		return Authority{}, err
	}
	err := s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		err := tx.QueryRowContext(ctx, `INSERT INTO authorities (name, created_at) VALUES ($1, $2) RETURNING id`, in.Name, s.Now().UnixMilli()).Scan(&in.ID)
		if sqldb.IsUniqueViolation(err) {
			return audit.Record{}, apperr.Fields("authority.invalid", []apperr.FieldError{{Field: "name", Message: "该名称已存在。"}})
		}
		if err != nil {
			return audit.Record{}, err
		}
		for _, sid := range in.SchoolIDs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO authority_schools (authority_id, school_id) VALUES ($1, $2)`, in.ID, sid); err != nil {
				if sqldb.IsForeignKeyViolation(err) {
					return audit.Record{}, apperr.Invalidf("authority.school", "学校 %d 不存在。", sid)
				}
				return audit.Record{}, err
			}
		}
		return audit.Record{SchoolID: audit.SystemSchool, Action: "authority.create", Entity: "authority", EntityID: in.ID, After: in}, nil
	})
	return in, err
}
