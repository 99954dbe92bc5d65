package web

import (
	"html/template"
	"strconv"
	"strings"
)

// htmlBuilder writes the hot, repeated parts of pages — list rows and the
// menu — in Go. In html/template every {{action}} is a reflective call to
// an escaper (plus one per method or function), about 1–2 µs each; a list
// of 40 rows had ~1,000 of them and made render half of a page view's CPU
// (docs/benchmarks.md §2). Here a row costs well under a microsecond.
//
// The rule that keeps this as safe as the template: raw only ever gets a
// string constant of markup; every value goes through text (escaped for
// element text and quoted attribute values alike) or id.
type htmlBuilder struct{ strings.Builder }

// raw writes trusted markup: a constant in the source, never a value.
func (b *htmlBuilder) raw(s string) { b.WriteString(s) }

// text writes s escaped for element text or a double-quoted attribute.
func (b *htmlBuilder) text(s string) {
	if strings.ContainsAny(s, "'\"&<>\000") {
		s = template.HTMLEscapeString(s)
	}
	b.WriteString(s)
}

// id writes a number (record ids in URLs and option values).
func (b *htmlBuilder) id(n int64) {
	var buf [20]byte
	b.Write(strconv.AppendInt(buf[:0], n, 10))
}

// html returns what was written; every value in it was escaped.
func (b *htmlBuilder) html() template.HTML { return template.HTML(b.String()) }

// csrfInput is the hidden field of every POST form (the "csrf" template).
func (b *htmlBuilder) csrfInput(token string) {
	b.raw(`<input type="hidden" name="csrf_token" value="`)
	b.text(token)
	b.raw(`">`)
}

// SchoolOptionsHTML renders the school switcher's options in Go: an
// authority viewer over a thousand schools has a thousand of them on every
// page (three template actions each).
func (p *page) SchoolOptionsHTML() template.HTML {
	var b htmlBuilder
	b.Grow(48 * len(p.Schools))
	for _, sc := range p.Schools {
		b.optionTag(strconv.FormatInt(sc.ID, 10), sc.Name, sc.ID == p.School.ID)
	}
	return b.html()
}

// NavHTML renders the menu links: one reflective call from the layout
// instead of five per link (the menu has 20–30 links for an office user).
func (p *page) NavHTML() template.HTML {
	var b htmlBuilder
	b.Grow(64 * len(p.Nav))
	for _, it := range p.Nav {
		b.raw(`<a href="`)
		b.text(it.URL)
		if it.URL == p.Path {
			b.raw(`" aria-current="page">`)
		} else {
			b.raw(`">`)
		}
		b.text(p.T(it.Label))
		b.raw(`</a>`)
	}
	return b.html()
}
