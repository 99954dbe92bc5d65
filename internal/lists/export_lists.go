package lists

import (
	"context"
	"io"

	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
	"safecampus/internal/xlsx"
)

// The sheets of the four list exports. Dates are text columns, so that a
// spreadsheet program shows them as written.
var (
	workSheet = xlsx.Sheet{Name: "工作清单", Landscape: true, Columns: []xlsx.Column{
		{Header: "单位", Width: 16}, {Header: "责任人", Width: 10}, {Header: "类别", Width: 10}, {Header: "事项", Width: 30},
		{Header: "来源", Width: 12}, {Header: "场所", Width: 16}, {Header: "周期", Width: 14}, {Header: "开始日期", Width: 11, Text: true},
		{Header: "完成期限", Width: 11, Text: true}, {Header: "状态", Width: 9},
	}}
	problemSheet = xlsx.Sheet{Name: "问题清单", Landscape: true, Columns: []xlsx.Column{
		{Header: "类别", Width: 10}, {Header: "编号", Width: 15, Text: true}, {Header: "来源", Width: 9}, {Header: "发现时间", Width: 17, Text: true},
		{Header: "场所", Width: 16}, {Header: "领域", Width: 14}, {Header: "检查项", Width: 9}, {Header: "隐患等级", Width: 9},
		{Header: "问题描述", Width: 36}, {Header: "责任单位", Width: 14}, {Header: "责任人", Width: 10}, {Header: "整改措施", Width: 30},
		{Header: "整改期限", Width: 11, Text: true}, {Header: "状态", Width: 9}, {Header: "是否逾期", Width: 8}, {Header: "挂牌督办", Width: 8},
		{Header: "销号时间", Width: 17, Text: true},
	}}
	rectSheet = xlsx.Sheet{Name: "整改清单", Landscape: true, Columns: []xlsx.Column{
		{Header: "编号", Width: 15, Text: true}, {Header: "隐患等级", Width: 9}, {Header: "领域", Width: 14}, {Header: "场所", Width: 16},
		{Header: "问题描述", Width: 36}, {Header: "责任单位", Width: 14}, {Header: "责任人", Width: 10}, {Header: "整改措施", Width: 30},
		{Header: "整改资金（元）", Width: 10}, {Header: "整改期限", Width: 11, Text: true}, {Header: "剩余/逾期", Width: 10},
		{Header: "状态", Width: 9}, {Header: "是否逾期", Width: 8}, {Header: "挂牌督办", Width: 8}, {Header: "督办人", Width: 10}, {Header: "验收人", Width: 10},
	}}
	holderSheet = xlsx.Sheet{Name: "责任汇总", Columns: []xlsx.Column{
		{Header: "单位", Width: 16}, {Header: "责任人", Width: 10}, {Header: "责任场所", Width: 9}, {Header: "网格", Width: 7},
		{Header: "未销号隐患", Width: 10}, {Header: "其中逾期", Width: 9}, {Header: "待办任务", Width: 9}, {Header: "应检任务", Width: 9},
	}}
	dutySheet = xlsx.Sheet{Name: "责任明细", Landscape: true, Columns: []xlsx.Column{
		{Header: "单位", Width: 16}, {Header: "责任人", Width: 10}, {Header: "类别", Width: 10}, {Header: "事项", Width: 36},
		{Header: "说明", Width: 16}, {Header: "期限", Width: 11, Text: true}, {Header: "是否逾期", Width: 8},
	}}
)

// ExportWorkList writes the work list filtered by f as .xlsx to w.
func (s *Service) ExportWorkList(ctx context.Context, a *auth.Actor, school int64, f Filter, w io.Writer) (int, error) {
	return s.exportList(ctx, a, school, ExportWork, f, w, func(q sqldb.Querier, wb *xlsx.Workbook) (int, error) {
		items, err := s.work(ctx, q, a, school, f, 0)
		if err != nil {
			return 0, err
		}
		return len(items), writeSheet(wb, workSheet, len(items), func(i int) []any {
			it := items[i]
			return []any{it.UnitName, it.Person, it.KindLabel(), it.Title, it.Source, it.Place, it.Period, it.StartsOn, it.DueOn, it.StatusLabel()}
		})
	})
}

// ExportProblemList writes the problem list filtered by f as .xlsx to w.
func (s *Service) ExportProblemList(ctx context.Context, a *auth.Actor, school int64, f Filter, w io.Writer) (int, error) {
	return s.exportList(ctx, a, school, ExportProblems, f, w, func(q sqldb.Querier, wb *xlsx.Workbook) (int, error) {
		loc, err := schoolLocation(ctx, q, school)
		if err != nil {
			return 0, err
		}
		ps, err := s.problems(ctx, q, a, school, f, 0)
		if err != nil {
			return 0, err
		}
		return len(ps), writeSheet(wb, problemSheet, len(ps), func(i int) []any {
			p := ps[i]
			closed := ""
			if p.ClosedAt != nil {
				closed = p.ClosedAt.In(loc).Format("2006-01-02 15:04")
			}
			number := p.Number
			if p.Kind == KindFinding {
				number = "检查记录" + itoa(p.InspectionID)
			}
			return []any{p.KindLabel(), number, p.Source, p.FoundAt.In(loc).Format("2006-01-02 15:04"), p.Place, p.AreaLabel(), p.ItemCode,
				p.LevelLabel(), p.Description, p.UnitName, p.Responsible, p.Measures, p.Deadline, p.StatusLabel(), yesNo(p.Overdue), yesNo(p.Listed), closed}
		})
	})
}

// ExportRectificationList writes the rectification list as .xlsx to w.
func (s *Service) ExportRectificationList(ctx context.Context, a *auth.Actor, school int64, f Filter, w io.Writer) (int, error) {
	return s.exportList(ctx, a, school, ExportRectification, f, w, func(q sqldb.Querier, wb *xlsx.Workbook) (int, error) {
		rs, err := s.rectification(ctx, q, a, school, f, 0)
		if err != nil {
			return 0, err
		}
		return len(rs), writeSheet(wb, rectSheet, len(rs), func(i int) []any {
			r := rs[i]
			return []any{r.Number, r.LevelLabel(), r.AreaLabel(), r.Place, r.Description, r.UnitName, r.Responsible, r.Measures,
				r.FundsYuan, r.Deadline, r.DaysText(), r.StatusLabel(), yesNo(r.Overdue), yesNo(r.Listed), r.Supervisor, r.Acceptor}
		})
	})
}

// ExportResponsibilityList writes the responsibility list as .xlsx to w:
// a summary per unit and person, and every duty.
func (s *Service) ExportResponsibilityList(ctx context.Context, a *auth.Actor, school int64, f Filter, w io.Writer) (int, error) {
	return s.exportList(ctx, a, school, ExportResponsibility, f, w, func(q sqldb.Querier, wb *xlsx.Workbook) (int, error) {
		r, err := s.responsibility(ctx, q, a, school, f)
		if err != nil {
			return 0, err
		}
		err = writeSheet(wb, holderSheet, len(r.Holders), func(i int) []any {
			h := r.Holders[i]
			return []any{h.UnitName, h.Person, h.Places, h.Grids, h.Hazards, h.OverdueCount, h.Tasks, h.Inspections}
		})
		if err != nil {
			return 0, err
		}
		return len(r.Duties), writeSheet(wb, dutySheet, len(r.Duties), func(i int) []any {
			d := r.Duties[i]
			return []any{d.UnitName, d.Person, d.KindLabel(), d.Item, d.Detail, d.DueOn, yesNo(d.Overdue)}
		})
	})
}
