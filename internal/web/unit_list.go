package web

import (
	"net/http"

	"safecampus/internal/org"
)

func (s *Server) unitList(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	units, err := s.schoolUnits(r.Context(), actorFrom(r.Context()), school)
	if err != nil {
		return err
	}
	p := s.newPage(r, "单位")
	p.Data = map[string]any{"Units": units}
	return s.render(w, r, "unit_list", p)
}

func (s *Server) unitShow(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	u, err := s.Org.FindUnit(r.Context(), actorFrom(r.Context()), school, id)
	if err != nil {
		return err
	}
	hist, err := s.history(r, "unit", id)
	if err != nil {
		return err
	}
	p := s.newPage(r, u.Name)
	p.Data = map[string]any{"Unit": u, "History": hist, "KindLabel": u.Kind.Label()}
	return s.render(w, r, "unit_show", p)
}

// unitKindOption is one choice of the kind select.
type option struct {
	Value string
	Label string
}

func unitKindOptions() []option {
	var out []option
	for _, k := range org.UnitKinds {
		out = append(out, option{string(k), k.Label()})
	}
	return out
}
