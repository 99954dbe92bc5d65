package xlsx

import (
	"archive/zip"
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
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

// Workbook is an .xlsx file being written. Each sheet's rows are encoded
// straight into a zip archive in a temporary file, so memory stays a few
// hundred kilobytes however many rows an export has (an earlier version
// went through excelize's StreamWriter, whose buffers held ~32 MB per
// sheet). Close it when done.
type Workbook struct {
	tmp    *os.File
	zw     *zip.Writer
	sheets []Sheet
	open   *SheetWriter
	done   bool
}

// NewWorkbook starts an empty workbook.
func NewWorkbook() (*Workbook, error) {
	tmp, err := os.CreateTemp("", "safecampus-*.xlsx")
	if err != nil {
		return nil, err
	}
	return &Workbook{tmp: tmp, zw: zip.NewWriter(tmp)}, nil
}

// Style ids of styles.xml (see parts.go).
const (
	styleHeader = 1
	styleText   = 2
)

// SheetWriter writes the rows of one sheet, in order, after its header.
type SheetWriter struct {
	w    *bufio.Writer
	cols int
	row  int
	wb   *Workbook
}

// NewSheetWriter adds a sheet and writes its header row. Sheets are written
// one after the other: finish one (Flush) before starting the next.
func (wb *Workbook) NewSheetWriter(s Sheet) (*SheetWriter, error) {
	if wb.open != nil {
		return nil, fmt.Errorf("xlsx: sheet %q is not flushed", wb.sheets[len(wb.sheets)-1].Name)
	}
	if err := checkSheetName(s.Name, wb.sheets); err != nil {
		return nil, err
	}
	wb.sheets = append(wb.sheets, s)
	part, err := wb.zw.Create(fmt.Sprintf("xl/worksheets/sheet%d.xml", len(wb.sheets)))
	if err != nil {
		return nil, err
	}
	sw := &SheetWriter{w: bufio.NewWriterSize(part, 64<<10), cols: len(s.Columns), wb: wb}
	wb.open = sw
	w := sw.w
	w.WriteString(xml.Header)
	w.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	w.WriteString(`<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`)
	// The header row stays visible while scrolling.
	w.WriteString(`<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`)
	w.WriteString(`<sheetFormatPr defaultRowHeight="15"/><cols>`)
	for i, c := range s.Columns {
		width := c.Width
		if width <= 0 {
			width = 14
		}
		style := ""
		if c.Text {
			style = ` style="` + strconv.Itoa(styleText) + `"`
		}
		fmt.Fprintf(w, `<col min="%d" max="%d" width="%s" customWidth="1"%s/>`, i+1, i+1, strconv.FormatFloat(width, 'f', -1, 64), style)
	}
	w.WriteString(`</cols><sheetData><row r="1" ht="20" customHeight="1">`)
	sw.row = 1
	for i, c := range s.Columns {
		sw.cell(i, c.Header, styleHeader)
	}
	w.WriteString(`</row>`)
	return sw, nil
}

// WriteRow appends one row. Strings are escaped with EscapeCell; numbers,
// booleans and nils are written as they are.
func (w *SheetWriter) WriteRow(values ...any) error {
	w.row++
	b := w.w
	b.WriteString(`<row r="`)
	b.WriteString(strconv.Itoa(w.row))
	b.WriteString(`">`)
	for i, v := range values {
		switch v := v.(type) {
		case nil:
		case string:
			w.cell(i, v, 0)
		case int:
			w.number(i, strconv.Itoa(v))
		case int64:
			w.number(i, strconv.FormatInt(v, 10))
		case float64:
			w.number(i, strconv.FormatFloat(v, 'g', -1, 64))
		case bool:
			w.ref(i)
			if v {
				b.WriteString(`" t="b"><v>1</v></c>`)
			} else {
				b.WriteString(`" t="b"><v>0</v></c>`)
			}
		default:
			// Anything else would be written with fmt.Sprint: escape that
			// text too rather than let it through unchecked.
			w.cell(i, fmt.Sprint(v), 0)
		}
	}
	_, err := b.WriteString(`</row>`)
	return err
}

// ref opens a cell element up to the end of its reference attribute.
func (w *SheetWriter) ref(col int) {
	w.w.WriteString(`<c r="`)
	w.w.WriteString(ColumnName(col + 1))
	w.w.WriteString(strconv.Itoa(w.row))
}

// cell writes an inline string cell; every string goes through EscapeCell.
func (w *SheetWriter) cell(col int, s string, style int) {
	w.ref(col)
	if style != 0 {
		w.w.WriteString(`" s="` + strconv.Itoa(style))
	}
	w.w.WriteString(`" t="inlineStr"><is><t xml:space="preserve">`)
	xmlText(w.w, EscapeCell(s))
	w.w.WriteString(`</t></is></c>`)
}

func (w *SheetWriter) number(col int, v string) {
	w.ref(col)
	w.w.WriteString(`"><v>`)
	w.w.WriteString(v)
	w.w.WriteString(`</v></c>`)
}

// Rows is the number of data rows written so far.
func (w *SheetWriter) Rows() int { return w.row - 1 }

// Flush ends the sheet.
func (w *SheetWriter) Flush() error {
	if w.wb.open != w {
		return nil
	}
	w.wb.open = nil
	s := w.wb.sheets[len(w.wb.sheets)-1]
	orient := "portrait"
	if s.Landscape {
		orient = "landscape"
	}
	w.w.WriteString(`</sheetData>`)
	w.w.WriteString(`<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>`)
	// A4 (paperSize 9), one page wide, as many pages tall as needed.
	fmt.Fprintf(w.w, `<pageSetup paperSize="9" orientation="%s" fitToWidth="1" fitToHeight="0"/>`, orient)
	w.w.WriteString(`</worksheet>`)
	return w.w.Flush()
}

// ColumnName turns a 1-based column number into its letters (1 → A, 27 → AA).
func ColumnName(n int) string {
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('A' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}

// xmlText writes s escaped for XML text, dropping characters XML 1.0
// cannot hold (control characters other than tab and newline).
func xmlText(w *bufio.Writer, s string) {
	if !strings.ContainsAny(s, "<>&\"\r") && !hasControl(s) {
		w.WriteString(s)
		return
	}
	var clean strings.Builder
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			continue
		}
		clean.WriteRune(r)
	}
	xml.EscapeText(w, []byte(clean.String()))
}

func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' {
			return true
		}
	}
	return false
}

// WriteTo finishes the workbook and copies it to out.
func (wb *Workbook) WriteTo(out io.Writer) (int64, error) {
	if err := wb.finish(); err != nil {
		return 0, err
	}
	if _, err := wb.tmp.Seek(0, io.SeekStart); err != nil {
		return 0, err
	}
	return io.Copy(out, wb.tmp)
}

// Close removes the workbook's temporary file.
func (wb *Workbook) Close() error {
	name := wb.tmp.Name()
	err := wb.tmp.Close()
	if rmErr := os.Remove(name); err == nil {
		err = rmErr
	}
	return err
}
