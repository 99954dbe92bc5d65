package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/org"
)

//go:embed templates
var templateFS embed.FS

// views holds one parsed template set per page: the layout plus the page.
type views struct {
	pages map[string]*template.Template
}

var shanghai = func() *time.Location {
	if l, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return l
	}
	return time.FixedZone("CST", 8*3600)
}()

func parseViews(a *assets) (*views, error) {
	funcs := template.FuncMap{
		"asset": a.URL,
		// dateTime shows an instant as Chinese users read it.
		"dateTime": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.In(shanghai).Format("2006年1月2日 15:04")
		},
		"roleLabel": func(r auth.Role) string { return r.Label() },
		"depthClass": func(d int) string {
			if d > 6 {
				d = 6
			}
			return fmt.Sprintf("depth-%d", d)
		},
		"join": strings.Join,
		"seq":  func(xs ...string) []string { return xs },
		"fieldErr": func(fs []apperr.FieldError, name string) string {
			for _, f := range fs {
				if f.Field == name {
					return f.Message
				}
			}
			return ""
		},
	}
	layout, err := template.New("layout").Funcs(funcs).ParseFS(templateFS, "templates/layout/*.html")
	if err != nil {
		return nil, err
	}
	v := &views{pages: map[string]*template.Template{}}
	err = fs.WalkDir(templateFS, "templates/pages", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := strings.TrimSuffix(strings.TrimPrefix(p, "templates/pages/"), ".html")
		t, err := template.Must(layout.Clone()).ParseFS(templateFS, p)
		if err != nil {
			return err
		}
		v.pages[name] = t
		return nil
	})
	return v, err
}

// page is what every template receives.
type page struct {
	Title   string
	Lang    string
	Actor   *auth.Actor
	School  org.School
	Schools []org.School
	CSRF    string
	Flash   string
	Nav     []navItem
	Path    string
	Errors  []apperr.FieldError
	Form    any
	Data    any
}

// T translates UI text to the user's language.
func (p *page) T(s string) string { return translate(p.Lang, s) }

// Can lets templates ask the same question the services ask.
func (p *page) Can(perm string) bool {
	return p.Actor != nil && auth.Can(p.Actor, auth.Permission(perm), auth.SchoolScope(p.School.ID))
}

// Err returns the message for a form field, or "".
func (p *page) Err(field string) string {
	for _, f := range p.Errors {
		if f.Field == field {
			return f.Message
		}
	}
	return ""
}

func (s *Server) newPage(r *http.Request, title string) *page {
	p := &page{Title: title, Lang: lang(r), Actor: actorFrom(r.Context()), School: schoolFrom(r.Context()), Path: r.URL.Path}
	p.CSRF = sessionFrom(r.Context()).CSRFToken
	if c, err := r.Cookie("flash"); err == nil {
		p.Flash, _ = url.QueryUnescape(c.Value)
	}
	if p.Actor != nil {
		p.Nav = navFor(p.Actor, p.School.ID)
		// The switcher is shown only to actors of several schools; skip the
		// query for everyone else (most page views).
		if p.Actor.IsSystemAdmin() || len(p.Actor.SchoolIDs()) > 1 {
			p.Schools, _ = s.Org.ListSchools(r.Context(), p.Actor)
		}
	}
	return p
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, p *page) error {
	return s.renderStatus(w, r, http.StatusOK, name, p)
}

// renderStatus renders into a buffer first, so a template error becomes a
// clean 500 page instead of half a page.
func (s *Server) renderStatus(w http.ResponseWriter, r *http.Request, code int, name string, p *page) error {
	t, ok := s.views.pages[name]
	if !ok {
		return fmt.Errorf("no template %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		s.Log.Error("render", "template", name, "err", err)
		http.Error(w, "系统内部错误（页面渲染失败）", http.StatusInternalServerError)
		return nil
	}
	if p.Flash != "" {
		http.SetCookie(w, &http.Cookie{Name: "flash", Path: "/", MaxAge: -1})
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_, err := buf.WriteTo(w)
	return err
}

// redirect sends the browser to to with a one-time message.
func (s *Server) redirect(w http.ResponseWriter, r *http.Request, to, flash string) error {
	if flash != "" {
		http.SetCookie(w, &http.Cookie{Name: "flash", Value: url.QueryEscape(flash), Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.Secure, MaxAge: 60})
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// formInvalid re-renders a form with its field errors (422) when err is a
// validation error; other errors pass through.
func (s *Server) formInvalid(w http.ResponseWriter, r *http.Request, err error, name string, p *page) error {
	e := apperr.As(err)
	if e.Kind != apperr.Invalid {
		return err
	}
	p.Errors = e.Fields
	if len(e.Fields) == 0 {
		p.Errors = []apperr.FieldError{{Field: "_", Message: e.Message}}
	}
	return s.renderStatus(w, r, http.StatusUnprocessableEntity, name, p)
}
