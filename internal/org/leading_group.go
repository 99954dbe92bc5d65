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

// LeadingGroup is a campaign leading group (领导小组, ORG-1) with the office
// set up under it (办公室, ORG-2). A school normally has one; several are
// allowed so that a later campaign can have its own.
type LeadingGroup struct {
	ID                     int64  `json:"id"`
	SchoolID               int64  `json:"school_id"`
	Name                   string `json:"name"`
	OfficeUnitID           int64  `json:"office_unit_id"`
	OfficeDirectorPersonID int64  `json:"office_director_person_id"`
	OfficeLocation         string `json:"office_location"`
	Active                 bool   `json:"active"`

	// Read-only, filled by queries.
	OfficeUnitName     string               `json:"-"`
	OfficeDirectorName string               `json:"-"`
	Members            []LeadingGroupMember `json:"-"`
}

// Leaders, Deputies and Ordinary split the members by position for display.
func (g LeadingGroup) Leaders() []LeadingGroupMember  { return g.byPosition(PositionLeader) }
func (g LeadingGroup) Deputies() []LeadingGroupMember { return g.byPosition(PositionDeputy) }
func (g LeadingGroup) Ordinary() []LeadingGroupMember { return g.byPosition(PositionMember) }

func (g LeadingGroup) byPosition(p Position) []LeadingGroupMember {
	var out []LeadingGroupMember
	for _, m := range g.Members {
		if m.Position == p {
			out = append(out, m)
		}
	}
	return out
}

const groupCols = `g.id, g.school_id, g.name, COALESCE(g.office_unit_id, 0), COALESCE(g.office_director_person_id, 0), g.office_location, g.active,
	COALESCE(ou.name, ''), COALESCE(od.name, '')`

const groupFrom = ` FROM leading_groups g LEFT JOIN units ou ON ou.id = g.office_unit_id LEFT JOIN people od ON od.id = g.office_director_person_id`

func scanGroup(s interface{ Scan(...any) error }) (LeadingGroup, error) {
	var g LeadingGroup
	err := s.Scan(&g.ID, &g.SchoolID, &g.Name, &g.OfficeUnitID, &g.OfficeDirectorPersonID, &g.OfficeLocation, &g.Active, &g.OfficeUnitName, &g.OfficeDirectorName)
	return g, err
}

// ListLeadingGroups returns the school's leading groups, active first, each
// with its members.
func (s *Service) ListLeadingGroups(ctx context.Context, a *auth.Actor, school int64) ([]LeadingGroup, error) {
	if err := require(a, auth.PermOrgView, auth.SchoolScope(school)); err != nil {
		return nil, err
	}
	q := s.DB.Read()
	rows, err := q.QueryContext(ctx, `SELECT `+groupCols+groupFrom+` WHERE g.school_id = $1 ORDER BY g.active DESC, g.id`, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []LeadingGroup
	for rows.Next() {
		g, err := scanGroup(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Members, err = listMembers(ctx, q, school, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// FindLeadingGroup returns one group of the school with its members.
func (s *Service) FindLeadingGroup(ctx context.Context, a *auth.Actor, school, id int64) (LeadingGroup, error) {
	if err := require(a, auth.PermOrgView, auth.SchoolScope(school)); err != nil {
		return LeadingGroup{}, err
	}
	g, err := findGroup(ctx, s.DB.Read(), school, id)
	if err != nil {
		return g, err
	}
	g.Members, err = listMembers(ctx, s.DB.Read(), school, id)
	return g, err
}

func findGroup(ctx context.Context, q sqldb.Querier, school, id int64) (LeadingGroup, error) {
	g, err := scanGroup(q.QueryRowContext(ctx, `SELECT `+groupCols+groupFrom+` WHERE g.id = $1 AND g.school_id = $2`, id, school))
	if errors.Is(err, sql.ErrNoRows) {
		return LeadingGroup{}, apperr.NotFoundf("leading_group.not_found", "领导小组不存在。")
	}
	return g, err
}

// SaveLeadingGroup creates (ID 0) or updates a group. A new group is active.
func (s *Service) SaveLeadingGroup(ctx context.Context, a *auth.Actor, school int64, in LeadingGroup) (LeadingGroup, error) {
	if err := require(a, auth.PermOrgManage, auth.SchoolScope(school)); err != nil {
		return LeadingGroup{}, err
	}
	in.SchoolID = school
	err := s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		rec := audit.Record{SchoolID: school, Entity: "leading_group"}
		// Another school's id is not found before anything is said about
		// the submitted form.
		var before LeadingGroup
		if in.ID != 0 {
			var err error
			if before, err = findGroup(ctx, tx, school, in.ID); err != nil {
				return rec, err
			}
		}
		var f fieldErrs
		in.Name = f.text("name", "领导小组名称", in.Name, true, 100)
		in.OfficeLocation = f.text("office_location", "办公地点", in.OfficeLocation, false, 200)
		if err := f.checkRef(ctx, tx, "units", "office_unit_id", "办公室所在单位", school, in.OfficeUnitID); err != nil {
			return rec, err
		}
		if err := f.checkRef(ctx, tx, "people", "office_director_person_id", "办公室主任", school, in.OfficeDirectorPersonID); err != nil {
			return rec, err
		}
		if err := f.err("leading_group.invalid"); err != nil {
			return rec, err
		}
		var err error
		if in.ID == 0 {
			in.Active = true
			rec.Action = "leading_group.create"
			err = tx.QueryRowContext(ctx, `INSERT INTO leading_groups (school_id, name, office_unit_id, office_director_person_id, office_location, active) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
				school, in.Name, nullID(in.OfficeUnitID), nullID(in.OfficeDirectorPersonID), in.OfficeLocation, true).Scan(&in.ID)
		} else {
			rec.Action, rec.Before = "leading_group.update", before
			_, err = tx.ExecContext(ctx, `UPDATE leading_groups SET name = $3, office_unit_id = $4, office_director_person_id = $5, office_location = $6, active = $7 WHERE id = $1 AND school_id = $2`,
				in.ID, school, in.Name, nullID(in.OfficeUnitID), nullID(in.OfficeDirectorPersonID), in.OfficeLocation, in.Active)
		}
		rec.EntityID, rec.After = in.ID, in
		return rec, err
	})
	return in, err
}

// MembersCoverAllUnits lists the active offices (处室) and departments (系部)
// whose head is not a member of the group, and those with no head at all:
// ORG-1 makes the head of every one of them a member. An empty list means
// the group is complete. It checks no permission: callers have already
// shown the group to the actor (FindLeadingGroup) or act as the system.
func (s *Service) MembersCoverAllUnits(ctx context.Context, school, groupID int64) ([]Unit, error) {
	q := s.DB.Read()
	if _, err := findGroup(ctx, q, school, groupID); err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT `+unitCols+unitFrom+` WHERE u.school_id = $1 AND u.active AND u.kind IN ('department', 'office')
		AND NOT EXISTS (SELECT 1 FROM leading_group_members m WHERE m.group_id = $2 AND m.person_id = u.head_person_id)
		ORDER BY u.sort_order, u.id`, school, groupID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Unit
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}
