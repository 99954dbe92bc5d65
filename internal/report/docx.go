package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"time"
)

// Page geometry in twentieths of a point: A4, margins 25/20/22/25 mm as
// the HTML's @page, so the Word file paginates like the PDF.
const (
	twipsPageW, twipsPageH = 11906, 16838
	twipsText              = twipsPageW - 1418 - 1134 // less pageMargins' left and right
)

// DOCX writes r as an editable Word document: the cover alone in its own
// section (no page number), then the report with 第 N 页 in the footer,
// headings in 黑体 as Word headings (the navigation pane lists them),
// tables whose header row repeats on every page and whose rows do not
// split across pages. Only the standard library is used (decision 0022).
func DOCX(r *Report) ([]byte, error) {
	var doc docxWriter
	doc.cover(r)
	doc.raw(`<w:p><w:pPr><w:sectPr><w:pgSz w:w="` + itoa(twipsPageW) + `" w:h="` + itoa(twipsPageH) + `"/>` + pageMargins + `</w:sectPr></w:pPr></w:p>`)
	doc.para("Title", "", r.Title)
	if r.Campaign.Authority != "" {
		doc.para("Normal", "", r.Campaign.Authority+"：")
	}
	for _, s := range r.Sections {
		doc.para("Heading1", "", s.Title)
		for _, b := range s.Blocks {
			doc.block(b)
		}
	}
	doc.para("Normal", "right", "")
	doc.para("Normal", "right", r.Reporter)
	doc.para("Normal", "right", r.Date)
	doc.raw(`<w:sectPr><w:footerReference w:type="default" r:id="rId3"/><w:pgSz w:w="` + itoa(twipsPageW) + `" w:h="` + itoa(twipsPageH) + `"/>` +
		pageMargins + `<w:pgNumType w:start="1"/></w:sectPr>`)

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", docxContentTypes},
		{"_rels/.rels", docxRootRels},
		{"word/_rels/document.xml.rels", docxDocumentRels},
		{"word/document.xml", doc.document()},
		{"word/styles.xml", docxStyles},
		{"word/settings.xml", docxSettings},
		{"word/footer1.xml", docxFooter},
		{"docProps/core.xml", coreProps(r)},
		{"docProps/app.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>SafeCampus</Application></Properties>`},
	}
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: r.GeneratedAt})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

const pageMargins = `<w:pgMar w:top="1418" w:right="1134" w:bottom="1247" w:left="1418" w:header="851" w:footer="680" w:gutter="0"/>`

// docxWriter accumulates the body of document.xml.
type docxWriter struct{ b strings.Builder }

func (d *docxWriter) raw(s string) { d.b.WriteString(s) }

func (d *docxWriter) document() string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>` +
		d.b.String() + `</w:body></w:document>`
}

// para writes one paragraph of style with optional alignment.
func (d *docxWriter) para(style, align, text string) {
	d.raw(`<w:p><w:pPr><w:pStyle w:val="` + style + `"/>`)
	if align != "" {
		d.raw(`<w:jc w:val="` + align + `"/>`)
	}
	d.raw(`</w:pPr>`)
	d.run(text, "")
	d.raw(`</w:p>`)
}

// run writes text as one run; rPr is extra run properties.
func (d *docxWriter) run(text, rPr string) {
	if text == "" {
		return
	}
	d.raw(`<w:r>`)
	if rPr != "" {
		d.raw(`<w:rPr>` + rPr + `</w:rPr>`)
	}
	d.raw(`<w:t xml:space="preserve">` + escapeXML(text) + `</w:t></w:r>`)
}

func (d *docxWriter) cover(r *Report) {
	for range 6 {
		d.para("Normal", "center", "")
	}
	big := func(text string, halfPoints int) {
		d.raw(`<w:p><w:pPr><w:spacing w:after="480"/><w:jc w:val="center"/></w:pPr>`)
		d.run(text, fontsHeading+fmt.Sprintf(`<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, halfPoints, halfPoints))
		d.raw(`</w:p>`)
	}
	big(r.School.Name, 32)
	big(r.Title, 44)
	for range 4 {
		d.para("Normal", "center", "")
	}
	fact := func(label, value string) {
		if value == "" {
			return
		}
		d.raw(`<w:p><w:pPr><w:spacing w:after="120"/><w:ind w:left="1680"/><w:jc w:val="left"/></w:pPr>`)
		d.run(label+"：", fontsHeading+`<w:sz w:val="28"/>`)
		d.run(value, `<w:sz w:val="28"/>`)
		d.raw(`</w:p>`)
	}
	fact("文　　号", r.Campaign.DocNo)
	fact("报送单位", r.Campaign.Authority)
	fact("报告单位", r.Reporter)
	fact("统计期间", r.Span.Label)
	fact("报告日期", r.Date)
}

func (d *docxWriter) block(b Block) {
	switch b.Kind {
	case BlockHeading:
		d.para("Heading2", "", b.Text)
	case BlockCode:
		d.para("Code", "", b.Text)
	case BlockTable:
		d.table(b.Table)
	default:
		d.para("BodyText", "", b.Text)
	}
}

// table writes t with a repeating header row and rows kept whole.
func (d *docxWriter) table(t *Table) {
	if t.Caption != "" {
		d.para("Caption", "", t.Caption)
	}
	n := len(t.Head)
	d.raw(`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="autofit"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for range n {
		d.raw(`<w:gridCol w:w="` + itoa(twipsText/max(n, 1)) + `"/>`)
	}
	d.raw(`</w:tblGrid>`)
	d.row(t, t.Head, true)
	for _, row := range t.Rows {
		d.row(t, row, false)
	}
	d.raw(`</w:tbl>`)
	d.para("TableText", "", "") // Word needs a paragraph between adjacent tables
}

func (d *docxWriter) row(t *Table, cells []string, header bool) {
	d.raw(`<w:tr><w:trPr><w:cantSplit/>`)
	if header {
		d.raw(`<w:tblHeader/>`)
	}
	d.raw(`</w:trPr>`)
	for i, c := range cells {
		d.raw(`<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/>`)
		if header {
			d.raw(`<w:shd w:val="clear" w:color="auto" w:fill="EEEEEE"/>`)
		} else if t.IsNumeric(i) || t.IsNoWrap(i) {
			d.raw(`<w:noWrap/>`)
		}
		d.raw(`<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/>`)
		switch {
		case header:
			d.raw(`<w:jc w:val="center"/>`)
		case t.IsNumeric(i):
			d.raw(`<w:jc w:val="right"/>`)
		}
		d.raw(`</w:pPr>`)
		if header {
			d.run(c, fontsHeading)
		} else {
			d.run(c, "")
		}
		d.raw(`</w:p></w:tc>`)
	}
	d.raw(`</w:tr>`)
}

func coreProps(r *Report) string {
	at := r.GeneratedAt.UTC().Format(time.RFC3339)
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + escapeXML(r.Title) + `</dc:title><dc:creator>` + escapeXML(r.Reporter) + `</dc:creator><dc:language>zh-CN</dc:language>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + at + `</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">` + at + `</dcterms:modified></cp:coreProperties>`
}

// escapeXML escapes text for an XML text node; characters XML cannot hold
// become U+FFFD.
func escapeXML(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
