package report

import (
	"fmt"
	"sort"
	"strings"

	"safecampus/internal/compliance"
)

// coverageWeakPercent is the patrol coverage below which a grid is named
// in 存在的问题. The notice sets daily targets per place, not a share of
// place-days to reach; 80% is the line the campaign office treats as
// "mostly done": a grid below it missed its targets on more than one day
// in five, which is a pattern rather than a bad day.
const coverageWeakPercent = 80

// weakGridsNamed caps the grids named in one sentence: the worst ones are
// what the office acts on first, and the table in 四 lists them all.
const weakGridsNamed = 5

// patrolProblems names the grids whose coverage is below
// coverageWeakPercent, worst first, and the grids whose places have a
// target but no check point. It says nothing when the patrol section
// itself had no data (no grid, no finished day, no counted place, no
// patrol): a missing record is not a low coverage.
func patrolProblems(r *Report) (problems, steps []string) {
	if b := patrolBlocks(r); len(b) == 1 && b[0].Kind == BlockNoData {
		return nil, nil // patrolBlocks decides what "no data" is; follow it
	}
	var weak []GridCoverage
	var unpointed []string
	total := r.Patrol.Total()
	for _, g := range r.Patrol.Grids {
		if g.Required > 0 && permille(g) < 10*coverageWeakPercent {
			weak = append(weak, g)
		}
		if g.Unpointed > 0 {
			unpointed = append(unpointed, fmt.Sprintf("%s%d处", g.Name, g.Unpointed))
		}
	}
	// Worst first by the exact share; equal shares keep tree order.
	sort.SliceStable(weak, func(i, j int) bool { return weak[i].Met*weak[j].Required < weak[j].Met*weak[i].Required })
	if len(weak) > 0 {
		var named, grids []string
		for _, g := range weak[:min(len(weak), weakGridsNamed)] {
			named = append(named, fmt.Sprintf("%s（%s）", g.Name, g.Rate()))
			grids = append(grids, g.Name)
		}
		lead := fmt.Sprintf("%d个网格巡查达标率低于%d%%：", len(weak), coverageWeakPercent)
		if len(weak) > weakGridsNamed {
			lead = fmt.Sprintf("%d个网格巡查达标率低于%d%%，其中最低的%d个为：", len(weak), coverageWeakPercent, weakGridsNamed)
		}
		problems = append(problems, fmt.Sprintf("网格巡查覆盖不到位，专项整治期间全校巡查达标率%s，%s%s。", total.Rate(), lead, strings.Join(named, "、")))
		more := ""
		if len(weak) > weakGridsNamed {
			more = "等网格"
		}
		steps = append(steps, fmt.Sprintf("督促%s%s的网格长按场所每日巡查次数目标组织扫码巡查，逐日查看巡查覆盖情况，对当日未达标的场所及时补巡。", strings.Join(grids, "、"), more))
	}
	if len(unpointed) > 0 {
		problems = append(problems, fmt.Sprintf("%d处场所设有巡查目标但尚未设置巡查点（%s），巡查无法在系统中记录。", total.Unpointed, strings.Join(unpointed, "、")))
		steps = append(steps, "为设有巡查目标但尚未设置巡查点的场所设置巡查点并张贴巡查二维码，纳入每日巡查统计。")
	}
	return problems, steps
}

// permille is g's share of place-days met, rounded as Rate() shows it, so
// that a grid shown as 80.0% is never called below 80%.
func permille(g GridCoverage) int { return (2*1000*g.Met + g.Required) / (2 * g.Required) }

// complianceProblems names each failing compliance rule with its figure
// and the number of records behind the failure.
func complianceProblems(r *Report) (problems, steps []string) {
	c := r.Compliance
	if len(c.Results) == 0 || len(c.Results) != len(c.Rules) {
		return nil, nil // complianceBlocks said "no data"
	}
	var failed, names []string
	for i, rule := range c.Rules {
		res := c.Results[i]
		if res.Status != compliance.StatusFail {
			continue
		}
		line := "“" + rule.Name + "”"
		if res.Value != "" {
			line += "为" + res.Value
		}
		if n := len(res.Failures); n > 0 {
			line += fmt.Sprintf("，未达标记录%d条", n)
		}
		failed = append(failed, line)
		names = append(names, "“"+rule.Name+"”")
	}
	if len(failed) == 0 {
		return nil, nil
	}
	problems = append(problems, fmt.Sprintf("制度落实评估中%d项规则未达标：%s。", len(failed), strings.Join(failed, "；")))
	steps = append(steps, fmt.Sprintf("对%s规则逐条核查未达标记录，明确责任单位和整改时限，下一评估周期复核。", strings.Join(names, "")))
	return problems, steps
}

// complianceAwaiting counts the rules whose data the system does not hold
// yet: a gap in the records, never a failure.
func complianceAwaiting(r *Report) (problems, steps []string) {
	c := r.Compliance
	if len(c.Results) == 0 || len(c.Results) != len(c.Rules) {
		return nil, nil
	}
	n := 0
	for _, res := range c.Results {
		if res.Status == compliance.StatusNoData {
			n++
		}
	}
	if n == 0 {
		return nil, nil
	}
	return []string{fmt.Sprintf("制度落实评估的%d项规则中，有%d项所需数据尚未纳入系统，暂无法评估（不计为未达标）。", len(c.Results), n)},
		[]string{"按制度落实评估规则的要求，逐步将相关记录录入系统，使评估全面反映制度落实情况。"}
}
