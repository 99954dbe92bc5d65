package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/checklist"
	"safecampus/internal/inspection"
	"safecampus/internal/ledger"
	"safecampus/internal/org"
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

// ledgerChoices are the options of the filter form's selects.
func ledgerChoices(f ledger.Filter, units []org.Unit, people []ledger.Person) map[string][]choice {
	m := map[string][]choice{}
	for _, k := range inspection.Kinds {
		m["Kinds"] = append(m["Kinds"], choice{string(k), k.Label(), string(k) == f.Kind})
	}
	for _, ar := range checklist.Areas {
		m["Areas"] = append(m["Areas"], choice{string(ar), ar.Label(), string(ar) == f.Area})
	}
	for _, u := range unitChoices(units) {
		m["Units"] = append(m["Units"], idChoice(u.ID, u.Label, f.UnitID))
	}
	for _, p := range people {
		m["People"] = append(m["People"], idChoice(p.ID, p.Name, f.InspectorPersonID))
	}
	return m
}

// ledgerRow is a ledger row as the page shows it. Formatting in Go rather
// than in the template keeps a page of rows cheap: each template function
// call inside a range costs a reflective call (see docs/benchmarks.md).
type ledgerRow struct {
	ID                                     int64
	When, Kind, Place, Unit, Inspector, Co string
	Result, Note                           string
	Failed, Late                           bool
}

func ledgerRows(p *page, rows []ledger.Row) []ledgerRow {
	pass, fail, co := p.T("合格"), p.T("不合格"), p.T("同检")
	loc := p.School.Location()
	out := make([]ledgerRow, len(rows))
	for i, r := range rows {
		v := ledgerRow{ID: r.ID, When: r.SubmittedAt.In(loc).Format("2006-01-02 15:04"), Kind: r.KindLabel(),
			Place: r.PlaceName, Unit: r.UnitName, Inspector: r.InspectorName, Note: r.Note, Failed: r.Failed(), Late: r.Late, Result: pass}
		if len(r.CoInspectors) > 0 {
			v.Co = co + "：" + strings.Join(r.CoInspectors, "、")
		}
		if v.Failed {
			v.Result = fmt.Sprintf("%s %d/%d", fail, r.FailedCount, r.AnswerCount)
		}
		out[i] = v
	}
	return out
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
	res, err := s.Ledger.List(ctx, a, school, f, pg)
	status := http.StatusOK
	p := s.newPage(r, "检查台账")
	var ae *apperr.Error
	if errors.As(err, &ae) && ae.Kind == apperr.Invalid {
		status, p.Errors = http.StatusUnprocessableEntity, ae.Fields
	} else if err != nil {
		return err
	}
	units, err := s.Org.ListUnits(ctx, a, school)
	if err != nil {
		return err
	}
	people, err := s.Ledger.Inspectors(ctx, a, school)
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
		"Rows": ledgerRows(p, res.Rows), "Next": next, "First": first, "Choices": ledgerChoices(f, units, people), "Filtered": !f.Empty(),
		"Export":      "/ledger.xlsx?" + query.Encode(),
		"CanExport":   auth.Can(a, auth.PermExport, sc) && auth.Can(a, auth.PermLedgerView, sc),
		"AllOfSchool": auth.Can(a, auth.PermLedgerView, sc),
	}
	return s.renderStatus(w, r, status, "ledger_list", p)
}
