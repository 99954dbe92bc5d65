package org

import (
	"context"
	"slices"

	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// LeaderUnits is one supervising leader with the units they are linked to
// under the contact-point system (联系点制度, ORG-4).
type LeaderUnits struct {
	LeaderPersonID int64
	LeaderName     string
	LeaderPost     string
	Units          []UnitRef
}

// UnitRef names a unit.
type UnitRef struct {
	ID   int64
	Name string
}

// contactPointSet is what the audit log keeps of one leader's links.
type contactPointSet struct {
	LeaderPersonID int64   `json:"leader_person_id"`
	UnitIDs        []int64 `json:"unit_ids"`
}

// ListContactPoints lists the school's leaders that have contact points, in
// the order they were recorded, each with their units in tree order.
func (s *Service) ListContactPoints(ctx context.Context, a *auth.Actor, school int64) ([]LeaderUnits, error) {
	if err := require(a, auth.PermOrgView, auth.SchoolScope(school)); err != nil {
		return nil, err
	}
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT p.id, p.name, p.post, u.id, u.name
		FROM contact_points cp JOIN people p ON p.id = cp.leader_person_id JOIN units u ON u.id = cp.unit_id
		WHERE cp.school_id = $1 ORDER BY p.id, u.sort_order, u.id`, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []LeaderUnits
	for rows.Next() {
		var l LeaderUnits
		var u UnitRef
		if err := rows.Scan(&l.LeaderPersonID, &l.LeaderName, &l.LeaderPost, &u.ID, &u.Name); err != nil {
			return nil, err
		}
		if n := len(out); n == 0 || out[n-1].LeaderPersonID != l.LeaderPersonID {
			out = append(out, l)
		}
		out[len(out)-1].Units = append(out[len(out)-1].Units, u)
	}
	return out, rows.Err()
}

// SetLeaderUnits replaces the set of units a leader is linked to; an empty
// set removes the leader from the contact-point list.
func (s *Service) SetLeaderUnits(ctx context.Context, a *auth.Actor, school, leaderPersonID int64, unitIDs []int64) error {
	if err := require(a, auth.PermOrgManage, auth.SchoolScope(school)); err != nil {
		return err
	}
	ids := append([]int64{}, unitIDs...)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	return s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		rec := audit.Record{SchoolID: school, Action: "contact_point.set", Entity: "contact_point", EntityID: leaderPersonID}
		var f fieldErrs
		if leaderPersonID == 0 {
			f.add("leader_person_id", "请选择分管领导。")
		} else if err := f.checkRef(ctx, tx, "people", "leader_person_id", "分管领导", school, leaderPersonID); err != nil {
			return rec, err
		}
		for _, id := range ids {
			ok, err := exists(ctx, tx, "units", school, id)
			if err != nil {
				return rec, err
			}
			if !ok {
				f.add("unit_ids", "所选单位不存在或不属于本校。")
				break
			}
		}
		if err := f.err("contact_point.invalid"); err != nil {
			return rec, err
		}
		before, err := UnitsOfLeader(ctx, tx, school, leaderPersonID)
		if err != nil {
			return rec, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM contact_points WHERE school_id = $1 AND leader_person_id = $2`, school, leaderPersonID); err != nil {
			return rec, err
		}
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `INSERT INTO contact_points (school_id, leader_person_id, unit_id) VALUES ($1, $2, $3)`, school, leaderPersonID, id); err != nil {
				return rec, err
			}
		}
		rec.Before = contactPointSet{leaderPersonID, before}
		rec.After = contactPointSet{leaderPersonID, ids}
		return rec, nil
	})
}

// UnitsOfLeader returns the ids of the units a leader is directly linked
// to, in id order. Sub-units are not included: callers that want them
// expand the tree themselves.
func UnitsOfLeader(ctx context.Context, q sqldb.Querier, school, personID int64) ([]int64, error) {
	return contactPointIDs(ctx, q, `SELECT unit_id FROM contact_points WHERE school_id = $1 AND leader_person_id = $2 ORDER BY unit_id`, school, personID)
}

// LeadersOfUnit returns the ids of the leaders directly linked to a unit,
// in id order (no inheritance from parent units).
func LeadersOfUnit(ctx context.Context, q sqldb.Querier, school, unitID int64) ([]int64, error) {
	return contactPointIDs(ctx, q, `SELECT leader_person_id FROM contact_points WHERE school_id = $1 AND unit_id = $2 ORDER BY leader_person_id`, school, unitID)
}

func contactPointIDs(ctx context.Context, q sqldb.Querier, query string, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []int64{}
	for rows.Next() {
		var x int64
		if err := rows.Scan(&x); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}
