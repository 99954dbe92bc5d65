package web

import (
	"net/http"
	"strings"

	"safecampus/internal/org"
)

func placeTypeOptions() []option {
	out := make([]option, 0, len(org.PlaceTypes))
	for _, t := range org.PlaceTypes {
		out = append(out, option{string(t.Code), t.Label})
	}
	return out
}

func placeLevelOptions() []option {
	out := make([]option, 0, len(org.PlaceLevels))
	for _, l := range org.PlaceLevels {
		out = append(out, option{string(l), l.Label()})
	}
	return out
}

// placeList shows the place tree, filtered by campus, type and a search
// text from the query string (a GET form, so a filtered list can be
// bookmarked and shared).
func (s *Server) placeList(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	a := actorFrom(r.Context())
	q := r.URL.Query()
	f := org.PlaceFilter{Type: org.PlaceType(strings.TrimSpace(q.Get("type"))), Query: strings.TrimSpace(q.Get("q"))}
	if id, err := parseQueryID(r, "campus"); err == nil && id > 0 {
		f.CampusID = id
	}
	places, err := s.schoolPlaces(r.Context(), a, school, f)
	if err != nil {
		return err
	}
	campuses, err := s.schoolCampuses(r.Context(), a, school)
	if err != nil {
		return err
	}
	p := s.newPage(r, "场所")
	p.Form = f
	p.Data = map[string]any{"Places": places, "Campuses": campuses, "Types": placeTypeOptions(), "Filtered": f != (org.PlaceFilter{})}
	return s.render(w, r, "place_list", p)
}

func (s *Server) placeShow(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	pl, err := s.Org.FindPlace(r.Context(), actorFrom(r.Context()), school, id)
	if err != nil {
		return err
	}
	hist, err := s.history(r, "place", id)
	if err != nil {
		return err
	}
	p := s.newPage(r, pl.Name)
	p.Data = map[string]any{"Place": pl, "History": hist, "CanHaveChildren": pl.Level != org.PlaceArea}
	return s.render(w, r, "place_show", p)
}
