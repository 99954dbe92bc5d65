package web

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strconv"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/inspection"
	"safecampus/internal/org"
)

// inspectionQuestion is one question of the form with what was answered.
type inspectionQuestion struct {
	Code, Text   string
	Result, Note string
	PhotoIDs     []int64
}

// inspectionItem groups the questions of one check item.
type inspectionItem struct {
	Code, Title, AreaLabel string
	PhotoRequired          bool
	Questions              []inspectionQuestion
}

// inspectionFormView is the data of inspection_new.html.
type inspectionFormView struct {
	Form       inspection.Form
	Kinds      []inspection.Kind
	Items      []inspectionItem
	Colleagues []inspection.Colleague
	Co         map[int64]bool
}

// newClientID makes the id that keeps one form one inspection, however
// often it is saved or submitted.
func newClientID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// inspectionNew shows the phone inspection form for ?place=ID or ?due=ID
// (a QR scan arrives with ?place=ID&kind=grid_patrol), or, with neither,
// a place picker and the user's unfinished forms. A form URL without a
// client id is redirected to one that has it, so a reload keeps the same
// form — and the answers the phone saved for it — instead of starting over.
func (s *Server) inspectionNew(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	a := actorFrom(r.Context())
	if !inspection.CanInspectIn(a, school) {
		return apperr.ForbiddenErr(string(auth.PermInspect))
	}
	q := r.URL.Query()
	place, due := optID(q.Get("place")), optID(q.Get("due"))
	cid := q.Get("cid")
	if cid == "" && (place != 0 || due != 0) {
		q.Set("cid", newClientID())
		http.Redirect(w, r, "/inspections/new?"+q.Encode(), http.StatusSeeOther)
		return nil
	}
	if cid == "" {
		return s.inspectionPicker(w, r, school)
	}
	if !inspection.ValidClientID(cid) {
		return apperr.Invalidf("inspection.client_id", "表单标识无效，请重新打开检查页面。")
	}
	if done, ok, err := s.Inspection.FindSubmitted(r.Context(), a, school, cid); err != nil {
		return err
	} else if ok {
		return s.redirect(w, r, "/inspections/"+strconv.FormatInt(done.ID, 10), "该检查已提交。")
	}
	d, err := s.Inspection.FindDraft(r.Context(), a, school, cid)
	if apperr.Is(err, apperr.NotFound) {
		if place == 0 && due == 0 {
			return s.inspectionPicker(w, r, school)
		}
		d = inspection.Draft{ClientID: cid, PlaceID: place, DueID: due, Kind: inspection.Kind(q.Get("kind"))}
	} else if err != nil {
		return err
	}
	return s.renderInspectionForm(w, r, http.StatusOK, d, nil)
}

// renderInspectionForm renders the form for d with the field errors of a
// refused submission.
func (s *Server) renderInspectionForm(w http.ResponseWriter, r *http.Request, code int, d inspection.Draft, errs []apperr.FieldError) error {
	school, a := schoolFrom(r.Context()).ID, actorFrom(r.Context())
	f, err := s.Inspection.Form(r.Context(), a, school, d)
	if err != nil {
		return err
	}
	people, err := s.Inspection.Colleagues(r.Context(), a, school)
	if err != nil {
		return err
	}
	answers := map[string]inspection.Answer{}
	for _, an := range d.Answers {
		answers[an.QuestionCode] = an
	}
	v := inspectionFormView{Form: f, Kinds: inspection.Kinds, Colleagues: people, Co: map[int64]bool{}}
	for _, id := range d.CoInspectors {
		v.Co[id] = true
	}
	for _, it := range f.Items {
		fi := inspectionItem{Code: it.Code, Title: it.Title, AreaLabel: it.Area.Label(), PhotoRequired: it.PhotoRequiredOnFail}
		for _, qu := range it.Questions {
			an := answers[qu.Code]
			fi.Questions = append(fi.Questions, inspectionQuestion{Code: qu.Code, Text: qu.Text, Result: an.Result, Note: an.Note, PhotoIDs: an.PhotoIDs})
		}
		v.Items = append(v.Items, fi)
	}
	title := "现场检查"
	if f.PlaceName != "" {
		title = f.PlaceName + " · 现场检查"
	}
	p := s.newPage(r, title)
	p.Data = v
	p.Errors = errs
	return s.renderStatus(w, r, code, "inspection_new", p)
}

// inspectionPicker lets the user choose where to inspect and lists the
// forms they left unfinished.
func (s *Server) inspectionPicker(w http.ResponseWriter, r *http.Request, school int64) error {
	a := actorFrom(r.Context())
	places, err := s.Org.ListPlaces(r.Context(), a, school, org.PlaceFilter{})
	if err != nil {
		return err
	}
	active := places[:0]
	for _, pl := range places {
		if pl.Active {
			active = append(active, pl)
		}
	}
	drafts, err := s.Inspection.MyDrafts(r.Context(), a, school)
	if err != nil {
		return err
	}
	p := s.newPage(r, "开始检查")
	p.Data = map[string]any{"Places": active, "Drafts": drafts, "Kinds": inspection.Kinds}
	return s.render(w, r, "inspection_pick", p)
}

// optID reads an optional id; anything unparsable is "none".
func optID(v string) int64 {
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id < 0 {
		return 0
	}
	return id
}
