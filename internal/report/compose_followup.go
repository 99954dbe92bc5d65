package report

import (
	"fmt"
	"strings"

	"safecampus/internal/rules"
)

func rulesBlocks(r *Report) []Block {
	f := r.Rules
	p := f.Policies
	total := 0
	for _, n := range p.ByStatus {
		total += n
	}
	out := []Block{
		para("统计期内新制定安全管理制度%d项、修订%d项，截至%s现行有效的安全管理制度%d项；要求上墙的制度中，尚未上墙或未经核实的%d处。",
			f.Rules.Adopted, f.Rules.Revised, cnDate(r.Cutoff()), f.Rules.InForceAtEnd, len(f.MissingPostings)),
		para("逐项梳理政策、制度层面需要研究的事项%d项（%s）；统计期内形成制度性安排%d项，逾期未完成%d项。",
			total, policyLine(p.ByStatus), p.AdoptedInPeriod, p.Overdue),
		para("坚持安全例会制度，统计期内召开安全工作会议%d次，形成决定事项%d项，分解落实到工作清单。", len(f.Meetings), f.MeetingDecisions),
	}
	var rows [][]string
	for _, m := range f.Meetings {
		rows = append(rows, []string{m.HeldOn, m.Title, rules.MeetingKindLabel(m.Kind), itoa(m.Attendees), itoa(m.Decisions),
			yesNo(m.HasMinutes, "有", "无"), yesNo(m.HasSituation, "有", "无")})
	}
	if len(rows) > 0 {
		t := table("安全工作会议", []string{"日期", "会议", "类别", "参会（人）", "决定事项（项）", "会议纪要", "形势分析"},
			[]bool{false, false, false, true, true, false, false}, rows)
		t.Table.NoWrap = []bool{true, false, false, false, false, true, true}
		out = append(out, t)
	}
	return out
}

func policyLine(by map[string]int) string {
	var parts []string
	for _, s := range rules.PolicyStatuses {
		parts = append(parts, fmt.Sprintf("%s%d项", rules.PolicyStatusLabel(s), by[s]))
	}
	return strings.Join(parts, "，")
}

func lookbackBlocks(r *Report) []Block {
	lb := r.Lookback
	if len(lb.Draws) == 0 {
		return []Block{para("统计期内系统中尚无“回头看”抽查记录。")}
	}
	out := []Block{para("统计期内开展“回头看”随机抽查%d次，抽取已销号隐患%d处进行复查：复查通过%d处，未通过%d处，尚待复查%d处。",
		len(lb.Draws), lb.Drawn, lb.Passed, lb.Failed, lb.Pending)}
	var rows [][]string
	for _, d := range lb.Draws {
		rows = append(rows, []string{d.Day, d.DueOn, itoa(d.Population), itoa(d.Drawn), itoa(d.Passed), itoa(d.Failed), itoa(d.Pending)})
	}
	return append(out, table("“回头看”抽查", []string{"抽查日期", "复查期限", "可抽隐患（处）", "抽取（处）", "通过", "未通过", "待复查"},
		[]bool{false, false, true, true, true, true, true}, rows))
}

// problemBlocks lists what is still open, from the same figures, and the
// next steps each kind of problem calls for. Problems follow the order of
// the sections they come from (hazards, deadlines, checks and patrols,
// rules and their compliance, look-back, data not yet kept); weak patrol
// coverage and failing compliance rules are in compose_followup_weak.go.
func problemBlocks(r *Report) []Block {
	h, p := r.Hazards, r.Progress
	var problems, steps []string
	if h.Open > 0 || h.Overdue > 0 {
		problems = append(problems, fmt.Sprintf("尚有%d处隐患未整改销号，逾期未整改%d处。", h.Open, h.Overdue))
		steps = append(steps, "对未销号隐患逐项明确整改责任、措施和时限，对逾期隐患实施跟踪督办、闭环管理，确保整改到位。")
	}
	var units []string
	for _, u := range h.ByUnit {
		if u.Overdue > 0 {
			units = append(units, fmt.Sprintf("%s%d处", u.Label, u.Overdue))
		}
	}
	if len(units) > 0 {
		problems = append(problems, "逾期隐患涉及："+strings.Join(units, "、")+"。")
	}
	noPlan := 0
	for _, m := range h.OpenMajor {
		if !m.HasPlan {
			noPlan++
		}
	}
	if h.MajorOpen > 0 {
		if noPlan > 0 {
			problems = append(problems, fmt.Sprintf("重大隐患未销号%d处，其中尚未制定治理方案%d处。", h.MajorOpen, noPlan))
		} else {
			problems = append(problems, fmt.Sprintf("重大隐患未销号%d处（均已制定治理方案），尚在治理中。", h.MajorOpen))
		}
		steps = append(steps, "重大隐患落实挂牌督办，完善治理方案，整改完成后组织验收方可销号。")
	}
	for _, m := range p.Late {
		units := make([]string, 0, len(m.Units))
		for _, u := range m.Units {
			units = append(units, u.UnitName)
		}
		problems = append(problems, fmt.Sprintf("时间节点“%s”于%s到期，已逾期%d天未完成（责任单位：%s）。", m.Name, m.Due(), m.DaysLate(), strings.Join(units, "、")))
	}
	if len(p.Late) > 0 {
		steps = append(steps, "督促逾期时间节点的责任单位尽快完成并报送完成情况。")
	}
	if rh := r.Inspections.Rhythm; rh.Missed > 0 {
		problems = append(problems, fmt.Sprintf("检查巡查制度执行不到位，缺检%d次。", rh.Missed))
		steps = append(steps, "严格落实主要领导每半年、分管领导每季度、职能部门每月检查制度，做好检查台账记录。")
	}
	ps, ss := patrolProblems(r)
	problems, steps = append(problems, ps...), append(steps, ss...)
	if n := len(r.Rules.MissingPostings); n > 0 {
		problems = append(problems, fmt.Sprintf("重要场所制度上墙尚有%d处未落实或未核实。", n))
		steps = append(steps, "对照制度上墙要求逐处核查，补齐上墙制度。")
	}
	if n := r.Rules.Policies.Overdue; n > 0 {
		problems = append(problems, fmt.Sprintf("政策制度层面需研究的事项中%d项逾期未完成。", n))
	}
	ps, ss = complianceProblems(r)
	problems, steps = append(problems, ps...), append(steps, ss...)
	if n := r.Lookback.Failed; n > 0 {
		problems = append(problems, fmt.Sprintf("“回头看”复查未通过%d处。", n))
		steps = append(steps, "对“回头看”复查未通过的隐患重新整改、重新验收。")
	}
	problems = append(problems, "教育培训、持证上岗和应急演练情况尚未纳入系统管理，数据暂缺。")
	steps = append(steps, "将安全培训、特种作业持证和应急演练记录纳入系统管理。")
	ps, ss = complianceAwaiting(r)
	problems, steps = append(problems, ps...), append(steps, ss...)
	steps = append(steps, "巩固专项整治成果，完善长效工作机制，持续提升校园安全治理能力。")
	out := []Block{heading("（一）存在的问题")}
	for i, t := range problems {
		out = append(out, para("%d. %s", i+1, t))
	}
	out = append(out, heading("（二）下一步工作"))
	for i, t := range steps {
		out = append(out, para("%d. %s", i+1, t))
	}
	return out
}

// HeadSentence states the audit head; tests look for it in every output.
func HeadSentence(seq int64) string {
	return fmt.Sprintf("报告生成时，本校审计链共有记录%d条，链头哈希为：", seq)
}

func verifyBlocks(r *Report) []Block {
	loc := r.School.Location()
	return []Block{
		para("本报告由校园安全专项整治管理系统根据系统记录自动生成，统计口径与系统统计看板一致（统计期间：%s；统计截止：%s；生成时间：%s）。",
			r.Span.Label, cnDate(r.Cutoff()), r.GeneratedAt.In(loc).Format("2006年1月2日 15:04")),
		para("%s", HeadSentence(r.Head.Seq)),
		{Kind: BlockCode, Text: r.Head.Hash},
		para("在服务器上执行下列命令（按需加 --data 或 --db 指定数据库），可核验截至该条记录的全部数据未被改动："),
		{Kind: BlockCode, Text: r.VerifyCommand},
		para("附件：专项整治工作清单、问题清单、责任清单、整改清单（xlsx）。"),
	}
}
