package web

import (
	"html/template"
	"strconv"
	"time"

	"safecampus/internal/checklist"
	"safecampus/internal/inspection"
	"safecampus/internal/ledger"
)

// The ledger's table rows and its four filter selects, written in Go like
// the org lists (list_rows.go, decision 0025): in html/template a page of
// 50 rows and ~130 options made ~1,000 reflective calls, about 40 % of a
// ledger view's CPU. The markup is the template's; the rule is
// htmlBuilder's: raw takes constants only, every value goes through text
// or id. TestLedgerRowsEscape checks it.

// ledgerRowsHTML writes one <tr> per inspection: number, time (with a tag
// when late), kind, place, unit, inspector and co-inspectors, result, note.
func ledgerRowsHTML(p *page, rows []ledger.Row, loc *time.Location) template.HTML {
	if len(rows) == 0 {
		return ""
	}
	pass, fail, co, late := p.T("合格"), p.T("不合格"), p.T("同检"), p.T("逾期")
	var b htmlBuilder
	b.Grow(len(rows) * 520)
	var when [32]byte
	for i := range rows {
		r := &rows[i]
		b.raw(`<tr><td class="l-id"><a href="/inspections/`)
		b.id(r.ID)
		b.raw(`">#`)
		b.id(r.ID)
		b.raw(`</a></td><td class="l-when">`)
		b.text(string(r.SubmittedAt.In(loc).AppendFormat(when[:0], "2006-01-02 15:04")))
		if r.Late {
			b.raw(` <span class="tag warn">`)
			b.text(late)
			b.raw(`</span>`)
		}
		b.raw(`</td><td class="l-kind">`)
		b.text(r.KindLabel())
		b.raw(`</td><td class="l-place">`)
		b.text(r.PlaceName)
		b.raw(`</td><td class="l-unit">`)
		b.text(r.UnitName)
		b.raw(`</td><td class="l-who">`)
		b.text(r.InspectorName)
		if len(r.CoInspectors) > 0 {
			b.raw(`<br><span class="muted small">`)
			b.text(co)
			b.raw(`：`)
			for j, name := range r.CoInspectors {
				if j > 0 {
					b.raw(`、`)
				}
				b.text(name)
			}
			b.raw(`</span>`)
		}
		if r.Failed() {
			b.raw(`</td><td class="l-result bad">`)
			b.text(fail)
			b.raw(` `)
			b.id(r.FailedCount)
			b.raw(`/`)
			b.id(r.AnswerCount)
		} else {
			b.raw(`</td><td class="l-result ok">`)
			b.text(pass)
		}
		b.raw(`</td><td class="l-note">`)
		b.text(r.Note)
		b.raw("</td></tr>\n")
	}
	return b.html()
}

// ledgerSelects are the options of the filter form's kind, unit,
// inspector and area selects (each after its "all" option, which stays
// in the template). People is empty when the actor sees only their own
// inspections: the template then leaves the inspector select out.
type ledgerSelects struct {
	Kinds, Units, People, Areas template.HTML
}

func ledgerSelectsHTML(f ledger.Filter, units []unitChoice, people []ledger.Person) ledgerSelects {
	var s ledgerSelects
	var b htmlBuilder
	for _, k := range inspection.Kinds {
		b.optionTag(string(k), k.Label(), string(k) == f.Kind)
	}
	s.Kinds = b.html()

	b = htmlBuilder{}
	b.Grow(len(units) * 48)
	for _, u := range units {
		b.optionTag(strconv.FormatInt(u.ID, 10), u.Label, u.ID == f.UnitID)
	}
	s.Units = b.html()

	b = htmlBuilder{}
	b.Grow(len(people) * 40)
	for _, pe := range people {
		b.optionTag(strconv.FormatInt(pe.ID, 10), pe.Name, pe.ID == f.InspectorPersonID)
	}
	s.People = b.html()

	b = htmlBuilder{}
	for _, ar := range checklist.Areas {
		b.optionTag(string(ar), ar.Label(), string(ar) == f.Area)
	}
	s.Areas = b.html()
	return s
}
