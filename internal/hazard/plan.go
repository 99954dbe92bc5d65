package hazard

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// Plan is a major hazard's governance plan with the six elements of
// 安监总局令第16号 第十五条.
type Plan struct {
	Goal            string // 治理的目标和任务
	Methods         string // 采取的方法和措施
	FundsMaterials  string // 经费和物资的落实
	Organisation    string // 负责治理的机构和人员
	TimeLimit       string // 治理的时限和要求
	SafetyEmergency string // 安全措施和应急预案
	UpdatedAt       time.Time
}

// PlanElements names the six elements in the rule's order, with their
// form fields, for pages and messages.
var PlanElements = []struct{ Field, Label string }{
	{"goal", "治理的目标和任务"},
	{"methods", "采取的方法和措施"},
	{"funds_materials", "经费和物资的落实"},
	{"organisation", "负责治理的机构和人员"},
	{"time_limit", "治理的时限和要求"},
	{"safety_emergency", "安全措施和应急预案"},
}

func (p *Plan) values() []*string {
	return []*string{&p.Goal, &p.Methods, &p.FundsMaterials, &p.Organisation, &p.TimeLimit, &p.SafetyEmergency}
}

// Complete reports whether all six elements are filled in.
func (p *Plan) Complete() bool {
	for _, v := range p.values() {
		if *v == "" {
			return false
		}
	}
	return true
}

// PlanOf returns the governance plan of hazard id (nil when none yet) if a
// may see the hazard.
func (s *Service) PlanOf(ctx context.Context, a *auth.Actor, school, id int64) (*Plan, error) {
	q := s.DB.Read()
	if _, err := s.visibleHazard(ctx, q, a, school, id); err != nil {
		return nil, err
	}
	return planOf(ctx, q, school, id)
}

func planOf(ctx context.Context, q sqldb.Querier, school, id int64) (*Plan, error) {
	var p Plan
	var at int64
	err := q.QueryRowContext(ctx, `SELECT goal, methods, funds_materials, organisation, time_limit, safety_emergency, updated_at
		FROM hazard_plans WHERE hazard_id = $1 AND school_id = $2`, id, school).Scan(
		&p.Goal, &p.Methods, &p.FundsMaterials, &p.Organisation, &p.TimeLimit, &p.SafetyEmergency, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	p.UpdatedAt = time.UnixMilli(at)
	return &p, nil
}

// stepPlan saves the governance plan; all six elements are required, so a
// saved plan is always complete. The timeline records the whole plan.
func stepPlan(c *change, st Step) error {
	var f fieldErrs
	if st.Plan == nil {
		st.Plan = &Plan{}
	}
	p := *st.Plan
	for i, v := range p.values() {
		*v = f.text("plan."+PlanElements[i].Field, PlanElements[i].Label, *v, true, maxPlanField)
	}
	c.note = f.text("note", "说明", st.Note, false, maxNote)
	if err := f.err("hazard.plan_invalid"); err != nil {
		return err
	}
	_, err := c.tx.ExecContext(c.ctx, `INSERT INTO hazard_plans (hazard_id, school_id, goal, methods, funds_materials, organisation, time_limit, safety_emergency, updated_by, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
		ON CONFLICT (hazard_id) DO UPDATE SET goal = excluded.goal, methods = excluded.methods, funds_materials = excluded.funds_materials,
			organisation = excluded.organisation, time_limit = excluded.time_limit, safety_emergency = excluded.safety_emergency,
			updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		c.h.ID, c.h.SchoolID, p.Goal, p.Methods, p.FundsMaterials, p.Organisation, p.TimeLimit, p.SafetyEmergency, c.a.AccountID, c.now.UnixMilli())
	if err != nil {
		return err
	}
	for i, v := range p.values() {
		c.extra["plan_"+PlanElements[i].Field] = *v
	}
	return nil
}
