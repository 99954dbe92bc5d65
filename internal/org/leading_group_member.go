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

// Position is a member's place in a leading group.
type Position string

const (
	PositionLeader Position = "leader" // 组长
	PositionDeputy Position = "deputy" // 副组长
	PositionMember Position = "member" // 成员
)

// Positions lists the positions in display order.
var Positions = []Position{PositionLeader, PositionDeputy, PositionMember}

// Label is the position's Chinese name.
func (p Position) Label() string {
	switch p {
	case PositionLeader:
		return "组长"
	case PositionDeputy:
		return "副组长"
	case PositionMember:
		return "成员"
	}
	return string(p)
}

func (p Position) valid() bool {
	return p == PositionLeader || p == PositionDeputy || p == PositionMember
}

// LeadingGroupMember is one person's seat in a leading group.
type LeadingGroupMember struct {
	ID        int64    `json:"id"`
	SchoolID  int64    `json:"school_id"`
	GroupID   int64    `json:"group_id"`
	PersonID  int64    `json:"person_id"`
	Position  Position `json:"position"`
	Duty      string   `json:"duty"`
	SortOrder int64    `json:"sort_order"`

	// Read-only, filled by queries.
	PersonName string `json:"-"`
	PersonPost string `json:"-"`
	UnitName   string `json:"-"`
}

const memberCols = `m.id, m.school_id, m.group_id, m.person_id, m.position, m.duty, m.sort_order, p.name, p.post, COALESCE(u.name, '')`

const memberFrom = ` FROM leading_group_members m JOIN people p ON p.id = m.person_id LEFT JOIN units u ON u.id = p.unit_id`

// memberOrder puts 组长 before 副组长 before 成员, then the chosen order.
const memberOrder = ` ORDER BY CASE m.position WHEN 'leader' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END, m.sort_order, m.id`

func scanMember(s interface{ Scan(...any) error }) (LeadingGroupMember, error) {
	var m LeadingGroupMember
	err := s.Scan(&m.ID, &m.SchoolID, &m.GroupID, &m.PersonID, &m.Position, &m.Duty, &m.SortOrder, &m.PersonName, &m.PersonPost, &m.UnitName)
	return m, err
}

func listMembers(ctx context.Context, q sqldb.Querier, school, groupID int64) ([]LeadingGroupMember, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+memberCols+memberFrom+` WHERE m.group_id = $1 AND m.school_id = $2`+memberOrder, groupID, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []LeadingGroupMember
	for rows.Next() {
		m, err := scanMember(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func findMember(ctx context.Context, q sqldb.Querier, school, groupID, id int64) (LeadingGroupMember, error) {
	m, err := scanMember(q.QueryRowContext(ctx, `SELECT `+memberCols+memberFrom+` WHERE m.id = $1 AND m.group_id = $2 AND m.school_id = $3`, id, groupID, school))
	if errors.Is(err, sql.ErrNoRows) {
		return LeadingGroupMember{}, apperr.NotFoundf("leading_group_member.not_found", "领导小组成员不存在。")
	}
	return m, err
}

// validate checks the editable fields of a member.
func (m *LeadingGroupMember) validate(f *fieldErrs) {
	if !m.Position.valid() {
		f.add("position", "请选择职务（组长、副组长或成员）。")
	}
	m.Duty = f.text("duty", "职责", m.Duty, false, 200)
}

// Member changes are audited on the group (entity "leading_group"), so the
// group's history tells who joined, changed seat or left; a removed member
// has no record of its own to look at.
func memberRecord(school, groupID int64, action string) audit.Record {
	return audit.Record{SchoolID: school, Entity: "leading_group", EntityID: groupID, Action: action}
}

// AddLeadingGroupMember seats a person of the school in a group; a person
// sits in a group only once.
func (s *Service) AddLeadingGroupMember(ctx context.Context, a *auth.Actor, school, groupID int64, in LeadingGroupMember) (LeadingGroupMember, error) {
	if err := require(a, auth.PermOrgManage, auth.SchoolScope(school)); err != nil {
		return LeadingGroupMember{}, err
	}
	in.SchoolID, in.GroupID = school, groupID
	err := s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		rec := memberRecord(school, groupID, "leading_group.member_add")
		if _, err := findGroup(ctx, tx, school, groupID); err != nil {
			return rec, err
		}
		var f fieldErrs
		if in.PersonID == 0 {
			f.add("person_id", "请选择人员。")
		} else if err := f.checkRef(ctx, tx, "people", "person_id", "人员", school, in.PersonID); err != nil {
			return rec, err
		}
		in.validate(&f)
		if len(f) == 0 {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM leading_group_members WHERE group_id = $1 AND person_id = $2`, groupID, in.PersonID).Scan(&n); err != nil {
				return rec, err
			}
			if n > 0 {
				f.add("person_id", "该人员已是本领导小组成员。")
			}
		}
		if err := f.err("leading_group_member.invalid"); err != nil {
			return rec, err
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO leading_group_members (school_id, group_id, person_id, position, duty, sort_order) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			school, groupID, in.PersonID, in.Position, in.Duty, in.SortOrder).Scan(&in.ID)
		if sqldb.IsUniqueViolation(err) {
			return rec, apperr.Fields("leading_group_member.invalid", []apperr.FieldError{{Field: "person_id", Message: "该人员已是本领导小组成员。"}})
		}
		rec.After = in
		return rec, err
	})
	return in, err
}

// UpdateLeadingGroupMember changes a member's position, duty and order; the
// person stays (remove and add to seat someone else).
func (s *Service) UpdateLeadingGroupMember(ctx context.Context, a *auth.Actor, school, groupID int64, in LeadingGroupMember) (LeadingGroupMember, error) {
	if err := require(a, auth.PermOrgManage, auth.SchoolScope(school)); err != nil {
		return LeadingGroupMember{}, err
	}
	var out LeadingGroupMember
	err := s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		rec := memberRecord(school, groupID, "leading_group.member_update")
		before, err := findMember(ctx, tx, school, groupID, in.ID)
		if err != nil {
			return rec, err
		}
		out = before
		out.Position, out.Duty, out.SortOrder = in.Position, in.Duty, in.SortOrder
		var f fieldErrs
		out.validate(&f)
		if err := f.err("leading_group_member.invalid"); err != nil {
			return rec, err
		}
		_, err = tx.ExecContext(ctx, `UPDATE leading_group_members SET position = $3, duty = $4, sort_order = $5 WHERE id = $1 AND school_id = $2`,
			out.ID, school, out.Position, out.Duty, out.SortOrder)
		rec.Before, rec.After = before, out
		return rec, err
	})
	return out, err
}

// RemoveLeadingGroupMember deletes the membership row; the audit entry keeps
// what it was.
func (s *Service) RemoveLeadingGroupMember(ctx context.Context, a *auth.Actor, school, groupID, memberID int64) error {
	if err := require(a, auth.PermOrgManage, auth.SchoolScope(school)); err != nil {
		return err
	}
	return s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		rec := memberRecord(school, groupID, "leading_group.member_remove")
		before, err := findMember(ctx, tx, school, groupID, memberID)
		if err != nil {
			return rec, err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM leading_group_members WHERE id = $1 AND school_id = $2`, memberID, school)
		rec.Before = before
		return rec, err
	})
}
