package web

import (
	"errors"
	"net/http"
	"strings"

	"safecampus/internal/apperr"
	"safecampus/internal/hazard"
	"safecampus/internal/patrol"
)

// anonPhotoLimit is an anonymous report's body: one photo and the fields.
const anonPhotoLimit = hazardPhotoMax + 1<<20

var errAnonThrottled = apperr.New(apperr.TooMany, "hazard.anonymous_throttled", "提交过于频繁，请稍后再试。如情况紧急，请直接拨打学校保卫处电话。")

// anonPoint resolves the QR token of the path. A deactivated or unknown
// check point is simply not found: a stranger learns nothing about it.
func (s *Server) anonPoint(r *http.Request) (patrol.CheckPoint, error) {
	cp, err := s.Patrol.Resolve(r.Context(), r.PathValue("token"))
	if err != nil {
		return cp, errNotFound
	}
	return cp, nil
}

// anonReportForm is the public page behind a place's QR code for people
// without an account: the place, a note, an optional photo and contact.
func (s *Server) anonReportForm(w http.ResponseWriter, r *http.Request) error {
	cp, err := s.anonPoint(r)
	if err != nil {
		return err
	}
	return s.renderAnon(w, r, http.StatusOK, cp, "", nil)
}

func (s *Server) renderAnon(w http.ResponseWriter, r *http.Request, code int, cp patrol.CheckPoint, number string, errs []apperr.FieldError) error {
	p := s.newPage(r, "隐患上报")
	p.Data = map[string]any{"Place": cp.PlaceName, "Token": strings.ToLower(r.PathValue("token")), "Number": number,
		"Description": r.PostFormValue("description"), "Contact": r.PostFormValue("contact")}
	p.Errors = errs
	return s.renderStatus(w, r, code, "hazard_anonymous", p)
}

// anonReportSubmit stores an anonymous report; it lands as "reported" for
// the campaign office to confirm or reject. Like the login form it has no
// session to carry a CSRF token: http.CrossOriginProtection refuses
// cross-site posts, and the throttle bounds what a script can do.
func (s *Server) anonReportSubmit(w http.ResponseWriter, r *http.Request) error {
	cp, err := s.anonPoint(r)
	if err != nil {
		return err
	}
	in := hazard.AnonymousInput{Description: strings.TrimSpace(r.PostFormValue("description")), Contact: strings.TrimSpace(r.PostFormValue("contact"))}
	if r.MultipartForm != nil {
		if fs := r.MultipartForm.File[hazardPhotoField]; len(fs) > 0 {
			f, err := fs[0].Open()
			if err != nil {
				return err
			}
			defer f.Close()
			in.Photo = f
		}
	}
	number, err := s.Hazard.ReportAnonymous(r.Context(), r.PathValue("token"), in)
	if err != nil {
		if apperr.KindOf(err) != apperr.Invalid {
			return err
		}
		e := apperr.As(err)
		errs := e.Fields
		if len(errs) == 0 {
			errs = []apperr.FieldError{{Field: "_", Message: e.Message}}
		}
		return s.renderAnon(w, r, http.StatusUnprocessableEntity, cp, "", errs)
	}
	return s.renderAnon(w, r, http.StatusOK, cp, number, nil)
}

// anonUpload serves the anonymous form: every post spends one of the
// client address's allowance (the hazard service's throttle) before its
// body is read, so a flood is refused cheaply; an allowed post may carry
// one photo.
func (s *Server) anonUpload(h handler) http.Handler {
	inner := s.public(h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			if !s.Hazard.AllowAnonymous(clientIP(r)) {
				s.serveError(w, r, errAnonThrottled)
				return
			}
			if err := readPublicForm(w, r, anonPhotoLimit); err != nil {
				s.serveError(w, r, err)
				return
			}
		}
		inner.ServeHTTP(w, r)
	})
}

// readPublicForm parses a form that may be multipart, under limit.
func readPublicForm(w http.ResponseWriter, r *http.Request, limit int64) error {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	var err error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		err = r.ParseMultipartForm(uploadMemory)
	} else {
		err = r.ParseForm()
	}
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return apperr.Invalidf("upload.too_large", "上传的照片过大（不能超过 %d MB）。", hazardPhotoMax>>20)
	case err != nil:
		return apperr.New(apperr.Invalid, "upload.bad_form", "提交未完成或内容有误，请重试。")
	}
	return nil
}
