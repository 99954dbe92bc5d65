package xlsx

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"
)

func writeBook(t *testing.T, rows [][]any) []byte {
	t.Helper()
	wb, err := NewWorkbook()
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	sw, err := wb.NewSheetWriter(Sheet{Name: "人员", Landscape: true, Columns: []Column{{Header: "姓名", Width: 12}, {Header: "工号", Width: 10, Text: true}, {Header: "备注", Width: 30}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := sw.WriteRow(r...); err != nil {
			t.Fatal(err)
		}
	}
	if sw.Rows() != len(rows) {
		t.Errorf("Rows() = %d, want %d", sw.Rows(), len(rows))
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := wb.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSheetWriterLayoutAndEscaping(t *testing.T) {
	data := writeBook(t, [][]any{
		{"张三", "001", "=cmd|' /C calc'!A0"},
		{"李四", int64(2), "@foo"},
	})
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 1 || got[0] != "人员" {
		t.Fatalf("sheets = %v, want [人员]", got)
	}
	rows, err := f.GetRows("人员")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"姓名", "工号", "备注"}, {"张三", "001", "'=cmd|' /C calc'!A0"}, {"李四", "2", "'@foo"}}
	if fmt.Sprint(rows) != fmt.Sprint(want) {
		t.Errorf("rows = %q, want %q", rows, want)
	}
	// No cell may hold a formula.
	for r := 1; r <= 3; r++ {
		for c := 1; c <= 3; c++ {
			cell, _ := excelize.CoordinatesToCellName(c, r)
			if fm, _ := f.GetCellFormula("人员", cell); fm != "" {
				t.Errorf("cell %s has formula %q", cell, fm)
			}
		}
	}
	if w, _ := f.GetColWidth("人员", "C"); w != 30 {
		t.Errorf("width of C = %v, want 30", w)
	}
	panes, err := f.GetPanes("人员")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes = %+v, %v; want the header row frozen", panes, err)
	}
	pl, err := f.GetPageLayout("人员")
	if err != nil || pl.Size == nil || *pl.Size != 9 || pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.Orientation == nil || *pl.Orientation != "landscape" {
		t.Errorf("page layout = %+v, %v; want A4 (9), fit to 1 page wide, landscape", pl, err)
	}
	props, err := f.GetSheetProps("人员")
	if err != nil || props.FitToPage == nil || !*props.FitToPage {
		t.Errorf("FitToPage not set: %+v, %v", props, err)
	}
}

// TestSheetWriterManyRows writes more rows than the stream writer keeps in
// memory (16 MB) would matter for, and reads the last one back.
func TestSheetWriterManyRows(t *testing.T) {
	if testing.Short() {
		t.Skip("large export")
	}
	const n = 50000
	rows := make([][]any, n)
	for i := range rows {
		rows[i] = []any{fmt.Sprintf("人员%05d", i), fmt.Sprintf("%06d", i), "一段比较长的备注文字，用来让工作表数据超过流式写入的内存块大小。"}
	}
	data := writeBook(t, rows)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	v, err := f.GetCellValue("人员", fmt.Sprintf("B%d", n+1))
	if err != nil || v != fmt.Sprintf("%06d", n-1) {
		t.Errorf("last staff number = %q, %v", v, err)
	}
}
