package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"safecampus/internal/auth"
	"safecampus/internal/checklist"
	"safecampus/internal/hazard"
)

// hazardPageSize is one page of the hazard list: enough for a phone
// screen's worth of scrolling, small enough to stay fast on 1 M rows.
const hazardPageSize = 50

// statusOpen is the list filter's pseudo status "every open status".
const statusOpen = "open"

// hazardFilterForm is the list's GET form as the user sent it.
type hazardFilterForm struct {
	Status, Level, Area, Query string
	UnitID                     int64
	Overdue, Listed            bool
}

func (f hazardFilterForm) empty() bool {
	return f == hazardFilterForm{}
}

// hazardFilterFrom reads the GET form. Unknown choices are ignored (a
// hand-edited URL shows the unfiltered list rather than an error).
func hazardFilterFrom(r *http.Request) hazardFilterForm {
	q := r.URL.Query()
	f := hazardFilterForm{Level: q.Get("level"), Area: q.Get("area"), Query: strings.TrimSpace(q.Get("q")),
		UnitID: optID(q.Get("unit")), Overdue: q.Get("overdue") == "1", Listed: q.Get("listed") == "1"}
	if st := q.Get("status"); st == statusOpen || validStatus(hazard.Status(st)) {
		f.Status = st
	}
	if f.Level != "general" && f.Level != "major" {
		f.Level = ""
	}
	if len([]rune(f.Query)) > 50 {
		f.Query = string([]rune(f.Query)[:50])
	}
	return f
}

func validStatus(st hazard.Status) bool {
	for _, s := range hazard.Statuses {
		if s == st {
			return true
		}
	}
	return false
}

// filter turns the form into the service's filter.
func (f hazardFilterForm) filter(after int64) hazard.Filter {
	hf := hazard.Filter{Level: f.Level, Area: f.Area, UnitID: f.UnitID, Query: f.Query, After: after, Limit: hazardPageSize}
	switch {
	case f.Status == statusOpen:
		hf.Status = append([]hazard.Status{}, hazard.OpenStatuses...)
	case f.Status != "":
		hf.Status = []hazard.Status{hazard.Status(f.Status)}
	}
	yes := true
	if f.Overdue {
		hf.Overdue = &yes
	}
	if f.Listed {
		hf.Listed = &yes
	}
	return hf
}

// query is f as URL parameters, for the next-page link.
func (f hazardFilterForm) query() url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("status", f.Status)
	set("level", f.Level)
	set("area", f.Area)
	set("q", f.Query)
	if f.UnitID != 0 {
		v.Set("unit", strconv.FormatInt(f.UnitID, 10))
	}
	if f.Overdue {
		v.Set("overdue", "1")
	}
	if f.Listed {
		v.Set("listed", "1")
	}
	return v
}

// hazardList is the filtered hazard list, newest first, keyset-paged. The
// service scopes it: the office and leaders see the school, unit heads
// their units, grid leaders their grids' places, and everyone the hazards
// they reported or answer for.
func (s *Server) hazardList(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	ctx, a := r.Context(), actorFrom(r.Context())
	f := hazardFilterFrom(r)
	after := optID(r.URL.Query().Get("after"))
	key := f.query()
	key.Set("after", strconv.FormatInt(after, 10))
	rows, next, err := s.hazardListPage(ctx, a, school, f.filter(after), key.Encode())
	if err != nil {
		return err
	}
	units, err := s.schoolUnits(ctx, a, school)
	if err != nil {
		return err
	}
	p := s.newPage(r, "隐患")
	// The selects' options and the rows are written in Go
	// (hazard_list_rows.go, decision 0025).
	statuses := make([]choice, 0, len(hazard.Statuses)+1)
	statuses = append(statuses, choice{statusOpen, p.T("未销号（全部在办）"), f.Status == statusOpen})
	for _, st := range hazard.Statuses {
		statuses = append(statuses, choice{string(st), hazard.Label(st), string(st) == f.Status})
	}
	var levels []choice
	for _, lv := range []string{"general", "major"} {
		levels = append(levels, choice{lv, hazard.LevelLabel(lv), lv == f.Level})
	}
	areas := make([]choice, 0, len(checklist.Areas))
	for _, ar := range checklist.Areas {
		areas = append(areas, choice{string(ar), ar.Label(), string(ar) == f.Area})
	}
	uc := unitChoices(units)
	unitOpts := make([]choice, 0, len(uc))
	for _, u := range uc {
		unitOpts = append(unitOpts, idChoice(u.ID, u.Label, f.UnitID))
	}
	selects := hazardListSelects{Statuses: choiceOptions(statuses), Levels: choiceOptions(levels),
		Areas: choiceOptions(areas), Units: choiceOptions(unitOpts)}
	nextURL, first := "", ""
	if next != 0 {
		nq := f.query()
		nq.Set("after", strconv.FormatInt(next, 10))
		nextURL = "/hazards?" + nq.Encode()
	}
	if after != 0 {
		first = "/hazards?" + f.query().Encode()
	}
	p.Form = f
	p.Data = map[string]any{
		"Rows": hazardRowsHTML(hazardRowLabelsFor(p), s.hazardRows(p, rows)), "Selects": selects, "Next": nextURL, "First": first, "Filtered": !f.empty(),
		"CanReport": auth.Can(a, auth.PermHazardReport, auth.SchoolScope(school)),
	}
	return s.render(w, r, "hazard_list", p)
}
