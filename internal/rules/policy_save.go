package rules

import (
	"context"

	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

func validatePolicy(ctx context.Context, q sqldb.Querier, school int64, p *PolicyItem) error {
	var f fieldErrs
	p.Title = f.text("title", "问题名称", p.Title, true, 200)
	p.Problem = f.text("problem", "问题描述", p.Problem, false, 4000)
	p.Measures = f.text("measures", "措施建议", p.Measures, true, 4000)
	p.DueOn = f.date("due_on", "完成期限", p.DueOn, false)
	if p.LeadUnitID == 0 {
		f.add("lead_unit_id", "请选择牵头单位。")
	} else if err := f.ref(ctx, q, "units", "lead_unit_id", "牵头单位", school, p.LeadUnitID); err != nil {
		return err
	}
	if p.ResponsiblePersonID == 0 {
		f.add("responsible_person_id", "请选择责任人。")
	} else if err := f.ref(ctx, q, "people", "responsible_person_id", "责任人", school, p.ResponsiblePersonID); err != nil {
		return err
	}
	return f.err("policy.invalid")
}

func (p PolicyItem) auditView() map[string]any {
	return map[string]any{"title": p.Title, "lead_unit_id": p.LeadUnitID, "responsible_person_id": p.ResponsiblePersonID,
		"due_on": p.DueOn, "status": p.Status, "rule_id": p.RuleID}
}

// SavePolicyItem creates (ID 0, status proposed) or edits an item's text,
// owners and due date. The status changes only through TransitionPolicyItem.
func (s *Service) SavePolicyItem(ctx context.Context, a *auth.Actor, school int64, p PolicyItem) (PolicyItem, error) {
	if err := require(a, auth.PermRulesManage, school); err != nil {
		return PolicyItem{}, err
	}
	now := s.Now()
	p.SchoolID = school
	err := s.write(ctx, a, now, func(tx *sqldb.Tx) (audit.Record, error) {
		var old PolicyItem
		if p.ID != 0 {
			// Another school's item is not found, whatever the form says.
			var err error
			if old, err = findPolicy(ctx, tx, school, p.ID); err != nil {
				return audit.Record{}, err
			}
		}
		if err := validatePolicy(ctx, tx, school, &p); err != nil {
			return audit.Record{}, err
		}
		if p.ID == 0 {
			p.Status, p.RuleID = PolicyProposed, 0
			var err error
			if p.StatusOn, err = today(ctx, tx, school, now); err != nil {
				return audit.Record{}, err
			}
			err = tx.QueryRowContext(ctx, `INSERT INTO policy_items (school_id, title, problem, measures, lead_unit_id, responsible_person_id, due_on, status, status_on, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
				school, p.Title, p.Problem, p.Measures, p.LeadUnitID, p.ResponsiblePersonID, p.DueOn, p.Status, p.StatusOn, now.UnixMilli()).Scan(&p.ID)
			if err != nil {
				return audit.Record{}, err
			}
			if err := addPolicyEvent(ctx, tx, now, a.AccountID, school, p.ID, "", PolicyProposed, ""); err != nil {
				return audit.Record{}, err
			}
			return audit.Record{SchoolID: school, Action: "policy.create", Entity: "policy_item", EntityID: p.ID, After: p.auditView()}, nil
		}
		p.Status, p.RuleID, p.StatusOn, p.CreatedAt = old.Status, old.RuleID, old.StatusOn, old.CreatedAt
		_, err := tx.ExecContext(ctx, `UPDATE policy_items SET title = $3, problem = $4, measures = $5, lead_unit_id = $6, responsible_person_id = $7, due_on = $8, updated_at = $9
			WHERE id = $1 AND school_id = $2`, p.ID, school, p.Title, p.Problem, p.Measures, p.LeadUnitID, p.ResponsiblePersonID, p.DueOn, now.UnixMilli())
		if err != nil {
			return audit.Record{}, err
		}
		return audit.Record{SchoolID: school, Action: "policy.update", Entity: "policy_item", EntityID: p.ID, Before: old.auditView(), After: p.auditView()}, nil
	})
	return p, err
}
