package web

import (
	"context"
	"crypto/subtle"
	"errors"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
)

const sessionCookie = "sc_session"

// maxBody bounds ordinary form posts; upload routes set their own limit.
const maxBody = 1 << 20

// securityHeaders: a CSP with no inline script or style, no framing,
// nosniff and a strict referrer policy on every response.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'")
		h.Set("X-Frame-Options", "DENY")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "geolocation=(), microphone=(), camera=(self)")
		next.ServeHTTP(w, r)
	})
}

// wrap adapts a handler to http.Handler, rendering its error.
func (s *Server) wrap(h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		}
		if err := h(w, r); err != nil {
			s.serveError(w, r, err)
		}
	})
}

// public serves a page that needs no login but still knows the actor if
// there is one (the login page).
func (s *Server) public(h handler) http.Handler {
	return s.wrap(func(w http.ResponseWriter, r *http.Request) error {
		if c, err := r.Cookie(sessionCookie); err == nil {
			if a, sess, err := s.Auth.Authenticate(r.Context(), c.Value); err == nil {
				ctx := context.WithValue(r.Context(), actorKey, a)
				ctx = context.WithValue(ctx, sessionKey, sess)
				r = r.WithContext(ctx)
			}
		}
		return h(w, r)
	})
}

// authed resolves the session once per request, checks the CSRF token on
// state-changing requests, and picks the school the request works in.
func (s *Server) authed(h handler) http.Handler {
	return s.wrap(func(w http.ResponseWriter, r *http.Request) error {
		c, err := r.Cookie(sessionCookie)
		if err != nil {
			return apperr.New(apperr.Unauthenticated, "auth.no_session", "请先登录。")
		}
		a, sess, err := s.Auth.Authenticate(r.Context(), c.Value)
		if err != nil {
			if apperr.Is(err, apperr.Unauthenticated) {
				http.SetCookie(w, &http.Cookie{Name: sessionCookie, Path: "/", MaxAge: -1})
			}
			return err
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			if err := parseForm(r); err != nil {
				return err
			}
			tok := r.Header.Get("X-CSRF-Token")
			if tok == "" {
				tok = r.PostFormValue("csrf_token")
			}
			if subtle.ConstantTimeCompare([]byte(tok), []byte(sess.CSRFToken)) != 1 {
				return apperr.New(apperr.Forbidden, "csrf.invalid", "页面已过期或请求来源无效，请刷新页面后重试。")
			}
		}
		ctx := context.WithValue(r.Context(), actorKey, a)
		ctx = context.WithValue(ctx, sessionKey, sess)
		school, err := s.currentSchool(r, a)
		if err != nil {
			return err
		}
		ctx = context.WithValue(ctx, schoolKey, school)
		r = r.WithContext(ctx)
		if a.MustChange && r.URL.Path != "/account/password" && r.URL.Path != "/logout" {
			return s.redirect(w, r, "/account/password", "请先修改初始密码。")
		}
		return h(w, r)
	})
}

// currentSchool picks the request's school: the one chosen with the school
// switcher if the actor may see it, else the actor's first school. It is
// decided here once and passed down in the context.
//
// The school record is read once per account until the next write
// (recentReads), like the actor itself.
func (s *Server) currentSchool(r *http.Request, a *auth.Actor) (school orgSchool, err error) {
	find := func(id int64) (orgSchool, error) {
		return recentRead(&s.recent, s.DB, recentKey{"school", a.AccountID, id}, func() (orgSchool, error) {
			return s.Org.FindSchool(r.Context(), a, id)
		})
	}
	ids := a.SchoolIDs()
	if c, err := r.Cookie("school"); err == nil {
		if id, err := strconv.ParseInt(c.Value, 10, 64); err == nil && (a.IsSystemAdmin() || containsID(ids, id)) {
			if sc, err := find(id); err == nil {
				return sc, nil
			}
		}
	}
	if a.HomeSchool != 0 && containsID(ids, a.HomeSchool) {
		return find(a.HomeSchool)
	}
	if len(ids) > 0 {
		return find(ids[0])
	}
	if a.IsSystemAdmin() {
		if all, err := s.schoolsFor(r, a); err == nil && len(all) > 0 {
			return all[0], nil
		}
	}
	return orgSchool{}, nil
}

// schoolsFor lists the schools a may see (the school switcher), read once
// per account until the next write. The slice is the caller's own.
func (s *Server) schoolsFor(r *http.Request, a *auth.Actor) ([]orgSchool, error) {
	all, err := recentRead(&s.recent, s.DB, recentKey{"schools", a.AccountID, 0}, func() ([]orgSchool, error) {
		return s.Org.ListSchools(r.Context(), a)
	})
	return slices.Clone(all), err
}

func containsID(xs []int64, x int64) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// clientIP is the peer address; a reverse proxy in front must be trusted
// explicitly before X-Forwarded-For means anything, so it is ignored here.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// requireSchool fails when the actor has no school to work in.
func requireSchool(r *http.Request) (int64, error) {
	sc := schoolFrom(r.Context())
	if sc.ID == 0 {
		return 0, apperr.New(apperr.NotFound, "school.none", "尚未选择学校。请先创建学校或联系管理员授予角色。")
	}
	return sc.ID, nil
}

// parseForm parses the body once, so an oversize or malformed body is
// reported as such instead of surfacing later as a missing CSRF token or an
// empty field. The limit is the MaxBytesReader set by wrap (or an upload
// route's larger one).
func parseForm(r *http.Request) error {
	var err error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		err = r.ParseMultipartForm(8 << 20)
	} else {
		err = r.ParseForm()
	}
	if err == nil {
		return nil
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return apperr.New(apperr.Invalid, "request.too_large", "提交的内容过大。")
	}
	return &apperr.Error{Kind: apperr.Invalid, Code: "request.bad_form", Message: "表单格式有误。", Err: err}
}
