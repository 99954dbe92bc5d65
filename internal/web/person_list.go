package web

import (
	"net/http"
	"strings"

	"safecampus/internal/org"
)

// specialPostLabels maps each special post code to its Chinese name, for
// the tags of the list and the show page.
func specialPostLabels() map[string]string {
	m := make(map[string]string, len(org.SpecialPosts))
	for _, p := range org.SpecialPosts {
		m[string(p.Code)] = p.Label
	}
	return m
}

// unitChoice is a unit in a select box, indented by its depth in the
// tree (a select cannot be styled per option reliably).
type unitChoice struct {
	ID    int64
	Label string
}

func unitChoices(units []org.Unit) []unitChoice {
	out := make([]unitChoice, 0, len(units))
	for _, u := range units {
		out = append(out, unitChoice{u.ID, strings.Repeat("　", u.Depth) + u.Name})
	}
	return out
}

// personList shows the people the actor may see, filtered by unit and a
// search text from the query string (a GET form, so a filtered list can be
// bookmarked and shared).
func (s *Server) personList(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	a := actorFrom(r.Context())
	f := org.PersonFilter{Query: strings.TrimSpace(r.URL.Query().Get("q"))}
	if id, err := parseQueryID(r, "unit"); err == nil && id > 0 {
		f.UnitID = id
	}
	people, err := s.Org.ListPeople(r.Context(), a, school, f)
	if err != nil {
		return err
	}
	units, err := s.schoolUnits(r.Context(), a, school)
	if err != nil {
		return err
	}
	p := s.newPage(r, "人员")
	p.Form = f
	p.Data = map[string]any{"People": people, "Units": unitChoices(units), "PostLabels": specialPostLabels()}
	return s.render(w, r, "person_list", p)
}

func (s *Server) personShow(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	person, err := s.Org.FindPerson(r.Context(), actorFrom(r.Context()), school, id)
	if err != nil {
		return err
	}
	hist, err := s.history(r, "person", id)
	if err != nil {
		return err
	}
	p := s.newPage(r, person.Name)
	p.Data = map[string]any{"Person": person, "History": hist, "PostLabels": specialPostLabels()}
	return s.render(w, r, "person_show", p)
}
