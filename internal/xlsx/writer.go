package xlsx

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// Column is one column of a sheet: its Chinese header and its width in
// characters. Text columns are formatted as text ("@") so that numbers
// typed into a template (工号 001, phone numbers) keep their leading zeros.
type Column struct {
	Header string
	Width  float64
	Text   bool
}

// Sheet describes a sheet to write.
type Sheet struct {
	Name      string
	Columns   []Column
	Landscape bool // wide tables print across the page
}

// Workbook is an .xlsx file being written. Rows go through excelize's
// StreamWriter, which spills to a temporary file past 16 MB, so memory stays
// bounded however many rows an export has. Close it when done.
type Workbook struct {
	f      *excelize.File
	sheets int
	header int // style of header cells
	text   int // style of text columns
}

// NewWorkbook starts an empty workbook.
func NewWorkbook() (*Workbook, error) {
	f := excelize.NewFile()
	header, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
	})
	if err != nil {
		f.Close()
		return nil, err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // 49 is "@", text
	if err != nil {
		f.Close()
		return nil, err
	}
	return &Workbook{f: f, header: header, text: text}, nil
}

// SheetWriter writes the rows of one sheet, in order, after its header.
type SheetWriter struct {
	sw  *excelize.StreamWriter
	row int
}

// NewSheetWriter adds a sheet and writes its header row. Sheets are written
// one after the other: finish one (Flush) before starting the next.
func (wb *Workbook) NewSheetWriter(s Sheet) (*SheetWriter, error) {
	f := wb.f
	if wb.sheets == 0 {
		if err := f.SetSheetName(f.GetSheetName(0), s.Name); err != nil {
			return nil, err
		}
	} else if _, err := f.NewSheet(s.Name); err != nil {
		return nil, err
	}
	wb.sheets++
	// Page settings live in the worksheet parts the stream writer copies
	// when it starts and flushes, so they are set before streaming.
	fit := true
	if err := f.SetSheetProps(s.Name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return nil, err
	}
	a4, one, zero, orient := 9, 1, 0, "portrait"
	if s.Landscape {
		orient = "landscape"
	}
	if err := f.SetPageLayout(s.Name, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return nil, err
	}
	// Print the header row on every page.
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$1:$1", s.Name), Scope: s.Name}); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(s.Name)
	if err != nil {
		return nil, err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	header := make([]any, len(s.Columns))
	for i, c := range s.Columns {
		w := c.Width
		if w <= 0 {
			w = 14
		}
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, err
		}
		if c.Text {
			if err := sw.SetColStyle(i+1, i+1, wb.text); err != nil {
				return nil, err
			}
		}
		header[i] = excelize.Cell{StyleID: wb.header, Value: EscapeCell(c.Header)}
	}
	if err := sw.SetRow("A1", header, excelize.RowOpts{Height: 20}); err != nil {
		return nil, err
	}
	return &SheetWriter{sw: sw, row: 1}, nil
}

// WriteRow appends one row. Strings are escaped with EscapeCell; numbers,
// booleans and nils are written as they are.
func (w *SheetWriter) WriteRow(values ...any) error {
	w.row++
	cells := make([]any, len(values))
	for i, v := range values {
		switch v := v.(type) {
		case string:
			cells[i] = EscapeCell(v)
		case int, int64, float64, bool, nil:
			cells[i] = v
		default:
			// Anything else would be written with fmt.Sprint: escape that
			// text too rather than let it through unchecked.
			cells[i] = EscapeCell(fmt.Sprint(v))
		}
	}
	cell, err := excelize.CoordinatesToCellName(1, w.row)
	if err != nil {
		return err
	}
	return w.sw.SetRow(cell, cells)
}

// Rows is the number of data rows written so far.
func (w *SheetWriter) Rows() int { return w.row - 1 }

// Flush ends the sheet.
func (w *SheetWriter) Flush() error { return w.sw.Flush() }

// WriteTo writes the finished workbook.
func (wb *Workbook) WriteTo(out io.Writer) (int64, error) { return wb.f.WriteTo(out) }

// Close removes the workbook's temporary files.
func (wb *Workbook) Close() error { return wb.f.Close() }
