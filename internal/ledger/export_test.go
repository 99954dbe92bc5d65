package ledger

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"

	"safecampus/internal/apperr"
	"safecampus/internal/testkit"
)

// expectedSheets is what the March export of the fixture must contain, as
// text cells read back (strings escaped by xlsx.EscapeCell).
func expectedSheets(f *fixture) map[string][][]string {
	id := func(n int64) string { return fmt.Sprint(n) }
	ledger := [][]string{{"编号", "检查类型", "场所", "被检单位", "检查人", "同检人", "提交时间", "周期", "结果", "不合格项数", "是否逾期", "备注"}}
	ledger = append(ledger, []string{id(f.edge1), "随机抽查", "化学实验室", "教务处", "赵无关", "", "2026-03-31 23:30", "2026-03", "合格", "0", "否", ""})
	for i := len(f.ties) - 1; i >= 0; i-- {
		unit := map[int]string{0: "后勤处", 1: "配电班", 2: "后勤处", 3: "教务处", 4: "后勤处"}[i]
		ledger = append(ledger, []string{id(f.ties[i]), "网格巡查", "", unit, "系统管理员", "", "2026-03-20 10:00", "2026-03", "合格", "0", "否", ""})
	}
	ledger = append(ledger,
		[]string{id(f.i2), "暗访", "化学实验室", "教务处", "王主任", "", "2026-03-15 14:30", "2026-03", "合格", "0", "是", ""},
		[]string{id(f.i1), "领导检查", "配电房", "配电班", "张检查", "李同检", "2026-03-01 08:00", "2026-03", "不合格", "2", "否", "'=cmd|' /C calc'!A0"})
	failed := [][]string{
		{"检查编号", "检查项编码", "领域", "问题编码", "问题", "说明", "场所", "隐患等级"},
		{id(f.i1), "FIRE-4", "消防安全", "FIRE-4.2", "消防水泵能正常启动", "水泵无法启动", "配电房", "重大隐患"},
		{id(f.i1), "LAB-2", "实验室及危化品管理", "LAB-2.2", "报警装置符合要求", "'+报警器损坏", "配电房", "一般隐患"},
	}
	return map[string][][]string{"检查台账": ledger, "不合格问题": failed}
}

func TestExport(t *testing.T) {
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			var buf bytes.Buffer
			n, err := f.svc.ExportLedger(f.ctx, f.office(), f.school, "2026-03-01", "2026-03-31", &buf)
			if err != nil {
				t.Fatal(err)
			}
			if n != 8 {
				t.Errorf("rows = %d, want 8", n)
			}
			x, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			if got := x.GetSheetList(); fmt.Sprint(got) != "[检查台账 不合格问题]" {
				t.Errorf("sheets = %v", got)
			}
			for name, want := range expectedSheets(f) {
				got, err := x.GetRows(name)
				if err != nil {
					t.Fatal(err)
				}
				if fmt.Sprintf("%q", pad(got, len(want[0]))) != fmt.Sprintf("%q", want) {
					t.Errorf("sheet %s:\n got %q\nwant %q", name, got, want)
				}
			}
			var action, after string
			err = f.db.Read().QueryRowContext(f.ctx, `SELECT action, after_data FROM audit_log WHERE school_id = $1 AND entity = 'export' ORDER BY id DESC LIMIT 1`, f.school).Scan(&action, &after)
			if err != nil || action != "export.ledger" {
				t.Errorf("audit entry: %q %q %v", action, after, err)
			}
		})
	}
}

// pad fills short rows (excelize drops trailing empty cells) to width.
func pad(rows [][]string, width int) [][]string {
	for i := range rows {
		for len(rows[i]) < width {
			rows[i] = append(rows[i], "")
		}
	}
	return rows
}

func TestExportRefusals(t *testing.T) {
	f := newFixture(t, "sqlite")
	var buf bytes.Buffer
	if _, err := f.svc.ExportLedger(f.ctx, f.unitHead(), f.school, "", "", &buf); !apperr.Is(err, apperr.Forbidden) {
		t.Errorf("unit head export: %v, want forbidden", err)
	}
	if _, err := f.svc.ExportLedger(f.ctx, f.authority(), f.school, "", "", &buf); !apperr.Is(err, apperr.Forbidden) {
		t.Errorf("authority viewer export: %v, want forbidden", err)
	}
	if _, err := f.svc.ExportLedger(f.ctx, f.office(), f.school, "2026-04-01", "2026-03-01", &buf); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("reversed dates: %v, want invalid", err)
	}
	if buf.Len() != 0 {
		t.Errorf("a refused export wrote %d bytes", buf.Len())
	}
	var n int
	f.db.Read().QueryRowContext(f.ctx, `SELECT COUNT(*) FROM audit_log WHERE action = 'export.ledger'`).Scan(&n)
	if n != 0 {
		t.Errorf("refused exports left %d audit entries", n)
	}
}
