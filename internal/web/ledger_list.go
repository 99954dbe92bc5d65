package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/ledger"
)

// ledgerFilter reads the ledger's GET form. Ids that do not parse are
// ignored (a hand-edited URL shows the unfiltered list, not an error);
// dates and choices are checked by the ledger service.
func ledgerFilter(r *http.Request) ledger.Filter {
	q := r.URL.Query()
	id := func(name string) int64 {
		n, err := strconv.ParseInt(q.Get(name), 10, 64)
		if err != nil || n < 0 {
			return 0
		}
		return n
	}
	return ledger.Filter{
		From: strings.TrimSpace(q.Get("from")), To: strings.TrimSpace(q.Get("to")),
		Kind: q.Get("kind"), UnitID: id("unit"), InspectorPersonID: id("inspector"),
		Area: q.Get("area"), Result: q.Get("result"), PlaceID: id("place"),
	}
}

// ledgerQuery is f as query parameters, for the next-page and export links.
func ledgerQuery(f ledger.Filter) url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	setID := func(k string, n int64) {
		if n != 0 {
			v.Set(k, strconv.FormatInt(n, 10))
		}
	}
	set("from", f.From)
	set("to", f.To)
	set("kind", f.Kind)
	setID("unit", f.UnitID)
	setID("inspector", f.InspectorPersonID)
	set("area", f.Area)
	set("result", f.Result)
	setID("place", f.PlaceID)
	return v
}

// choice is an option of a select, chosen or not; deciding "selected" in
// Go keeps the template's loops free of function calls.
type choice struct {
	Value    string
	Label    string
	Selected bool
}

func idChoice(id int64, label string, chosen int64) choice {
	return choice{strconv.FormatInt(id, 10), label, id == chosen}
}

// ledgerFilterLists are the school's units (indented by depth) and
// inspectors for the filter selects. They were two queries on every ledger
// page (the full unit list with its joins, and people with accounts:
// ~12 % of a page's CPU) and change only with a write, so they are read
// once per school until the next write (recentRead's rule: any Transact
// ends them, 2 s at most for other processes). They are the same for
// every actor allowed to see them, hence keyed by school; the permission
// is checked per request before a kept list is used.
func (s *Server) ledgerFilterLists(r *http.Request, a *auth.Actor, school int64) ([]unitChoice, []ledger.Person, error) {
	ctx := r.Context()
	loadUnits := func() ([]unitChoice, error) {
		units, err := s.Org.ListUnits(ctx, a, school)
		return unitChoices(units), err
	}
	var units []unitChoice
	var err error
	if auth.Can(a, auth.PermOrgView, auth.SchoolScope(school)) {
		units, err = recentRead(&s.recent, s.DB, recentKey{"ledger.units", 0, school}, loadUnits)
	} else {
		units, err = loadUnits() // ListUnits answers as it always did
	}
	if err != nil || !ledger.SeesOthers(a, school) {
		return units, nil, err
	}
	people, err := recentRead(&s.recent, s.DB, recentKey{"ledger.inspectors", 0, school}, func() ([]ledger.Person, error) {
		return s.Ledger.Inspectors(ctx, a, school)
	})
	return units, people, err
}

// ledgerList is the inspection ledger (台账): a GET form of filters over a
// keyset-paged list, newest first, with a link to the next page and an
// export of everything the filters match.
func (s *Server) ledgerList(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	ctx, a := r.Context(), actorFrom(r.Context())
	f := ledgerFilter(r)
	pg := ledger.ParsePage(r.URL.Query().Get("after"))
	p := s.newPage(r, "检查台账")
	loc := ledger.Zone(p.School.Timezone)
	res, err := s.Ledger.ListIn(ctx, a, school, loc, f, pg)
	status := http.StatusOK
	var ae *apperr.Error
	if errors.As(err, &ae) && ae.Kind == apperr.Invalid {
		status, p.Errors = http.StatusUnprocessableEntity, ae.Fields
	} else if err != nil {
		return err
	}
	units, people, err := s.ledgerFilterLists(r, a, school)
	if err != nil {
		return err
	}
	query := ledgerQuery(f)
	next := ""
	if res.Next != nil {
		nq := ledgerQuery(f)
		nq.Set("after", res.Next.Token())
		next = "/ledger?" + nq.Encode()
	}
	first := ""
	if pg.AfterID != 0 {
		first = "/ledger?" + query.Encode()
	}
	sc := auth.SchoolScope(school)
	p.Form = f
	p.Data = map[string]any{
		"Rows": ledgerRowsHTML(p, res.Rows, loc), "Next": next, "First": first, "Selects": ledgerSelectsHTML(f, units, people), "Filtered": !f.Empty(),
		"Export":      "/ledger.xlsx?" + query.Encode(),
		"CanExport":   auth.Can(a, auth.PermExport, sc) && auth.Can(a, auth.PermLedgerView, sc),
		"AllOfSchool": auth.Can(a, auth.PermLedgerView, sc),
	}
	return s.renderStatus(w, r, status, "ledger_list", p)
}
