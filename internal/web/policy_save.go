package web

import (
	"fmt"
	"net/http"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/rules"
)

// policyFormPage prepares the policy item form for rule managers only.
func (s *Server) policyFormPage(r *http.Request, title string, item rules.PolicyItem) (*page, error) {
	ctx, a, school := r.Context(), actorFrom(r.Context()), schoolFrom(r.Context()).ID
	if !auth.Can(a, auth.PermRulesManage, auth.SchoolScope(school)) {
		return nil, apperr.ForbiddenErr(string(auth.PermRulesManage))
	}
	units, err := s.Org.ListUnits(ctx, a, school)
	if err != nil {
		return nil, err
	}
	people, err := s.Org.PersonOptions(ctx, a, school)
	if err != nil {
		return nil, err
	}
	p := s.newPage(r, title)
	p.Form = item
	p.Data = map[string]any{"Units": units, "People": people}
	return p, nil
}

func (s *Server) policyNew(w http.ResponseWriter, r *http.Request) error {
	if _, err := requireSchool(r); err != nil {
		return err
	}
	p, err := s.policyFormPage(r, "新建制度建设事项", rules.PolicyItem{})
	if err != nil {
		return err
	}
	return s.render(w, r, "policy_form", p)
}

func (s *Server) policyEdit(w http.ResponseWriter, r *http.Request) error {
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
	item, err := s.Rules.FindPolicyItem(r.Context(), a, school, id)
	if err != nil {
		return err
	}
	p, err := s.policyFormPage(r, "编辑制度建设事项", item)
	if err != nil {
		return err
	}
	return s.render(w, r, "policy_form", p)
}

func (s *Server) policyCreate(w http.ResponseWriter, r *http.Request) error {
	return s.policySave(w, r, 0)
}

func (s *Server) policyUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.policySave(w, r, id)
}

func (s *Server) policySave(w http.ResponseWriter, r *http.Request, id int64) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	item := rules.PolicyItem{ID: id, Title: r.PostFormValue("title"), Problem: r.PostFormValue("problem"), Measures: r.PostFormValue("measures"),
		DueOn: r.PostFormValue("due_on")}
	var fields []apperr.FieldError
	for name, dst := range map[string]*int64{"lead_unit_id": &item.LeadUnitID, "responsible_person_id": &item.ResponsiblePersonID} {
		v, err := formID(r, name)
		if err != nil {
			fields = append(fields, apperr.As(err).Fields...)
		}
		*dst = v
	}
	if len(fields) > 0 {
		err = apperr.Fields("policy.invalid", fields)
	} else {
		item, err = s.Rules.SavePolicyItem(r.Context(), actorFrom(r.Context()), school, item)
	}
	if err != nil {
		title := "新建制度建设事项"
		if id != 0 {
			title = "编辑制度建设事项"
		}
		if !apperr.Is(err, apperr.Invalid) {
			return err
		}
		p, perr := s.policyFormPage(r, title, item)
		if perr != nil {
			return perr
		}
		return s.formInvalid(w, r, err, "policy_form", p)
	}
	return s.redirectf(w, r, fmt.Sprintf("/policies/%d", item.ID), "事项“%s”已保存。", item.Title)
}
