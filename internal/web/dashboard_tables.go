package web

import (
	"html/template"
	"net/url"
	"strconv"
	"strings"

	"safecampus/internal/dashboard"
	"safecampus/internal/figures"
)

// chartFigures writes every chart's figure — the canvas dashboard.js draws
// into and the table it draws from (the table is the chart's only data:
// screen readers, printing and the chart read the same cells) — in Go: a year's board has ~1,500 table
// cells, and as {{actions}} they were half of the page's CPU (the
// render_html.go rule applies: values only through text).
func chartFigures(cs []chart, group, empty string) template.HTML {
	var b htmlBuilder
	b.Grow(32 << 10)
	for _, c := range cs {
		b.raw(`<figure class="dash-chart dash-`)
		b.text(c.Kind)
		b.raw(`" data-chart="`)
		b.text(c.ID)
		b.raw(`" data-kind="`)
		b.text(c.Kind)
		if c.Stack {
			b.raw(`" data-stack="1`)
		}
		if c.Percent {
			b.raw(`" data-percent="1`)
		}
		b.raw(`"><figcaption>`)
		b.text(c.Title)
		b.raw(`</figcaption><div class="chart-canvas" id="`)
		b.text(c.ID)
		b.raw(`" aria-hidden="true"></div><div class="chart-table"><table class="list"><caption>`)
		b.text(c.Title)
		b.raw(`</caption><thead><tr><th scope="col">`)
		b.text(group)
		b.raw(`</th>`)
		for _, s := range c.Series {
			b.raw(`<th scope="col">`)
			b.text(s.Name)
			b.raw(`</th>`)
		}
		b.raw(`</tr></thead><tbody>`)
		for i, cat := range c.Categories {
			b.raw(`<tr><th scope="row">`)
			b.text(cat)
			b.raw(`</th>`)
			for _, s := range c.Series {
				v := strconv.Itoa(s.Data[i])
				if c.Percent {
					v = figures.PercentOf(s.Data[i])
				}
				b.raw(`<td>`)
				if l := s.Links[i]; strings.HasPrefix(l, "/") && !strings.HasPrefix(l, "//") {
					b.raw(`<a href="`)
					b.text(l)
					b.raw(`">`)
					b.text(v)
					b.raw(`</a>`)
				} else {
					b.text(v)
				}
				b.raw(`</td>`)
			}
			b.raw(`</tr>`)
		}
		if len(c.Categories) == 0 {
			b.raw(`<tr><td colspan="3" class="muted">`)
			b.text(empty)
			b.raw(`</td></tr>`)
		}
		b.raw(`</tbody></table></div></figure>`)
	}
	return b.html()
}

// majorRows writes the rows of the open major hazards' table in Go (up to
// maxMajorRows of them, eight cells each); labels come translated.
func majorRows(ms []figures.MajorRow, overdue, listed, onFile, missing string) template.HTML {
	var b htmlBuilder
	b.Grow(256 * len(ms))
	for _, m := range ms {
		if m.Overdue {
			b.raw(`<tr class="bad">`)
		} else {
			b.raw(`<tr>`)
		}
		b.raw(`<td><a href="/hazards/`)
		b.id(m.ID)
		b.raw(`">`)
		b.text(m.Number)
		b.raw(`</a></td><td>`)
		b.text(m.Description)
		b.raw(`</td><td>`)
		b.text(m.UnitName)
		b.raw(`</td><td>`)
		b.text(m.Deadline)
		if m.Overdue {
			b.raw(` <span class="badge bad">`)
			b.text(overdue)
			b.raw(`</span>`)
		}
		b.raw(`</td><td>`)
		b.text(m.Status)
		b.raw(`</td><td>`)
		if m.Listed {
			b.text(listed)
		}
		b.raw(`</td><td>`)
		if m.HasPlan {
			b.text(onFile)
		} else {
			b.raw(`<span class="bad">`)
			b.text(missing)
			b.raw(`</span>`)
		}
		b.raw(`</td></tr>`)
	}
	return b.html()
}

// authorityRows writes the authority table's rows in Go: 1,000 schools of
// fourteen cells each would be 14,000 template actions.
func authorityRows(rows []dashboard.Summary, spanKey string, l authorityLabels) template.HTML {
	var b htmlBuilder
	b.Grow(400 * len(rows))
	cell := func(n int, bad bool) {
		if bad && n > 0 {
			b.raw(`<td class="bad">`)
		} else {
			b.raw(`<td>`)
		}
		b.id(int64(n))
		b.raw(`</td>`)
	}
	for _, r := range rows {
		b.raw(`<tr data-school="`)
		b.id(r.SchoolID)
		b.raw(`"><th scope="row"><a href="/authority/schools/`)
		b.id(r.SchoolID)
		b.raw(`?period=`)
		b.text(url.QueryEscape(spanKey))
		b.raw(`">`)
		b.text(r.SchoolName)
		b.raw(`</a>`)
		if r.Stale {
			b.raw(` <span class="muted small">`)
			b.text(l.updating)
			b.raw(`</span>`)
		}
		b.raw(`</th>`)
		if r.Missing {
			b.raw(`<td colspan="13" class="muted">`)
			b.text(l.missing)
			b.raw(`</td></tr>`)
			continue
		}
		cell(r.MajorOverdue, true)
		if r.ComplianceUnavailable {
			b.raw(`<td>—</td>`)
		} else {
			cell(r.ComplianceFail, true)
		}
		cell(r.Found, false)
		cell(r.Closed, false)
		b.raw(`<td>`)
		b.text(r.RatePercent())
		b.raw(`</td>`)
		cell(r.Overdue, true)
		cell(r.MajorOpen, false)
		cell(r.MajorListed, false)
		cell(r.Inspections, false)
		b.raw(`<td>`)
		b.id(int64(r.RhythmDone))
		b.raw(`+`)
		b.id(int64(r.RhythmLate))
		b.raw(`/`)
		b.id(int64(r.RhythmTotal))
		if r.RhythmMissed > 0 {
			b.raw(` <span class="bad">`)
			b.text(l.missed)
			b.raw(` `)
			b.id(int64(r.RhythmMissed))
			b.raw(`</span>`)
		}
		b.raw(`</td><td>`)
		b.text(r.CoveragePercent())
		b.raw(`</td>`)
		if r.ComplianceUnavailable {
			b.raw(`<td>—</td>`)
		} else {
			cell(r.CompliancePass, false)
		}
		cell(r.CampaignLate, true)
		b.raw(`</tr>`)
	}
	return b.html()
}

// authorityLabels are the few words of the rows, translated.
type authorityLabels struct{ updating, missing, missed string }
