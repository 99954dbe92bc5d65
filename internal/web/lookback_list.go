package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"safecampus/internal/apperr"
	"safecampus/internal/checklist"
	"safecampus/internal/hazard"
	"safecampus/internal/lookback"
	"safecampus/internal/org"
)

// lookbackFilterFrom reads the population filter from a form or query
// (the preview is a GET of the same fields the draw POSTs).
func lookbackFilterFrom(v url.Values) lookback.Filter {
	f := lookback.Filter{Area: v.Get("area"), Level: v.Get("level"), UnitID: optID(v.Get("unit")),
		ClosedFrom: strings.TrimSpace(v.Get("closed_from")), ClosedTo: strings.TrimSpace(v.Get("closed_to"))}
	n, _ := strconv.Atoi(strings.TrimSpace(v.Get("size")))
	if v.Get("mode") == "percent" {
		f.Percent = n
	} else {
		f.Count = n
	}
	return f
}

// lookbackList is the look-back page: the school's draws and, for the
// office, the form of a new draw with the size of the population its
// filter gives now (GET /lookback?area=… previews it).
func (s *Server) lookbackList(w http.ResponseWriter, r *http.Request) error {
	return s.renderLookbackList(w, r, http.StatusOK, r.URL.Query(), nil)
}

func (s *Server) renderLookbackList(w http.ResponseWriter, r *http.Request, code int, vals url.Values, errs []apperr.FieldError) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	ctx, a := r.Context(), actorFrom(r.Context())
	draws, err := s.Lookback.List(ctx, a, school)
	if err != nil {
		return err
	}
	units, err := s.Org.ListUnits(ctx, a, school)
	if err != nil {
		return err
	}
	p := s.newPage(r, "回头看")
	p.Errors = errs
	data := map[string]any{"Draws": lookbackDrawRows(p, draws, unitNames(units))}
	if lookback.MayDraw(a, school) {
		flt := lookbackFilterFrom(vals)
		if n, err := s.Lookback.Preview(ctx, a, school, flt); err == nil {
			data["Population"] = n
		} else if apperr.KindOf(err) != apperr.Invalid {
			return err
		} else if len(p.Errors) == 0 {
			p.Errors = apperr.As(err).Fields
		}
		people, err := s.Lookback.Candidates(ctx, a, school)
		if err != nil {
			return err
		}
		chosen := map[int64]bool{}
		for _, v := range vals["inspector_id"] {
			chosen[optID(v)] = true
		}
		ch := map[string][]choice{}
		for _, ar := range checklist.Areas {
			ch["Areas"] = append(ch["Areas"], choice{string(ar), ar.Label(), string(ar) == flt.Area})
		}
		ch["Areas"] = append(ch["Areas"], choice{hazard.AreaGeneral, hazard.AreaLabel(hazard.AreaGeneral), flt.Area == hazard.AreaGeneral})
		for _, lv := range []string{hazard.LevelGeneral, hazard.LevelMajor} {
			ch["Levels"] = append(ch["Levels"], choice{lv, hazard.LevelLabel(lv), lv == flt.Level})
		}
		for _, u := range unitChoices(units) {
			ch["Units"] = append(ch["Units"], idChoice(u.ID, u.Label, flt.UnitID))
		}
		for _, c := range people {
			label := c.Name
			if c.Unit != "" {
				label += "（" + c.Unit + "）"
			}
			ch["Inspectors"] = append(ch["Inspectors"], choice{strconv.FormatInt(c.ID, 10), label, chosen[c.ID]})
		}
		form := map[string]string{"area": flt.Area, "level": flt.Level, "unit": vals.Get("unit"), "closed_from": flt.ClosedFrom,
			"closed_to": flt.ClosedTo, "size": vals.Get("size"), "mode": vals.Get("mode"), "seed": vals.Get("seed"), "due_on": vals.Get("due_on")}
		if form["mode"] != "percent" {
			form["mode"] = "count"
		}
		if form["due_on"] == "" {
			form["due_on"] = s.Now().In(p.School.Location()).AddDate(0, 0, 14).Format("2006-01-02")
		}
		p.Form = form
		data["Choices"], data["CanDraw"] = ch, true
	}
	p.Data = data
	return s.renderStatus(w, r, code, "lookback_list", p)
}

// lookbackCreate makes a draw: POST /lookback. A refused draw comes back
// on the form with its values and the reasons (422).
func (s *Server) lookbackCreate(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	in := lookback.DrawInput{Filter: lookbackFilterFrom(r.PostForm), DueOn: strings.TrimSpace(r.PostFormValue("due_on"))}
	var errs []apperr.FieldError
	if v := strings.TrimSpace(r.PostFormValue("seed")); v != "" {
		if in.Seed, err = strconv.ParseInt(v, 10, 64); err != nil || in.Seed <= 0 {
			errs = append(errs, apperr.FieldError{Field: "seed", Message: "随机种子须为正整数（可留空自动生成）。"})
		}
	}
	for _, v := range r.PostForm["inspector_id"] {
		if id := optID(v); id != 0 && !slices.Contains(in.InspectorIDs, id) {
			in.InspectorIDs = append(in.InspectorIDs, id)
		}
	}
	if len(errs) == 0 {
		d, err := s.Lookback.Create(r.Context(), actorFrom(r.Context()), school, in)
		if err == nil {
			return s.redirectf(w, r, "/lookback/"+strconv.FormatInt(d.ID, 10),
				"已抽取 %d 条已销号隐患，复查任务已派给复查人员。", d.Drawn)
		}
		if apperr.KindOf(err) != apperr.Invalid {
			return err
		}
		e := apperr.As(err)
		errs = e.Fields
		if len(errs) == 0 {
			errs = []apperr.FieldError{{Field: "_", Message: e.Message}}
		}
	}
	return s.renderLookbackList(w, r, http.StatusUnprocessableEntity, r.PostForm, errs)
}

// lookbackDrawRow is one draw as the list shows it.
type lookbackDrawRow struct {
	ID                                       int64
	CreatedAt, By, Filter, DueOn             string
	Seed                                     int64
	Population, Drawn, Passed, Failed, Ended int
	Pending                                  int
}

func lookbackDrawRows(p *page, ds []lookback.Draw, units map[int64]string) []lookbackDrawRow {
	loc := p.School.Location()
	out := make([]lookbackDrawRow, len(ds))
	for i, d := range ds {
		out[i] = lookbackDrawRow{ID: d.ID, CreatedAt: d.CreatedAt.In(loc).Format("2006年1月2日 15:04"), By: d.CreatedByName,
			Filter: lookbackFilterText(p, d.Filter, units), DueOn: chineseDate(d.DueOn), Seed: d.Seed,
			Population: d.Population, Drawn: d.Drawn, Passed: d.Passed, Failed: d.Failed, Ended: d.Ended, Pending: d.Pending()}
	}
	return out
}

func unitNames(units []org.Unit) map[int64]string {
	m := make(map[int64]string, len(units))
	for _, u := range units {
		m[u.ID] = u.Name
	}
	return m
}

// lookbackFilterText says in words what a draw was asked for.
func lookbackFilterText(p *page, f lookback.Filter, units map[int64]string) string {
	var parts []string
	if f.Area != "" {
		parts = append(parts, hazard.AreaLabel(f.Area))
	}
	if f.Level != "" {
		parts = append(parts, hazard.LevelLabel(f.Level))
	}
	if f.UnitID != 0 {
		parts = append(parts, units[f.UnitID])
	}
	if f.ClosedFrom != "" || f.ClosedTo != "" {
		parts = append(parts, p.T("销号于")+" "+f.ClosedFrom+" ~ "+f.ClosedTo)
	}
	if len(parts) == 0 {
		parts = append(parts, p.T("全部已销号隐患"))
	}
	size := p.T("抽取") + " " + strconv.Itoa(f.Count) + " " + p.T("条")
	if f.Percent > 0 {
		size = p.T("抽取") + " " + strconv.Itoa(f.Percent) + "%"
	}
	return strings.Join(parts, "、") + "；" + size
}
