package compliance

import (
	"context"
	"io"
	"strings"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
	"safecampus/internal/xlsx"
)

// ExportFileName is the download name the server builds for a parsed
// period, e.g. 合规评分卡_2026-Q1.xlsx.
func ExportFileName(p Period) string { return "合规评分卡_" + p.Key + ".xlsx" }

// ExportASCIIName is the file name for clients that cannot take UTF-8.
func ExportASCIIName(p Period) string { return "compliance_" + p.Key + ".xlsx" }

// ExportScorecard writes the scorecard of the period as .xlsx to w — the
// rows the actor may see, as on the page — with a second sheet listing
// every cell with its target, note and the records behind a failure. The
// export is recorded in the audit log before the first byte goes out. It
// returns the number of scorecard rows.
func (s *Service) ExportScorecard(ctx context.Context, a *auth.Actor, school int64, period string, w io.Writer) (int, error) {
	if !auth.Can(a, auth.PermExport, auth.SchoolScope(school)) {
		return 0, apperr.ForbiddenErr(string(auth.PermExport))
	}
	card, err := s.Scorecard(ctx, a, school, period)
	if err != nil {
		return 0, err
	}
	wb, err := xlsx.NewWorkbook()
	if err != nil {
		return 0, err
	}
	defer wb.Close()
	cols := []xlsx.Column{{Header: "范围", Width: 20, Text: true}}
	for _, r := range card.Rules {
		cols = append(cols, xlsx.Column{Header: r.Name + "（" + r.From + "）", Width: 16, Text: true})
	}
	sw, err := wb.NewSheetWriter(xlsx.Sheet{Name: "合规评分卡", Columns: cols, Landscape: true})
	if err != nil {
		return 0, err
	}
	for _, row := range card.Rows {
		vals := []any{strings.Repeat("　", row.Depth) + row.Label}
		for _, c := range row.Cells {
			vals = append(vals, c.Status.Label()+"："+c.Value)
		}
		if err := sw.WriteRow(vals...); err != nil {
			return 0, err
		}
	}
	if err := sw.Flush(); err != nil {
		return 0, err
	}
	n := sw.Rows()
	if err := writeDetail(wb, card); err != nil {
		return 0, err
	}
	err = s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		_, err := audit.Append(ctx, tx, s.Now(), audit.Record{SchoolID: school, ActorID: a.AccountID, Action: "export.compliance", Entity: "export",
			After: map[string]any{"period": card.Period.Key, "rows": n}})
		return err
	})
	if err != nil {
		return 0, err
	}
	_, err = wb.WriteTo(w)
	return n, err
}

// detailColumns are the headers of the detail sheet.
var detailColumns = []xlsx.Column{
	{Header: "范围", Width: 18, Text: true}, {Header: "规则", Width: 16, Text: true}, {Header: "依据", Width: 14, Text: true},
	{Header: "状态", Width: 10, Text: true}, {Header: "数值", Width: 14, Text: true}, {Header: "目标", Width: 30, Text: true},
	{Header: "说明", Width: 30, Text: true}, {Header: "未达标记录", Width: 60, Text: true},
}

func writeDetail(wb *xlsx.Workbook, card Scorecard) error {
	sw, err := wb.NewSheetWriter(xlsx.Sheet{Name: "明细", Columns: detailColumns, Landscape: true})
	if err != nil {
		return err
	}
	for _, row := range card.Rows {
		for i, c := range row.Cells {
			if c.Status == StatusNA {
				continue
			}
			refs := make([]string, len(c.Failures))
			for j, f := range c.Failures {
				refs[j] = f.Label
			}
			r := card.Rules[i]
			if err := sw.WriteRow(row.Label, r.Name, r.From, c.Status.Label(), c.Value, c.Target, c.Note, strings.Join(refs, "；")); err != nil {
				return err
			}
		}
	}
	return sw.Flush()
}
