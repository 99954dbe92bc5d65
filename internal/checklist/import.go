package checklist

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"safecampus/internal/xlsx"
)

// RowError is one problem of an import file: the row number the
// spreadsheet program shows (0 for the whole file), the column header (""
// for the whole row) and what is wrong, in Chinese.
type RowError struct {
	Row     int
	Column  string
	Message string
}

func (e RowError) String() string {
	if e.Row == 0 {
		return e.Message
	}
	if e.Column == "" {
		return fmt.Sprintf("第 %d 行：%s", e.Row, e.Message)
	}
	return fmt.Sprintf("第 %d 行“%s”列：%s", e.Row, e.Column, e.Message)
}

// fileItem is an item as an import file gives it, before it is compared
// with the library.
type fileItem struct {
	Row       int // first row of the item
	Code      string
	Area      Area
	Title     string
	Questions []string
}

// ParseAreaName accepts an area's code (FIRE) or Chinese name (消防安全).
func ParseAreaName(s string) (Area, bool) {
	s = strings.TrimSpace(s)
	for _, a := range Areas {
		if strings.EqualFold(s, string(a)) || s == a.Label() {
			return a, true
		}
	}
	return "", false
}

// parseFile reads the rows of an item-set file into items, in the order
// their codes first appear. Rows of one item share its code; the area and
// title may be left blank after the item's first row.
func parseFile(rows [][]string) ([]fileItem, []RowError) {
	header := -1
	for i, r := range rows {
		if !xlsx.Blank(r) {
			header = i
			break
		}
	}
	if header < 0 {
		return nil, []RowError{{Message: "文件中没有内容。"}}
	}
	col := map[string]int{}
	for i, h := range rows[header] {
		if h = strings.TrimSpace(h); h != "" {
			if _, dup := col[h]; !dup {
				col[h] = i
			}
		}
	}
	var errs []RowError
	for _, h := range []string{colCode, colArea, colTitle, colQuestion} {
		if _, ok := col[h]; !ok {
			errs = append(errs, RowError{header + 1, h, fmt.Sprintf("缺少必需的列“%s”。请使用导出的检查表文件作为模板。", h)})
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	cell := func(r []string, h string) string {
		if i, ok := col[h]; ok && i < len(r) {
			return strings.TrimSpace(r[i])
		}
		return ""
	}
	var items []fileItem
	index := map[string]int{}
	for i := header + 1; i < len(rows); i++ {
		r, n := rows[i], i+1
		if xlsx.Blank(r) {
			continue
		}
		add := func(c, msg string) { errs = append(errs, RowError{n, c, msg}) }
		code := strings.ToUpper(cell(r, colCode))
		if code == "" {
			add(colCode, "请填写检查项编码。")
			continue
		}
		if !codePattern.MatchString(code) {
			add(colCode, "检查项编码只能包含字母、数字、“-”和“_”，最多 32 个字符。")
			continue
		}
		k, seen := index[code]
		if !seen {
			k = len(items)
			index[code] = k
			items = append(items, fileItem{Row: n, Code: code})
		}
		it := &items[k]
		if v := cell(r, colArea); v != "" {
			a, ok := ParseAreaName(v)
			switch {
			case !ok:
				add(colArea, fmt.Sprintf("领域“%s”不存在，应为：%s。", v, areaNames()))
			case it.Area != "" && it.Area != a:
				add(colArea, fmt.Sprintf("与第 %d 行同一检查项的领域不一致。", it.Row))
			default:
				it.Area = a
			}
		} else if !seen {
			add(colArea, "请填写领域。")
		}
		if v := cell(r, colTitle); v != "" {
			switch {
			case utf8.RuneCountInString(v) > maxTitle:
				add(colTitle, fmt.Sprintf("检查项名称过长（最多 %d 个字）。", maxTitle))
			case it.Title != "" && it.Title != v:
				add(colTitle, fmt.Sprintf("与第 %d 行同一检查项的名称不一致。", it.Row))
			default:
				it.Title = v
			}
		} else if !seen {
			add(colTitle, "请填写检查项名称。")
		}
		if qc := strings.ToUpper(cell(r, colQCode)); qc != "" && !strings.HasPrefix(qc, code+".") {
			add(colQCode, fmt.Sprintf("问题编码应以“%s.”开头。", code))
		}
		q := cell(r, colQuestion)
		switch {
		case q == "":
			add(colQuestion, "请填写检查问题。")
		case utf8.RuneCountInString(q) > maxQuestion:
			add(colQuestion, fmt.Sprintf("检查问题过长（最多 %d 个字）。", maxQuestion))
		case len(it.Questions) >= maxQuestions:
			add(colQuestion, fmt.Sprintf("一个检查项最多 %d 个问题。", maxQuestions))
		default:
			it.Questions = append(it.Questions, q)
		}
	}
	if len(items) == 0 && len(errs) == 0 {
		errs = append(errs, RowError{header + 1, "", "文件中只有表头，没有数据行。"})
	}
	return items, errs
}

func areaNames() string {
	names := make([]string, len(Areas))
	for i, a := range Areas {
		names[i] = a.Label()
	}
	return strings.Join(names, "、")
}
