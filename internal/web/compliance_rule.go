package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"safecampus/internal/apperr"
	"safecampus/internal/compliance"
)

// complianceRule is the drill-down of one rule for one scope and period:
// value, target, parameters and the records behind a failure as links.
func (s *Server) complianceRule(w http.ResponseWriter, r *http.Request) error {
	return s.renderComplianceRule(w, r, http.StatusOK, nil, nil)
}

func (s *Server) renderComplianceRule(w http.ResponseWriter, r *http.Request, code int, errs []apperr.FieldError, typed map[string]string) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	rule, ok := compliance.FindRule(r.PathValue("rule"))
	if !ok {
		return apperr.NotFoundf("compliance.rule", "规则不存在。")
	}
	per, err := s.compliancePeriod(r)
	if err != nil {
		return err
	}
	sc, err := compliance.ParseScope(r.URL.Query().Get("scope"))
	if err != nil {
		return err
	}
	a := actorFrom(r.Context())
	res, err := s.Compliance.EvaluateRule(r.Context(), a, school, per.Key, rule.ID, sc)
	if err != nil {
		return err
	}
	label, err := s.Compliance.ScopeLabel(r.Context(), school, sc)
	if err != nil {
		return err
	}
	params, err := s.Compliance.Params(r.Context(), s.DB.Read(), school)
	if err != nil {
		return err
	}
	values := map[string]string{}
	for k, v := range params[rule.ID] {
		values[k] = strconv.FormatInt(v, 10)
	}
	for k, v := range typed {
		values[k] = v // what was typed comes back with its error
	}
	p := s.newPage(r, rule.Name)
	p.Errors = errs
	p.Data = map[string]any{"Rule": rule, "Result": res, "Period": per, "Scope": sc, "ScopeLabel": label, "Values": values,
		"CanEdit": compliance.MayManage(a, school), "Back": "/compliance?period=" + url.QueryEscape(per.Key)}
	return s.renderStatus(w, r, code, "compliance_rule", p)
}

// complianceParams stores a rule's parameters posted as param_<key>; a bad
// value re-renders the drill-down with the message and stores nothing.
func (s *Server) complianceParams(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	rule, ok := compliance.FindRule(r.PathValue("rule"))
	if !ok {
		return apperr.NotFoundf("compliance.rule", "规则不存在。")
	}
	in := map[string]int64{}
	typed := map[string]string{}
	var bad []apperr.FieldError
	for _, pd := range rule.Params {
		v := strings.TrimSpace(r.PostFormValue("param_" + pd.Key))
		if v == "" {
			continue
		}
		typed[pd.Key] = v
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			bad = append(bad, apperr.FieldError{Field: pd.Key, Message: pd.Label + "请输入整数。"})
			continue
		}
		in[pd.Key] = n
	}
	back := "/compliance/rules/" + rule.ID + "?" + r.URL.RawQuery
	if len(bad) == 0 {
		err = s.Compliance.SetParams(r.Context(), actorFrom(r.Context()), school, rule.ID, in)
		if err == nil {
			return s.redirect(w, r, back, "规则参数已保存。")
		}
		e := apperr.As(err)
		if e == nil || e.Kind != apperr.Invalid || len(e.Fields) == 0 {
			return err
		}
		bad = e.Fields
	}
	return s.renderComplianceRule(w, r, http.StatusUnprocessableEntity, bad, typed)
}
