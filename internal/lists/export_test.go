package lists

import (
	"bytes"
	"context"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
)

// exportFn is one of the five exports with its arguments bound.
type exportFn func(ctx context.Context, a *auth.Actor, w io.Writer) (int, error)

func (f *fixture) exports() map[string]exportFn {
	s, school := f.svc, f.school
	return map[string]exportFn{
		ExportWork: func(ctx context.Context, a *auth.Actor, w io.Writer) (int, error) {
			return s.ExportWorkList(ctx, a, school, Filter{}, w)
		},
		ExportProblems: func(ctx context.Context, a *auth.Actor, w io.Writer) (int, error) {
			return s.ExportProblemList(ctx, a, school, Filter{}, w)
		},
		ExportResponsibility: func(ctx context.Context, a *auth.Actor, w io.Writer) (int, error) {
			return s.ExportResponsibilityList(ctx, a, school, Filter{}, w)
		},
		ExportRectification: func(ctx context.Context, a *auth.Actor, w io.Writer) (int, error) {
			return s.ExportRectificationList(ctx, a, school, Filter{}, w)
		},
		ExportStatistics: func(ctx context.Context, a *auth.Actor, w io.Writer) (int, error) {
			return s.ExportStatistics(ctx, a, school, "2026-Q1", w)
		},
	}
}

// sheets reads every sheet of an .xlsx file, rows trimmed of trailing
// empty cells.
func sheets(t *testing.T, data []byte) map[string][][]string {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	out := map[string][][]string{}
	for _, name := range x.GetSheetList() {
		rows, err := x.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = normalise(rows)
	}
	return out
}

// normalise drops trailing empty cells and rows, which readers differ on.
func normalise(rows [][]string) [][]string {
	for i, r := range rows {
		for len(r) > 0 && r[len(r)-1] == "" {
			r = r[:len(r)-1]
		}
		rows[i] = r
	}
	for len(rows) > 0 && len(rows[len(rows)-1]) == 0 {
		rows = rows[:len(rows)-1]
	}
	return rows
}

func (f *fixture) auditCount(t *testing.T, action string) int {
	t.Helper()
	var n int
	if err := f.db.Read().QueryRowContext(f.ctx, `SELECT COUNT(*) FROM audit_log WHERE action = $1`, action).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestExports opens every export again and checks its Chinese headers,
// rows the fixture determines, its audit entry, and who is refused.
func TestExports(t *testing.T) {
	dialects(t, func(t *testing.T, f *fixture) {
		files := map[string]map[string][][]string{}
		for kind, exp := range f.exports() {
			var buf bytes.Buffer
			if _, err := exp(f.ctx, f.principal(), &buf); err != nil {
				t.Fatalf("%s: %v", kind, err)
			}
			files[kind] = sheets(t, buf.Bytes())
			if n := f.auditCount(t, "export."+kind); n != 1 {
				t.Errorf("%s: %d audit entries, want 1", kind, n)
			}
			for name, a := range map[string]*auth.Actor{"unit head": f.unitHead(), "staff": f.staff(), "other school": f.otherAdmin(), "authority": f.authority()} {
				var out bytes.Buffer
				if _, err := exp(f.ctx, a, &out); !apperr.Is(err, apperr.Forbidden) || out.Len() > 0 {
					t.Errorf("%s by %s: err = %v, %d bytes", kind, name, err, out.Len())
				}
			}
			if n := f.auditCount(t, "export."+kind); n != 1 {
				t.Errorf("%s: refused exports were recorded (%d entries)", kind, n)
			}
		}
		head := func(kind, sheet string) []string { return files[kind][sheet][0] }
		has := func(kind, sheet string, want ...string) {
			t.Helper()
			for _, r := range files[kind][sheet][1:] {
				if slices.Equal(r[:min(len(r), len(want))], want) {
					return
				}
			}
			t.Errorf("%s/%s has no row starting %q; rows %q", kind, sheet, want, files[kind][sheet])
		}
		if h := head(ExportWork, "工作清单"); !slices.Equal(h, []string{"单位", "责任人", "类别", "事项", "来源", "场所", "周期", "开始日期", "完成期限", "状态"}) {
			t.Errorf("work list header %q", h)
		}
		if n := len(files[ExportWork]["工作清单"]); n != 10 {
			t.Errorf("work list: %d rows with the header, want 10", n)
		}
		has(ExportWork, "工作清单", "配电班", "张电工", "应检任务", "配电房巡查", "网格巡查", "配电房", "2026年4月8日", "2026-04-08", "2026-04-08", "已逾期")
		if h := head(ExportProblems, "问题清单"); h[0] != "类别" || h[1] != "编号" || h[8] != "问题描述" || h[13] != "状态" {
			t.Errorf("problem list header %q", h)
		}
		if n := len(files[ExportProblems]["问题清单"]); n != 12 {
			t.Errorf("problem list: %d rows with the header, want 12", n)
		}
		has(ExportProblems, "问题清单", "隐患", "2026-FIRE-0001", "检查发现", "2026-01-10 09:00", "配电房", "消防安全", "", "一般隐患", "配电房灭火器过期")
		has(ExportProblems, "问题清单", "检查发现问题", "检查记录1")
		if h := head(ExportRectification, "整改清单"); h[0] != "编号" || h[7] != "整改措施" || h[9] != "整改期限" || h[10] != "剩余/逾期" {
			t.Errorf("rectification header %q", h)
		}
		has(ExportRectification, "整改清单", "2026-LAB-0001", "重大隐患", "实验室及危化品管理", "化学实验室", "危化品未双人双锁", "教务处", "赵老师",
			"措施：危化品未双人双锁", "200", "2026-03-15", "逾期26天", "整改中", "是", "是")
		has(ExportRectification, "整改清单", "2026-GEN-0001", "一般隐患", "其他", "", "'=HYPERLINK(\"x\")校门口路灯损坏")
		if h := head(ExportResponsibility, "责任汇总"); !slices.Equal(h, []string{"单位", "责任人", "责任场所", "网格", "未销号隐患", "其中逾期", "待办任务", "应检任务"}) {
			t.Errorf("responsibility header %q", h)
		}
		has(ExportResponsibility, "责任汇总", "配电班", "张电工", "1", "1", "1", "0", "1", "1")
		has(ExportResponsibility, "责任明细", "后勤处", "王主任", "网格长", "东区网格")
		if h := head(ExportStatistics, "隐患统计"); h[0] != "分类" || h[1] != "发现隐患" || h[7] != "整改率" || h[11] != "期末逾期未整改" {
			t.Errorf("statistics header %q", h)
		}
		has(ExportStatistics, "隐患统计", "合计", "6", "5", "1", "1", "2", "1", "16.7%", "1", "1", "1", "3", "5")
		has(ExportStatistics, "隐患统计", "重大隐患", "1", "0", "1", "0", "1", "0", "0.0%")
		has(ExportStatistics, "隐患统计", "校车及交通安全", "0", "0", "0", "0", "0", "0", "—")
		has(ExportStatistics, "说明", "统计期间", "2026年第一季度（2026-01-01 至 2026-03-31）")
		has(ExportStatistics, "说明", "整改率", RateDefinition)
	})
}

func TestExportFileNames(t *testing.T) {
	loc := fixtureLoc()
	if n := ExportFileName(ExportRectification, fixtureNow, loc, ""); n != "整改清单_2026-04-10.xlsx" {
		t.Error(n)
	}
	if n := ExportFileName(ExportStatistics, fixtureNow, loc, "2026-Q1"); n != "隐患统计_2026-Q1.xlsx" {
		t.Error(n)
	}
	if n := ExportASCIIName(ExportWork, fixtureNow, loc, ""); !strings.HasPrefix(n, "work-list_2026-04-10") {
		t.Error(n)
	}
}
