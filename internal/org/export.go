package org

import (
	"context"
	"io"
	"net/url"
	"strings"
	"time"

	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
	"safecampus/internal/xlsx"
)

// Exports write the same columns the importer reads (plus read-only ones
// it ignores, such as 状态), so an exported file can be edited and imported
// back. The web page and the command line share these functions.

func columns(cs []ImportColumn, extra ...xlsx.Column) []xlsx.Column {
	out := make([]xlsx.Column, 0, len(cs)+len(extra))
	for _, c := range cs {
		out = append(out, xlsx.Column{Header: c.Header, Width: c.Width, Text: c.Text})
	}
	return append(out, extra...)
}

// ExportFileName is the download name of an export made at now, e.g.
// 人员_2026-11-28.xlsx; the server builds it, never the request.
func ExportFileName(kind ImportKind, now time.Time, loc *time.Location) string {
	return kind.Label() + "_" + now.In(loc).Format("2006-01-02") + ".xlsx"
}

// ExportASCIIName is the plain-ASCII name of the same export, for old
// clients that do not read filename* (people_2026-11-28.xlsx).
func ExportASCIIName(kind ImportKind, now time.Time, loc *time.Location) string {
	return string(kind) + "_" + now.In(loc).Format("2006-01-02") + ".xlsx"
}

// ContentDisposition is an RFC 6266 attachment header for a Chinese file
// name: the ASCII fallback in filename and the UTF-8 name in filename*.
func ContentDisposition(name, fallback string) string {
	fallback = strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' || r == '%' || r == '/' {
			return -1
		}
		return r
	}, fallback)
	if fallback == "" || strings.HasPrefix(fallback, ".") {
		fallback = "download" + fallback
	}
	return `attachment; filename="` + fallback + `"; filename*=UTF-8''` + url.PathEscape(name)
}

// ExportUnits writes the school's units as .xlsx to w, parents before their
// children, and records the export in the audit log. It returns the number
// of rows.
func (s *Service) ExportUnits(ctx context.Context, a *auth.Actor, school int64, w io.Writer) (int, error) {
	sc := auth.SchoolScope(school)
	if err := require(a, auth.PermExport, sc); err != nil {
		return 0, err
	}
	if err := require(a, auth.PermOrgView, sc); err != nil {
		return 0, err
	}
	units, err := listUnits(ctx, s.DB.Read(), school)
	if err != nil {
		return 0, err
	}
	return s.export(ctx, a, school, ImportUnits, w, columns(UnitImportColumns, xlsx.Column{Header: "负责人", Width: 12}, xlsx.Column{Header: "状态", Width: 8}),
		func(sw *xlsx.SheetWriter) error {
			for _, u := range units {
				if err := sw.WriteRow(u.Name, u.Kind.Label(), u.ParentName, u.CampusName, u.Code, u.HeadName, activeLabel(u.Active, "启用", "停用")); err != nil {
					return err
				}
			}
			return nil
		})
}

// ExportPeople writes every person of the school as .xlsx to w, streaming
// from the database, and records the export in the audit log.
func (s *Service) ExportPeople(ctx context.Context, a *auth.Actor, school int64, w io.Writer) (int, error) {
	sc := auth.SchoolScope(school)
	if err := require(a, auth.PermExport, sc); err != nil {
		return 0, err
	}
	if err := require(a, auth.PermPeopleView, sc); err != nil {
		return 0, err
	}
	return s.export(ctx, a, school, ImportPeople, w, columns(PeopleImportColumns, xlsx.Column{Header: "状态", Width: 8}),
		func(sw *xlsx.SheetWriter) error {
			rows, err := s.DB.Read().QueryContext(ctx, `SELECT `+personCols+personFrom+` WHERE p.school_id = $1 ORDER BY COALESCE(u.sort_order, 0), p.unit_id, p.id`, school)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				p, err := scanPerson(rows)
				if err != nil {
					return err
				}
				r := PersonRow{SpecialPosts: p.SpecialPosts}
				if err := sw.WriteRow(p.Name, p.StaffNo, p.UnitName, p.Post, p.Phone, p.HireDate, p.BirthDate, r.SpecialPostLabels(), activeLabel(p.Active, "在职", "停用")); err != nil {
					return err
				}
			}
			return rows.Err()
		})
}

// export builds the workbook first and writes it to w only after the audit
// entry is committed: a failed query or audit write sends nothing, and
// nothing is sent that was not recorded.
func (s *Service) export(ctx context.Context, a *auth.Actor, school int64, kind ImportKind, w io.Writer, cols []xlsx.Column, fill func(*xlsx.SheetWriter) error) (int, error) {
	wb, err := xlsx.NewWorkbook()
	if err != nil {
		return 0, err
	}
	defer wb.Close()
	sw, err := wb.NewSheetWriter(xlsx.Sheet{Name: kind.Label(), Columns: cols, Landscape: len(cols) > 6})
	if err != nil {
		return 0, err
	}
	if err := fill(sw); err != nil {
		return 0, err
	}
	if err := sw.Flush(); err != nil {
		return 0, err
	}
	n := sw.Rows()
	err = s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		return audit.Record{SchoolID: school, Action: "export." + string(kind), Entity: "export", After: map[string]int{"rows": n}}, nil
	})
	if err != nil {
		return 0, err
	}
	_, err = wb.WriteTo(w)
	return n, err
}

// ImportTemplate writes an empty import file for kind: the header row, and
// a second sheet explaining the columns (the importer reads the first sheet
// only).
func ImportTemplate(kind ImportKind, w io.Writer) error {
	wb, err := xlsx.NewWorkbook()
	if err != nil {
		return err
	}
	defer wb.Close()
	cols, help := PeopleImportColumns, peopleHelp
	if kind == ImportUnits {
		cols, help = UnitImportColumns, unitHelp
	}
	sw, err := wb.NewSheetWriter(xlsx.Sheet{Name: kind.Label(), Columns: columns(cols), Landscape: len(cols) > 6})
	if err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	hw, err := wb.NewSheetWriter(xlsx.Sheet{Name: "填写说明", Columns: []xlsx.Column{{Header: "列", Width: 14}, {Header: "说明", Width: 80}}})
	if err != nil {
		return err
	}
	for _, h := range help() {
		if err := hw.WriteRow(h[0], h[1]); err != nil {
			return err
		}
	}
	if err := hw.Flush(); err != nil {
		return err
	}
	_, err = wb.WriteTo(w)
	return err
}

func unitHelp() [][2]string {
	return [][2]string{
		{"单位名称", "必填。同一上级单位下名称不能重复；与已有单位同名且上级相同的行会更新该单位。"},
		{"类别", "必填：系部、处室、校区、中心、其他。"},
		{"上级单位", "可空。须为系统中已有的单位，或在本文件中排在前面的单位。"},
		{"校区", "可空。须为系统中已有的校区名称。"},
		{"编码", "可空，最多 32 个字符。"},
		{"", "只读取第一个工作表；整份文件有任何错误时不会导入任何数据。"},
	}
}

func peopleHelp() [][2]string {
	return [][2]string{
		{"姓名", "必填。"},
		{"工号", "必填，文件内不能重复。系统中已有该工号时更新该人员，否则新建。"},
		{"所属单位", "必填。须为系统中已有且启用的单位名称。"},
		{"岗位", "可空。"},
		{"电话", "可空，5–20 位数字，可含 +、- 和空格。"},
		{"入职日期", "可空，格式 2020-01-31（也可用 2020/1/31 或 Excel 日期）。"},
		{"出生日期", "可空，格式同上。"},
		{"特种岗位", "可空，多个用顿号“、”或逗号分隔：" + specialPostChoices() + "。"},
		{"", "只读取第一个工作表；文件中没有的可选列不会改变已有人员的对应信息；整份文件有任何错误时不会导入任何数据。"},
	}
}

func activeLabel(active bool, yes, no string) string {
	if active {
		return yes
	}
	return no
}
