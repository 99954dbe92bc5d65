package web

import (
	"net/http"
	"strings"

	"safecampus/internal/apperr"
)

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) error {
	if actorFrom(r.Context()) != nil {
		return s.redirect(w, r, safeNext(r.URL.Query().Get("next")), "")
	}
	p := s.newPage(r, "登录")
	p.Form = map[string]string{"Next": safeNext(r.URL.Query().Get("next"))}
	// Someone without an account who scanned a place's QR code lands
	// here: offer the public hazard report page of that place.
	if tok, ok := strings.CutPrefix(p.Form.(map[string]string)["Next"], "/qr/"); ok && tok != "" && !strings.ContainsAny(tok, "/?#") {
		p.Data = map[string]any{"AnonReport": "/r/" + tok}
	}
	return s.render(w, r, "login", p)
}

func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return apperr.Invalidf("request.bad_form", "表单格式有误。")
	}
	username, password := r.PostFormValue("username"), r.PostFormValue("password")
	next := safeNext(r.PostFormValue("next"))
	token, _, err := s.Auth.Login(r.Context(), username, password, clientIP(r), r.UserAgent())
	if err != nil {
		k := apperr.KindOf(err)
		if k != apperr.Unauthenticated && k != apperr.TooMany {
			return err
		}
		p := s.newPage(r, "登录")
		p.Form = map[string]string{"Next": next, "Username": username}
		p.Errors = []apperr.FieldError{{Field: "_", Message: apperr.As(err).Message}}
		return s.renderStatus(w, r, status(k), "login", p)
	}
	// A fresh token on every login (session fixation), HttpOnly, SameSite.
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.Secure || r.TLS != nil})
	return s.redirect(w, r, next, "")
}

// safeNext keeps a post-login redirect on this site.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.Auth.Logout(r.Context(), c.Value); err != nil {
			return err
		}
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Path: "/", MaxAge: -1})
	return s.redirect(w, r, "/login", "已退出登录。")
}

// setLang switches the UI language; it only sets a cookie.
func (s *Server) setLang(w http.ResponseWriter, r *http.Request) error {
	l := "zh"
	if r.PostFormValue("lang") == "en" {
		l = "en"
	}
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: l, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode, Secure: s.Secure})
	return s.redirect(w, r, safeNext(r.PostFormValue("next")), "")
}

func (s *Server) schoolSelect(w http.ResponseWriter, r *http.Request) error {
	id, err := formID(r, "school_id")
	if err != nil {
		return err
	}
	if _, err := s.Org.FindSchool(r.Context(), actorFrom(r.Context()), id); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: "school", Value: r.PostFormValue("school_id"), Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.Secure})
	return s.redirect(w, r, "/", "")
}

func (s *Server) passwordForm(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, "password", s.newPage(r, "修改密码"))
}

func (s *Server) passwordSubmit(w http.ResponseWriter, r *http.Request) error {
	p := s.newPage(r, "修改密码")
	newPw := r.PostFormValue("new_password")
	if newPw != r.PostFormValue("confirm_password") {
		return s.formInvalid(w, r, apperr.Fields("account.invalid", []apperr.FieldError{{Field: "confirm_password", Message: "两次输入的新密码不一致。"}}), "password", p)
	}
	err := s.Auth.ChangePassword(r.Context(), actorFrom(r.Context()), r.PostFormValue("old_password"), newPw)
	if err != nil {
		return s.formInvalid(w, r, err, "password", p)
	}
	return s.redirect(w, r, "/", "密码已修改。")
}
