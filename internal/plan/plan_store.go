package plan

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"sort"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// Plan is a recurring inspection obligation: custom (Rule "") or one of the
// built-in RUL-4 rhythm plans.
type Plan struct {
	ID               int64      `json:"id"`
	SchoolID         int64      `json:"school_id"`
	Name             string     `json:"name"`
	Kind             string     `json:"kind"`
	Rule             string     `json:"rule"`
	Recurrence       Recurrence `json:"recurrence"`
	EveryN           int64      `json:"every_n"`
	StartDate        string     `json:"start_date"`
	ItemSetID        int64      `json:"item_set_id"`
	GridID           int64      `json:"grid_id"`
	AssigneePersonID int64      `json:"assignee_person_id"`
	AssigneeUnitID   int64      `json:"assignee_unit_id"`
	PlaceIDs         []int64    `json:"place_ids"`
	Active           bool       `json:"active"`

	// Read-only, filled by queries.
	ItemSetName      string `json:"-"`
	GridName         string `json:"-"`
	AssigneeName     string `json:"-"`
	AssigneeUnitName string `json:"-"`
}

// Builtin reports whether the plan is part of the RUL-4 rhythm, which every
// school keeps switched on.
func (p Plan) Builtin() bool { return p.Rule != "" }

// KindLabel is the Chinese name of the plan's kind of inspection.
func (p Plan) KindLabel() string { return KindLabel(p.Kind) }

// RecurrenceLabel says how often the plan comes due, e.g. 每7天.
func (p Plan) RecurrenceLabel() string {
	if p.Recurrence == EveryN {
		return "每" + itoa(p.EveryN) + "天"
	}
	return p.Recurrence.Label()
}

// OwnerLabel says who owes the plan's inspections.
func (p Plan) OwnerLabel() string {
	switch p.Rule {
	case RulePrincipal:
		return "每位主要领导"
	case RuleSupervisor:
		return "每位分管领导"
	case RuleUnit:
		return "每个职能部门（处室、系部、校区）"
	}
	switch {
	case p.AssigneeName != "" && p.AssigneeUnitName != "":
		return p.AssigneeName + "（" + p.AssigneeUnitName + "）"
	case p.AssigneeName != "":
		return p.AssigneeName
	}
	return p.AssigneeUnitName
}

const planCols = `p.id, p.school_id, p.name, p.kind, p.rule, p.recurrence, p.every_n, p.start_date, COALESCE(p.item_set_id, 0), COALESCE(p.grid_id, 0),
	COALESCE(p.assignee_person_id, 0), COALESCE(p.assignee_unit_id, 0), p.active, COALESCE(s.name, ''), COALESCE(g.name, ''), COALESCE(ap.name, ''), COALESCE(au.name, '')`

const planFrom = ` FROM inspection_plans p LEFT JOIN item_sets s ON s.id = p.item_set_id LEFT JOIN grids g ON g.id = p.grid_id
	LEFT JOIN people ap ON ap.id = p.assignee_person_id LEFT JOIN units au ON au.id = p.assignee_unit_id`

// planOrder lists the rhythm plans first, in the order of the rule.
const planOrder = ` ORDER BY CASE p.rule WHEN 'rhythm_principal' THEN 0 WHEN 'rhythm_supervisor' THEN 1 WHEN 'rhythm_unit' THEN 2 ELSE 3 END, p.id`

func queryPlans(ctx context.Context, q sqldb.Querier, where string, args ...any) ([]Plan, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+planCols+planFrom+` WHERE `+where+planOrder, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Plan
	for rows.Next() {
		var p Plan
		if err := rows.Scan(&p.ID, &p.SchoolID, &p.Name, &p.Kind, &p.Rule, &p.Recurrence, &p.EveryN, &p.StartDate, &p.ItemSetID, &p.GridID,
			&p.AssigneePersonID, &p.AssigneeUnitID, &p.Active, &p.ItemSetName, &p.GridName, &p.AssigneeName, &p.AssigneeUnitName); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	for i := range out {
		if out[i].PlaceIDs, err = planPlaces(ctx, q, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func planPlaces(ctx context.Context, q sqldb.Querier, planID int64) ([]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT place_id FROM plan_places WHERE plan_id = $1 ORDER BY place_id`, planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ids := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// ListPlans returns the school's plans, the rhythm plans first. The rhythm
// is on for every school, so its plans are listed (with ID 0) even before
// the scheduler's first run has stored them; reading never writes.
func (s *Service) ListPlans(ctx context.Context, a *auth.Actor, school int64) ([]Plan, error) {
	if err := require(a, auth.PermOrgView, auth.SchoolScope(school)); err != nil {
		return nil, err
	}
	stored, err := queryPlans(ctx, s.DB.Read(), `p.school_id = $1`, school)
	if err != nil {
		return nil, err
	}
	have := map[string]bool{}
	for _, p := range stored {
		have[p.Rule] = true
	}
	var out []Plan
	for _, r := range rhythmRules {
		if have[r.Rule] {
			continue
		}
		out = append(out, Plan{SchoolID: school, Name: r.Name, Kind: r.Kind, Rule: r.Rule, Recurrence: r.Recurrence, EveryN: 1, Active: true})
	}
	if len(out) == 0 {
		return stored, nil
	}
	// Merge: stored rhythm plans keep their rows, missing ones are filled in.
	all := append(out, stored...)
	sort.SliceStable(all, func(i, j int) bool { return ruleRank(all[i].Rule) < ruleRank(all[j].Rule) })
	return all, nil
}

func ruleRank(rule string) int {
	for i, r := range rhythmRules {
		if r.Rule == rule {
			return i
		}
	}
	return len(rhythmRules)
}

// FindPlan returns one plan of the school.
func (s *Service) FindPlan(ctx context.Context, a *auth.Actor, school, id int64) (Plan, error) {
	if err := require(a, auth.PermOrgView, auth.SchoolScope(school)); err != nil {
		return Plan{}, err
	}
	return findPlan(ctx, s.DB.Read(), school, id)
}

func findPlan(ctx context.Context, q sqldb.Querier, school, id int64) (Plan, error) {
	ps, err := queryPlans(ctx, q, `p.id = $1 AND p.school_id = $2`, id, school)
	if err != nil {
		return Plan{}, err
	}
	if len(ps) == 0 {
		return Plan{}, apperr.NotFoundf("plan.not_found", "检查计划不存在。")
	}
	return ps[0], nil
}

// exists reports whether a row of table with id belongs to school; active
// rows only when the table has that column and activeOnly is set.
func exists(ctx context.Context, q sqldb.Querier, table string, school, id int64, activeOnly bool) (bool, error) {
	query := `SELECT 1 FROM ` + table + ` WHERE id = $1 AND school_id = $2`
	if activeOnly {
		query += ` AND active`
	}
	var one int
	err := q.QueryRowContext(ctx, query, id, school).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

func normalizeIDs(ids []int64) []int64 {
	out := slices.Clone(ids)
	out = slices.DeleteFunc(out, func(id int64) bool { return id <= 0 })
	slices.Sort(out)
	return slices.Compact(out)
}
