package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"safecampus/internal/apperr"
	"safecampus/internal/checklist"
	"safecampus/internal/hazard"
)

// hazardShowView is the data of hazard_show.html: the record, its photos,
// plan and timeline, and the forms of the steps the actor may take now.
type hazardShowView struct {
	H        *hazard.Hazard
	Row      hazardRow
	Source   string
	ClosedAt string
	// AreaText and Acceptance are the area and acceptance result in Chinese.
	AreaText, Acceptance string
	// PhotoRows are the photos before, during and after rectification.
	PhotoRows []hazardPhotoRow
	Plan      *hazard.Plan
	Timeline  []hazardEventView
	// TimelineHTML is the timeline's entries, written in Go
	// (hazard_timeline_html.go).
	TimelineHTML template.HTML
	// Listings (挂牌督办 with who and when) and Extensions (deadline
	// requests and decisions), shown beside the record.
	Listings   []listingView
	Extensions []extensionView
	Can        map[string]bool
	AnyAction  bool
	// Selects are the options of the assign/reassign forms' unit and
	// people selects, rendered once in Go (hazard_selects.go).
	Selects       hazardSelects
	Areas, Levels []choice
	// Forms are the forms of those steps, written in Go (hazard_forms.go).
	Forms template.HTML

	// Open names the form a refused step came from: it is shown open,
	// with the values sent and its errors.
	Open   string
	Values url.Values
	Errs   []apperr.FieldError
}

// Val is the value of a form field: what was sent when the form comes
// back refused, else the record's current value.
func (v *hazardShowView) Val(name string) string {
	if v.Values != nil {
		return v.Values.Get(name)
	}
	h := v.H
	id := func(n int64) string {
		if n == 0 {
			return ""
		}
		return strconv.FormatInt(n, 10)
	}
	switch name {
	case "level":
		return h.Level
	case "area":
		return h.Area
	case "category":
		return h.Category
	case "unit_id":
		return id(h.UnitID)
	case "responsible_id":
		return id(h.ResponsibleID)
	case "acceptor_id":
		return id(h.AcceptorID)
	case "supervisor_id":
		return id(h.SupervisorID)
	case "measures":
		return h.Measures
	case "funds_yuan":
		if h.FundsYuan == 0 {
			return ""
		}
		return strconv.FormatInt(h.FundsYuan, 10)
	case "deadline":
		return h.Deadline
	}
	return ""
}

// planField is one of the six elements of a governance plan as a form
// field; the service names its errors "plan.<name>".
type planField struct{ Name, Label, Value, ErrField string }

// PlanFields are the six elements (安监总局令第16号 第十五条) with what
// was sent, or the stored plan.
func (v *hazardShowView) PlanFields() []planField {
	var pl hazard.Plan
	if v.Plan != nil {
		pl = *v.Plan
	}
	stored := []string{pl.Goal, pl.Methods, pl.FundsMaterials, pl.Organisation, pl.TimeLimit, pl.SafetyEmergency}
	fs := make([]planField, len(hazard.PlanElements))
	for i, el := range hazard.PlanElements {
		fs[i] = planField{Name: el.Field, Label: el.Label, Value: stored[i], ErrField: "plan." + el.Field}
		if v.Values != nil && v.Open == string(hazard.ActPlan) {
			fs[i].Value = v.Values.Get(el.Field)
		}
	}
	return fs
}

// Orphan reports whether a refused step's form is not on the page (the
// step is not open to the actor now): its reasons are then shown at the
// top instead of being lost.
func (v *hazardShowView) Orphan() bool {
	if v.Open == "" || len(v.Errs) == 0 {
		return false
	}
	return !v.Can[v.Open]
}

// Err is the message of field in the form of action, when that form came
// back refused.
func (v *hazardShowView) Err(action, field string) string {
	if v.Open != action {
		return ""
	}
	for _, e := range v.Errs {
		if e.Field == field {
			return e.Message
		}
	}
	return ""
}

// FormErrs are the refused form's messages that belong to no field of it
// (a guard of the workflow, a conflict): shown at the top of that form.
func (v *hazardShowView) FormErrs(action string, fields ...string) []string {
	if v.Open != action {
		return nil
	}
	var out []string
	for _, e := range v.Errs {
		known := false
		for _, f := range fields {
			known = known || e.Field == f
		}
		if !known {
			out = append(out, e.Message)
		}
	}
	return out
}

// hazardShow is the record of one hazard.
func (s *Server) hazardShow(w http.ResponseWriter, r *http.Request) error {
	return s.renderHazard(w, r, http.StatusOK, "", nil, nil)
}

// renderHazard renders the record page; after a refused step, open names
// its form and vals/errs are what was sent and why it was refused.
func (s *Server) renderHazard(w http.ResponseWriter, r *http.Request, code int, open string, vals url.Values, errs []apperr.FieldError) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	ctx, a := r.Context(), actorFrom(r.Context())
	rec, err := s.hazardRecord(ctx, a, school, optID(r.PathValue("id")))
	if err != nil {
		return err
	}
	h := rec.Hazard
	p := s.newPage(r, h.Number)
	v := &hazardShowView{H: h, Row: hazardRowOf(h, schoolToday(p, s.Now())), Source: hazard.SourceLabel(h.Source),
		PhotoRows: hazardPhotoRows(h.ID, rec.Before, rec.After, rec.Progress), Can: map[string]bool{}, Open: open, Values: vals, Errs: errs,
		AreaText: hazard.AreaLabel(h.Area), Acceptance: acceptanceLabel(h.AcceptanceResult), Plan: rec.Plan}
	if h.ClosedAt != nil {
		v.ClosedAt = h.ClosedAt.In(p.School.Location()).Format("2006年1月2日 15:04")
	}
	if h.Major() {
		v.Listings = listingViews(p, rec.Listings)
	}
	v.Extensions = extensionViews(p, rec.Extensions)
	for _, act := range rec.Actions {
		v.Can[string(act)] = true
		v.AnyAction = true
	}
	v.Timeline = hazardEvents(p, rec.Timeline, rec.Names)
	v.TimelineHTML = hazardTimelineHTML(p, v.Timeline)
	if err := s.hazardChoices(r, school, v); err != nil {
		return err
	}
	if v.AnyAction {
		v.Forms = hazardFormsHTML(p, v)
	}
	p.Data = v
	p.Errors = errs
	return s.renderStatus(w, r, code, "hazard_show", p)
}

// hazardChoices fills the selects of the forms the actor will see.
func (s *Server) hazardChoices(r *http.Request, school int64, v *hazardShowView) error {
	for _, lv := range []string{"general", "major"} {
		v.Levels = append(v.Levels, choice{lv, hazard.LevelLabel(lv), lv == v.Val("level")})
	}
	for _, ar := range checklist.Areas {
		v.Areas = append(v.Areas, choice{string(ar), ar.Label(), string(ar) == v.Val("area")})
	}
	if !v.Can[string(hazard.ActAssign)] && !v.Can[string(hazard.ActReassign)] {
		return nil
	}
	ctx, a := r.Context(), actorFrom(r.Context())
	load := func() (hazardSelects, error) {
		units, err := s.schoolUnits(ctx, a, school)
		if err != nil {
			return hazardSelects{}, err
		}
		people, err := s.schoolActivePeople(ctx, a, school)
		if err != nil {
			return hazardSelects{}, err
		}
		return hazardSelectsHTML(v, units, people), nil
	}
	var err error
	if v.Values != nil { // a refused step: the values sent are selected, not kept
		v.Selects, err = load()
		return err
	}
	// The options depend on the school's units and people and on the four
	// selected ids only, so they are kept until the next write like the
	// lists they are made of (hazard_reads.go).
	key := "hazard.selects:" + v.Val("unit_id") + "|" + v.Val("responsible_id") + "|" + v.Val("acceptor_id") + "|" + v.Val("supervisor_id")
	v.Selects, err = recentRead(&s.selects, s.DB, recentKey{key, 0, school}, load)
	return err
}
