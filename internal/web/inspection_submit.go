package web

import (
	"errors"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"safecampus/internal/apperr"
	"safecampus/internal/inspection"
	"safecampus/internal/photo"
)

// inspectionSubmitLimit bounds a submitted form. With scripts, photos are
// uploaded one by one beforehand; without, they come with the form.
const inspectionSubmitLimit = 64 << 20

// inspectionFromForm reads the posted form: hidden fields (the drawn
// signature's photo id among them), and for each question listed in "q"
// its result (a_), note (n_) and photo ids (p_).
func inspectionFromForm(r *http.Request) inspection.Draft {
	d := inspection.Draft{
		ClientID: r.PostFormValue("client_id"), Kind: inspection.Kind(r.PostFormValue("kind")),
		PlaceID: optID(r.PostFormValue("place_id")), UnitID: optID(r.PostFormValue("unit_id")),
		DueID: optID(r.PostFormValue("due_id")), ItemSetID: optID(r.PostFormValue("item_set_id")),
		Note: r.PostFormValue("note"), Signature: r.PostFormValue("signature"),
		SignaturePhotoID: optID(r.PostFormValue("signature_photo_id")),
	}
	for _, v := range r.PostForm["co_inspectors"] {
		if id := optID(v); id != 0 {
			d.CoInspectors = append(d.CoInspectors, id)
		}
	}
	seen := map[string]bool{}
	for _, code := range r.PostForm["q"] {
		if code == "" || seen[code] {
			continue
		}
		seen[code] = true
		an := inspection.Answer{QuestionCode: code, Result: r.PostFormValue("a_" + code), Note: r.PostFormValue("n_" + code)}
		for _, v := range r.PostForm["p_"+code] {
			if id := optID(v); id != 0 {
				an.PhotoIDs = append(an.PhotoIDs, id)
			}
		}
		d.Answers = append(d.Answers, an)
	}
	return d
}

// inspectionSubmit stores a finished form and shows the record. A second
// submission of the same form (double tap, retry after a timeout) finds
// the stored record instead of making another. A refused form comes back
// with its answers and the photos already taken.
func (s *Server) inspectionSubmit(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	a := actorFrom(r.Context())
	d := inspectionFromForm(r)
	if done, ok, err := s.Inspection.FindSubmitted(r.Context(), a, school, d.ClientID); err != nil {
		return err
	} else if ok {
		return s.redirect(w, r, "/inspections/"+strconv.FormatInt(done.ID, 10), "该检查已提交过，未重复保存。")
	}
	// Photos that came with the form (no script on the phone) become the
	// uploader's pending photos first, like those uploaded one by one.
	var photoErrs []apperr.FieldError
	if r.MultipartForm != nil {
		for i := range d.Answers {
			an := &d.Answers[i]
			for _, fh := range r.MultipartForm.File["f_"+an.QuestionCode] {
				id, err := s.storeUpload(r, school, fh)
				if err != nil {
					if apperr.KindOf(err) != apperr.Invalid {
						return err
					}
					photoErrs = append(photoErrs, apperr.FieldError{Field: "a_" + an.QuestionCode, Message: apperr.As(err).Message})
					continue
				}
				an.PhotoIDs = append(an.PhotoIDs, id)
			}
		}
	}
	if len(photoErrs) > 0 {
		return s.renderInspectionForm(w, r, http.StatusUnprocessableEntity, d, photoErrs)
	}
	res, err := s.Inspection.Submit(r.Context(), a, school, d)
	if apperr.Is(err, apperr.Invalid) {
		e := apperr.As(err)
		errs := e.Fields
		if len(errs) == 0 {
			errs = []apperr.FieldError{{Field: "_", Message: e.Message}}
		}
		return s.renderInspectionForm(w, r, http.StatusUnprocessableEntity, d, errs)
	}
	if err != nil {
		return err
	}
	// Whole sentences, one per case, so each has its own translation.
	flash := "检查已提交。"
	switch {
	case res.Duplicate:
		flash = "该检查已提交过，未重复保存。"
	case res.FailedCount > 0 && res.Late:
		flash = "检查已提交，%d 个问题不合格，已记录为发现问题。（逾期提交，已记为逾期。）"
	case res.FailedCount > 0:
		flash = "检查已提交，%d 个问题不合格，已记录为发现问题。"
	case res.Late:
		flash = "检查已提交。（逾期提交，已记为逾期。）"
	}
	back := "/inspections/" + strconv.FormatInt(res.ID, 10)
	if res.FailedCount > 0 && !res.Duplicate {
		return s.redirectf(w, r, back, flash, res.FailedCount)
	}
	return s.redirect(w, r, back, flash)
}

// storeUpload processes one uploaded image, saves the file (fsynced) and
// records it as the actor's pending photo.
func (s *Server) storeUpload(r *http.Request, school int64, fh *multipart.FileHeader) (int64, error) {
	if s.Photos == nil {
		return 0, errors.New("photo store not configured")
	}
	f, err := fh.Open()
	if err != nil {
		return 0, err
	}
	defer f.Close()
	saved, err := s.Photos.Put(f, photo.DefaultMaxBytes)
	if err != nil {
		return 0, err
	}
	return s.Inspection.AddPendingPhoto(r.Context(), actorFrom(r.Context()), school, saved)
}

// formOrUpload serves a form that is multipart when the phone attaches
// photos to it (no scripts) and url-encoded otherwise.
func (s *Server) formOrUpload(h handler, limit int64) http.Handler {
	up, plain := s.authedUpload(h, limit), s.authed(h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
			up.ServeHTTP(w, r)
			return
		}
		plain.ServeHTTP(w, r)
	})
}

// photoURL is where a photo is served.
func photoURL(id int64) string { return "/photos/" + strconv.FormatInt(id, 10) }
