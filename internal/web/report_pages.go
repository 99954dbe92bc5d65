package web

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"

	"safecampus/internal/org"
	"safecampus/internal/report"
)

// reportStyle is the report's print CSS among the static files.
const reportStyle = "report.css"

// addFile adds a static file that lives outside internal/web/static (the
// report's CSS is internal/report's, which also inlines it into the files
// it writes).
func (a *assets) addFile(name string, b []byte) {
	sum := sha256.Sum256(b)
	a.files[name] = b
	a.hash[name] = hex.EncodeToString(sum[:])[:12] // as loadAssets
}

// campaignReport serves the campaign report to the authority in one
// format: the A4 HTML page (GET /campaigns/{id}/report), the PDF printed
// by the server's Chromium, the editable .docx and the xlsx annex of the
// four lists. Who may: report.view (the office, the leaders, the
// authority). Every generation is recorded (a reports row and an audit
// entry); a campaign of another school is 404 and nothing is stored.
func (s *Server) campaignReport(format string) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		school, err := requireSchool(r)
		if err != nil {
			return err
		}
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		var opt report.HTMLOptions
		if format == report.FormatHTML {
			css, err := s.assets.URL(reportStyle)
			if err != nil {
				return err
			}
			base := "/campaigns/" + strconv.FormatInt(id, 10)
			opt = report.HTMLOptions{CSSHref: css, Toolbar: []report.Link{
				{Label: "← 返回专项整治", Href: base},
				{Label: "下载 PDF", Href: base + "/report.pdf"},
				{Label: "下载 Word（可编辑）", Href: base + "/report.docx"},
				{Label: "下载附件：四个清单（xlsx）", Href: base + "/report.xlsx"},
			}}
		}
		out, err := s.Reports.Generate(r.Context(), actorFrom(r.Context()), school, id, format, opt)
		if err != nil {
			return err
		}
		h := w.Header()
		h.Set("Content-Type", out.ContentType)
		h.Set("Cache-Control", "no-store")
		if format != report.FormatHTML {
			h.Set("Content-Disposition", org.ContentDisposition(out.FileName, out.ASCIIName))
		}
		_, err = w.Write(out.Body)
		return err
	}
}
