package web

import (
	"net/http"
	"strconv"
	"strings"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/plan"
)

// planFormPage prepares the plan form with its choices. Only plan managers
// reach it, so a refused user learns nothing about the plan.
func (s *Server) planFormPage(r *http.Request, title string, pl plan.Plan) (*page, error) {
	ctx, a, school := r.Context(), actorFrom(r.Context()), schoolFrom(r.Context()).ID
	if !auth.Can(a, auth.PermPlanManage, auth.SchoolScope(school)) {
		return nil, apperr.ForbiddenErr(string(auth.PermPlanManage))
	}
	people, err := s.Org.PersonOptions(ctx, a, school)
	if err != nil {
		return nil, err
	}
	units, err := s.Org.ListUnits(ctx, a, school)
	if err != nil {
		return nil, err
	}
	grids, err := s.Org.ListGrids(ctx, a, school)
	if err != nil {
		return nil, err
	}
	places, err := s.Org.ListPlaces(ctx, a, school, org.PlaceFilter{})
	if err != nil {
		return nil, err
	}
	sets, err := s.Checklist.ListSets(ctx, a, school)
	if err != nil {
		return nil, err
	}
	chosen := map[int64]bool{}
	for _, id := range pl.PlaceIDs {
		chosen[id] = true
	}
	p := s.newPage(r, title)
	p.Form = pl
	p.Data = map[string]any{"People": people, "Units": units, "Grids": grids, "Places": places, "Sets": sets, "Chosen": chosen,
		"Kinds": planKindOptions(), "Recurrences": planRecurrenceOptions()}
	return p, nil
}

func (s *Server) planNew(w http.ResponseWriter, r *http.Request) error {
	if _, err := requireSchool(r); err != nil {
		return err
	}
	loc := schoolFrom(r.Context()).Location()
	p, err := s.planFormPage(r, "新建检查计划", plan.Plan{Kind: "grid_patrol", Recurrence: plan.Daily, EveryN: 1, StartDate: plan.Today(s.Now(), loc)})
	if err != nil {
		return err
	}
	return s.render(w, r, "plan_form", p)
}

func (s *Server) planEdit(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	a := actorFrom(r.Context())
	if !auth.Can(a, auth.PermPlanManage, auth.SchoolScope(school)) {
		return apperr.ForbiddenErr(string(auth.PermPlanManage))
	}
	pl, err := s.Plans.FindPlan(r.Context(), a, school, id)
	if err != nil {
		return err
	}
	if pl.Builtin() {
		return apperr.New(apperr.Invalid, "plan.builtin", "内置检查计划（RUL-4 检查频次）不能修改或停用。")
	}
	p, err := s.planFormPage(r, "编辑检查计划", pl)
	if err != nil {
		return err
	}
	return s.render(w, r, "plan_form", p)
}

// planFromForm reads the form; numbers that do not parse become field errors.
func planFromForm(r *http.Request) (plan.Plan, error) {
	pl := plan.Plan{Name: r.PostFormValue("name"), Kind: strings.TrimSpace(r.PostFormValue("kind")),
		Recurrence: plan.Recurrence(strings.TrimSpace(r.PostFormValue("recurrence"))), StartDate: r.PostFormValue("start_date")}
	var fields []apperr.FieldError
	read := func(dst *int64, name string, f func(*http.Request, string) (int64, error)) {
		v, err := f(r, name)
		if err != nil {
			fields = append(fields, apperr.As(err).Fields...)
		}
		*dst = v
	}
	read(&pl.EveryN, "every_n", formInt)
	read(&pl.ItemSetID, "item_set_id", formID)
	read(&pl.GridID, "grid_id", formID)
	read(&pl.AssigneePersonID, "assignee_person_id", formID)
	read(&pl.AssigneeUnitID, "assignee_unit_id", formID)
	for _, v := range r.PostForm["place_id"] {
		id, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil || id <= 0 {
			fields = append(fields, apperr.FieldError{Field: "places", Message: "所选场所无效。"})
			break
		}
		pl.PlaceIDs = append(pl.PlaceIDs, id)
	}
	if len(fields) > 0 {
		return pl, apperr.Fields("plan.invalid", fields)
	}
	return pl, nil
}

func (s *Server) planCreate(w http.ResponseWriter, r *http.Request) error { return s.planSave(w, r, 0) }

func (s *Server) planUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.planSave(w, r, id)
}

func (s *Server) planSave(w http.ResponseWriter, r *http.Request, id int64) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	pl, err := planFromForm(r)
	pl.ID = id
	if err == nil {
		pl, err = s.Plans.SavePlan(r.Context(), actorFrom(r.Context()), school, pl)
	}
	if err != nil {
		if !apperr.Is(err, apperr.Invalid) || apperr.As(err).Code == "plan.builtin" {
			return err
		}
		title := "新建检查计划"
		if id != 0 {
			title = "编辑检查计划"
		}
		p, perr := s.planFormPage(r, title, pl)
		if perr != nil {
			return perr
		}
		return s.formInvalid(w, r, err, "plan_form", p)
	}
	s.generateNow(r, school)
	return s.redirectf(w, r, "/plans", "检查计划“%s”已保存。", pl.Name)
}

// generateNow makes a changed plan's due inspections exist at once rather
// than at the scheduler's next run. A failure is only logged: the plan is
// saved and the scheduler will catch up.
func (s *Server) generateNow(r *http.Request, school int64) {
	if _, err := s.Plans.Generate(r.Context(), school, s.Now()); err != nil {
		s.Log.Error("generate due inspections after a plan change", "school", school, "err", err)
	}
}
