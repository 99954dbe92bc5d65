package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/checklist"
	"safecampus/internal/org"
	"safecampus/internal/rules"
)

// ruleFormPage prepares the rule form (new, edit or revise). Only rule
// managers reach it, so a refused user learns nothing about the rule.
func (s *Server) ruleFormPage(r *http.Request, title, action string, rule rules.Rule) (*page, error) {
	ctx, a, school := r.Context(), actorFrom(r.Context()), schoolFrom(r.Context()).ID
	if !auth.Can(a, auth.PermRulesManage, auth.SchoolScope(school)) {
		return nil, apperr.ForbiddenErr(string(auth.PermRulesManage))
	}
	places, err := s.Org.ListPlaces(ctx, a, school, org.PlaceFilter{})
	if err != nil {
		return nil, err
	}
	chosen, types := map[int64]bool{}, map[string]bool{}
	for _, id := range rule.PlaceIDs {
		chosen[id] = true
	}
	for _, t := range rule.PlaceTypes {
		types[t] = true
	}
	var typeOpts []option
	for _, t := range org.PlaceTypes {
		typeOpts = append(typeOpts, option{string(t.Code), t.Label})
	}
	p := s.newPage(r, title)
	p.Form = rule
	p.Data = map[string]any{"Action": action, "Areas": areaOptions(), "Places": places, "Chosen": chosen, "Types": types, "TypeOptions": typeOpts}
	return p, nil
}

func (s *Server) ruleNew(w http.ResponseWriter, r *http.Request) error {
	if _, err := requireSchool(r); err != nil {
		return err
	}
	p, err := s.ruleFormPage(r, "新建制度", "/rules/new", rules.Rule{Area: checklist.AreaRul})
	if err != nil {
		return err
	}
	return s.render(w, r, "rules_form", p)
}

// ruleEditPage shows the form for correcting (edit) or revising a rule.
func (s *Server) ruleEditPage(w http.ResponseWriter, r *http.Request, revise bool) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	a := actorFrom(r.Context())
	if !auth.Can(a, auth.PermRulesManage, auth.SchoolScope(school)) {
		return apperr.ForbiddenErr(string(auth.PermRulesManage))
	}
	rule, err := s.Rules.FindRule(r.Context(), a, school, id)
	if err != nil {
		return err
	}
	title, action := "编辑制度", fmt.Sprintf("/rules/%d/edit", id)
	if revise {
		title, action = "修订制度（发布新版本）", fmt.Sprintf("/rules/%d/revise", id)
		rule.EffectiveOn = ""
	}
	p, err := s.ruleFormPage(r, title, action, rule)
	if err != nil {
		return err
	}
	return s.render(w, r, "rules_form", p)
}

func (s *Server) ruleEdit(w http.ResponseWriter, r *http.Request) error {
	return s.ruleEditPage(w, r, false)
}
func (s *Server) ruleReviseForm(w http.ResponseWriter, r *http.Request) error {
	return s.ruleEditPage(w, r, true)
}

// ruleFromForm reads the rule form; place ids that do not parse are a field error.
func ruleFromForm(r *http.Request) (rules.Rule, error) {
	rule := rules.Rule{Code: r.PostFormValue("code"), Title: r.PostFormValue("title"), Area: checklist.Area(strings.TrimSpace(r.PostFormValue("area"))),
		EffectiveOn: r.PostFormValue("effective_on"), Summary: r.PostFormValue("summary"), Body: r.PostFormValue("body"),
		PlaceTypes: r.PostForm["place_type"]}
	for _, v := range r.PostForm["place_id"] {
		id, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil || id <= 0 {
			return rule, apperr.Fields("rule.invalid", []apperr.FieldError{{Field: "places", Message: "所选场所无效。"}})
		}
		rule.PlaceIDs = append(rule.PlaceIDs, id)
	}
	return rule, nil
}

func (s *Server) ruleCreate(w http.ResponseWriter, r *http.Request) error {
	return s.ruleSave(w, r, "new", "新建制度", "/rules/new", 0)
}

func (s *Server) ruleUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.ruleSave(w, r, "edit", "编辑制度", fmt.Sprintf("/rules/%d/edit", id), id)
}

func (s *Server) ruleRevise(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.ruleSave(w, r, "revise", "修订制度（发布新版本）", fmt.Sprintf("/rules/%d/revise", id), id)
}

// ruleSave stores the form as a new rule, a correction or a new version.
func (s *Server) ruleSave(w http.ResponseWriter, r *http.Request, mode, title, action string, id int64) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	ctx, a := r.Context(), actorFrom(r.Context())
	rule, err := ruleFromForm(r)
	var saved rules.Rule
	if err == nil {
		switch mode {
		case "new":
			saved, err = s.Rules.CreateRule(ctx, a, school, rule)
		case "edit":
			rule.ID = id
			saved, err = s.Rules.UpdateRule(ctx, a, school, rule)
		default:
			saved, err = s.Rules.ReviseRule(ctx, a, school, id, rule)
		}
	}
	if err != nil {
		if !apperr.Is(err, apperr.Invalid) {
			return err
		}
		if mode != "new" {
			// Keep the code shown: the form does not send it back.
			if old, ferr := s.Rules.FindRule(ctx, a, school, id); ferr == nil {
				rule.Code, rule.Version, rule.ID = old.Code, old.Version, old.ID
			}
		}
		p, perr := s.ruleFormPage(r, title, action, rule)
		if perr != nil {
			return perr
		}
		return s.formInvalid(w, r, err, "rules_form", p)
	}
	back := fmt.Sprintf("/rules/%d", saved.ID)
	if mode == "revise" {
		return s.redirectf(w, r, back, "已发布“%s”第%d版，旧版本自%s起废止；新版本需重新核实上墙。", saved.Title, saved.Version, saved.EffectiveOn)
	}
	return s.redirectf(w, r, back, "制度“%s”已保存。", saved.Title)
}

func placeTypeLabel(t string) string { return org.PlaceType(t).Label() }
