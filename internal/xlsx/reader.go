package xlsx

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"safecampus/internal/apperr"
)

// Limits on an uploaded file. The web layer bounds the request body too;
// these hold for every caller (the CLI included).
const (
	MaxFileSize = 5 << 20 // bytes
	MaxRows     = 10000   // data rows, not counting the header row
	// maxUnzipped bounds what an .xlsx may expand to, so a small zip bomb
	// cannot exhaust memory.
	maxUnzipped = 64 << 20
)

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1} // .xls and encrypted files
	utf8BOM  = []byte{0xEF, 0xBB, 0xBF}
)

func invalid(code, msg string) error { return apperr.Invalidf("import."+code, "%s", msg) }

// ReadRows reads the rows of an uploaded spreadsheet: the first sheet of an
// .xlsx, or a .csv in UTF-8 (with or without BOM) or GB18030 (what Excel
// on a Chinese Windows saves as "CSV"). Row i of the result is row i+1 as
// the spreadsheet program shows it, so errors can name rows the user can
// find. Cells are trimmed and unescaped (UnescapeCell). Anything else is
// refused with a Chinese message.
func ReadRows(r io.Reader, name string) ([][]string, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, invalid("too_large", "文件超过 5 MB，请拆分后分批导入。")
	}
	if len(data) == 0 {
		return nil, invalid("empty", "文件是空的。")
	}
	ext := strings.ToLower(filepath.Ext(name))
	var rows [][]string
	switch {
	case bytes.HasPrefix(data, zipMagic):
		rows, err = readXLSX(data)
	case bytes.HasPrefix(data, oleMagic):
		return nil, invalid("xls", "不支持旧版 .xls 文件或加密的工作簿，请在 Excel/WPS 中另存为 .xlsx 后再导入。")
	case ext == ".csv" || ext == ".txt":
		rows, err = readCSV(data)
	case ext == ".xlsx":
		return nil, invalid("bad_xlsx", "文件不是有效的 .xlsx 工作簿。")
	default:
		return nil, invalid("file_type", "只支持 .xlsx 或 .csv 文件。")
	}
	if err != nil {
		return nil, err
	}
	for _, row := range rows {
		for j, c := range row {
			row[j] = UnescapeCell(strings.TrimSpace(c))
		}
	}
	return rows, nil
}

func readXLSX(data []byte) ([][]string, error) {
	bad := invalid("bad_xlsx", "文件不是有效的 .xlsx 工作簿，请用 Excel/WPS 打开后重新保存为 .xlsx。")
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return nil, bad
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, bad
	}
	it, err := f.Rows(sheets[0])
	if err != nil {
		return nil, bad
	}
	defer it.Close()
	var rows [][]string
	filled := 0
	for it.Next() {
		// Raw values: a date cell reads as its serial number whatever its
		// display format, and the importer converts it (ParseDate).
		cols, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, bad
		}
		if !blank(cols) {
			if filled++; filled > MaxRows+1 { // +1: the header row
				return nil, tooManyRows()
			}
		}
		rows = append(rows, cols)
	}
	if it.Error() != nil {
		return nil, bad
	}
	return trimTrailingEmpty(rows), nil
}

func readCSV(data []byte) ([][]string, error) {
	data = bytes.TrimPrefix(data, utf8BOM)
	// Control bytes other than tab and line ends do not occur in text: this
	// is a binary file (an image, a .docx renamed, …).
	if bytes.IndexFunc(data, func(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' && r != '\r' }) >= 0 {
		return nil, invalid("file_type", "文件不是 CSV 文本，只支持 .xlsx 或 .csv 文件。")
	}
	if !utf8.Valid(data) {
		dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		// The decoder turns bytes that are not GB18030 either into U+FFFD.
		if err != nil || !utf8.Valid(dec) || bytes.ContainsRune(dec, utf8.RuneError) {
			return nil, invalid("encoding", "无法识别 CSV 文件的编码，请保存为 UTF-8 或 GB18030（GBK）编码。")
		}
		data = dec
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	var rows [][]string
	filled := 0
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, invalid("bad_csv", "CSV 文件格式有误："+csvErrText(err))
		}
		if !blank(rec) {
			if filled++; filled > MaxRows+1 {
				return nil, tooManyRows()
			}
		}
		rows = append(rows, rec)
	}
	return trimTrailingEmpty(rows), nil
}

func csvErrText(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return "第 " + strconv.Itoa(pe.Line) + " 行附近无法解析。"
	}
	return "无法解析。"
}

func tooManyRows() error {
	return invalid("too_many_rows", "文件超过 10000 行数据，请拆分后分批导入。")
}

// trimTrailingEmpty drops empty rows at the end, which spreadsheet programs
// often leave behind, so they neither count against the limit nor show up
// as errors.
func trimTrailingEmpty(rows [][]string) [][]string {
	for len(rows) > 0 && blank(rows[len(rows)-1]) {
		rows = rows[:len(rows)-1]
	}
	return rows
}

func blank(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// Blank reports whether a row has no content (importers skip such rows).
func Blank(row []string) bool { return blank(row) }
