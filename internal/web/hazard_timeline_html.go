package web

import "html/template"

// hazardTimelineHTML writes the entries of a hazard's timeline (the <li>s
// inside <ol class="timeline">), or its empty line, in Go (decision 0025).
// As a template {{range}} each entry cost about 7 µs and 55 allocations —
// a dozen reflective field reads and escaper calls — which made the
// timeline the largest part left of the page's template once the step
// forms were written in Go (hazard_forms.go). The markup is the
// template's, byte for byte; raw takes constants only, every value goes
// through text. TestHazardTimelineKeepsMarkupAndEscape checks both.
func hazardTimelineHTML(p *page, events []hazardEventView) template.HTML {
	var b htmlBuilder
	if len(events) == 0 {
		b.raw(`<li class="muted">`)
		b.text(p.T("暂无记录"))
		b.raw(`</li>`)
		return b.html()
	}
	b.Grow(len(events) * 400)
	for i := range events {
		e := &events[i]
		b.raw("\n    <li class=\"tl-")
		b.text(e.Action)
		b.raw("\">\n      <div class=\"tl-head\"><strong class=\"tl-what\">")
		b.text(e.What)
		b.raw(`</strong> <span class="tl-who">`)
		b.text(e.Who)
		b.raw(`</span> <time class="tl-at muted">`)
		b.text(e.At)
		b.raw("</time></div>\n      ")
		if e.StatusChanged {
			b.raw(`<div class="tl-status muted small">`)
			if e.From != "" {
				b.text(e.From)
				b.raw(` → `)
			}
			b.text(e.To)
			b.raw(`</div>`)
		}
		b.raw("\n      ")
		if e.Note != "" {
			b.raw(`<p class="tl-note">`)
			b.text(e.Note)
			b.raw(`</p>`)
		}
		b.raw("\n      ")
		if len(e.Details) > 0 {
			b.raw(`<ul class="tl-details">`)
			for _, d := range e.Details {
				b.raw(`<li>`)
				b.text(d)
				b.raw(`</li>`)
			}
			b.raw(`</ul>`)
		}
		b.raw("\n    </li>\n  ")
	}
	return b.html()
}
