package org

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"safecampus/internal/xlsx"
)

// ImportKind is what an import file holds.
type ImportKind string

const (
	ImportUnits  ImportKind = "units"
	ImportPeople ImportKind = "people"
)

// Label is the kind's Chinese name (also the export file's name).
func (k ImportKind) Label() string {
	if k == ImportUnits {
		return "单位"
	}
	return "人员"
}

// Valid reports whether k is a known kind.
func (k ImportKind) Valid() bool { return k == ImportUnits || k == ImportPeople }

// ImportAction is what committing a row will do.
type ImportAction string

const (
	ActionCreate    ImportAction = "create"
	ActionUpdate    ImportAction = "update"
	ActionUnchanged ImportAction = "unchanged"
)

// Label is the action's Chinese name.
func (a ImportAction) Label() string {
	switch a {
	case ActionCreate:
		return "新建"
	case ActionUpdate:
		return "更新"
	}
	return "无变化"
}

// RowError is one problem of an import file. Row is the row number the
// spreadsheet program shows (the header is row 1; 0 for the whole file),
// Column the header of the cell ("" for the whole row).
type RowError struct {
	Row     int
	Column  string
	Message string
}

// ImportColumn is one column of an import file.
type ImportColumn struct {
	Header   string
	Required bool // the header must be present
	Width    float64
	Text     bool // keep as text in the template (numbers with leading zeros)
}

// UnitImportColumns are the columns of a unit import file.
var UnitImportColumns = []ImportColumn{
	{"单位名称", true, 24, false}, {"类别", true, 10, false}, {"上级单位", false, 24, false},
	{"校区", false, 16, false}, {"编码", false, 12, true},
}

// PeopleImportColumns are the columns of a people import file.
var PeopleImportColumns = []ImportColumn{
	{"姓名", true, 12, false}, {"工号", true, 12, true}, {"所属单位", true, 20, false},
	{"岗位", false, 16, false}, {"电话", false, 16, true}, {"入职日期", false, 12, true},
	{"出生日期", false, 12, true}, {"特种岗位", false, 30, false},
}

// sheet reads one import file: which column holds which header.
type sheet struct {
	rows    [][]string
	header  int // index of the header row
	col     map[string]int
	ignored []string
}

// has reports whether the file has the column.
func (s *sheet) has(h string) bool { _, ok := s.col[h]; return ok }

// cell returns a row's value in the column, "" when absent.
func (s *sheet) cell(row []string, h string) string {
	if i, ok := s.col[h]; ok && i < len(row) {
		return strings.TrimSpace(row[i])
	}
	return ""
}

// readSheet finds the header row (the first non-empty one) and checks that
// every required column is there exactly once. Unknown columns are listed,
// not refused: an export carries extra columns (状态, 负责人) and must import
// back.
func readSheet(rows [][]string, cols []ImportColumn) (*sheet, []RowError) {
	s := &sheet{rows: rows, header: -1, col: map[string]int{}}
	for i, r := range rows {
		if !xlsx.Blank(r) {
			s.header = i
			break
		}
	}
	if s.header < 0 {
		return s, []RowError{{Row: 0, Message: "文件中没有内容。"}}
	}
	known := map[string]bool{}
	for _, c := range cols {
		known[c.Header] = true
	}
	var errs []RowError
	hr := s.header + 1
	for i, h := range rows[s.header] {
		h = strings.TrimSpace(h)
		switch {
		case h == "":
		case !known[h]:
			s.ignored = append(s.ignored, h)
		case s.has(h):
			errs = append(errs, RowError{hr, h, fmt.Sprintf("表头中“%s”出现了两次。", h)})
		default:
			s.col[h] = i
		}
	}
	for _, c := range cols {
		if c.Required && !s.has(c.Header) {
			errs = append(errs, RowError{hr, c.Header, fmt.Sprintf("缺少必需的列“%s”。请使用导入模板。", c.Header)})
		}
	}
	if len(errs) == 0 && s.header == len(rows)-1 {
		errs = append(errs, RowError{Row: hr, Message: "文件中只有表头，没有数据行。"})
	}
	return s, errs
}

// each calls fn for every non-empty data row with its spreadsheet row number.
func (s *sheet) each(fn func(n int, row []string)) {
	for i := s.header + 1; i < len(s.rows); i++ {
		if !xlsx.Blank(s.rows[i]) {
			fn(i+1, s.rows[i])
		}
	}
}

// textCell reads a text cell into errs' row, checking required and length.
func textCell(errs *[]RowError, n int, h, v string, required bool, max int) string {
	if required && v == "" {
		*errs = append(*errs, RowError{n, h, "请填写" + h + "。"})
	} else if utf8.RuneCountInString(v) > max {
		*errs = append(*errs, RowError{n, h, fmt.Sprintf("%s过长（最多 %d 个字）。", h, max)})
	}
	return v
}

func sortRowErrors(errs []RowError) {
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Row < errs[j].Row })
}
