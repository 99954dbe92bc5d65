package web

import (
	"fmt"
	"net/http"

	"safecampus/internal/checklist"
	"safecampus/internal/rules"
)

// ruleList is the rules register (RUL-1, RUL-5): every rule in force by
// area, where it must be posted and where posting is missing.
func (s *Server) ruleList(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	ctx, a := r.Context(), actorFrom(r.Context())
	f := rules.RuleFilter{Area: checklist.Area(r.URL.Query().Get("area")), Superseded: r.URL.Query().Get("history") == "1"}
	list, err := s.Rules.ListRules(ctx, a, school, f)
	if err != nil {
		return err
	}
	missing, err := rules.MissingPostings(ctx, s.DB.Read(), school)
	if err != nil {
		return err
	}
	byRule := map[int64][]string{}
	for _, m := range missing {
		byRule[m.RuleID] = append(byRule[m.RuleID], m.PlaceName)
	}
	today, err := s.Rules.Today(ctx, school)
	if err != nil {
		return err
	}
	p := s.newPage(r, "制度清单")
	p.Data = map[string]any{"Rules": list, "Missing": byRule, "MissingTotal": len(missing), "Today": today, "Filter": f, "Areas": areaOptions()}
	return s.render(w, r, "rules_list", p)
}

// ruleShow is one rule version: its text, its versions, and each place it
// must be posted at with the latest check, where managers record a check.
func (s *Server) ruleShow(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	ctx, a := r.Context(), actorFrom(r.Context())
	rule, err := s.Rules.FindRule(ctx, a, school, id)
	if err != nil {
		return err
	}
	places, err := s.Rules.RulePlaces(ctx, a, school, id)
	if err != nil {
		return err
	}
	versions, err := s.Rules.RuleVersions(ctx, a, school, rule.Code)
	if err != nil {
		return err
	}
	today, err := s.Rules.Today(ctx, school)
	if err != nil {
		return err
	}
	var typeLabels []string
	for _, t := range rule.PlaceTypes {
		typeLabels = append(typeLabels, placeTypeLabel(t))
	}
	p := s.newPage(r, rule.Title)
	p.Data = map[string]any{"Rule": rule, "Places": places, "Versions": versions, "Today": today, "TypeLabels": typeLabels}
	return s.render(w, r, "rules_show", p)
}

// rulePostingRecord records by hand that the rule is (or is not) on the
// wall at a place, verified today by the current user.
func (s *Server) rulePostingRecord(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	place, err := formID(r, "place_id")
	if err != nil {
		return err
	}
	posted := r.PostFormValue("posted") == "true"
	if err := s.Rules.RecordPostingByHand(r.Context(), actorFrom(r.Context()), school, id, place, posted); err != nil {
		return err
	}
	msg := "已登记：制度已上墙。"
	if !posted {
		msg = "已登记：制度未上墙。"
	}
	return s.redirect(w, r, fmt.Sprintf("/rules/%d", id), msg)
}

func areaOptions() []option {
	var out []option
	for _, a := range checklist.Areas {
		out = append(out, option{string(a), a.Label()})
	}
	return out
}
