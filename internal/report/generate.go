package report

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strings"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
	"safecampus/internal/xlsx"
)

// Output formats.
const (
	FormatHTML = "html"
	FormatPDF  = "pdf"
	FormatDOCX = "docx"
	FormatXLSX = "xlsx" // the annex: the four lists
)

// contentTypes are the output formats with their content types.
var contentTypes = map[string]string{
	FormatHTML: "text/html; charset=utf-8",
	FormatPDF:  "application/pdf",
	FormatDOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	FormatXLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

// FormatOf is the format a file name asks for by its extension.
func FormatOf(name string) (string, error) {
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(name), "."))
	if _, ok := contentTypes[ext]; !ok {
		return "", apperr.Invalidf("report.format", "不支持的报告格式“%s”：文件名应以 .pdf、.docx、.html 或 .xlsx 结尾。", filepath.Ext(name))
	}
	return ext, nil
}

// Output is one generated file and the report it came from.
type Output struct {
	ID          int64 // the reports row
	Format      string
	ContentType string
	FileName    string // 校园安全专项整治工作情况报告_2026-03-02.pdf
	ASCIIName   string // campaign-report-7_2026-03-02.pdf
	Body        []byte
	SHA256      string
	Report      *Report
}

// Generate builds campaign campaignID's report, renders it in format
// (html gets opt; the others ignore it) and records the output: a reports
// row and an audit entry in one transaction, only after the bytes exist.
// A refused or failed generation stores nothing.
func (s *Service) Generate(ctx context.Context, a *auth.Actor, school, campaignID int64, format string, opt HTMLOptions) (Output, error) {
	ct, ok := contentTypes[format]
	if !ok {
		return Output{}, apperr.Invalidf("report.format", "不支持的报告格式“%s”：应为 pdf、docx、html 或 xlsx。", format)
	}
	r, err := s.Build(ctx, a, school, campaignID)
	if err != nil {
		return Output{}, err
	}
	var body []byte
	switch format {
	case FormatHTML:
		opt.forPDF = false
		body, err = HTML(r, opt)
	case FormatPDF:
		body, err = s.renderPDF(ctx, r)
	case FormatDOCX:
		body, err = DOCX(r)
	case FormatXLSX:
		body, err = s.annex(ctx, a, r)
	}
	if err != nil {
		return Output{}, err
	}
	sum := sha256.Sum256(body)
	day := r.GeneratedAt.In(r.School.Location()).Format("2006-01-02")
	out := Output{Format: format, ContentType: ct, Body: body, SHA256: hex.EncodeToString(sum[:]), Report: r,
		FileName:  fileStem(r, format) + "_" + day + "." + format,
		ASCIIName: "campaign-report-" + itoa(int(campaignID)) + "_" + day + "." + format}
	out.ID, err = s.record(ctx, a, r, out)
	return out, err
}

func fileStem(r *Report, format string) string {
	if format == FormatXLSX {
		return r.Campaign.Name + "报告附件_四个清单"
	}
	return r.Campaign.Name + "工作情况报告"
}

// record stores the reports row and its audit entry.
func (s *Service) record(ctx context.Context, a *auth.Actor, r *Report, out Output) (int64, error) {
	var id int64
	now := s.Now()
	err := s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO reports (school_id, campaign_id, generated_at, generated_by, format, audit_head_hash, audit_head_seq, sha256, bytes)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
			r.School.ID, r.Campaign.ID, now.UnixMilli(), a.AccountID, out.Format, r.Head.Hash, r.Head.Seq, out.SHA256, len(out.Body)).Scan(&id)
		if err != nil {
			return err
		}
		_, err = audit.Append(ctx, tx, now, audit.Record{SchoolID: r.School.ID, ActorID: a.AccountID, Action: "report.generate", Entity: "report", EntityID: id,
			After: map[string]any{"campaign_id": r.Campaign.ID, "format": out.Format, "audit_head_hash": r.Head.Hash, "audit_head_seq": r.Head.Seq,
				"sha256": out.SHA256, "bytes": len(out.Body)}})
		return err
	})
	return id, err
}

// annex writes the four lists over the campaign's dates as one workbook.
func (s *Service) annex(ctx context.Context, a *auth.Actor, r *Report) ([]byte, error) {
	wb, err := xlsx.NewWorkbook()
	if err != nil {
		return nil, err
	}
	defer wb.Close()
	if _, err := s.Lists.WriteAnnex(ctx, a, r.School.ID, r.Span.Start, r.Span.End, wb); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	_, err = wb.WriteTo(&buf)
	return buf.Bytes(), err
}
