package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/hazard"
	"safecampus/internal/org"
)

// hazardReportLimit is a report with up to three photos from the camera.
const hazardReportLimit = 3*hazardPhotoMax + 1<<20

// placeGroup is a building (or another top-level place) and everything in
// it, for a select with one optgroup per building.
type placeGroup struct {
	Label  string
	Places []choice
}

// groupPlaces folds the depth-first place tree into one group per
// top-level place; rooms are indented under their floor.
func groupPlaces(places []org.Place, chosen int64) []placeGroup {
	var out []placeGroup
	for _, pl := range places {
		if !pl.Active {
			continue
		}
		if pl.Depth == 0 || len(out) == 0 {
			out = append(out, placeGroup{Label: pl.Name})
		}
		g := &out[len(out)-1]
		g.Places = append(g.Places, idChoice(pl.ID, strings.Repeat("　", pl.Depth)+pl.Name, chosen))
	}
	return out
}

// hazardReportForm is 随手拍: photo, place, note. A place's QR page links
// here with ?place=ID, which preselects it.
func (s *Server) hazardReportForm(w http.ResponseWriter, r *http.Request) error {
	return s.renderReportForm(w, r, http.StatusOK, url.Values{"place_id": {r.URL.Query().Get("place")}}, nil, nil)
}

// renderReportForm shows the form with vals; photos already stored for a
// refused report come back as thumbnails instead of being taken again.
func (s *Server) renderReportForm(w http.ResponseWriter, r *http.Request, code int, vals url.Values, photos []int64, errs []apperr.FieldError) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	ctx, a := r.Context(), actorFrom(r.Context())
	if !auth.CanSomewhere(a, auth.PermHazardReport, school) {
		return apperr.ForbiddenErr(string(auth.PermHazardReport))
	}
	places, err := s.Org.ListPlaces(ctx, a, school, org.PlaceFilter{})
	if err != nil {
		return err
	}
	cid := vals.Get("client_id")
	if cid == "" {
		cid = newClientID()
	}
	p := s.newPage(r, "随手拍")
	p.Data = map[string]any{"Groups": groupPlaces(places, optID(vals.Get("place_id"))), "ClientID": cid,
		"Description": vals.Get("description"), "Photos": photos}
	p.Errors = errs
	return s.renderStatus(w, r, code, "hazard_report", p)
}

// hazardReportSubmit stores the report. The form's client id makes a
// double tap or a resent form one hazard; the service answers the stored
// one again.
func (s *Server) hazardReportSubmit(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	a := actorFrom(r.Context())
	if !auth.CanSomewhere(a, auth.PermHazardReport, school) {
		return apperr.ForbiddenErr(string(auth.PermHazardReport))
	}
	in := hazard.ReportInput{PlaceID: optID(r.PostFormValue("place_id")), Description: strings.TrimSpace(r.PostFormValue("description")),
		ClientID: r.PostFormValue("client_id")}
	for _, v := range r.PostForm["photo_id"] {
		if id := optID(v); id != 0 {
			in.PhotoIDs = append(in.PhotoIDs, id)
		}
	}
	var errs []apperr.FieldError
	if r.MultipartForm != nil {
		files := r.MultipartForm.File[hazardPhotoField]
		if len(files)+len(in.PhotoIDs) > 3 {
			errs = append(errs, apperr.FieldError{Field: hazardPhotoField, Message: "随手拍最多 3 张照片。"})
			files = nil
		}
		for _, fh := range files {
			saved, err := s.saveHazardPhoto(fh)
			if apperr.KindOf(err) == apperr.Invalid {
				errs = append(errs, apperr.FieldError{Field: hazardPhotoField, Message: apperr.As(err).Message})
				continue
			} else if err != nil {
				return err
			}
			// Recorded in the report's own transaction (one commit).
			in.NewPhotos = append(in.NewPhotos, saved)
		}
	}
	if len(errs) == 0 {
		h, err := s.Hazard.Report(r.Context(), a, school, in)
		if err == nil {
			return s.redirectf(w, r, hazardURL(h.ID), "已上报隐患 %s，等待专项整治办公室确认。", h.Number)
		}
		if k := apperr.KindOf(err); k != apperr.Invalid {
			return err
		}
		e := apperr.As(err)
		errs = e.Fields
		if len(errs) == 0 {
			errs = []apperr.FieldError{{Field: "_", Message: e.Message}}
		}
	}
	// Refused: keep the photos taken as pending ones, so the form shown
	// again carries them and the reporter need not take them again.
	for _, saved := range in.NewPhotos {
		id, err := s.Hazard.AddPendingPhoto(r.Context(), a, school, saved)
		if err != nil {
			return err
		}
		in.PhotoIDs = append(in.PhotoIDs, id)
	}
	vals := url.Values{"client_id": {in.ClientID}, "place_id": {strconv.FormatInt(in.PlaceID, 10)}, "description": {in.Description}}
	return s.renderReportForm(w, r, http.StatusUnprocessableEntity, vals, in.PhotoIDs, errs)
}
