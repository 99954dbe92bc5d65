package web

import (
	"net/http"
	"strconv"
	"strings"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/patrol"
)

// patrolTargets shows the daily patrol target of every place type.
func (s *Server) patrolTargets(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	ts, err := s.Patrol.Targets(r.Context(), actorFrom(r.Context()), school)
	if err != nil {
		return err
	}
	return s.renderTargets(w, r, http.StatusOK, ts, nil)
}

func (s *Server) renderTargets(w http.ResponseWriter, r *http.Request, code int, ts []patrol.Target, errs []apperr.FieldError) error {
	sc := auth.SchoolScope(schoolFrom(r.Context()).ID)
	a := actorFrom(r.Context())
	p := s.newPage(r, "巡查频次标准")
	p.Errors = errs
	p.Data = map[string]any{"Targets": ts, "Max": patrol.MaxTarget, "Key": patrol.KeyTimesPerDay,
		"CanEdit": auth.Can(a, auth.PermPlanManage, sc) || auth.Can(a, auth.PermOrgManage, sc)}
	return s.renderStatus(w, r, code, "patrol_targets", p)
}

// patrolTargetsSave stores the targets posted as target_<place type>.
func (s *Server) patrolTargetsSave(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	a := actorFrom(r.Context())
	in := map[org.PlaceType]int{}
	var bad []apperr.FieldError
	for _, t := range org.PlaceTypes {
		field := "target_" + string(t.Code)
		v := strings.TrimSpace(r.PostFormValue(field))
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			bad = append(bad, apperr.FieldError{Field: field, Message: "请输入整数。"})
			continue
		}
		in[t.Code] = n
	}
	if len(bad) == 0 {
		err = s.Patrol.SetTargets(r.Context(), a, school, in)
		if err == nil {
			return s.redirect(w, r, "/patrols/targets", "巡查频次标准已保存。")
		}
		e := apperr.As(err)
		if e.Kind != apperr.Invalid {
			return err
		}
		bad = e.Fields
	}
	ts, err := s.Patrol.Targets(r.Context(), a, school)
	if err != nil {
		return err
	}
	return s.renderTargets(w, r, http.StatusUnprocessableEntity, ts, bad)
}
