package xlsx

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"safecampus/internal/apperr"
)

// xlsxFile builds a workbook the way a user's spreadsheet program would:
// a date cell with a date format, a gap row, and a second sheet that must
// be ignored.
func xlsxFile(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetRow("Sheet1", "A1", &[]any{"姓名", "工号", "入职日期"}))
	must(f.SetSheetRow("Sheet1", "A2", &[]any{" 张三 ", "001", "'=1+1"}))
	must(f.SetSheetRow("Sheet1", "A4", &[]any{"李四", 1002}))
	date, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	must(err)
	must(f.SetCellValue("Sheet1", "C4", 43835)) // 2020-01-05 as Excel stores it
	must(f.SetCellStyle("Sheet1", "C4", "C4", date))
	_, err = f.NewSheet("说明")
	must(err)
	must(f.SetCellValue("说明", "A1", "不应被读取"))
	var buf bytes.Buffer
	_, err = f.WriteTo(&buf)
	must(err)
	return buf.Bytes()
}

func TestReadRows(t *testing.T) {
	utf8CSV := "姓名,工号,入职日期\n 张三 ,001,'=1+1\n\n李四,1002,2020-01-05\n"
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(utf8CSV)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"姓名", "工号", "入职日期"}, {"张三", "001", "=1+1"}, nil, {"李四", "1002", "43835"}}
	wantCSV := [][]string{{"姓名", "工号", "入职日期"}, {"张三", "001", "=1+1"}, {"李四", "1002", "2020-01-05"}}
	tests := []struct {
		name string
		file string
		data []byte
		want [][]string
	}{
		{"xlsx first sheet, raw values, gap row kept", "人员.xlsx", xlsxFile(t), want},
		{"xlsx content with another name", "upload", xlsxFile(t), want},
		{"csv utf-8", "人员.csv", []byte(utf8CSV), wantCSV},
		{"csv utf-8 with BOM", "人员.CSV", append([]byte{0xEF, 0xBB, 0xBF}, utf8CSV...), wantCSV},
		{"csv gb18030", "人员.csv", []byte(gb), wantCSV},
		{"csv crlf", "人员.csv", []byte(strings.ReplaceAll(utf8CSV, "\n", "\r\n")), wantCSV},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadRows(bytes.NewReader(tt.data), tt.file)
			if err != nil {
				t.Fatal(err)
			}
			// encoding/csv drops blank lines; xlsx keeps the gap so row
			// numbers match what the user sees.
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tt.want) {
				t.Errorf("rows = %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestReadRowsRefuses(t *testing.T) {
	big := bytes.Repeat([]byte("a,b\n"), MaxFileSize/4+1)
	var many strings.Builder
	for i := 0; i <= MaxRows+1; i++ {
		fmt.Fprintf(&many, "%d\n", i)
	}
	tests := []struct {
		name string
		file string
		data []byte
		code string
	}{
		{"binary junk named csv", "x.csv", []byte("\x00\x01\x02junk"), "import.file_type"},
		{"pdf", "x.pdf", []byte("%PDF-1.4 ..."), "import.file_type"},
		{"text named xlsx", "x.xlsx", []byte("姓名,工号\n"), "import.bad_xlsx"},
		{"broken zip", "x.xlsx", []byte("PK\x03\x04garbage"), "import.bad_xlsx"},
		{"old xls", "x.xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0}, "import.xls"},
		{"empty", "x.csv", nil, "import.empty"},
		{"too large", "x.csv", big, "import.too_large"},
		{"too many rows", "x.csv", []byte(many.String()), "import.too_many_rows"},
		{"unparseable bytes", "x.csv", []byte{0xFF, 0xFF, 0xFF}, "import.encoding"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadRows(bytes.NewReader(tt.data), tt.file)
			e := apperr.As(err)
			if err == nil || e.Kind != apperr.Invalid || e.Code != tt.code {
				t.Fatalf("err = %v, want invalid %s", err, tt.code)
			}
			if !strings.ContainsAny(e.Message, "文件行编码") {
				t.Errorf("message %q is not a Chinese explanation", e.Message)
			}
		})
	}
}

func TestReadRowsAllowsExactlyMaxRows(t *testing.T) {
	var b strings.Builder
	b.WriteString("姓名\n")
	for i := 0; i < MaxRows; i++ {
		fmt.Fprintf(&b, "人%d\n", i)
	}
	rows, err := ReadRows(strings.NewReader(b.String()), "x.csv")
	if err != nil || len(rows) != MaxRows+1 {
		t.Fatalf("got %d rows, %v; want %d", len(rows), err, MaxRows+1)
	}
}
