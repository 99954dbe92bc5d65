package report

import (
	"fmt"

	"safecampus/internal/figures"
)

// countRows turns hazard counts into table rows: found, closed, open,
// major, overdue.
func countRows(cs []figures.Count) [][]string {
	var rows [][]string
	for _, c := range cs {
		rows = append(rows, []string{c.Label, itoa(c.Total), itoa(c.Closed), itoa(c.Open), itoa(c.Major), itoa(c.Overdue)})
	}
	return rows
}

var (
	countNumeric = []bool{false, true, true, true, true, true}
	countHead    = []string{"发现（处）", "已销号（处）", "未销号（处）", "重大（处）", "逾期（处）"}
)

func inspectionBlocks(r *Report) []Block {
	in := r.Inspections
	out := []Block{para("统计期内%s", InspectionSentence(in))}
	var kinds, areas [][]string
	for _, c := range in.ByKind {
		if c.Total > 0 {
			kinds = append(kinds, []string{c.Label, itoa(c.Total), itoa(c.Failed)})
		}
	}
	for _, c := range in.ByArea {
		areas = append(areas, []string{c.Label, itoa(c.Total), itoa(c.Failed)})
	}
	if len(kinds) > 0 {
		out = append(out, table("按检查类别", []string{"检查类别", "检查（次）", "发现问题（次）"}, []bool{false, true, true}, kinds))
	}
	if len(areas) > 0 {
		out = append(out, table("按检查领域", []string{"检查领域", "涉及检查（次）", "发现问题（次）"}, []bool{false, true, true}, areas))
	}
	rh := in.Rhythm
	if rh.Total == 0 {
		return append(out, noData("检查巡查制度（主要领导每半年、分管领导每季度、职能部门每月）执行情况"))
	}
	return append(out, para("落实安全生产检查巡查制度（主要领导每半年检查1次、分管领导每季度检查1次、职能部门每月检查1次）：应检%d次，按时完成%d次，逾期补做%d次，缺检%d次，尚在期限内%d次。",
		rh.Total, rh.Done, rh.Late, rh.Missed, rh.Open))
}

func hazardBlocks(r *Report) []Block {
	h := r.Hazards
	out := []Block{para("统计期内%s逾期数为截至%s所有未销号隐患中超过整改期限的数量。", SummarySentence(h), cnDate(r.Cutoff()))}
	if h.Pending > 0 || h.Rejected > 0 {
		out = append(out, para("另有待确认的隐患上报%d条，经核实不予受理%d条，未计入上述隐患数。", h.Pending, h.Rejected))
	}
	out = append(out,
		table("按领域", append([]string{"领域"}, countHead...), countNumeric, countRows(h.ByArea)),
		table("按隐患等级", append([]string{"隐患等级"}, countHead...), countNumeric, countRows(h.ByLevel)))
	if len(h.ByUnit) > 0 {
		out = append(out, table("按责任单位", append([]string{"责任单位"}, countHead...), countNumeric, countRows(h.ByUnit)))
	}
	return out
}

func majorBlocks(r *Report) []Block {
	h := r.Hazards
	plans := 0
	var rows [][]string
	for _, m := range h.OpenMajor {
		if m.HasPlan {
			plans++
		}
		rows = append(rows, []string{m.Number, m.Description, m.UnitName, m.Deadline, m.Status, yesNo(m.HasPlan, "已制定", "未制定"), yesNo(m.Listed, "是", "否"), yesNo(m.Overdue, "是", "否")})
	}
	out := []Block{para("统计期内发现重大隐患%d处。截至%s，未销号的重大隐患%d处，其中挂牌督办%d处，已制定治理方案%d处。",
		h.MajorFound, cnDate(r.Cutoff()), h.MajorOpen, h.MajorListed, plans)}
	if len(rows) == 0 {
		return append(out, para("截至%s，无未销号的重大隐患。", cnDate(r.Cutoff())))
	}
	out = append(out, para("重大隐患实行挂牌督办、跟踪督办、闭环管理，治理方案包括治理的目标和任务、采取的方法和措施、经费和物资的落实、负责治理的机构和人员、治理的时限和要求、安全措施和应急预案。"))
	t := table("未销号的重大隐患", []string{"编号", "隐患描述", "责任单位", "整改期限", "状态", "治理方案", "挂牌督办", "逾期"}, nil, rows)
	t.Table.NoWrap = []bool{true, false, false, true, true, true, true, true}
	return append(out, t)
}

// trainingBlocks: training, certificates and drills are later work; the
// report says so rather than showing a figure nobody recorded.
func trainingBlocks() []Block {
	return []Block{
		noData("全员安全生产培训（每年2次）及考核"),
		noData("新进员工安全培训率"),
		noData("特种作业人员持证上岗率"),
		noData("消防及防控防暴应急演练"),
		para("以上数据尚未纳入本系统管理，待相关记录录入后在报告中反映。"),
	}
}

func yesNo(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}

func cnDate(day string) string {
	var y, m, d int
	if _, err := fmt.Sscanf(day, "%d-%d-%d", &y, &m, &d); err != nil {
		return day
	}
	return fmt.Sprintf("%d年%d月%d日", y, m, d)
}
