package report

import (
	"fmt"
	"strconv"
	"strings"

	"safecampus/internal/campaign"
	"safecampus/internal/figures"
	"safecampus/internal/org"
)

// sections are the report's parts in the order of the notice's structure
// (PLAN-5): its contents (三、专项整治内容) after the organisation, 巡查 with
// the checks, 制度落实 after 制度建设, then what is left and the proof.
var sections = []struct {
	name   string
	blocks func(*Report) []Block
}{
	{"总体情况", summaryBlocks},
	{"组织领导情况", organisationBlocks},
	{"排查检查情况", inspectionBlocks},
	{"网格巡查覆盖情况", patrolBlocks},
	{"隐患排查整改情况", hazardBlocks},
	{"重大隐患治理情况", majorBlocks},
	{"教育培训、持证上岗和应急演练情况", func(*Report) []Block { return trainingBlocks() }},
	{"制度建设情况", rulesBlocks},
	{"制度落实情况", complianceBlocks},
	{"督查落实“回头看”情况", lookbackBlocks},
	{"存在的问题和下一步工作", problemBlocks},
	{"数据来源与核验", verifyBlocks},
}

// SectionTitles are the numbered section headings (一、总体情况 …), numbered
// from their place in sections. Tests look for each of them in every
// output.
var SectionTitles = numberedTitles()

func numberedTitles() []string {
	out := make([]string, len(sections))
	for i, s := range sections {
		out[i] = cnNumeral(i+1) + "、" + s.name
	}
	return out
}

// cnNumeral writes 1..99 as the notice numbers its parts: 一 … 十、十一 … 二十一.
func cnNumeral(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + digits[n%10]
	}
	return digits[n/10] + "十" + digits[n%10]
}

// NoData is what the report says where the data belongs to later work:
// never a figure that was not recorded.
const NoData = "暂无数据"

// compose turns r's figures into its sections.
func compose(r *Report) []Section {
	out := make([]Section, len(sections))
	for i, s := range sections {
		out[i] = Section{SectionTitles[i], s.blocks(r)}
	}
	return out
}

func para(format string, args ...any) Block {
	return Block{Kind: BlockParagraph, Text: fmt.Sprintf(format, args...)}
}

func heading(text string) Block { return Block{Kind: BlockHeading, Text: text} }

func noData(what string) Block { return Block{Kind: BlockNoData, Text: what + "：" + NoData + "。"} }

func table(caption string, head []string, numeric []bool, rows [][]string) Block {
	return Block{Kind: BlockTable, Table: &Table{Caption: caption, Head: head, Rows: rows, Numeric: numeric}}
}

// memberLine names members as the notice lists them: 顾锋、姜声扬.
func memberLine(ms []org.LeadingGroupMember) string {
	out := ""
	for i, m := range ms {
		if i > 0 {
			out += "、"
		}
		out += m.PersonName
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

// Cutoff is the last day the figures cover: the campaign's last day, or
// today while it runs.
func (r *Report) Cutoff() string { return min(r.Span.End, r.Progress.Today) }

// SummarySentence is the hazard sentence of the summary; the tests look
// for it (whitespace aside) in every output.
func SummarySentence(h figures.Hazards) string {
	return fmt.Sprintf("共排查发现隐患%d处（其中重大隐患%d处），已整改销号%d处，整改率%s；尚未销号%d处，逾期未整改%d处。",
		h.Found, h.MajorFound, h.Closed, h.RatePercent(), h.Open, h.Overdue)
}

// InspectionSentence is the inspection sentence of the summary.
func InspectionSentence(in figures.Inspections) string {
	return fmt.Sprintf("共开展各类安全检查%d次，其中发现问题的检查%d次。", in.Total, in.Failed)
}

func summaryBlocks(r *Report) []Block {
	c, p := r.Campaign, r.Progress
	basis := "按照学校专项整治工作部署"
	if c.DocNo != "" {
		basis = "按照学校专项整治工作实施方案（" + c.DocNo + "）部署"
	}
	out := []Block{
		para("%s，我校自%s开展%s。现将截至%s的工作情况报告如下。", basis, c.Period(), c.Name, campaign.CNDate(r.Cutoff())),
		para("专项整治期间，%s%s", InspectionSentence(r.Inspections), SummarySentence(r.Hazards)),
	}
	h := r.Hazards
	out = append(out, table("主要指标", []string{"指标", "数值"}, []bool{false, true}, [][]string{
		{"安全检查（次）", itoa(r.Inspections.Total)},
		{"发现问题的检查（次）", itoa(r.Inspections.Failed)},
		{"排查发现隐患（处）", itoa(h.Found)},
		{"其中重大隐患（处）", itoa(h.MajorFound)},
		{"已整改销号（处）", itoa(h.Closed)},
		{"整改率", h.RatePercent()},
		{"尚未销号（处）", itoa(h.Open)},
		{"逾期未整改（处）", itoa(h.Overdue)},
		{"时间节点完成", fmt.Sprintf("%d/%d", p.Done, p.Total)},
	}))
	var phases [][]string
	for _, ph := range p.Phases {
		phases = append(phases, []string{ph.Name, ph.Period(), ph.State, fmt.Sprintf("%d/%d", ph.Done, ph.Total)})
	}
	if len(phases) > 0 {
		out = append(out, table("各阶段进展", []string{"阶段", "起止日期", "状态", "时间节点完成"}, []bool{false, false, false, true}, phases))
	}
	if c.Note != "" {
		out = append(out, para("说明：%s", c.Note))
	}
	return out
}

func organisationBlocks(r *Report) []Block {
	o := r.Organisation
	var out []Block
	for _, g := range o.Groups {
		line := "成立" + g.Name + "。"
		if ms := g.Leaders(); len(ms) > 0 {
			line += "组长：" + memberLine(ms) + "；"
		}
		if ms := g.Deputies(); len(ms) > 0 {
			line += "副组长：" + memberLine(ms) + "；"
		}
		if ms := g.Ordinary(); len(ms) > 0 {
			line += "成员：" + memberLine(ms) + "。"
		}
		line = strings.TrimSuffix(line, "；")
		if !strings.HasSuffix(line, "。") {
			line += "。"
		}
		if g.OfficeUnitName != "" || g.OfficeLocation != "" {
			line += "领导小组下设办公室"
			if g.OfficeLocation != "" {
				line += "，办公地点设在" + g.OfficeLocation
			} else {
				line += "，设在" + g.OfficeUnitName
			}
			if g.OfficeDirectorName != "" {
				line += "，" + g.OfficeDirectorName + "同志任办公室主任"
			}
			line += "，统筹协调全校专项整治工作。"
		}
		out = append(out, para("%s", line))
	}
	if len(o.Groups) == 0 {
		out = append(out, noData("领导小组"))
	}
	members, places := 0, 0
	var rows [][]string
	for _, g := range o.Grids {
		members += g.MemberCount
		places += g.PlaceCount
		rows = append(rows, []string{strings.Repeat("　", g.Depth) + g.Name, g.LeaderName, itoa(g.MemberCount), itoa(g.PlaceCount)})
	}
	if len(o.Grids) == 0 {
		return append(out, noData("网格化管理"))
	}
	out = append(out, para("落实安全生产网格化管理制度，全校%d个单位共划分网格%d个，配备网格员%d人次，覆盖场所%d处。", o.Units, len(o.Grids), members, places))
	return append(out, table("网格设置", []string{"网格", "网格长", "网格员（人）", "场所（处）"}, []bool{false, false, true, true}, rows))
}
