package web

import (
	"fmt"
	"net/http"
	"strings"

	"safecampus/internal/rules"
)

// policyList lists the policy items (制度建设事项, PLAN-3), open ones first.
func (s *Server) policyList(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	status := r.URL.Query().Get("status")
	items, err := s.Rules.ListPolicyItems(r.Context(), actorFrom(r.Context()), school, status)
	if err != nil {
		return err
	}
	today, err := s.Rules.Today(r.Context(), school)
	if err != nil {
		return err
	}
	var statuses []option
	for _, st := range rules.PolicyStatuses {
		statuses = append(statuses, option{st, rules.PolicyStatusLabel(st)})
	}
	p := s.newPage(r, "制度建设事项")
	p.Data = map[string]any{"Items": items, "Today": today, "Status": status, "Statuses": statuses}
	return s.render(w, r, "policy_list", p)
}

// policyShow is one item with its history and, for managers, the next steps.
func (s *Server) policyShow(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	ctx, a := r.Context(), actorFrom(r.Context())
	item, err := s.Rules.FindPolicyItem(ctx, a, school, id)
	if err != nil {
		return err
	}
	hist, err := s.Rules.PolicyHistory(ctx, a, school, id)
	if err != nil {
		return err
	}
	var inForce []rules.Rule
	if rules.MayManage(a, school) {
		if inForce, err = s.Rules.ListRules(ctx, a, school, rules.RuleFilter{}); err != nil {
			return err
		}
	}
	today, err := s.Rules.Today(ctx, school)
	if err != nil {
		return err
	}
	p := s.newPage(r, item.Title)
	p.Data = map[string]any{"Item": item, "History": hist, "Actions": rules.PolicyActions(item.Status), "Rules": inForce, "Today": today}
	return s.render(w, r, "policy_show", p)
}

// policyTransition takes one workflow step (draft, adopt, drop, reopen).
func (s *Server) policyTransition(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	rule, err := formID(r, "rule_id")
	if err != nil {
		return err
	}
	action := strings.TrimSpace(r.PostFormValue("action"))
	item, err := s.Rules.TransitionPolicyItem(r.Context(), actorFrom(r.Context()), school, id, action, rule, r.PostFormValue("note"))
	if err != nil {
		return err
	}
	return s.redirectf(w, r, fmt.Sprintf("/policies/%d", id), "事项状态已改为“%s”。", translate(lang(r), item.StatusLabel()))
}
