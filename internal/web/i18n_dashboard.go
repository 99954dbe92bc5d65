package web

// English for the leaders' and the authority dashboards. Merged into
// english without overwriting (the i18n_rules.go way), so a key another
// page already translates never becomes a duplicate map key.
var dashboardEnglish = map[string]string{
	"领导驾驶舱":  "Leaders' dashboard",
	"主管部门视图": "Authority view",
	"数据更新于":  "Figures as of",
	"隐患口径：本期发现的隐患（不含待确认和已驳回的报告）；逾期与重大隐患为截至期末（或今天）仍未整改的全部隐患。": "Hazards: those found in the period (not counting unconfirmed or rejected reports); overdue and major hazards: every hazard still open at the period's end (or today).",
	"已整改":         "Rectified",
	"逾期未整改":       "Overdue",
	"重大隐患未销号":     "Major hazards open",
	"检查次数":        "Inspections",
	"巡查覆盖率":       "Patrol coverage",
	"本期没有数据。":     "No data for this period.",
	"逾期和未销号的重大隐患": "Overdue and open major hazards",
	"挂牌中":         "Listed",
	"已制定":         "On file",
	"未制定":         "Missing",
	"没有未销号的重大隐患。": "No open major hazards.",
	"合规评分":        "Compliance",
	"全校":          "Whole school",
	"未到期":         "Not yet due",
	"未达标的规则":      "Rules not met",
	"实际":          "Actual",
	"目标":          "Target",
	"有未达标规则的单位":   "Units with rules not met",
	"专项整治进度":      "Campaign progress",
	"时间进度":        "Time elapsed",
	"节点完成":        "Milestones done",
	"逾期节点":        "Late milestones",
	"还没有专项整治活动。":  "No campaigns yet.",
	"合规评分按年、半年、季度或月评估。": "Compliance is evaluated for a year, half-year, quarter or month.",
	"还没有可查看的主管部门。":      "No authority to show yet.",
	"所学校":               "schools",
	"所学校的数据正在更新":        "schools being recomputed",
	"所学校的数据尚未计算":        "schools not computed yet",
	"各校数据在学校有新记录时重新计算，后台每分钟检查一次。": "A school's figures are recomputed when it records something new; the background check runs every minute.",
	"按逾期重大隐患数、未达标合规规则数、逾期隐患数排序。":  "Ranked by overdue major hazards, then rules not met, then overdue hazards.",
	"逾期重大隐患":       "Overdue major hazards",
	"未达标规则":        "Rules not met",
	"检查频次落实":       "Inspection rhythm",
	"合规达标":         "Rules met",
	"更新中":          "updating",
	"数据尚未计算":       "Not computed yet",
	"该主管部门下还没有学校。": "This authority oversees no school yet.",
	"按领域":          "By area",
	"按责任单位":        "By responsible unit",
	"按等级":          "By level",
	"按状态":          "By status",
	"每周发现与销号":      "Found and closed per week",
	"检查次数（按类型）":    "Inspections by kind",
	"未整改":          "Open",
	"本期发现":         "Found in the period",
	"发现":           "Found",
	"销号":           "Closed",
	"发现问题的检查":      "With problems found",
	"应检查":          "Owed",
	"达标场所·天":       "Place-days on target",
	"覆盖率":          "Coverage",
	"专项整治阶段进度":     "Campaign phases",
	"节点完成率":        "Milestones done",
	"未指定单位":        "No unit",
}

func init() {
	for k, v := range dashboardEnglish {
		if _, ok := english[k]; !ok {
			english[k] = v
		}
	}
}
