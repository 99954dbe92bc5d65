package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestReportFiles checks the other outputs on the demo: the Word file is
// a well-formed package whose headings are the sections (and LibreOffice
// opens it and reads them back), the annex has the four lists with their
// Chinese headers, the served HTML links its CSS while the standalone
// file inlines it.
func TestReportFiles(t *testing.T) {
	e := loadDemo(t, "sqlite")
	office := e.actor(t, "office")
	gen := func(format string, opt HTMLOptions) Output {
		t.Helper()
		out, err := e.svc.Generate(e.ctx, office, e.school, e.campaign, format, opt)
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		return out
	}
	t.Run("docx", func(t *testing.T) {
		out := gen(FormatDOCX, HTMLOptions{})
		parts := unzip(t, out.Body)
		for _, name := range []string{"[Content_Types].xml", "word/document.xml", "word/styles.xml", "word/footer1.xml", "docProps/core.xml"} {
			if _, ok := parts[name]; !ok {
				t.Fatalf("no part %s", name)
			}
		}
		headings, tables, headerRows := docxOutline(t, parts["word/document.xml"])
		if strings.Join(headings, "|") != strings.Join(SectionTitles, "|") {
			t.Errorf("Heading1 paragraphs:\n got %q\nwant %q", headings, SectionTitles)
		}
		if tables == 0 || headerRows != tables {
			t.Errorf("%d tables, %d repeating header rows", tables, headerRows)
		}
		doc := string(parts["word/document.xml"])
		for _, w := range []string{`<w:cantSplit/>`, `w:footerReference w:type="default"`, `<w:pgNumType w:start="1"/>`, SummarySentence(out.Report.Hazards)} {
			if !strings.Contains(doc, w) {
				t.Errorf("document.xml lacks %q", w)
			}
		}
		if !strings.Contains(string(parts["word/footer1.xml"]), ` PAGE `) || !strings.Contains(string(parts["word/styles.xml"]), `w:eastAsia="黑体"`) ||
			!strings.Contains(string(parts["word/styles.xml"]), `w:eastAsia="宋体"`) {
			t.Error("footer page field or East Asian fonts missing")
		}
		text := squash(libreOfficeText(t, out.Body))
		for _, w := range append(append([]string{}, SectionTitles...), SummarySentence(out.Report.Hazards), "第2页") {
			if !strings.Contains(text, squash(w)) {
				t.Errorf("LibreOffice's reading of the .docx lacks %q", w)
			}
		}
	})
	t.Run("xlsx", func(t *testing.T) {
		out := gen(FormatXLSX, HTMLOptions{})
		f, err := excelize.OpenReader(bytes.NewReader(out.Body))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		want := map[string]string{"工作清单": "单位", "问题清单": "类别", "责任清单": "单位", "整改清单": "编号"}
		if got := f.GetSheetList(); strings.Join(got, ",") != "工作清单,问题清单,责任清单,整改清单" {
			t.Fatalf("sheets %q", got)
		}
		for sheet, first := range want {
			rows, err := f.GetRows(sheet)
			if err != nil || len(rows) < 2 || rows[0][0] != first {
				t.Errorf("sheet %s: %d rows, header %q, %v", sheet, len(rows), rows[0], err)
			}
		}
		if rows, _ := f.GetRows("问题清单"); len(rows)-1 < out.Report.Hazards.Found {
			t.Errorf("问题清单 has %d rows, the report counts %d hazards found", len(rows)-1, out.Report.Hazards.Found)
		}
	})
	t.Run("html", func(t *testing.T) {
		served := string(gen(FormatHTML, HTMLOptions{CSSHref: "/static/abc/report.css", Toolbar: []Link{{"下载 PDF", "/campaigns/1/report.pdf"}}}).Body)
		if strings.Contains(served, "<style") || strings.Contains(served, "style=") || !strings.Contains(served, `href="/static/abc/report.css"`) || !strings.Contains(served, "下载 PDF") {
			t.Errorf("served HTML must link its CSS and carry the toolbar:\n%.600s", served)
		}
		alone := string(gen(FormatHTML, HTMLOptions{}).Body)
		for _, w := range append([]string{"<style>", "thead { display: table-header-group; }", "@bottom-center"}, SectionTitles...) {
			if !strings.Contains(alone, w) {
				t.Errorf("standalone HTML lacks %q", w)
			}
		}
	})
	if n := e.count(t, `SELECT COUNT(*) FROM reports WHERE campaign_id = $1`, e.campaign); n != 4 {
		t.Errorf("%d reports rows, want one per generation (4)", n)
	}
}

func unzip(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	return out
}

// docxOutline parses document.xml (failing on malformed XML) and returns
// the text of its Heading1 paragraphs, the number of tables and of rows
// marked as repeating headers.
func docxOutline(t *testing.T, doc []byte) (headings []string, tables, headerRows int) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(doc))
	var inHeading bool
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("document.xml: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "p":
				inHeading = false
				text.Reset()
			case "pStyle":
				inHeading = attr(el, "val") == "Heading1"
			case "tbl":
				tables++
			case "tblHeader":
				headerRows++
			}
		case xml.CharData:
			text.Write(el)
		case xml.EndElement:
			if el.Name.Local == "p" && inHeading {
				headings = append(headings, text.String())
			}
		}
	}
}

func attr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// libreOfficeText opens the .docx in LibreOffice, which converts it to
// PDF, and returns that PDF's text.
func libreOfficeText(t *testing.T, docx []byte) string {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("SAFECAMPUS_REQUIRE_LIBREOFFICE") == "1" {
			t.Fatal("soffice not on PATH (SAFECAMPUS_REQUIRE_LIBREOFFICE=1)")
		}
		t.Skip("soffice (LibreOffice) not on PATH; set SAFECAMPUS_REQUIRE_LIBREOFFICE=1 to fail instead")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "report.docx")
	if err := os.WriteFile(in, docx, 0o600); err != nil {
		t.Fatal(err)
	}
	// Its own profile and HOME: tests may run as root and beside other soffice runs.
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless", "--norestore",
		"--convert-to", "pdf", "--outdir", dir, in)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	b, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	pdf, err := os.ReadFile(filepath.Join(dir, "report.pdf"))
	if err != nil && strings.Contains(string(b), "could not be loaded") && os.Getenv("SAFECAMPUS_REQUIRE_LIBREOFFICE") != "1" {
		// LibreOffice without Writer (libreoffice-calc-nogui only) loads no .docx.
		t.Skipf("LibreOffice cannot load a .docx here (Writer not installed: libreoffice-writer-nogui?): %s", b)
	}
	if err != nil {
		t.Fatalf("LibreOffice wrote no PDF: %v\n%s", err, b)
	}
	return pdfText(t, pdf)
}
