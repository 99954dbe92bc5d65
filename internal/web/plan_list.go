package web

import (
	"net/http"

	"safecampus/internal/plan"
)

// planList shows the school's inspection plans: the built-in RUL-4 rhythm
// first (marked 内置, never deletable), then the school's own plans.
func (s *Server) planList(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	plans, err := s.Plans.ListPlans(r.Context(), actorFrom(r.Context()), school)
	if err != nil {
		return err
	}
	p := s.newPage(r, "检查计划")
	p.Data = map[string]any{"Plans": plans}
	return s.render(w, r, "plan_list", p)
}

func (s *Server) planSetActive(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	active := r.PostFormValue("active") == "true"
	if err := s.Plans.SetPlanActive(r.Context(), actorFrom(r.Context()), school, id, active); err != nil {
		return err
	}
	msg := "检查计划已停用，尚未到期的待检任务已撤回。"
	if active {
		msg = "检查计划已启用。"
		s.generateNow(r, school)
	}
	return s.redirect(w, r, "/plans", msg)
}

// planKindOptions are the kinds of inspection a plan may be for.
func planKindOptions() []option {
	var out []option
	for _, k := range plan.Kinds() {
		out = append(out, option{k.Kind, k.Label})
	}
	return out
}

func planRecurrenceOptions() []option {
	var out []option
	for _, rc := range plan.Recurrences {
		out = append(out, option{string(rc), rc.Label()})
	}
	return out
}
