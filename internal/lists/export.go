package lists

import (
	"context"
	"io"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
	"safecampus/internal/xlsx"
)

// Export kinds: the file name stem and the audit action of each.
const (
	ExportWork           = "work-list"
	ExportProblems       = "problem-list"
	ExportResponsibility = "responsibility-list"
	ExportRectification  = "rectification-list"
	ExportStatistics     = "statistics"
)

var exportNames = map[string]string{
	ExportWork: "工作清单", ExportProblems: "问题清单", ExportResponsibility: "责任清单",
	ExportRectification: "整改清单", ExportStatistics: "隐患统计",
}

// ExportFileName is the download name the server builds, e.g.
// 整改清单_2026-04-02.xlsx or 隐患统计_2026-Q1.xlsx (suffix: the period).
func ExportFileName(kind string, now time.Time, loc *time.Location, period string) string {
	if period == "" {
		period = now.In(loc).Format(time.DateOnly)
	}
	return exportNames[kind] + "_" + period + ".xlsx"
}

// ExportASCIIName is the file name for clients that cannot take UTF-8.
func ExportASCIIName(kind string, now time.Time, loc *time.Location, period string) string {
	if period == "" {
		period = now.In(loc).Format(time.DateOnly)
	}
	return kind + "_" + period + ".xlsx"
}

// mayExport refuses actors without the export permission. Exports are a
// school-level right (every role holding it holds it school-wide); which
// rows go into the file is the same scope the page has.
func mayExport(a *auth.Actor, school int64) error {
	if !auth.Can(a, auth.PermExport, auth.SchoolScope(school)) || !auth.CanSomewhere(a, auth.PermHazardView, school) {
		return apperr.ForbiddenErr(string(auth.PermExport))
	}
	return nil
}

// finishExport appends the export's audit entry and only then writes the
// file to w: a file never leaves without its record.
func (s *Service) finishExport(ctx context.Context, a *auth.Actor, school int64, kind string, after map[string]any, wb *xlsx.Workbook, w io.Writer) error {
	err := s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		_, err := audit.Append(ctx, tx, s.Now(), audit.Record{SchoolID: school, ActorID: a.AccountID, Action: "export." + kind, Entity: "export", After: after})
		return err
	})
	if err != nil {
		return err
	}
	_, err = wb.WriteTo(w)
	return err
}

// filterAudit is f as the audit entry keeps it.
func filterAudit(f Filter, rows int) map[string]any {
	return map[string]any{"rows": rows, "unit": f.UnitID, "person": f.PersonID, "area": f.Area, "level": f.Level,
		"status": f.Status, "kind": f.Kind, "from": f.From, "to": f.To, "overdue": f.Overdue}
}

// writeSheet writes one sheet of rows.
func writeSheet(wb *xlsx.Workbook, sh xlsx.Sheet, n int, row func(i int) []any) error {
	sw, err := wb.NewSheetWriter(sh)
	if err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		if err := sw.WriteRow(row(i)...); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// exportList is the shared shape of the four list exports: check, read
// every matching row, write the sheets, record, send.
func (s *Service) exportList(ctx context.Context, a *auth.Actor, school int64, kind string, f Filter, w io.Writer,
	build func(q sqldb.Querier, wb *xlsx.Workbook) (int, error)) (int, error) {
	if err := mayExport(a, school); err != nil {
		return 0, err
	}
	wb, err := xlsx.NewWorkbook()
	if err != nil {
		return 0, err
	}
	defer wb.Close()
	n, err := build(s.reader(true), wb)
	if err != nil {
		return 0, err
	}
	return n, s.finishExport(ctx, a, school, kind, filterAudit(f, n), wb, w)
}
