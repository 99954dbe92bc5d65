// Package report builds the campaign report to the authority (PLAN-5,
// issue 5 §5) and writes it as a print-ready A4 HTML page, a PDF printed
// by headless Chromium, an editable Word file (.docx, written here with
// the standard library) and an xlsx annex holding the four lists.
//
// Build gathers one Report value — the same figures the dashboards show
// (internal/figures over the campaign's dates), the organisation, the
// rules register, the look-back draws, the campaign's progress, the grids'
// patrol coverage (internal/patrol) and the compliance scorecard
// (internal/compliance) for the campaign's dates — and turns it into
// numbered sections following the notice's structure. Every output format
// renders those same sections, so the HTML, the PDF and the Word file
// cannot say different things.
//
// Generate records each output it hands out: a row of the reports table
// (format, sha256, size, the audit-chain head the report states) and an
// audit entry, in one transaction after the bytes exist. RemindDue, run by
// the scheduler, reminds the campaign office of the report's due date.
//
// Decisions: docs/decisions/0022-report-outputs.md.
package report
