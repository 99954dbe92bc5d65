package checklist

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"safecampus/internal/apperr"
	"safecampus/internal/testkit"
	"safecampus/internal/xlsx"
)

var header = []string{"检查项编码", "领域", "检查项", "问题编码", "问题"}

func TestImportSet(t *testing.T) {
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			fire4 := f.item(t, f.school, "FIRE-4")
			rows := [][]string{header,
				{"XJ-1", "安保建设", "夜间值班", "", "值班人员是否在岗"},
				{"XJ-1", "", "", "XJ-1.2", "值班记录是否完整"},
				{"FIRE-1", "FIRE", "电动自行车违规停放充电，疏散通道畅通", "FIRE-1.1", "有无电动自行车违规停放充电"},
				{"FIRE-1", "消防安全", "", "", "疏散通道、安全出口是否畅通"},
			}
			for _, q := range fire4.Questions { // FIRE-4 unchanged
				rows = append(rows, []string{"FIRE-4", "消防安全", fire4.Title, q.Code, q.Text})
			}
			p, err := f.svc.PreviewImport(f.ctx, f.admin, f.school, "夜巡检查表", rows)
			if err != nil || len(p.Errors) > 0 {
				t.Fatalf("preview: %v %v", err, p.Errors)
			}
			if p.Create != 1 || p.Update != 1 || p.Unchanged != 1 || p.SetID != 0 {
				t.Errorf("preview counts create %d update %d unchanged %d", p.Create, p.Update, p.Unchanged)
			}
			if f.count(t, `SELECT COUNT(*) FROM item_sets`) != 0 {
				t.Fatal("preview stored a set")
			}
			p, err = f.svc.CommitImport(f.ctx, f.admin, f.school, "夜巡检查表", rows)
			if err != nil {
				t.Fatal(err)
			}
			set, err := f.svc.FindSet(f.ctx, f.admin, f.school, p.SetID)
			if err != nil || !slices.Equal(set.Codes, []string{"XJ-1", "FIRE-1", "FIRE-4"}) {
				t.Errorf("imported set = %v, %v", set.Codes, err)
			}
			if got := f.item(t, f.school, "FIRE-1"); got.SchoolID != f.school || got.Version != 2 || len(got.Questions) != 2 {
				t.Errorf("FIRE-1 after import = %+v", got)
			}
			if got := f.item(t, f.school, "FIRE-4"); got.ID != fire4.ID {
				t.Error("an unchanged item got a new version")
			}

			// Export, then import the file back: nothing changes.
			var buf bytes.Buffer
			if _, err := f.svc.ExportSet(f.ctx, f.admin, f.school, p.SetID, &buf); err != nil {
				t.Fatal(err)
			}
			back, err := xlsx.ReadRows(&buf, "set.xlsx")
			if err != nil {
				t.Fatal(err)
			}
			if len(back) != 9 || back[1][0] != "XJ-1" || back[1][1] != "安保建设" || back[2][3] != "XJ-1.2" {
				t.Errorf("exported rows = %v", back)
			}
			again, err := f.svc.CommitImport(f.ctx, f.admin, f.school, "夜巡检查表", back)
			if err != nil || again.Unchanged != 3 || again.SetID != p.SetID {
				t.Errorf("re-import: %+v %v", again, err)
			}
		})
	}
}

func TestImportErrors(t *testing.T) {
	tests := []struct {
		name    string
		setName string
		rows    [][]string
		row     int
		column  string
		message string
	}{
		{"no set name", "", [][]string{header, {"XJ-1", "安保建设", "x", "", "q"}}, 0, "", "检查表名称"},
		{"missing column", "s", [][]string{{"检查项编码", "领域", "检查项"}, {"XJ-1", "安保建设", "x"}}, 1, "问题", "缺少必需的列"},
		{"header only", "s", [][]string{header}, 1, "", "没有数据行"},
		{"no code", "s", [][]string{header, {"", "安保建设", "x", "", "q"}}, 2, "检查项编码", "请填写"},
		{"bad code", "s", [][]string{header, {"X 1", "安保建设", "x", "", "q"}}, 2, "检查项编码", "只能包含"},
		{"unknown area", "s", [][]string{header, {"XJ-1", "卫生", "x", "", "q"}}, 2, "领域", "不存在"},
		{"no title", "s", [][]string{header, {"XJ-1", "安保建设", "", "", "q"}}, 2, "检查项", "请填写"},
		{"no question", "s", [][]string{header, {"XJ-1", "安保建设", "x", "", ""}}, 2, "问题", "请填写"},
		{"title differs", "s", [][]string{header, {"XJ-1", "安保建设", "x", "", "q"}, {}, {"XJ-1", "", "y", "", "q2"}}, 4, "检查项", "第 2 行"},
		{"question code of another item", "s", [][]string{header, {"XJ-1", "安保建设", "x", "XJ-2.1", "q"}}, 2, "问题编码", "XJ-1."},
	}
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			items := f.count(t, `SELECT COUNT(*) FROM check_items`)
			for _, tt := range tests {
				p, err := f.svc.CommitImport(f.ctx, f.admin, f.school, tt.setName, tt.rows)
				if !apperr.Is(err, apperr.Invalid) {
					t.Errorf("%s: %v, want invalid", tt.name, err)
					continue
				}
				if !slices.ContainsFunc(p.Errors, func(e RowError) bool {
					return e.Row == tt.row && e.Column == tt.column && strings.Contains(e.Message, tt.message)
				}) {
					t.Errorf("%s: errors %v, want row %d column %q with %q", tt.name, p.Errors, tt.row, tt.column, tt.message)
				}
			}
			// A file whose first item is fine and second is not stores neither.
			mixed := [][]string{header, {"XJ-1", "安保建设", "x", "", "q"}, {"XJ-2", "安保建设", "y", "", ""}}
			if _, err := f.svc.CommitImport(f.ctx, f.admin, f.school, "s", mixed); !apperr.Is(err, apperr.Invalid) {
				t.Errorf("mixed file: %v", err)
			}
			if f.count(t, `SELECT COUNT(*) FROM check_items`) != items || f.count(t, `SELECT COUNT(*) FROM item_sets`) != 0 {
				t.Error("a rejected import stored something")
			}
		})
	}
}
