package web

import (
	"errors"
	"net/http"
	"net/url"

	"safecampus/internal/apperr"
)

// status maps an error kind to its HTTP status: the one table for pages.
func status(k apperr.Kind) int {
	switch k {
	case apperr.Invalid:
		return http.StatusUnprocessableEntity
	case apperr.NotFound:
		return http.StatusNotFound
	case apperr.Conflict:
		return http.StatusConflict
	case apperr.Forbidden:
		return http.StatusForbidden
	case apperr.Unauthenticated:
		return http.StatusUnauthorized
	case apperr.TooMany:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// serveError renders err as a page. Unauthenticated page views go to the
// login page; 5xx are logged at error level, the rest at info.
func (s *Server) serveError(w http.ResponseWriter, r *http.Request, err error) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		err = apperr.New(apperr.Invalid, "request.too_large", "提交的内容过大。")
	}
	e := apperr.As(err)
	code := status(e.Kind)
	if e.Kind == apperr.Unauthenticated && r.Method == http.MethodGet {
		if e.Code == "auth.session_expired" {
			http.SetCookie(w, &http.Cookie{Name: "flash", Value: url.QueryEscape(e.Message), Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode, MaxAge: 60})
		}
		http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	if code >= 500 {
		s.Log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	} else {
		s.Log.Info("request refused", "method", r.Method, "path", r.URL.Path, "status", code, "code", e.Code)
	}
	title := map[int]string{400: "请求有误", 401: "需要登录", 403: "无权访问", 404: "页面不存在", 409: "数据冲突", 422: "提交的内容有误", 429: "操作过于频繁"}[code]
	if title == "" {
		title = "系统错误"
	}
	msg := e.Message
	if msg == "" {
		msg = "系统内部错误，请稍后再试。"
	}
	if code == http.StatusNotFound && e.Code == "" {
		msg = "您访问的页面或记录不存在，或您无权查看。"
	}
	p := s.newPage(r, title)
	p.Data = map[string]any{"Status": code, "Message": msg, "Fields": e.Fields}
	s.renderStatus(w, r, code, "error", p)
}

// notFound is the error for unknown routes.
var errNotFound = apperr.New(apperr.NotFound, "", "")
