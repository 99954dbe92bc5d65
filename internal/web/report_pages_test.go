package web

import (
	"context"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"safecampus/internal/auth"
	"safecampus/internal/campaign"
	"safecampus/internal/report"
)

var reportView = []auth.Permission{auth.PermReportView}

// pdfStatus is what an allowed user gets for the PDF: the server prints
// it with Chromium, and says so (500, nothing stored) where none is
// installed.
func pdfStatus() int {
	if report.FindChromium() == "" {
		return http.StatusInternalServerError
	}
	return http.StatusOK
}

// TestReportPages: the office opens the report page from the campaign
// page; its CSS is served as a static file; the Word file downloads under
// its Chinese name; the main school's office asking for the other school's
// campaign gets 404 and nothing is recorded.
func TestReportPages(t *testing.T) {
	f := newFixture(t)
	x := &rowCtx{t: t, f: f, user: "office", c: f.clients["office"], vars: map[string]string{}}
	for k, v := range f.vars {
		x.vars[k] = v
	}
	withCampaign(x)
	office, staff := f.clients["office"], f.clients["staff"]
	base := "/campaigns/" + x.vars["campaign"]
	if body := office.get(base).Body.String(); !strings.Contains(body, `href="`+base+`/report"`) {
		t.Errorf("the campaign page has no report button for the office")
	}
	if body := staff.get(base).Body.String(); strings.Contains(body, base+"/report") {
		t.Errorf("the campaign page shows staff the report button")
	}
	rec := office.get(base + "/report")
	body := rec.Body.String()
	if rec.Code != http.StatusOK || !strings.Contains(body, "一、总体情况") || !strings.Contains(body, base+"/report.docx") {
		t.Fatalf("report page: %d %.400s", rec.Code, body)
	}
	css := regexp.MustCompile(`href="(/static/[0-9a-f]+/report\.css)"`).FindStringSubmatch(body)
	if css == nil {
		t.Fatal("the report page links no report.css")
	}
	if rec := office.get(css[1]); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "table-header-group") || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/css") {
		t.Errorf("report.css: %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	rec = office.get(base + "/report.docx")
	if rec.Code != http.StatusOK || !strings.Contains(rec.Header().Get("Content-Disposition"), "docx") || !strings.HasPrefix(rec.Body.String(), "PK") {
		t.Errorf("docx: %d %q", rec.Code, rec.Header().Get("Content-Disposition"))
	}

	// The other school's campaign, asked for within the main school.
	ctx := context.Background()
	other, err := f.Server.Campaigns.SaveCampaign(ctx, auth.System(), f.OtherSchoolID, campaign.Campaign{Name: "另一校专项整治", StartsOn: "2026-01-01", EndsOn: "2026-12-31"})
	if err != nil {
		t.Fatal(err)
	}
	var before int
	f.DB.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM reports`).Scan(&before)
	for _, suffix := range []string{"/report", "/report.docx", "/report.pdf", "/report.xlsx"} {
		path := "/campaigns/" + strconv.FormatInt(other.ID, 10) + suffix
		if rec := office.get(path); rec.Code != http.StatusNotFound || strings.Contains(rec.Body.String(), "另一校专项整治") {
			t.Errorf("%s: %d", path, rec.Code)
		}
	}
	var after int
	f.DB.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM reports`).Scan(&after)
	if after != before || before != 2 {
		t.Errorf("reports rows: %d before, %d after the refusals (want 2, unchanged)", before, after)
	}
}
