package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"safecampus/internal/apperr"
	"safecampus/internal/inspection"
	"safecampus/internal/photo"
)

// photoUploadLimit is one photo (photo.DefaultMaxBytes) plus the multipart
// envelope.
const photoUploadLimit = photo.DefaultMaxBytes + 1<<20

// jsonReply writes v as JSON with status code.
func jsonReply(w http.ResponseWriter, code int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	return json.NewEncoder(w).Encode(v)
}

// jsonError answers a script's request with {error, code} and the status
// the page would have had.
func (s *Server) jsonError(w http.ResponseWriter, r *http.Request, err error) error {
	e := apperr.As(err)
	code := status(e.Kind)
	if code >= 500 {
		s.Log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		return jsonReply(w, code, map[string]string{"error": "系统内部错误，请稍后再试。", "code": "internal"})
	}
	s.Log.Info("request refused", "method", r.Method, "path", r.URL.Path, "status", code, "code", e.Code)
	return jsonReply(w, code, map[string]string{"error": e.Message, "code": e.Code})
}

// inspectionDraft saves the form as the server draft (inspection.js posts
// it every 20 s while it changes and when the phone comes back online).
func (s *Server) inspectionDraft(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return s.jsonError(w, r, err)
	}
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		// The form itself, posted without scripts (or by a test).
		saved, err := s.Inspection.SaveDraft(r.Context(), actorFrom(r.Context()), school, inspectionFromForm(r))
		if err != nil {
			return s.jsonError(w, r, err)
		}
		return jsonReply(w, http.StatusOK, saved)
	}
	var d inspection.Draft
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return s.jsonError(w, r, apperr.New(apperr.Invalid, "request.too_large", "草稿内容过多，无法保存。"))
		}
		return s.jsonError(w, r, &apperr.Error{Kind: apperr.Invalid, Code: "request.bad_json", Message: "草稿格式有误。", Err: err})
	}
	if dec.Decode(&struct{}{}) != io.EOF {
		return s.jsonError(w, r, apperr.New(apperr.Invalid, "request.bad_json", "草稿格式有误。"))
	}
	saved, err := s.Inspection.SaveDraft(r.Context(), actorFrom(r.Context()), school, d)
	if err != nil {
		return s.jsonError(w, r, err)
	}
	return jsonReply(w, http.StatusOK, saved)
}

// inspectionPhotoUpload takes one photo from the phone's camera input,
// stores it and answers {id, url}; the form then names the id.
func (s *Server) inspectionPhotoUpload(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return s.jsonError(w, r, err)
	}
	if !inspection.CanInspectIn(actorFrom(r.Context()), school) {
		return s.jsonError(w, r, apperr.ForbiddenErr("inspect"))
	}
	if r.MultipartForm == nil || len(r.MultipartForm.File["file"]) != 1 {
		return s.jsonError(w, r, apperr.New(apperr.Invalid, "photo.missing", "请选择一张照片。"))
	}
	id, err := s.storeUpload(r, school, r.MultipartForm.File["file"][0])
	if err != nil {
		return s.jsonError(w, r, err)
	}
	return jsonReply(w, http.StatusCreated, map[string]any{"id": id, "url": photoURL(id)})
}

// photoServe sends a photo to a user allowed to see the record that owns
// it; everyone else gets 404, as if it did not exist.
func (s *Server) photoServe(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id := optID(r.PathValue("id"))
	name, err := s.Inspection.PhotoFile(r.Context(), actorFrom(r.Context()), school, id)
	if err != nil {
		return err
	}
	if s.Photos == nil {
		return errors.New("photo store not configured")
	}
	f, err := s.Photos.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "image/jpeg")
	w.Header().Set("Cache-Control", "private, max-age=86400")
	http.ServeContent(w, r, "", st.ModTime(), f)
	return nil
}
