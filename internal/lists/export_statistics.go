package lists

import (
	"context"
	"io"
	"strconv"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/xlsx"
)

var (
	statSheet = xlsx.Sheet{Name: "隐患统计", Landscape: true, Columns: []xlsx.Column{
		{Header: "分类", Width: 18}, {Header: "发现隐患", Width: 9}, {Header: "其中一般隐患", Width: 9}, {Header: "其中重大隐患", Width: 9},
		{Header: "待确认报告", Width: 9}, {Header: "期内整改销号", Width: 9}, {Header: "本期发现已整改", Width: 9}, {Header: "整改率", Width: 8},
		{Header: "挂牌督办", Width: 8}, {Header: "摘牌", Width: 7}, {Header: "期末挂牌中", Width: 9}, {Header: "期末逾期未整改", Width: 9},
		{Header: "期内曾逾期", Width: 9},
	}}
	statNoteSheet = xlsx.Sheet{Name: "说明", Columns: []xlsx.Column{{Header: "项目", Width: 14}, {Header: "内容", Width: 80}}}
)

// StatRows are the statistics as the table rows of the page and the
// export: the total, each level, each area.
func (st Statistics) StatRows() []Group {
	out := []Group{{Key: "total", Label: "合计", Figures: st.Total}}
	out = append(out, st.ByLevel...)
	return append(out, st.ByArea...)
}

func statCells(g Group) []any {
	f := g.Figures
	return []any{g.Label, f.Found, f.FoundGeneral, f.FoundMajor, f.Pending, f.Rectified, f.ClosedOfFound, f.Rate.Percent(),
		f.Listed, f.Delisted, f.ListedAtEnd, f.OverdueAtEnd, f.OverdueDuring}
}

// Definitions are the figures' definitions, shown on the page and in the
// export's 说明 sheet (docs/decisions/0019-hazard-statistics.md).
var Definitions = [][2]string{
	{"发现隐患", "统计期内发现（按发现时间，学校时区）且已确认的隐患，不含待确认报告和已驳回（无效或重复）的报告。"},
	{"待确认报告", "统计期内收到、尚未确认的隐患报告，不计入发现隐患。"},
	{"期内整改销号", "统计期内验收通过销号的隐患，不论何时发现。"},
	{"本期发现已整改", "统计期内发现、截至期末已验收销号的隐患。"},
	{"整改率", RateDefinition},
	{"挂牌督办 / 摘牌", "统计期内挂牌督办、摘牌的重大隐患数（同一隐患多次挂牌计一次）；期末挂牌中：期末仍在挂牌督办的重大隐患数。"},
	{"期末逾期未整改", "期末最后时刻仍未销号且整改期限已过（期限早于期末最后一天）的隐患。"},
	{"期内曾逾期", "统计期内任一时刻处于逾期未整改状态的隐患（含期内逾期后已整改的）。"},
	{"口径说明", "按隐患当前记录计算：统计后被驳回的报告不再计入；经“回头看”重新打开的隐患按未销号计。"},
}

// ExportStatistics writes the statistics of period key as .xlsx to w.
func (s *Service) ExportStatistics(ctx context.Context, a *auth.Actor, school int64, key string, w io.Writer) (int, error) {
	if !auth.Can(a, auth.PermExport, auth.SchoolScope(school)) {
		return 0, apperr.ForbiddenErr(string(auth.PermExport))
	}
	st, err := s.statistics(ctx, s.reader(true), a, school, key)
	if err != nil {
		return 0, err
	}
	wb, err := xlsx.NewWorkbook()
	if err != nil {
		return 0, err
	}
	defer wb.Close()
	rows := st.StatRows()
	if err := writeSheet(wb, statSheet, len(rows), func(i int) []any { return statCells(rows[i]) }); err != nil {
		return 0, err
	}
	notes := [][2]string{{"学校", st.SchoolName}, {"统计期间", st.Period.Label + "（" + st.Period.Start + " 至 " + st.Period.End + "）"},
		{"时区", st.Timezone}}
	notes = append(notes, Definitions...)
	if err := writeSheet(wb, statNoteSheet, len(notes), func(i int) []any { return []any{notes[i][0], notes[i][1]} }); err != nil {
		return 0, err
	}
	t := st.Total
	return len(rows), s.finishExport(ctx, a, school, ExportStatistics, map[string]any{"period": st.Period.Key, "found": t.Found,
		"rectified": t.Rectified, "rate_permille": t.Rate.PerMille(), "overdue_at_end": t.OverdueAtEnd}, wb, w)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
