package web

import (
	"net/http"
	"strings"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/hazard"
	"safecampus/internal/lookback"
)

// lookbackShow is one draw: GET /lookback/{id}. It shows the seed and the
// filter (so the draw can be repeated), every re-check with its result,
// and for the office the result form of each pending one.
func (s *Server) lookbackShow(w http.ResponseWriter, r *http.Request) error {
	return s.renderLookbackShow(w, r, http.StatusOK, optID(r.PathValue("id")), nil)
}

func (s *Server) renderLookbackShow(w http.ResponseWriter, r *http.Request, code int, id int64, rf *recordForm) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	ctx, a := r.Context(), actorFrom(r.Context())
	d, cs, err := s.Lookback.Get(ctx, a, school, id)
	if err != nil {
		return err
	}
	units, err := s.Org.ListUnits(ctx, a, school)
	if err != nil {
		return err
	}
	p := s.newPage(r, "回头看抽查")
	row := lookbackDrawRows(p, []lookback.Draw{*d}, unitNames(units))[0]
	p.Data = map[string]any{"Draw": row, "FilterJSON": d.FilterJSON, "Checks": s.checkRows(p, cs, lookback.MayDraw(a, school), rf),
		"CanSeeHazards": lookback.MayView(a, school), "From": "draw"}
	return s.renderStatus(w, r, code, "lookback_show", p)
}

// checkRow is a re-check as the pages show it, with its result form when
// the viewer may record it now.
type checkRow struct {
	ID, HazardID                           int64
	Number, Description, Place, Unit, Area string
	Major                                  bool
	Measures, ResultNote, HazardStatus     string
	Inspector, Result, ResultClass, Note   string
	CheckedAt, CheckedBy, DueOn            string
	Photos                                 []string
	Form                                   *recordForm
}

// recordForm is a re-check's result form with the values sent last time
// and their errors.
type recordForm struct {
	CheckID                   int64
	Result, Note, NewDeadline string
	Errors                    []apperr.FieldError
}

func (s *Server) checkRows(p *page, cs []lookback.Check, mayRecord bool, sent *recordForm) []checkRow {
	loc := p.School.Location()
	deadline := s.Now().In(loc).AddDate(0, 0, 14).Format(time.DateOnly)
	out := make([]checkRow, len(cs))
	for i, c := range cs {
		row := checkRow{ID: c.ID, HazardID: c.HazardID, Number: c.HazardNumber, Description: c.Description, Place: c.PlaceName, Unit: c.UnitName,
			Area: hazard.AreaLabel(c.Area), Major: c.Level == hazard.LevelMajor, Measures: c.Measures, ResultNote: c.ResultNote,
			HazardStatus: hazard.Label(c.HazardStatus), Inspector: c.InspectorName, Result: p.T(c.ResultLabel()),
			ResultClass: "lb-" + c.Result, Note: c.Note, CheckedBy: c.CheckedByName, DueOn: chineseDate(c.DueOn)}
		if c.CheckedAt != nil {
			row.CheckedAt = c.CheckedAt.In(loc).Format("2006年1月2日 15:04")
		}
		for _, ph := range c.Photos {
			row.Photos = append(row.Photos, photoURL(ph))
		}
		if mayRecord && !c.Done() && c.HazardStatus == hazard.StatusClosed {
			row.Form = &recordForm{CheckID: c.ID, NewDeadline: deadline}
			if sent != nil && sent.CheckID == c.ID {
				row.Form = sent
			}
		}
		out[i] = row
	}
	return out
}

// recordFormFrom is the posted result form.
func recordFormFrom(r *http.Request, id int64) *recordForm {
	return &recordForm{CheckID: id, Result: r.PostFormValue("result"), Note: strings.TrimSpace(r.PostFormValue("note")),
		NewDeadline: strings.TrimSpace(r.PostFormValue("new_deadline"))}
}
