package report

import (
	"fmt"
	"strings"

	"safecampus/internal/compliance"
	"safecampus/internal/figures"
	"safecampus/internal/patrol"
)

// Rate is Met of Required place-days as the dashboards write a share
// (40.0%), "—" when nothing was required.
func (g GridCoverage) Rate() string {
	if g.Required == 0 {
		return "—"
	}
	return figures.PercentOf((2*1000*g.Met + g.Required) / (2 * g.Required))
}

// Total is the whole school: every grid's place-days, places and patrols.
func (pc PatrolCoverage) Total() GridCoverage {
	t := GridCoverage{Name: "合计"}
	for _, g := range pc.Grids {
		t.Places, t.Required, t.Met = t.Places+g.Places, t.Required+g.Required, t.Met+g.Met
		t.Patrols, t.Unpointed = t.Patrols+g.Patrols, t.Unpointed+g.Unpointed
	}
	return t
}

// CoverageSentence is the patrol coverage sentence; the tests look for it
// in every output.
func CoverageSentence(pc PatrolCoverage) string {
	t := pc.Total()
	return fmt.Sprintf("%s至%s（共%d天），全校%d个网格纳入巡查统计的场所%d处，应达到每日巡查目标%d场所·日，实际达标%d场所·日，达标率%s；上述场所共记录巡查%d次。",
		cnDate(pc.From), cnDate(pc.To), pc.Days, len(pc.Grids), t.Places, t.Required, t.Met, t.Rate(), t.Patrols)
}

// patrolBlocks: the coverage page's grid × day matrix over the campaign,
// summed per grid. No grids, no counted place or no patrol at all is "no
// data", not a coverage of 0%.
func patrolBlocks(r *Report) []Block {
	pc, total := r.Patrol, r.Patrol.Total()
	switch {
	case len(pc.Grids) == 0:
		return []Block{noData("网格巡查覆盖（尚未设置网格）")}
	case pc.Days == 0:
		return []Block{noData("网格巡查覆盖（专项整治尚无已结束的统计日）")}
	case total.Places == 0:
		return []Block{noData("网格巡查覆盖（尚无设置巡查点并有巡查目标的场所）")}
	case total.Patrols == 0:
		return []Block{noData(fmt.Sprintf("网格巡查覆盖（%s至%s系统中没有巡查记录）", cnDate(pc.From), cnDate(pc.To)))}
	}
	out := []Block{para("落实校园常态化安全巡防巡查制度，按各类场所每日巡查次数目标（重点部位默认每日不少于%d次）统计扫码巡查。%s", patrol.KeyTimesPerDay, CoverageSentence(pc))}
	if pc.RecordedFrom != "" {
		out = append(out, para("学校自%s起在系统中记录巡查，此前的巡查未录入系统，不计入覆盖统计。", cnDate(pc.RecordedFrom)))
	}
	if r.Cutoff() >= r.Progress.Today {
		out = append(out, para("%s当日巡查尚在进行，未计入统计。", cnDate(r.Progress.Today)))
	}
	if total.Unpointed > 0 {
		out = append(out, para("另有%d处场所设有巡查目标但尚未设置巡查点，无法通过系统记录巡查，未计入统计。", total.Unpointed))
	}
	var rows [][]string
	for _, g := range append(pc.Grids, total) {
		rows = append(rows, []string{strings.Repeat("　", g.Depth) + g.Name, itoa(g.Places), itoa(g.Required), itoa(g.Met), g.Rate(), itoa(g.Patrols), itoa(g.Unpointed)})
	}
	t := table("各网格巡查覆盖", []string{"网格", "统计场所（处）", "应达标（场所·日）", "达标（场所·日）", "达标率", "巡查（次）", "未设巡查点（处）"},
		[]bool{false, true, true, true, true, true, true}, rows)
	t.Table.NoWrap = []bool{true}
	return append(out, t)
}

// statusOrder is the order the compliance sentence counts verdicts in.
var statusOrder = []compliance.Status{compliance.StatusPass, compliance.StatusFail, compliance.StatusNoData, compliance.StatusPending, compliance.StatusNA}

// ComplianceSentence counts the engine's verdicts with its own labels
// (pass, fail and no data always; pending and not applicable when any).
func ComplianceSentence(c ComplianceCard) string {
	n := map[compliance.Status]int{}
	for _, res := range c.Results {
		n[res.Status]++
	}
	var parts []string
	for i, s := range statusOrder {
		if i < 3 || n[s] > 0 {
			parts = append(parts, fmt.Sprintf("%s%d项", s.Label(), n[s]))
		}
	}
	return fmt.Sprintf("以专项整治期间（%s）为评估周期，学校层面%d项制度落实规则中，%s。", c.Period.Label, len(c.Results), strings.Join(parts, "，"))
}

// complianceBlocks: the compliance scorecard's school row for the
// campaign's period, with the number of records behind each failure.
func complianceBlocks(r *Report) []Block {
	c := r.Compliance
	if len(c.Results) == 0 || len(c.Results) != len(c.Rules) {
		return []Block{noData("制度落实评估")}
	}
	out := []Block{para("对照专项整治“制度落实方面”的要求，系统按规则逐项评估。%s“暂无数据”表示系统尚未记录该规则所需的数据，不视为达标。", ComplianceSentence(c))}
	var rows [][]string
	var failed []string
	for i, rule := range c.Rules {
		res, fails := c.Results[i], "—"
		if res.Status == compliance.StatusFail {
			fails = itoa(len(res.Failures))
			failed = append(failed, fmt.Sprintf("%s（%d条）", rule.Name, len(res.Failures)))
		}
		rows = append(rows, []string{rule.Name, res.Status.Label(), res.Value, res.Target, fails})
	}
	if len(failed) > 0 {
		out = append(out, para("未达标的规则：%s。", strings.Join(failed, "、")))
	}
	t := table("制度落实评估", []string{"规则", "评估结果", "数值", "目标", "未达标记录（条）"}, []bool{false, false, true, false, true}, rows)
	t.Table.NoWrap = []bool{true, true, true, false, true}
	return append(out, t)
}
