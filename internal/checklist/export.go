package checklist

import (
	"context"
	"io"

	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
	"safecampus/internal/xlsx"
)

// Headers of an item-set file, export and import alike.
const (
	colCode     = "检查项编码"
	colArea     = "领域"
	colTitle    = "检查项"
	colQCode    = "问题编码"
	colQuestion = "问题"
)

var setColumns = []xlsx.Column{
	{Header: colCode, Width: 12, Text: true}, {Header: colArea, Width: 18}, {Header: colTitle, Width: 40},
	{Header: colQCode, Width: 12, Text: true}, {Header: colQuestion, Width: 60},
}

// ExportSet writes the items of a set (setID 0: the school's whole
// enabled library) as an .xlsx file, one row per question, in the form
// ImportSet reads back. Like every export it is recorded in the audit log
// before the file is sent. It returns the number of rows.
func (s *Service) ExportSet(ctx context.Context, a *auth.Actor, school, setID int64, w io.Writer) (int, error) {
	if err := require(a, auth.PermExport, school); err != nil {
		return 0, err
	}
	if err := require(a, auth.PermOrgView, school); err != nil {
		return 0, err
	}
	items, err := itemsForInspection(ctx, s.DB.Read(), school, setID, "")
	if err != nil {
		return 0, err
	}
	wb, n, err := itemsWorkbook(items)
	if err != nil {
		return 0, err
	}
	defer wb.Close()
	err = s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		return audit.Record{SchoolID: school, Action: "export.item_set", Entity: "export", EntityID: setID,
			After: map[string]int{"rows": n}}, nil
	})
	if err != nil {
		return 0, err
	}
	_, err = wb.WriteTo(w)
	return n, err
}

// WriteItems writes items in the item-set file layout (the CLI and tests
// use it; nothing is recorded).
func WriteItems(items []Item, w io.Writer) error {
	wb, _, err := itemsWorkbook(items)
	if err != nil {
		return err
	}
	defer wb.Close()
	_, err = wb.WriteTo(w)
	return err
}

func itemsWorkbook(items []Item) (*xlsx.Workbook, int, error) {
	wb, err := xlsx.NewWorkbook()
	if err != nil {
		return nil, 0, err
	}
	sw, err := wb.NewSheetWriter(xlsx.Sheet{Name: "检查项", Columns: setColumns, Landscape: true})
	if err == nil {
		err = writeItemRows(sw, items)
	}
	if err == nil {
		err = sw.Flush()
	}
	if err != nil {
		wb.Close()
		return nil, 0, err
	}
	return wb, sw.Rows(), nil
}

func writeItemRows(sw *xlsx.SheetWriter, items []Item) error {
	for _, it := range items {
		for _, q := range it.Questions {
			if err := sw.WriteRow(it.Code, it.Area.Label(), it.Title, q.Code, q.Text); err != nil {
				return err
			}
		}
	}
	return nil
}
