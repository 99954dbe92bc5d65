package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/org"
)

//go:embed templates
var templateFS embed.FS

// views holds one parsed template set per language and page: the layout
// plus the page, literal texts already translated (pretranslate).
type views struct {
	zh     map[string]*template.Template
	funcs  template.FuncMap
	enOnce sync.Once
	en     map[string]*template.Template
	enErr  error
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
		// Rows of the busiest lists, written in Go (list_rows.go).
		"unitRows":         unitRows,
		"placeRows":        placeRows,
		"personRows":       personRows,
		"campusRows":       campusRows,
		"optionTags":       optionTags,
		"unitOptionTags":   unitOptionTags,
		"campusOptionTags": campusOptionTags,
		"seq":              func(xs ...string) []string { return xs },
		"fieldErr": func(fs []apperr.FieldError, name string) string {
			for _, f := range fs {
				if f.Field == name {
					return f.Message
				}
			}
			return ""
		},
	}
	zh, err := parsePages(funcs, "zh")
	if err != nil {
		return nil, err
	}
	return &views{zh: zh, funcs: funcs}, nil
}

// pages returns the template set of lang. The English set is parsed on
// the first English page: each set holds ~7 MB of parsed templates, and
// most users never switch. It cannot fail where the Chinese set parsed,
// as the two differ only in escaped text (pretranslate).
func (v *views) pages(lang string) (map[string]*template.Template, error) {
	if lang != "en" {
		return v.zh, nil
	}
	v.enOnce.Do(func() { v.en, v.enErr = parsePages(v.funcs, "en") })
	return v.en, v.enErr
}

// parsePages parses the layout and every page for one language.
func parsePages(funcs template.FuncMap, lang string) (map[string]*template.Template, error) {
	layout := template.New("layout").Funcs(funcs)
	files, err := fs.Glob(templateFS, "templates/layout/*.html")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if err := parseFile(layout, f, lang); err != nil {
			return nil, err
		}
	}
	pages := map[string]*template.Template{}
	err = fs.WalkDir(templateFS, "templates/pages", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := strings.TrimSuffix(strings.TrimPrefix(p, "templates/pages/"), ".html")
		t := template.Must(layout.Clone())
		if err := parseFile(t, p, lang); err != nil {
			return err
		}
		pages[name] = t
		return nil
	})
	return pages, err
}

func parseFile(t *template.Template, file, lang string) error {
	src, err := fs.ReadFile(templateFS, file)
	if err != nil {
		return err
	}
	_, err = t.New(path.Base(file)).Parse(pretranslate(lang, string(src)))
	return err
}

// literalT matches {{.T "text"}} and {{$.T "text"}} with a plain string
// literal (no escapes, no trim markers, nothing else in the action).
var literalT = regexp.MustCompile(`\{\{\$?\.T "([^"\\{}]*)"\}\}`)

// pretranslate replaces each literal {{.T "text"}} with its translation,
// HTML-escaped, when the templates are parsed. A page has 20–40 of them,
// and each cost two reflective calls (the method and its escaper) on every
// view. The escaped text is right in element text and in quoted attribute
// values, the only places the templates use .T (no inline script or style
// under the CSP, no unquoted attributes). Where dot is not the page, .T
// would not have worked at all, so the result is the same. Anything else —
// .T of a variable, $p.T, a pipeline — stays a call.
func pretranslate(lang, src string) string {
	return literalT.ReplaceAllStringFunc(src, func(m string) string {
		text := template.HTMLEscapeString(translate(lang, literalT.FindStringSubmatch(m)[1]))
		if strings.Contains(text, "{{") {
			return m
		}
		return text
	})
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
	// Unread is the actor's unread notifications (at most notify.UnreadCap)
	// for the header badge.
	Unread int
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
		// redirect and redirectf translate when they set the cookie
		// (flash.go); this covers flashes set elsewhere (serveError).
		p.Flash = p.T(p.Flash)
	}
	if p.Actor != nil {
		p.Nav = navFor(p.Actor, p.School.ID)
		// One short index range scan, and only once per account until the
		// next write (recentReads); a failure only hides the badge.
		p.Unread, _ = recentRead(&s.recent, s.DB, recentKey{"unread", p.Actor.AccountID, 0}, func() (int, error) {
			return s.Notify.UnreadCount(r.Context(), p.Actor.AccountID)
		})
		// The switcher is shown only to actors of several schools; skip the
		// query for everyone else (most page views).
		if p.Actor.IsSystemAdmin() || len(p.Actor.SchoolIDs()) > 1 {
			p.Schools, _ = s.schoolsFor(r, p.Actor)
		}
	}
	return p
}

// renderBufs recycles page buffers: a list page is 10–40 KB, and growing
// a fresh buffer for each view was a steady source of garbage.
var renderBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putRenderBuf returns buf to the pool unless an unusual page made it big.
func putRenderBuf(buf *bytes.Buffer) {
	if buf.Cap() <= 256<<10 {
		buf.Reset()
		renderBufs.Put(buf)
	}
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, p *page) error {
	return s.renderStatus(w, r, http.StatusOK, name, p)
}

// renderStatus renders into a buffer first, so a template error becomes a
// clean 500 page instead of half a page.
func (s *Server) renderStatus(w http.ResponseWriter, r *http.Request, code int, name string, p *page) error {
	pages, err := s.views.pages(p.Lang)
	if err != nil {
		return err
	}
	t, ok := pages[name]
	if !ok {
		return fmt.Errorf("no template %q", name)
	}
	buf := renderBufs.Get().(*bytes.Buffer)
	defer putRenderBuf(buf)
	if err := t.ExecuteTemplate(buf, "layout", p); err != nil {
		s.Log.Error("render", "template", name, "err", err)
		http.Error(w, "系统内部错误（页面渲染失败）", http.StatusInternalServerError)
		return nil
	}
	if p.Flash != "" {
		http.SetCookie(w, &http.Cookie{Name: "flash", Path: "/", MaxAge: -1})
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	// A known length spares net/http the chunked encoding and its small
	// writes: a 30 KB page goes out in one write instead of eight.
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(code)
	_, err = buf.WriteTo(w)
	return err
}

// redirect sends the browser to to with a one-time constant message, in
// the user's language (flash.go; redirectf for messages with values).
func (s *Server) redirect(w http.ResponseWriter, r *http.Request, to, flash string) error {
	if flash != "" {
		s.setFlash(w, translate(lang(r), flash))
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
