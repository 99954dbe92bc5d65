package web

import (
	"net/http"

	"safecampus/internal/auth"
	"safecampus/internal/org"
)

func (s *Server) gridList(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	grids, err := s.Org.ListGrids(r.Context(), actorFrom(r.Context()), school)
	if err != nil {
		return err
	}
	p := s.newPage(r, "网格")
	p.Data = map[string]any{"Grids": grids}
	return s.render(w, r, "grid_list", p)
}

// gridShow shows a grid with its members and places; managers also get
// the checkbox forms that replace them.
func (s *Server) gridShow(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	a := actorFrom(r.Context())
	g, err := s.Org.FindGrid(r.Context(), a, school, id)
	if err != nil {
		return err
	}
	hist, err := s.history(r, "grid", id)
	if err != nil {
		return err
	}
	p := s.newPage(r, g.Name)
	data := map[string]any{"Grid": g, "History": hist}
	if auth.Can(a, auth.PermOrgManage, auth.SchoolScope(school)) {
		if err := s.gridChoices(r, g, data); err != nil {
			return err
		}
	}
	p.Data = data
	return s.render(w, r, "grid_show", p)
}

// gridChoices adds the people and places to choose from, with the grid's
// current ones marked.
func (s *Server) gridChoices(r *http.Request, g org.Grid, data map[string]any) error {
	a, school := actorFrom(r.Context()), schoolFrom(r.Context()).ID
	people, err := s.Org.PersonOptions(r.Context(), a, school)
	if err != nil {
		return err
	}
	places, err := s.Org.ListPlaces(r.Context(), a, school, org.PlaceFilter{})
	if err != nil {
		return err
	}
	members, covered := map[int64]bool{}, map[int64]bool{}
	for _, m := range g.Members {
		members[m.PersonID] = true
	}
	for _, pl := range g.Places {
		covered[pl.ID] = true
	}
	data["People"], data["Places"] = people, places
	data["MemberSet"], data["PlaceSet"] = members, covered
	return nil
}
