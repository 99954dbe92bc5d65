package report

import (
	"bytes"
	"embed"
	"html/template"
)

//go:embed static/report.css
var styleSheet []byte

//go:embed templates/report.html
var templateFS embed.FS

var page = template.Must(template.New("report.html").ParseFS(templateFS, "templates/report.html"))

// StyleSheet is the report's print CSS (static/report.css); the web
// server serves it as a static file under a content-hash URL.
func StyleSheet() []byte { return styleSheet }

// pdfOverride turns off the CSS page numbers where Chromium prints its
// own footer (PrintToPDF's displayHeaderFooter), so none is printed twice.
const pdfOverride = "\n@page { @bottom-center { content: none; } }\n"

// Link is one button of the page's toolbar.
type Link struct{ Label, Href string }

// HTMLOptions choose how the HTML is delivered. With CSSHref the page
// links its style sheet (served pages: the CSP forbids inline styles);
// without it the CSS is inlined so the file stands alone (the .html the
// command line writes, the page Chromium prints).
type HTMLOptions struct {
	CSSHref string
	Toolbar []Link // links above the report on screen, hidden in print
	forPDF  bool
}

// IsNumeric reports whether column i holds counts (right-aligned).
func (t *Table) IsNumeric(i int) bool { return i < len(t.Numeric) && t.Numeric[i] }

// IsNoWrap reports whether column i stays on one line.
func (t *Table) IsNoWrap(i int) bool { return i < len(t.NoWrap) && t.NoWrap[i] }

// Dense reports whether the table has so many columns that it is set
// smaller to fit the page's width.
func (t *Table) Dense() bool { return len(t.Head) >= 7 }

// HTML renders r as a print-ready A4 HTML document.
func HTML(r *Report, opt HTMLOptions) ([]byte, error) {
	css := string(styleSheet)
	if opt.forPDF {
		css += pdfOverride
	}
	var buf bytes.Buffer
	err := page.Execute(&buf, struct {
		R       *Report
		CSSHref string
		CSS     template.CSS
		Toolbar []Link
	}{r, opt.CSSHref, template.CSS(css), opt.Toolbar})
	return buf.Bytes(), err
}
