package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"safecampus/internal/audit"
	"safecampus/internal/compliance"
	"safecampus/internal/figures"
	"safecampus/internal/patrol"
	"safecampus/internal/testkit"
)

// squash drops all white space: pdftotext breaks lines and pads table
// cells, the report's sentences and rows are compared without it.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// pdfText extracts the text of a PDF with pdftotext (poppler-utils).
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv(testkit.EnvRequireBrowser) == "1" {
			t.Fatalf("pdftotext not installed (Debian: poppler-utils); %s=1", testkit.EnvRequireBrowser)
		}
		t.Skip("pdftotext not installed (Debian: poppler-utils)")
	}
	file := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// TestReportPDFOnDemo is the "done when": the demo's 2026 report
// printed to PDF by headless Chromium holds every section heading and the
// figures the dashboard computes (internal/figures) for the campaign's
// dates, the audit head and the command to verify it; the generation is
// recorded with the file's sha256.
func TestReportPDFOnDemo(t *testing.T) {
	e := loadDemo(t, "sqlite")
	q := e.db.Read()
	head, err := audit.SchoolHead(e.ctx, q, e.school)
	if err != nil {
		t.Fatal(err)
	}
	// Read before generating: the generation itself satisfies the
	// engine's report rule.
	matrix, scorecard := pageFigures(t, e)
	out, err := e.svc.Generate(e.ctx, e.actor(t, "office"), e.school, e.campaign, FormatPDF, HTMLOptions{})
	if errors.Is(err, ErrNoBrowser) && os.Getenv(testkit.EnvRequireBrowser) != "1" {
		t.Skipf("no Chromium: %v; set %s=1 to fail instead", err, testkit.EnvRequireBrowser)
	}
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out.Body, []byte("%PDF-")) || out.ContentType != "application/pdf" {
		t.Fatalf("not a PDF: %q %s", out.Body[:min(len(out.Body), 8)], out.ContentType)
	}
	text := squash(pdfText(t, out.Body))

	// The figures as the dashboard computes them for the same span.
	c := out.Report.Campaign
	sp, err := figures.SpanBetween(c.StartsOn, c.EndsOn)
	if err != nil {
		t.Fatal(err)
	}
	h, err := figures.HazardFigures(e.ctx, q, e.school, sp, pinned)
	if err != nil {
		t.Fatal(err)
	}
	in, err := figures.InspectionFigures(e.ctx, q, e.school, sp, pinned)
	if err != nil {
		t.Fatal(err)
	}
	if h.Found == 0 || in.Total == 0 || h.Closed == 0 {
		t.Fatalf("the demo's 2026 campaign should hold inspections and found and closed hazards: %d inspections, %d found, %d closed", in.Total, h.Found, h.Closed)
	}
	want := append([]string{}, SectionTitles...)
	want = append(want, SummarySentence(h), InspectionSentence(in), NoData, c.Name, "市卫健委办公室", "第2页/共",
		HeadSentence(head.Seq)+head.Hash, VerifyCommand(e.school, head.Hash))
	for _, rows := range [][]figures.Count{h.ByArea, h.ByLevel, h.ByUnit} {
		for _, r := range rows { // a table row: label, found, closed, open, major, overdue
			want = append(want, r.Label+itoa(r.Total)+itoa(r.Closed)+itoa(r.Open)+itoa(r.Major)+itoa(r.Overdue))
		}
	}
	for _, r := range in.ByKind {
		if r.Total > 0 {
			want = append(want, r.Label+itoa(r.Total)+itoa(r.Failed))
		}
	}
	want = append(want, patrolAndComplianceLines(t, out.Report, matrix, scorecard)...)
	for _, w := range want {
		if !strings.Contains(text, squash(w)) {
			t.Errorf("the PDF's text lacks %q", w)
		}
	}
	if t.Failed() {
		t.Logf("PDF text:\n%s", text)
	}

	// Recorded: one reports row with the file's hash and the stated head,
	// and its audit entry right after that head.
	var format, hash, sum string
	var seq, size int64
	err = q.QueryRowContext(e.ctx, `SELECT format, audit_head_hash, audit_head_seq, sha256, bytes FROM reports WHERE id = $1 AND school_id = $2 AND campaign_id = $3`,
		out.ID, e.school, e.campaign).Scan(&format, &hash, &seq, &sum, &size)
	if err != nil {
		t.Fatal(err)
	}
	digest := sha256.Sum256(out.Body)
	if format != "pdf" || hash != head.Hash || seq != head.Seq || sum != hex.EncodeToString(digest[:]) || size != int64(len(out.Body)) {
		t.Errorf("reports row: %s %s %d %s %d", format, hash, seq, sum, size)
	}
	after, _ := audit.SchoolHead(e.ctx, q, e.school)
	if n := e.count(t, `SELECT COUNT(*) FROM audit_log WHERE school_id = $1 AND action = 'report.generate' AND entity_id = $2 AND seq = $3`, e.school, out.ID, head.Seq+1); n != 1 || after.Seq != head.Seq+1 {
		t.Errorf("audit entry of the generation: %d, head %d → %d", n, head.Seq, after.Seq)
	}
}

// pageFigures are the coverage page's matrix over the demo campaign's
// finished days since the school's first recorded patrol (the demo holds
// the last week; the report counts from there and says so) and the
// compliance engine's school row for its period (the year 2026).
func pageFigures(t *testing.T, e *demoEnv) (patrol.Matrix, []compliance.Result) {
	t.Helper()
	office, clock := e.actor(t, "office"), func() time.Time { return pinned }
	var first string
	if err := e.db.Read().QueryRowContext(e.ctx, `SELECT MIN(day) FROM patrols WHERE school_id = $1`, e.school).Scan(&first); err != nil {
		t.Fatal(err)
	}
	if first <= "2026-01-01" || first >= "2026-03-01" {
		t.Fatalf("the demo's first patrol day %s should fall inside the campaign, before yesterday", first)
	}
	m, err := patrol.NewService(e.db, clock).Coverage(e.ctx, office, e.school, 0, first, "2026-03-01")
	if err != nil {
		t.Fatal(err)
	}
	res, err := compliance.NewService(e.db, clock).Evaluate(e.ctx, office, e.school, "2026", compliance.SchoolWide)
	if err != nil {
		t.Fatal(err)
	}
	return m, res
}

// patrolAndComplianceLines are the two sections the authority asked for:
// their headings, sentences and rows, after checking that the report's
// figures are the page's and the engine's.
func patrolAndComplianceLines(t *testing.T, r *Report, m patrol.Matrix, res []compliance.Result) []string {
	t.Helper()
	met, total := 0, 0
	for _, row := range m.Rows {
		for _, c := range row.Cells {
			met, total = met+c.Met, total+c.Total
		}
	}
	if pt := r.Patrol.Total(); pt.Met != met || pt.Required != total || met == 0 || len(r.Patrol.Grids) != len(m.Rows) {
		t.Errorf("report coverage %d/%d over %d grids, page %d/%d over %d", pt.Met, pt.Required, len(r.Patrol.Grids), met, total, len(m.Rows))
	}
	if r.Patrol.RecordedFrom != m.From || r.Patrol.From != m.From {
		t.Errorf("report counts patrols from %q (recorded from %q), the page's matrix from %q", r.Patrol.From, r.Patrol.RecordedFrom, m.From)
	}
	lines := []string{"四、网格巡查覆盖情况", "九、制度落实情况", CoverageSentence(r.Patrol), ComplianceSentence(r.Compliance),
		"学校自" + cnDate(m.From) + "起在系统中记录巡查"}
	for _, g := range r.Patrol.Grids {
		lines = append(lines, g.Name+itoa(g.Places)+itoa(g.Required)+itoa(g.Met)+g.Rate()+itoa(g.Patrols)+itoa(g.Unpointed))
	}
	fails := 0
	for i, rule := range compliance.Rules() {
		if r.Compliance.Period.Key != "2026" || r.Compliance.Results[i].Status != res[i].Status || r.Compliance.Results[i].Value != res[i].Value {
			t.Errorf("%s: report %+v, engine %+v", rule.Name, r.Compliance.Results[i], res[i])
		}
		lines = append(lines, rule.Name+res[i].Status.Label()+res[i].Value)
		if res[i].Status == compliance.StatusFail {
			fails++
			lines = append(lines, fmt.Sprintf("%s（%d条）", rule.Name, len(res[i].Failures)))
		}
	}
	if fails == 0 {
		t.Error("the demo should fail some rule")
	}
	return lines
}
