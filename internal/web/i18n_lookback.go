package web

// English for the look-back pages, merged like i18n_rules.go: a key that
// another page already translates keeps its translation.
var lookbackEnglish = map[string]string{
	"回头看":      "Look-back",
	"我的复查":     "My re-checks",
	"回头看抽查":    "Look-back draw",
	"全部抽查":     "All draws",
	"新的抽查":     "New draw",
	"抽查记录":     "Draws",
	"还没有回头看抽查": "No look-back draws yet",
	"从已销号隐患中随机抽取，指派复查人员现场复查；复查不合格的隐患重新打开整改。随机种子随抽查保存，同样的种子和条件可重复同样的抽取。": "Closed hazards are drawn at random and re-checked on site by the named inspectors; a hazard that fails its re-check is reopened. The random seed is stored with the draw: the same seed and filter repeat the same draw.",
	"销号日期自":      "Closed from",
	"至":          "to",
	"预览符合条件的数量":  "Preview the population",
	"符合条件的已销号隐患": "Closed hazards matching",
	"条":          "items",
	"抽取数量":       "Sample size",
	"按条数":        "A number",
	"按比例（%）":     "A share (%)",
	"数量或比例":      "Number or share",
	"复查人员（可多选，轮流分派）": "Inspectors (several: assigned in turn)",
	"复查期限": "Re-check due",
	"随机种子（留空自动生成；填入以往的种子可重复那次抽取）": "Random seed (empty: a new one; an earlier draw's seed repeats it)",
	"抽取并派发复查任务":   "Draw and assign re-checks",
	"抽取时间":        "Drawn at",
	"条件":          "Filter",
	"总体/抽取":       "Population / drawn",
	"合格":          "Passed",
	"不合格":         "Failed",
	"待复查":         "Pending",
	"随机种子":        "Random seed",
	"发起人":         "Drawn by",
	"筛选条件（原始）":    "Filter (as stored)",
	"复查进度":        "Progress",
	"复查人":         "Inspector",
	"隐患状态":        "Hazard status",
	"复查照片":        "Re-check photo",
	"复查结论":        "Verdict",
	"合格（整改到位）":    "Passed (the fix holds)",
	"不合格（重新打开整改）": "Failed (reopen the hazard)",
	"复查情况":        "Findings",
	"不合格时必填：现场看到了什么": "Required when failed: what you found on site",
	"不合格时的新整改期限":     "New deadline when failed",
	"记录复查结果":         "Record the result",
	"没有复查任务":         "No re-checks",
	"复查合格":           "Passed",
	"复查不合格":          "Failed",
	"您的账号未关联人员信息，不会被指派复查任务。": "Your account is not linked to a person, so no re-checks can be assigned to you.",
	"销号于":     "closed",
	"全部已销号隐患": "all closed hazards",
	"抽取":      "draw",
}

func init() {
	for k, v := range lookbackEnglish {
		if _, ok := english[k]; !ok {
			english[k] = v
		}
	}
}
