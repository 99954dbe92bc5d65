package plan

import (
	"context"
	"io"

	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
	"safecampus/internal/xlsx"
)

// RhythmColumns are the headers of the rhythm compliance export.
var RhythmColumns = []xlsx.Column{
	{Header: "单位", Width: 20}, {Header: "责任人", Width: 12}, {Header: "角色", Width: 10}, {Header: "检查计划", Width: 18},
	{Header: "周期", Width: 16}, {Header: "状态", Width: 10}, {Header: "完成时间", Width: 18},
}

// RhythmFileName is the download name of the export of a period, built by
// the server from a parsed period key, e.g. 检查频次_2026-Q1.xlsx.
func RhythmFileName(p Period) string { return "检查频次_" + p.Key + ".xlsx" }

// ExportRhythm writes the rhythm compliance table of the period as .xlsx
// to w (the rows the actor may see, as on the page) and records the export
// in the audit log before the first byte goes out. It returns the number
// of rows. The web page and the command line share it.
func (s *Service) ExportRhythm(ctx context.Context, a *auth.Actor, school int64, periodKey string, w io.Writer) (int, error) {
	if !canAnywhere(a, auth.PermExport, school) {
		return 0, require(a, auth.PermExport, auth.SchoolScope(school))
	}
	c, err := s.RhythmCompliance(ctx, a, school, periodKey)
	if err != nil {
		return 0, err
	}
	wb, err := xlsx.NewWorkbook()
	if err != nil {
		return 0, err
	}
	defer wb.Close()
	sw, err := wb.NewSheetWriter(xlsx.Sheet{Name: "检查频次", Columns: RhythmColumns, Landscape: true})
	if err != nil {
		return 0, err
	}
	for _, r := range c.Rows {
		done := ""
		if !r.SubmittedAt.IsZero() {
			done = r.SubmittedAt.Format("2006-01-02 15:04")
		}
		if err := sw.WriteRow(r.UnitName, r.Responsible(), r.Role, r.PlanName, r.PeriodLabel, r.StatusLabel(), done); err != nil {
			return 0, err
		}
	}
	if err := sw.Flush(); err != nil {
		return 0, err
	}
	n := sw.Rows()
	err = s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		return audit.Record{SchoolID: school, Action: "export.rhythm", Entity: "export",
			After: map[string]any{"period": c.Period.Key, "rows": n}}, nil
	})
	if err != nil {
		return 0, err
	}
	_, err = wb.WriteTo(w)
	return n, err
}
