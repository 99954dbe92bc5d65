package web

import (
	"errors"
	"net/http"

	"safecampus/internal/apperr"
)

// uploadMemory is how much of a multipart body is kept in memory; the rest
// of a file goes to a temporary file that ParseMultipartForm cleans up.
const uploadMemory = 1 << 20

// authedUpload is authed for a multipart upload larger than maxBody. wrap
// caps every POST body at maxBody, and nested MaxBytesReaders take the
// smaller limit, so the body is read here first under limit: the parsed
// form is then what authed's CSRF check and the handler see, and wrap's
// cap on the consumed body has nothing left to refuse. Only requests that
// carry a valid session cookie get their body read: a stranger cannot make
// the server spool 5 MB.
func (s *Server) authedUpload(h handler, limit int64) http.Handler {
	inner := s.authed(h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			if err := s.readUpload(w, r, limit); err != nil {
				s.serveError(w, r, err)
				return
			}
		}
		inner.ServeHTTP(w, r)
	})
}

func (s *Server) readUpload(w http.ResponseWriter, r *http.Request, limit int64) error {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return apperr.New(apperr.Unauthenticated, "auth.no_session", "请先登录。")
	}
	if _, _, err := s.Auth.Authenticate(r.Context(), c.Value); err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	err = r.ParseMultipartForm(uploadMemory)
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return apperr.Invalidf("upload.too_large", "上传的文件过大（不能超过 %d MB）。", limit>>20)
	case errors.Is(err, http.ErrNotMultipart):
		return apperr.New(apperr.Invalid, "upload.not_multipart", "请通过页面上的表单上传文件。")
	case err != nil:
		return apperr.New(apperr.Invalid, "upload.bad_form", "上传未完成或内容有误，请重试。")
	}
	return nil
}
