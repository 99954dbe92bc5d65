package compliance

import "fmt"

// Rule ids. They are stable: the parameters table, URLs and the command
// line's JSON use them.
const (
	RuleInspectionFrequency   = "inspection_frequency"
	RuleRectificationDeadline = "rectification_deadline"
	RuleAllStaffTraining      = "all_staff_training"
	RuleNewStaffTraining      = "new_staff_training"
	RuleCertification         = "certification"
	RuleDrills                = "drills"
	RuleAlarmResponse         = "alarm_response"
	RuleGuardStaffing         = "guard_staffing"
	RuleDualControl           = "dual_control"
	RuleContracts             = "contracts"
	RuleReport                = "report"
	RuleSafetyMeetings        = "safety_meetings"
	RuleRulesPosted           = "rules_posted"
)

var schoolOnly = []ScopeKind{ScopeSchool}

func count(key, label string, def int64) ParamDef {
	return ParamDef{Key: key, Label: label, Unit: "次", Min: 0, Max: 1000, Default: def}
}

func share(key, label string, def int64) ParamDef {
	return ParamDef{Key: key, Label: label, Unit: "%", Min: 0, Max: 100, Default: def}
}

// Rules lists every rule in the order of the requirements' table
// "Measurable rules", then the rules in force the program can count.
func Rules() []Rule {
	return []Rule{
		{ID: RuleInspectionFrequency, Name: "检查频次", From: "RUL-4",
			Measures: "主要领导每半年、分管领导每季度、职能部门每月至少检查一次，且每次检查留有台账记录",
			Params: []ParamDef{
				count("principal_per_half_year", "主要领导每半年检查次数", 1),
				count("supervisor_per_quarter", "分管领导每季度检查次数", 1),
				count("unit_per_month", "职能部门每月自查次数", 1),
			},
			Scopes: []ScopeKind{ScopeSchool, ScopeCampus, ScopeUnit, ScopePerson}, eval: evalInspectionFrequency,
			target: func(p map[string]int64) string {
				return fmt.Sprintf("主要领导 ≥ %d 次/半年；分管领导 ≥ %d 次/季度；职能部门 ≥ %d 次/月", p["principal_per_half_year"], p["supervisor_per_quarter"], p["unit_per_month"])
			}},
		{ID: RuleRectificationDeadline, Name: "整改时限", From: "REQ-1, PLAN-4",
			Measures: "隐患在整改期限内完成整改；重大隐患经安全领导小组成员验收后方可销号",
			Params:   []ParamDef{{Key: "max_overdue", Label: "允许逾期未整改的隐患数", Unit: "项", Min: 0, Max: 100000, Default: 0}},
			Scopes:   []ScopeKind{ScopeSchool, ScopeCampus, ScopeUnit, ScopeArea}, eval: evalRectificationDeadline,
			target: func(p map[string]int64) string {
				return fmt.Sprintf("逾期未整改 ≤ %d 项；重大隐患经领导小组成员验收", p["max_overdue"])
			}},
		{ID: RuleAllStaffTraining, Name: "全员培训", From: "EDU-2",
			Measures: "每名教职工每年参加安全培训不少于规定次数，并有应知应会考核结果",
			Params:   []ParamDef{count("min_sessions_per_year", "每人每年培训次数", 2)},
			Scopes:   []ScopeKind{ScopeSchool, ScopeCampus, ScopeUnit, ScopePerson}, later: true, eval: noData("培训"),
			target: func(p map[string]int64) string {
				return fmt.Sprintf("每人 ≥ %d 次/年，有考核结果", p["min_sessions_per_year"])
			}},
		{ID: RuleNewStaffTraining, Name: "新进人员岗前培训", From: "EDU-3",
			Measures: "周期内新进人员上岗前接受安全培训的比例",
			Params:   []ParamDef{share("share_percent", "岗前培训率", 100)},
			Scopes:   []ScopeKind{ScopeSchool, ScopeCampus, ScopeUnit}, later: true, eval: noData("培训"),
			target: func(p map[string]int64) string { return fmt.Sprintf("岗前培训率 ≥ %d%%", p["share_percent"]) }},
		{ID: RuleCertification, Name: "持证上岗", From: "EDU-3, FIRE-3, LOG-1, SEC-4",
			Measures: "特种作业岗位（消防控制室、配电房、监控室等）人员持有效证书的比例",
			Params:   []ParamDef{share("share_percent", "持证率", 100)},
			Scopes:   []ScopeKind{ScopeSchool, ScopeCampus, ScopeUnit, ScopePerson}, later: true, eval: noData("证书"),
			target: func(p map[string]int64) string { return fmt.Sprintf("持有效证书 ≥ %d%%", p["share_percent"]) }},
		{ID: RuleDrills, Name: "应急演练", From: "FIRE-11, SEC-8, EDU-4",
			Measures: "周期内组织的消防演练、反恐防暴演练次数",
			Params: []ParamDef{
				count("fire_per_period", "每周期消防演练次数", 1),
				count("anti_terror_per_period", "每周期反恐防暴演练次数", 1),
			},
			Scopes: []ScopeKind{ScopeSchool, ScopeCampus}, later: true, eval: noData("演练"),
			target: func(p map[string]int64) string {
				return fmt.Sprintf("消防演练 ≥ %d 次/周期；反恐防暴演练 ≥ %d 次/周期", p["fire_per_period"], p["anti_terror_per_period"])
			}},
		{ID: RuleAlarmResponse, Name: "报警响应", From: "SEC-6",
			Measures: "接警后处置力量分别在 1、3、5 分钟内到达现场",
			Params: []ParamDef{
				{Key: "tier1_minutes", Label: "第一梯队到场时限", Unit: "分钟", Min: 0, Max: 120, Default: 1},
				{Key: "tier2_minutes", Label: "第二梯队到场时限", Unit: "分钟", Min: 0, Max: 120, Default: 3},
				{Key: "tier3_minutes", Label: "第三梯队到场时限", Unit: "分钟", Min: 0, Max: 120, Default: 5},
			},
			Scopes: []ScopeKind{ScopeSchool, ScopeCampus}, later: true, eval: noData("报警处置"),
			target: func(p map[string]int64) string {
				return fmt.Sprintf("%d / %d / %d 分钟内到场", p["tier1_minutes"], p["tier2_minutes"], p["tier3_minutes"])
			}},
		{ID: RuleGuardStaffing, Name: "保安配备", From: "SEC-5",
			Measures: "每千名在校师生配备的专职保安人数不低于规定比例；保安年龄不超过上限",
			Params: []ParamDef{
				{Key: "guards_per_1000", Label: "每千名师生保安人数", Unit: "人", Min: 0, Max: 1000, Default: 3},
				{Key: "max_age", Label: "保安年龄上限", Unit: "岁", Min: 18, Max: 80, Default: 60},
			},
			Scopes: []ScopeKind{ScopeSchool, ScopeCampus}, later: true, eval: noData("保安人员"),
			target: func(p map[string]int64) string {
				return fmt.Sprintf("每千名师生 ≥ %d 名保安；年龄 ≤ %d 岁", p["guards_per_1000"], p["max_age"])
			}},
		{ID: RuleDualControl, Name: "双人双锁", From: "LAB-2",
			Measures: "每次危化品领用均由两名不同人员签字",
			Scopes:   []ScopeKind{ScopeSchool, ScopeCampus, ScopeUnit}, later: true, eval: noData("危化品领用"),
			target: func(map[string]int64) string { return "每次领用 2 名不同人员签字" }},
		{ID: RuleContracts, Name: "合同与法定检验", From: "FIRE-12, LOG-2",
			Measures: "消防维保、电梯维保合同在有效期内；电梯年度法定检验未逾期",
			Params:   []ParamDef{{Key: "warn_days", Label: "到期前提醒天数", Unit: "天", Min: 0, Max: 365, Default: 30}},
			Scopes:   []ScopeKind{ScopeSchool, ScopeCampus}, later: true, eval: noData("合同与检验"),
			target: func(p map[string]int64) string {
				return fmt.Sprintf("合同有效、检验未逾期（提前 %d 天提醒）", p["warn_days"])
			}},
		{ID: RuleReport, Name: "按时报送", From: "PLAN-5",
			Measures: "专项整治工作报告在报送期限前生成并报送",
			Params:   []ParamDef{{Key: "lead_days", Label: "报送提醒提前天数", Unit: "天", Min: 0, Max: 365, Default: 7}},
			Scopes:   schoolOnly, eval: evalReport,
			target: func(p map[string]int64) string {
				return fmt.Sprintf("报送期限前生成报告（提前 %d 天提醒）", p["lead_days"])
			}},
		{ID: RuleSafetyMeetings, Name: "安全工作例会", From: "RUL-3",
			Measures: "定期召开安全工作例会，分析形势、研究措施",
			Params:   []ParamDef{count("meetings_per_month", "每月例会次数", 1)},
			Scopes:   schoolOnly, eval: evalSafetyMeetings,
			target: func(p map[string]int64) string { return fmt.Sprintf("≥ %d 次/月", p["meetings_per_month"]) }},
		{ID: RuleRulesPosted, Name: "制度上墙", From: "RUL-5",
			Measures: "现行制度在各规定场所上墙的比例",
			Params:   []ParamDef{share("share_percent", "上墙率", 100)},
			Scopes:   schoolOnly, eval: evalRulesPosted,
			target: func(p map[string]int64) string { return fmt.Sprintf("上墙率 ≥ %d%%", p["share_percent"]) }},
	}
}

// FindRule returns the rule with id.
func FindRule(id string) (Rule, bool) {
	for _, r := range Rules() {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}
