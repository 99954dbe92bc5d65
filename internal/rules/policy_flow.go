package rules

import (
	"context"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// PolicyAction is one step of a policy item's workflow.
type PolicyAction struct {
	Name  string // form value
	Label string // button text
	From  string
	To    string
	Rule  bool // the step names the rule adopted
}

// policyFlow is the workflow: proposed → drafting → adopted, with dropping
// possible until adoption and a dropped item proposed again. Adopted is
// final: the rule itself then changes through its versions.
var policyFlow = []PolicyAction{
	{Name: "draft", Label: "开始起草", From: PolicyProposed, To: PolicyDrafting},
	{Name: "adopt", Label: "出台制度", From: PolicyDrafting, To: PolicyAdopted, Rule: true},
	{Name: "drop", Label: "搁置", From: PolicyProposed, To: PolicyDropped},
	{Name: "drop", Label: "搁置", From: PolicyDrafting, To: PolicyDropped},
	{Name: "reopen", Label: "重新提出", From: PolicyDropped, To: PolicyProposed},
}

// PolicyActions lists the steps possible from status, for the buttons.
func PolicyActions(status string) []PolicyAction {
	var out []PolicyAction
	for _, a := range policyFlow {
		if a.From == status {
			out = append(out, a)
		}
	}
	return out
}

// TransitionPolicyItem takes step action on item id. Adopting names the
// rule in force the item led to; a step the workflow does not have from
// the item's status is refused naming both.
func (s *Service) TransitionPolicyItem(ctx context.Context, a *auth.Actor, school, id int64, action string, ruleID int64, note string) (PolicyItem, error) {
	if err := require(a, auth.PermRulesManage, school); err != nil {
		return PolicyItem{}, err
	}
	var f fieldErrs
	note = f.text("note", "说明", note, false, 500)
	if err := f.err("policy.invalid"); err != nil {
		return PolicyItem{}, err
	}
	now := s.Now()
	var out PolicyItem
	err := s.write(ctx, a, now, func(tx *sqldb.Tx) (audit.Record, error) {
		old, err := findPolicy(ctx, tx, school, id)
		if err != nil {
			return audit.Record{}, err
		}
		var step *PolicyAction
		for i, x := range policyFlow {
			if x.Name == action && x.From == old.Status {
				step = &policyFlow[i]
			}
		}
		if step == nil {
			return audit.Record{}, apperr.Invalidf("policy.transition", "“%s”状态的事项不能执行此操作。", old.StatusLabel())
		}
		out = old
		out.Status, out.RuleID = step.To, 0
		if step.Rule {
			if err := checkAdoptedRule(ctx, tx, school, ruleID); err != nil {
				return audit.Record{}, err
			}
			out.RuleID = ruleID
		}
		if out.StatusOn, err = today(ctx, tx, school, now); err != nil {
			return audit.Record{}, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE policy_items SET status = $3, rule_id = $4, status_on = $5, updated_at = $6 WHERE id = $1 AND school_id = $2`,
			id, school, out.Status, nullID(out.RuleID), out.StatusOn, now.UnixMilli()); err != nil {
			return audit.Record{}, err
		}
		if err := addPolicyEvent(ctx, tx, now, a.AccountID, school, id, old.Status, out.Status, note); err != nil {
			return audit.Record{}, err
		}
		return audit.Record{SchoolID: school, Action: "policy." + action, Entity: "policy_item", EntityID: id,
			Before: map[string]any{"status": old.Status, "rule_id": old.RuleID},
			After:  map[string]any{"status": out.Status, "rule_id": out.RuleID, "note": note}}, nil
	})
	return out, err
}

// checkAdoptedRule requires a rule of the school that is in force.
func checkAdoptedRule(ctx context.Context, q sqldb.Querier, school, ruleID int64) error {
	if ruleID == 0 {
		return apperr.Fields("policy.rule_required", []apperr.FieldError{{Field: "rule_id", Message: "请选择出台的制度。"}})
	}
	r, err := findRule(ctx, q, school, ruleID)
	if apperr.Is(err, apperr.NotFound) || err == nil && !r.InForce() {
		return apperr.Fields("policy.rule_invalid", []apperr.FieldError{{Field: "rule_id", Message: "所选制度不存在或已被替代。"}})
	}
	return err
}
