package web

import (
	"html/template"
	"strconv"

	"safecampus/internal/org"
)

// The table rows of the busiest list pages, written in Go (see
// htmlBuilder for why and for the escaping rule). The page around them —
// heading, filters, table head — stays in the template; each template
// calls its row function once: {{unitRows $ .}}. The markup is the one
// the templates had.

// rowLabels are the translated texts every row repeats, looked up once.
type rowLabels struct{ on, off, edit, disable, enable, view, confirm string }

func labelsFor(p *page, on, confirm string) rowLabels {
	return rowLabels{on: p.T(on), off: p.T("已停用"), edit: p.T("编辑"), disable: p.T("停用"),
		enable: p.T("启用"), view: p.T("查看"), confirm: p.T(confirm)}
}

// openRow writes <tr>, marked when the record is deactivated.
func (b *htmlBuilder) openRow(active bool) {
	if active {
		b.raw("<tr>")
	} else {
		b.raw(`<tr class="inactive">`)
	}
}

// depthCell opens a name cell indented by the record's depth in its tree.
func (b *htmlBuilder) depthCell(depth int) {
	b.raw(`<td class="depth-`)
	b.raw(strconv.Itoa(min(depth, 6)))
	b.raw(`">`)
}

// stateAndActions writes the status cell and the actions cell: edit and
// (de)activate for managers at base/ID, else a view link when view is set.
func (b *htmlBuilder) stateAndActions(p *page, l *rowLabels, base string, id int64, active, manage, view bool) {
	b.raw("<td>")
	if active {
		b.text(l.on)
	} else {
		b.text(l.off)
	}
	b.raw(`</td><td class="actions">`)
	switch {
	case manage:
		b.raw(`<a href="`)
		b.raw(base)
		b.id(id)
		b.raw(`/edit">`)
		b.text(l.edit)
		b.raw(`</a> <form method="post" action="`)
		b.raw(base)
		b.id(id)
		b.raw(`/active" class="inline">`)
		b.csrfInput(p.CSRF)
		if active {
			b.raw(`<button class="link" name="active" value="false"`)
			if l.confirm != "" {
				b.raw(` data-confirm="`)
				b.text(l.confirm)
				b.raw(`"`)
			}
			b.raw(`>`)
			b.text(l.disable)
		} else {
			b.raw(`<button class="link" name="active" value="true">`)
			b.text(l.enable)
		}
		b.raw(`</button></form>`)
	case view:
		b.raw(`<a href="`)
		b.raw(base)
		b.id(id)
		b.raw(`">`)
		b.text(l.view)
		b.raw(`</a>`)
	}
	b.raw("</td></tr>\n")
}

func unitRows(p *page, units []org.Unit) template.HTML {
	l := labelsFor(p, "启用中", "")
	manage := p.Can("org.manage")
	var b htmlBuilder
	b.Grow(len(units) * 600)
	for i := range units {
		u := &units[i]
		b.openRow(u.Active)
		b.depthCell(u.Depth)
		b.raw(`<a href="/units/`)
		b.id(u.ID)
		b.raw(`">`)
		b.text(u.Name)
		b.raw(`</a></td><td>`)
		b.text(u.Kind.Label())
		b.raw(`</td><td class="hide-s">`)
		b.text(u.CampusName)
		b.raw(`</td><td class="hide-s">`)
		b.text(u.HeadName)
		b.raw(`</td>`)
		b.stateAndActions(p, &l, "/units/", u.ID, u.Active, manage, false)
	}
	return b.html()
}

// placeRows names a place's parent when the list is filtered (the tree
// indentation no longer shows it then).
func placeRows(p *page, places []org.Place, filtered bool) template.HTML {
	l := labelsFor(p, "启用中", "确定停用该场所？")
	manage := p.Can("org.manage")
	var b htmlBuilder
	b.Grow(len(places) * 700)
	for i := range places {
		pl := &places[i]
		b.openRow(pl.Active)
		b.depthCell(pl.Depth)
		b.raw(`<a href="/places/`)
		b.id(pl.ID)
		b.raw(`">`)
		b.text(pl.Name)
		b.raw(`</a>`)
		if filtered && pl.ParentName != "" {
			b.raw(` <span class="muted">（`)
			b.text(pl.ParentName)
			b.raw(`）</span>`)
		}
		b.raw(`</td><td>`)
		b.text(pl.Type.Label())
		b.raw(`</td><td class="hide-s">`)
		b.text(pl.Level.Label())
		b.raw(`</td><td class="hide-s">`)
		b.text(pl.CampusName)
		b.raw(`</td><td class="hide-s">`)
		b.text(pl.UnitName)
		b.raw(`</td><td>`)
		b.text(pl.ResponsibleName)
		b.raw(`</td>`)
		b.stateAndActions(p, &l, "/places/", pl.ID, pl.Active, manage, true)
	}
	return b.html()
}

// personRows shows each special post as a tag with its Chinese name.
func personRows(p *page, people []org.Person, postLabels map[string]string) template.HTML {
	l := labelsFor(p, "在岗", "确定停用该人员？")
	manage := p.Can("people.manage")
	var b htmlBuilder
	b.Grow(len(people) * 700)
	for i := range people {
		pe := &people[i]
		b.openRow(pe.Active)
		b.raw(`<td><a href="/people/`)
		b.id(pe.ID)
		b.raw(`">`)
		b.text(pe.Name)
		b.raw(`</a></td><td class="hide-s">`)
		b.text(pe.StaffNo)
		b.raw(`</td><td>`)
		b.text(pe.UnitName)
		b.raw(`</td><td class="hide-s">`)
		b.text(pe.Post)
		b.raw(`</td><td>`)
		if pe.Phone != "" {
			b.raw(`<a href="tel:`)
			b.text(telURL(pe.Phone))
			b.raw(`">`)
			b.text(pe.Phone)
			b.raw(`</a>`)
		}
		b.raw(`</td><td class="hide-s">`)
		for _, sp := range pe.SpecialPosts {
			b.raw(`<span class="tag">`)
			b.text(postLabels[sp])
			b.raw(`</span>`)
		}
		b.raw(`</td>`)
		b.stateAndActions(p, &l, "/people/", pe.ID, pe.Active, manage, true)
	}
	return b.html()
}

func campusRows(p *page, cs []org.Campus) template.HTML {
	l := labelsFor(p, "启用中", "")
	manage := p.Can("org.manage")
	var b htmlBuilder
	for i := range cs {
		c := &cs[i]
		b.openRow(c.Active)
		b.raw(`<td>`)
		b.text(c.Name)
		b.raw(`</td><td>`)
		b.text(c.Address)
		b.raw(`</td>`)
		b.stateAndActions(p, &l, "/campuses/", c.ID, c.Active, manage, false)
	}
	return b.html()
}

// telURL percent-encodes every byte of a phone number but digits, '+'
// and '-' (validation allows only those and spaces), as html/template's URL
// normaliser would for the spaces.
func telURL(phone string) string {
	const hex = "0123456789ABCDEF"
	var out []byte
	for i := 0; i < len(phone); i++ {
		c := phone[i]
		if c >= '0' && c <= '9' || c == '+' || c == '-' {
			if out != nil {
				out = append(out, c)
			}
			continue
		}
		if out == nil {
			out = append(make([]byte, 0, len(phone)+8), phone[:i]...)
		}
		out = append(out, '%', hex[c>>4], hex[c&15])
	}
	if out == nil {
		return phone
	}
	return string(out)
}

// The filter selects of the list pages, same rule: one call per select.

// optionTag writes one <option>, marked when it is the current choice.
func (b *htmlBuilder) optionTag(value, label string, selected bool) {
	b.raw(`<option value="`)
	b.text(value)
	if selected {
		b.raw(`" selected>`)
	} else {
		b.raw(`">`)
	}
	b.text(label)
	b.raw(`</option>`)
}

func optionTags(opts []option, selected string) template.HTML {
	var b htmlBuilder
	for _, o := range opts {
		b.optionTag(o.Value, o.Label, o.Value == selected)
	}
	return b.html()
}

func unitOptionTags(units []unitChoice, selected int64) template.HTML {
	var b htmlBuilder
	for _, u := range units {
		b.optionTag(strconv.FormatInt(u.ID, 10), u.Label, u.ID == selected)
	}
	return b.html()
}

func campusOptionTags(cs []org.Campus, selected int64) template.HTML {
	var b htmlBuilder
	for _, c := range cs {
		b.optionTag(strconv.FormatInt(c.ID, 10), c.Name, c.ID == selected)
	}
	return b.html()
}
