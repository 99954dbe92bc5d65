package ledger

import (
	"context"
	"io"
	"strings"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/checklist"
	"safecampus/internal/sqldb"
	"safecampus/internal/xlsx"
)

// The two sheets of the ledger export.
var (
	inspectionSheet = xlsx.Sheet{Name: "检查台账", Landscape: true, Columns: []xlsx.Column{
		{Header: "编号", Width: 9}, {Header: "检查类型", Width: 12}, {Header: "场所", Width: 20}, {Header: "被检单位", Width: 16},
		{Header: "检查人", Width: 10}, {Header: "同检人", Width: 16}, {Header: "提交时间", Width: 17, Text: true},
		{Header: "周期", Width: 10, Text: true}, {Header: "结果", Width: 8}, {Header: "不合格项数", Width: 10},
		{Header: "是否逾期", Width: 8}, {Header: "备注", Width: 30},
	}}
	failedSheet = xlsx.Sheet{Name: "不合格问题", Landscape: true, Columns: []xlsx.Column{
		{Header: "检查编号", Width: 9}, {Header: "检查项编码", Width: 11}, {Header: "领域", Width: 16}, {Header: "问题编码", Width: 11},
		{Header: "问题", Width: 40}, {Header: "说明", Width: 30}, {Header: "场所", Width: 20}, {Header: "隐患等级", Width: 10},
	}}
)

// exportBatch is how many inspections are read per query: memory stays
// bounded whatever the period, and no read holds the database for long.
const exportBatch = 500

// ExportFileName is the download name of a ledger export, e.g.
// 检查台账_2026-03-01_2026-03-31.xlsx; the server builds it.
func ExportFileName(f Filter, now time.Time, loc *time.Location) string {
	from, to := f.From, f.To
	if from == "" && to == "" {
		return "检查台账_" + now.In(loc).Format("2006-01-02") + ".xlsx"
	}
	return "检查台账_" + orDots(from) + "_" + orDots(to) + ".xlsx"
}

func orDots(s string) string {
	if s == "" {
		return "…"
	}
	return s
}

// ExportLedger writes the inspections submitted from from to to (days in
// the school's time zone, inclusive; empty means open) as .xlsx to w.
func (s *Service) ExportLedger(ctx context.Context, a *auth.Actor, school int64, from, to string, w io.Writer) (int, error) {
	return s.Export(ctx, a, school, Filter{From: from, To: to}, w)
}

// Export writes the ledger filtered by f as .xlsx to w: a sheet of
// inspections and a sheet of failed questions, streamed. The file goes to
// w only after its audit entry ("export.ledger") is committed. It returns
// the number of inspections.
func (s *Service) Export(ctx context.Context, a *auth.Actor, school int64, f Filter, w io.Writer) (int, error) {
	sc := auth.SchoolScope(school)
	if !auth.Can(a, auth.PermExport, sc) || !auth.Can(a, auth.PermLedgerView, sc) {
		return 0, apperr.ForbiddenErr(string(auth.PermExport))
	}
	q := s.exportReader()
	loc, err := schoolLocation(ctx, q, school)
	if err != nil {
		return 0, err
	}
	// Validate the filter before building anything.
	if err := newBuilder(school).addFilter(ctx, q, school, f, loc); err != nil {
		return 0, err
	}
	wb, err := xlsx.NewWorkbook()
	if err != nil {
		return 0, err
	}
	defer wb.Close()
	n, err := writeInspections(ctx, q, wb, school, f, loc)
	if err != nil {
		return 0, err
	}
	failed, err := writeFailed(ctx, q, wb, school, f, loc)
	if err != nil {
		return 0, err
	}
	err = s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		_, err := audit.Append(ctx, tx, s.Now(), audit.Record{SchoolID: school, ActorID: a.AccountID, Action: "export.ledger", Entity: "export",
			After: map[string]any{"rows": n, "failed": failed, "from": f.From, "to": f.To, "kind": f.Kind, "unit": f.UnitID,
				"inspector": f.InspectorPersonID, "area": f.Area, "result": f.Result, "place": f.PlaceID}})
		return err
	})
	if err != nil {
		return 0, err
	}
	_, err = wb.WriteTo(w)
	return n, err
}

// writeInspections streams the first sheet, one keyset page at a time.
func writeInspections(ctx context.Context, q sqldb.Querier, wb *xlsx.Workbook, school int64, f Filter, loc *time.Location) (int, error) {
	sw, err := wb.NewSheetWriter(inspectionSheet)
	if err != nil {
		return 0, err
	}
	pg := Page{Limit: exportBatch}
	for {
		b := newBuilder(school)
		if err := b.addFilter(ctx, q, school, f, loc); err != nil {
			return 0, err
		}
		rows, err := listRows(ctx, q, b, pg)
		if err != nil {
			return 0, err
		}
		more := len(rows) > pg.Limit
		if more {
			rows = rows[:pg.Limit]
		}
		if err := addCoInspectors(ctx, q, school, rows); err != nil {
			return 0, err
		}
		for _, r := range rows {
			if err := sw.WriteRow(r.ID, r.KindLabel(), r.PlaceName, r.UnitName, r.InspectorName, strings.Join(r.CoInspectors, "、"),
				r.SubmittedAt.In(loc).Format("2006-01-02 15:04"), r.Period, resultLabel(r.FailedCount), r.FailedCount, yesNo(r.Late), r.Note); err != nil {
				return 0, err
			}
		}
		if !more {
			break
		}
		last := rows[len(rows)-1]
		pg.AfterSubmittedAt, pg.AfterID = last.SubmittedAt, last.ID
	}
	return sw.Rows(), sw.Flush()
}

// writeFailed streams the failed answers of the same inspections in the
// same order; the statement's cursor is read row by row.
func writeFailed(ctx context.Context, q sqldb.Querier, wb *xlsx.Workbook, school int64, f Filter, loc *time.Location) (int, error) {
	sw, err := wb.NewSheetWriter(failedSheet)
	if err != nil {
		return 0, err
	}
	b := newBuilder(school)
	if err := b.addFilter(ctx, q, school, f, loc); err != nil {
		return 0, err
	}
	b.conds = append(b.conds, "an.result = 'fail'")
	rows, err := q.QueryContext(ctx, `SELECT i.id, an.item_code, an.area, an.question_code, an.question_text, an.note,
		COALESCE(pl.name, ''), COALESCE(fi.level, '')
		FROM inspections i JOIN inspection_answers an ON an.inspection_id = i.id
		LEFT JOIN findings fi ON fi.answer_id = an.id
		LEFT JOIN places pl ON pl.id = i.place_id`+b.where()+rowOrder+`, an.id`, b.args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var item, area, code, text, note, place, level string
		if err := rows.Scan(&id, &item, &area, &code, &text, &note, &place, &level); err != nil {
			return 0, err
		}
		lv := ""
		if level != "" {
			lv = checklist.LevelLabel(level)
		}
		if err := sw.WriteRow(id, item, checklist.Area(area).Label(), code, text, note, place, lv); err != nil {
			return 0, err
		}
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	return sw.Rows(), sw.Flush()
}

func resultLabel(failed int64) string {
	if failed > 0 {
		return "不合格"
	}
	return "合格"
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}
