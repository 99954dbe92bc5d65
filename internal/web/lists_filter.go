package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/checklist"
	"safecampus/internal/lists"
)

// listsFilter reads the GET form shared by the four lists. Ids that do
// not parse are ignored (a hand-edited URL shows the unfiltered list);
// dates and choices are checked by the lists service.
func listsFilter(r *http.Request) lists.Filter {
	q := r.URL.Query()
	id := func(name string) int64 {
		n, err := strconv.ParseInt(q.Get(name), 10, 64)
		if err != nil || n < 0 {
			return 0
		}
		return n
	}
	return lists.Filter{
		UnitID: id("unit"), PersonID: id("person"), Area: q.Get("area"), Level: q.Get("level"),
		Status: q.Get("status"), Kind: q.Get("kind"),
		From: strings.TrimSpace(q.Get("from")), To: strings.TrimSpace(q.Get("to")), Overdue: q.Get("overdue") == "1",
	}
}

// listsQuery is f as query parameters, for the export link.
func listsQuery(f lists.Filter) url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	if f.UnitID != 0 {
		v.Set("unit", strconv.FormatInt(f.UnitID, 10))
	}
	if f.PersonID != 0 {
		v.Set("person", strconv.FormatInt(f.PersonID, 10))
	}
	set("area", f.Area)
	set("level", f.Level)
	set("status", f.Status)
	set("kind", f.Kind)
	set("from", f.From)
	set("to", f.To)
	if f.Overdue {
		v.Set("overdue", "1")
	}
	return v
}

// listsPage is what the four list pages share: the filter form's choices,
// the export link, and a 422 with the field errors of a bad filter.
type listsPage struct {
	p      *page
	status int
	data   map[string]any
}

// newListsPage prepares a list page; err is the list service's answer,
// which decides the status (a bad filter re-renders the form with 422).
func (s *Server) newListsPage(r *http.Request, title, path string, f lists.Filter, statuses, kinds []choice, err error) (*listsPage, error) {
	school, a := schoolFrom(r.Context()).ID, actorFrom(r.Context())
	lp := &listsPage{p: s.newPage(r, title), status: http.StatusOK}
	var ae *apperr.Error
	if errors.As(err, &ae) && ae.Kind == apperr.Invalid {
		lp.status, lp.p.Errors = http.StatusUnprocessableEntity, ae.Fields
	} else if err != nil {
		return nil, err
	}
	units, err := s.Org.ListUnits(r.Context(), a, school)
	if err != nil {
		return nil, err
	}
	people, err := s.Lists.People(r.Context(), a, school)
	if err != nil {
		return nil, err
	}
	ch := map[string][]choice{}
	for _, u := range unitChoices(units) {
		ch["Units"] = append(ch["Units"], idChoice(u.ID, u.Label, f.UnitID))
	}
	for _, p := range people {
		ch["People"] = append(ch["People"], idChoice(p.ID, p.Name+"（"+p.Unit+"）", f.PersonID))
	}
	for _, ar := range checklist.Areas {
		ch["Areas"] = append(ch["Areas"], choice{string(ar), ar.Label(), string(ar) == f.Area})
	}
	ch["Areas"] = append(ch["Areas"], choice{"GEN", "其他", f.Area == "GEN"})
	for _, l := range []string{checklist.LevelGeneral, checklist.LevelMajor} {
		ch["Levels"] = append(ch["Levels"], choice{l, checklist.LevelLabel(l), l == f.Level})
	}
	ch["Statuses"], ch["Kinds"] = statuses, kinds
	lp.p.Form = f
	lp.data = map[string]any{
		"Choices": ch, "Filtered": !f.Empty(), "Path": path, "Export": path + "/export.xlsx?" + listsQuery(f).Encode(),
		"CanExport":   auth.Can(a, auth.PermExport, auth.SchoolScope(school)),
		"AllOfSchool": auth.Can(a, auth.PermHazardView, auth.SchoolScope(school)),
		"Limit":       lists.PageLimit,
	}
	lp.p.Data = lp.data
	return lp, nil
}

func (s *Server) renderList(w http.ResponseWriter, r *http.Request, name string, lp *listsPage) error {
	return s.renderStatus(w, r, lp.status, name, lp.p)
}

// labelled turns values into choices with their Chinese labels.
func listsLabelled(values []string, chosen string, label func(string) string) []choice {
	out := make([]choice, len(values))
	for i, v := range values {
		out[i] = choice{v, label(v), v == chosen}
	}
	return out
}
