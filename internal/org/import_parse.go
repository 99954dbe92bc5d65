package org

import (
	"fmt"
	"strings"

	"safecampus/internal/xlsx"
)

// UnitRow is one unit of an import file. The plan fills ID (the existing
// unit it updates), ParentID and CampusID, and Action.
type UnitRow struct {
	Row    int
	Name   string
	Kind   UnitKind
	Parent string
	Campus string
	Code   string

	Action   ImportAction
	ID       int64
	ParentID int64 // < 0: the unit created by the file's row -ParentID
	CampusID int64

	hasCampus, hasCode bool
}

// ParseUnitImport reads the rows of a unit import file (header first). It
// checks each row on its own; references are checked by PreviewImport.
func ParseUnitImport(rows [][]string) ([]UnitRow, []RowError) {
	out, _, errs := parseUnits(rows)
	return out, errs
}

func parseUnits(rows [][]string) ([]UnitRow, []string, []RowError) {
	sh, errs := readSheet(rows, UnitImportColumns)
	if len(errs) > 0 {
		return nil, sh.ignored, errs
	}
	var out []UnitRow
	sh.each(func(n int, row []string) {
		u := UnitRow{Row: n, hasCampus: sh.has("校区"), hasCode: sh.has("编码")}
		u.Name = textCell(&errs, n, "单位名称", sh.cell(row, "单位名称"), true, 100)
		u.Parent = textCell(&errs, n, "上级单位", sh.cell(row, "上级单位"), false, 100)
		u.Campus = textCell(&errs, n, "校区", sh.cell(row, "校区"), false, 100)
		u.Code = textCell(&errs, n, "编码", sh.cell(row, "编码"), false, 32)
		kind := sh.cell(row, "类别")
		u.Kind = unitKindFromText(kind)
		if !u.Kind.valid() {
			labels := make([]string, len(UnitKinds))
			for i, k := range UnitKinds {
				labels[i] = k.Label()
			}
			msg := "请填写类别。"
			if kind != "" {
				msg = fmt.Sprintf("类别“%s”无效，应为%s之一。", kind, strings.Join(labels, "、"))
			}
			errs = append(errs, RowError{n, "类别", msg})
		}
		out = append(out, u)
	})
	return out, sh.ignored, errs
}

// unitKindFromText accepts the Chinese label or the code.
func unitKindFromText(s string) UnitKind {
	for _, k := range UnitKinds {
		if s == k.Label() || s == string(k) {
			return k
		}
	}
	return ""
}

// PersonRow is one person of an import file. The plan fills ID (the person
// with the same staff number, updated), UnitID and Action.
type PersonRow struct {
	Row          int
	Name         string
	StaffNo      string
	UnitName     string
	Post         string
	Phone        string
	HireDate     string // YYYY-MM-DD or ""
	BirthDate    string
	SpecialPosts []string // codes, sorted

	Action ImportAction
	ID     int64
	UnitID int64

	has map[string]bool // optional columns present in the file
}

// SpecialPostLabels shows the row's special posts in Chinese.
func (p PersonRow) SpecialPostLabels() string {
	labels := make([]string, len(p.SpecialPosts))
	for i, c := range p.SpecialPosts {
		labels[i] = SpecialPostLabel(c)
	}
	return strings.Join(labels, "、")
}

// personFields maps Person.Validate's field names to import headers.
var personFields = map[string]string{
	"name": "姓名", "staff_no": "工号", "unit_id": "所属单位", "post": "岗位", "phone": "电话",
	"hire_date": "入职日期", "birth_date": "出生日期", "special_posts": "特种岗位",
}

// ParsePeopleImport reads the rows of a people import file (header first).
// Staff numbers must be filled in and unique within the file: they decide
// whether a row creates a person or updates one.
func ParsePeopleImport(rows [][]string) ([]PersonRow, []RowError) {
	out, _, errs := parsePeople(rows)
	return out, errs
}

func parsePeople(rows [][]string) ([]PersonRow, []string, []RowError) {
	sh, errs := readSheet(rows, PeopleImportColumns)
	if len(errs) > 0 {
		return nil, sh.ignored, errs
	}
	has := map[string]bool{}
	for _, c := range PeopleImportColumns {
		has[c.Header] = sh.has(c.Header)
	}
	seen := map[string]int{}
	var out []PersonRow
	sh.each(func(n int, row []string) {
		r := PersonRow{Row: n, has: has, UnitName: sh.cell(row, "所属单位")}
		if r.UnitName == "" {
			errs = append(errs, RowError{n, "所属单位", "请填写所属单位。"})
		}
		p := Person{Name: sh.cell(row, "姓名"), StaffNo: sh.cell(row, "工号"), Post: sh.cell(row, "岗位"), Phone: sh.cell(row, "电话")}
		for _, d := range []struct {
			h   string
			dst *string
		}{{"入职日期", &p.HireDate}, {"出生日期", &p.BirthDate}} {
			if v := sh.cell(row, d.h); v != "" {
				if iso, ok := xlsx.ParseDate(v); ok {
					*d.dst = iso
				} else {
					errs = append(errs, RowError{n, d.h, fmt.Sprintf("日期“%s”无法识别，请写成 2020-01-31 的格式。", v)})
				}
			}
		}
		posts, perrs := parseSpecialPosts(sh.cell(row, "特种岗位"))
		for _, m := range perrs {
			errs = append(errs, RowError{n, "特种岗位", m})
		}
		p.SpecialPosts = posts
		for _, fe := range p.Validate() {
			errs = append(errs, RowError{n, personFields[fe.Field], fe.Message})
		}
		if p.StaffNo == "" {
			errs = append(errs, RowError{n, "工号", "请填写工号：导入按工号判断是新建还是更新人员。"})
		} else if first, dup := seen[p.StaffNo]; dup {
			errs = append(errs, RowError{n, "工号", fmt.Sprintf("工号“%s”与第 %d 行重复。", p.StaffNo, first)})
		} else {
			seen[p.StaffNo] = n
		}
		r.Name, r.StaffNo, r.Post, r.Phone = p.Name, p.StaffNo, p.Post, p.Phone
		r.HireDate, r.BirthDate, r.SpecialPosts = p.HireDate, p.BirthDate, p.SpecialPosts
		out = append(out, r)
	})
	sortRowErrors(errs)
	return out, sh.ignored, errs
}

// parseSpecialPosts reads a list like “保安员、电工（配电房）”: labels,
// labels without their bracketed note (电工), or codes, separated by commas,
// 、 or semicolons.
func parseSpecialPosts(s string) ([]string, []string) {
	parts := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(",，、;；\n", r) })
	var codes, errs []string
	for _, part := range parts {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		code := ""
		for _, sp := range SpecialPosts {
			short, _, _ := strings.Cut(sp.Label, "（")
			if part == sp.Label || part == short || part == string(sp.Code) {
				code = string(sp.Code)
				break
			}
		}
		if code == "" {
			errs = append(errs, fmt.Sprintf("未知的特种岗位“%s”。可选：%s。", part, specialPostChoices()))
			continue
		}
		codes = append(codes, code)
	}
	return codes, errs
}

func specialPostChoices() string {
	labels := make([]string, len(SpecialPosts))
	for i, sp := range SpecialPosts {
		labels[i] = sp.Label
	}
	return strings.Join(labels, "、")
}
