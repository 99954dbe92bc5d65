package web

// English for the compliance scorecard and drill-down. Merged into english
// without overwriting (like i18n_rules.go), so a key another page already
// translates never becomes a duplicate map key.
var complianceEnglish = map[string]string{
	"合规评分卡": "Compliance scorecard",
	"通知“可量化规则”逐条自动评估：每格为该范围在所选周期的结果，点击查看明细和未达标的具体记录。尚无数据的规则显示“暂无数据”，不视为达标。": "Each measurable rule of the notice, evaluated automatically: every cell is the result for that scope and period; click it for the details and the records behind a failure. A rule without data shows “No data yet” and never counts as passed.",
	"达标":          "Pass",
	"未达标":         "Fail",
	"暂无数据":        "No data yet",
	"未到期":         "Not yet due",
	"不适用":         "n/a",
	"全校":          "Whole school",
	"没有可查看的范围。":   "Nothing you may view.",
	"评估内容":        "What is measured",
	"依据":          "From",
	"返回评分卡":       "Back to the scorecard",
	"结果":          "Result",
	"数值":          "Value",
	"目标":          "Target",
	"说明":          "Note",
	"未达标的记录":      "Records behind the failure",
	"未列出具体记录。":    "No individual records listed.",
	"没有未达标的记录。":   "No failing records.",
	"规则参数":        "Rule parameters",
	"参数":          "Parameter",
	"取值":          "Value",
	"默认":          "Default",
	"保存参数":        "Save parameters",
	"年":           "Years",
	"半年":          "Half-years",
	"季度":          "Quarters",
	"月":           "Months",
	"检查频次":        "Inspection frequency",
	"整改时限":        "Rectification deadline",
	"全员培训":        "All-staff training",
	"新进人员岗前培训":    "New-staff training",
	"持证上岗":        "Certification",
	"应急演练":        "Drills",
	"报警响应":        "Alarm response",
	"保安配备":        "Guard staffing",
	"双人双锁":        "Dual control",
	"合同与法定检验":     "Contracts and statutory inspections",
	"按时报送":        "Report on time",
	"安全工作例会":      "Safety meetings",
	"制度上墙":        "Rules posted",
	"主要领导每半年检查次数": "Principal leader: inspections per half-year",
	"分管领导每季度检查次数": "Supervising leader: inspections per quarter",
	"职能部门每月自查次数":  "Functional unit: self-inspections per month",
	"允许逾期未整改的隐患数": "Overdue hazards tolerated",
	"每人每年培训次数":    "Trainings per person per year",
	"岗前培训率":       "Share trained before starting",
	"持证率":         "Share certified",
	"每周期消防演练次数":   "Fire drills per period",
	"每周期反恐防暴演练次数": "Anti-terror drills per period",
	"第一梯队到场时限":    "Tier 1 arrival (minutes)",
	"第二梯队到场时限":    "Tier 2 arrival (minutes)",
	"第三梯队到场时限":    "Tier 3 arrival (minutes)",
	"每千名师生保安人数":   "Guards per 1,000 people",
	"保安年龄上限":      "Guards' age limit",
	"到期前提醒天数":     "Reminder days before expiry",
	"报送提醒提前天数":    "Reminder days before the report is due",
	"每月例会次数":      "Meetings per month",
	"上墙率":         "Share posted",
}

func init() {
	for k, v := range complianceEnglish {
		if _, ok := english[k]; !ok {
			english[k] = v
		}
	}
}
