package plan

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"safecampus/internal/audit"
	"safecampus/internal/sqldb"
)

// The RUL-4 rhythm (检查频次): principal leaders inspect once per half-year,
// supervising leaders once per quarter (the units linked to them by contact
// points), each functional unit once per month.
const (
	RulePrincipal  = "rhythm_principal"
	RuleSupervisor = "rhythm_supervisor"
	RuleUnit       = "rhythm_unit"
)

type rhythmRule struct {
	Rule, Name, Kind, Role string
	Recurrence             Recurrence
}

var rhythmRules = []rhythmRule{
	{RulePrincipal, "主要领导检查", "leader", "主要领导", HalfYears},
	{RuleSupervisor, "分管领导检查", "leader", "分管领导", Quarterly},
	{RuleUnit, "职能部门月度自查", "unit_monthly", "职能部门", Monthly},
}

// RoleLabel names who owes a rhythm plan's inspections (主要领导, 分管领导,
// 职能部门); "" for custom plans.
func RoleLabel(rule string) string {
	for _, r := range rhythmRules {
		if r.Rule == rule {
			return r.Role
		}
	}
	return ""
}

// functionalUnitKinds are the unit kinds that owe a monthly self-inspection
// ("各职能部门"): offices, departments and campus units.
const functionalUnitKinds = `('office', 'department', 'campus')`

// EnsureRhythmPlans creates the school's three rhythm plans when missing.
// It is idempotent (the unique index on (school_id, rule) decides) and is
// also run by every Generate.
func (s *Service) EnsureRhythmPlans(ctx context.Context, school int64) error {
	now := s.Now()
	return s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		loc, err := schoolLocation(ctx, tx, school)
		if err != nil {
			return err
		}
		return ensureRhythm(ctx, tx, school, Today(now, loc), now)
	})
}

// ensureRhythm inserts the missing rhythm plans, starting today: periods
// before the system knew the school are not held against it. stamp is the
// wall clock of the change (created_at, the audit entry).
func ensureRhythm(ctx context.Context, tx *sqldb.Tx, school int64, today string, stamp time.Time) error {
	for _, r := range rhythmRules {
		p := Plan{SchoolID: school, Name: r.Name, Kind: r.Kind, Rule: r.Rule, Recurrence: r.Recurrence, EveryN: 1, StartDate: today, Active: true}
		err := tx.QueryRowContext(ctx, `INSERT INTO inspection_plans (school_id, name, kind, rule, recurrence, every_n, start_date, active, created_at)
			VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id`,
			school, p.Name, p.Kind, p.Rule, string(p.Recurrence), p.StartDate, true, stamp.UnixMilli()).Scan(&p.ID)
		if errors.Is(err, sql.ErrNoRows) {
			continue // already there
		}
		if err != nil {
			return err
		}
		if _, err := audit.Append(ctx, tx, stamp, audit.Record{SchoolID: school, Action: "plan.create", Entity: "inspection_plan", EntityID: p.ID, After: p}); err != nil {
			return err
		}
	}
	return nil
}

// owner is who owes one due row: a person, a unit, or both.
type owner struct{ person, unit int64 }

// owners resolves who owes plan p now. Rhythm owners follow the current
// roles and units, so granting someone the supervising-leader role puts
// them on the rhythm from the current period on.
func owners(ctx context.Context, q sqldb.Querier, p Plan) ([]owner, error) {
	var query string
	switch p.Rule {
	case RulePrincipal, RuleSupervisor:
		role := "principal_leader"
		if p.Rule == RuleSupervisor {
			role = "supervising_leader"
		}
		query = `SELECT DISTINCT pe.id, 0 FROM role_grants g JOIN accounts a ON a.id = g.account_id JOIN people pe ON pe.id = a.person_id
			WHERE g.school_id = $1 AND g.role = '` + role + `' AND NOT a.disabled AND pe.active AND pe.school_id = $1 ORDER BY pe.id`
	case RuleUnit:
		query = `SELECT 0, id FROM units WHERE school_id = $1 AND active AND kind IN ` + functionalUnitKinds + ` ORDER BY id`
	default:
		return []owner{{p.AssigneePersonID, p.AssigneeUnitID}}, nil
	}
	rows, err := q.QueryContext(ctx, query, p.SchoolID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []owner
	for rows.Next() {
		var o owner
		if err := rows.Scan(&o.person, &o.unit); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// places lists the places plan p owes an inspection at, one row each: the
// active places of its grid or its chosen places. Plans without places owe
// one inspection per period (place 0).
func places(ctx context.Context, q sqldb.Querier, p Plan) ([]int64, error) {
	var query string
	switch {
	case p.GridID != 0:
		query = `SELECT pl.id FROM grid_places gp JOIN places pl ON pl.id = gp.place_id WHERE gp.grid_id = $1 AND pl.school_id = $2 AND pl.active ORDER BY pl.id`
	case len(p.PlaceIDs) > 0:
		query = `SELECT pl.id FROM plan_places pp JOIN places pl ON pl.id = pp.place_id WHERE pp.plan_id = $1 AND pl.school_id = $2 AND pl.active ORDER BY pl.id`
	default:
		return []int64{0}, nil
	}
	id := p.GridID
	if id == 0 {
		id = p.ID
	}
	rows, err := q.QueryContext(ctx, query, id, p.SchoolID)
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
