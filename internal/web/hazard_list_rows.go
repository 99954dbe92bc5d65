package web

import (
	"html/template"
)

// The hazard list's table rows and its four filter selects, written in Go
// once per request (decision 0025): in html/template a page of 50 rows
// (eleven actions each, plus ifs) and ~40 options cost ~7,500 allocations
// and about 40 % of a list view's CPU (docs/benchmarks.md, "Hazards").
// The markup is the template's, byte for byte, including the whitespace
// between rows; the rule is htmlBuilder's: raw takes constants only, every
// value goes through text or id. TestHazardListRowsKeepMarkupAndEscape
// checks both.

// hazardListSelects are the options of the list's filter selects (each
// after its "all" option, which stays in the template).
type hazardListSelects struct {
	Statuses, Levels, Areas, Units template.HTML
}

// choiceOptions writes one <option> per choice, as the template's
// {{range}} over choices did.
func choiceOptions(cs []choice) template.HTML {
	var b htmlBuilder
	b.Grow(len(cs) * 48)
	for i := range cs {
		b.optionTag(cs[i].Value, cs[i].Label, cs[i].Selected)
	}
	return b.html()
}

// hazardRowLabels are the translated texts every row repeats.
type hazardRowLabels struct{ overdue, listed, unit, who, deadline string }

func hazardRowLabelsFor(p *page) hazardRowLabels {
	return hazardRowLabels{overdue: p.T("已逾期"), listed: p.T("挂牌督办"), unit: p.T("责任单位"),
		who: p.T("责任人"), deadline: p.T("整改期限")}
}

// hazardRowsHTML writes the <tbody>'s rows; "" when there are none (the
// template then shows its empty message).
func hazardRowsHTML(l hazardRowLabels, rows []hazardRow) template.HTML {
	if len(rows) == 0 {
		return ""
	}
	var b htmlBuilder
	b.Grow(len(rows) * 900)
	for i := range rows {
		r := &rows[i]
		if r.Major {
			b.raw("\n  <tr class=\"hz-major-row\">\n    <td class=\"h-no\"><a href=\"/hazards/")
		} else {
			b.raw("\n  <tr>\n    <td class=\"h-no\"><a href=\"/hazards/")
		}
		b.id(r.ID)
		b.raw(`">`)
		b.text(r.Number)
		b.raw("</a></td>\n    <td class=\"h-desc\">")
		b.text(r.Description)
		b.raw("</td>\n    <td class=\"h-place\">")
		b.text(r.Place)
		b.raw("</td>\n    <td class=\"h-unit\" data-label=\"")
		b.text(l.unit)
		b.raw(`">`)
		b.text(r.Unit)
		b.raw("</td>\n    <td class=\"h-who\" data-label=\"")
		b.text(l.who)
		b.raw(`">`)
		b.text(r.Responsible)
		if r.Overdue {
			b.raw("</td>\n    <td class=\"h-deadline bad\" data-label=\"")
		} else {
			b.raw("</td>\n    <td class=\"h-deadline\" data-label=\"")
		}
		b.text(l.deadline)
		b.raw(`">`)
		b.text(r.Deadline)
		if r.Overdue {
			b.raw(` <span class="tag bad">`)
			b.text(l.overdue)
			b.raw(`</span>`)
		}
		b.raw("</td>\n    <td class=\"h-status\"><span class=\"hz-badge ")
		b.text(r.StatusClass)
		b.raw(`">`)
		b.text(r.StatusLabel)
		if r.Major {
			b.raw("</span></td>\n    <td class=\"h-level\"><span class=\"hz-badge hz-major\">")
		} else {
			b.raw("</span></td>\n    <td class=\"h-level\"><span class=\"hz-badge hz-general\">")
		}
		b.text(r.LevelText)
		b.raw(`</span>`)
		if r.Listed {
			b.raw(` <span class="hz-badge hz-listed">`)
			b.text(l.listed)
			b.raw(`</span>`)
		}
		b.raw("</td>\n  </tr>\n  ")
	}
	return b.html()
}
