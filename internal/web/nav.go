package web

import (
	"safecampus/internal/auth"
	"safecampus/internal/compliance"
	"safecampus/internal/dashboard"
	"safecampus/internal/inspection"
	"safecampus/internal/lists"
	"safecampus/internal/lookback"
	"safecampus/internal/notify"
	"safecampus/internal/patrol"
	"safecampus/internal/plan"
)

type navItem struct {
	Label string
	URL   string
}

// navFor builds the menu from the same permissions the services check, so
// a link is shown exactly when its page would open.
func navFor(a *auth.Actor, school int64) []navItem {
	sc := auth.SchoolScope(school)
	items := []navItem{{"首页", "/"}}
	// The dashboards first: they are where leaders and the authority start.
	if school != 0 && dashboard.MayView(a, school) {
		items = append(items, navItem{"领导驾驶舱", "/dashboard"})
	}
	if dashboard.MayViewAuthority(a) {
		items = append(items, navItem{"主管部门视图", "/authority"})
	}
	if school != 0 && inspection.CanInspectIn(a, school) {
		items = append(items, navItem{"开始检查", "/inspections/new"})
	}
	// Hazards: 随手拍 for everyone who may report; the list for them too
	// (it shows at least their own reports) and for every viewer.
	if school != 0 && auth.CanSomewhere(a, auth.PermHazardReport, school) {
		items = append(items, navItem{"随手拍", "/hazards/report"})
	}
	if school != 0 && (auth.CanSomewhere(a, auth.PermHazardView, school) || auth.CanSomewhere(a, auth.PermHazardReport, school)) {
		items = append(items, navItem{"隐患", "/hazards"})
	}
	// The four lists (RESP-3) for hazard viewers; the statistics only for
	// school-wide ones (lists.MayViewStatistics).
	if school != 0 && auth.CanSomewhere(a, auth.PermHazardView, school) {
		items = append(items, navItem{"清单", "/lists/work"})
	}
	if school != 0 && lists.MayViewStatistics(a, school) {
		items = append(items, navItem{"隐患统计", "/statistics/hazards"})
	}
	// Look-back: the draws for school-wide hazard viewers; anyone else who
	// is a person may be named an inspector and sees their re-checks.
	if school != 0 && lookback.MayView(a, school) {
		items = append(items, navItem{"回头看", "/lookback"})
	} else if school != 0 && a.PersonID != 0 {
		items = append(items, navItem{"回头看", "/lookback/mine"})
	}
	if school != 0 && auth.Can(a, auth.PermOrgView, sc) {
		items = append(items, navItem{"单位", "/units"}, navItem{"校区", "/campuses"}, navItem{"场所", "/places"},
			navItem{"网格", "/grids"}, navItem{"领导小组", "/leading-group"}, navItem{"联系点", "/contact-points"})
	}
	if school != 0 && auth.Can(a, auth.PermPeopleView, sc) {
		items = append(items, navItem{"人员", "/people"})
	}
	// Ledger viewers see the school's (or their units') inspections, and
	// inspectors at least their own.
	if school != 0 && (auth.Can(a, auth.PermLedgerView, sc) || len(a.ScopeIDs(auth.PermLedgerView, school, auth.ScopeUnit)) > 0 ||
		len(a.ScopeIDs(auth.PermLedgerView, school, auth.ScopeCampus)) > 0 || inspection.CanInspectIn(a, school)) {
		items = append(items, navItem{"检查台账", "/ledger"})
	}
	if school != 0 && auth.Can(a, auth.PermOrgView, sc) {
		items = append(items, navItem{"检查项库", "/checklist"})
	}
	if school != 0 && (auth.Can(a, auth.PermPeopleManage, sc) || auth.Can(a, auth.PermOrgManage, sc)) {
		items = append(items, navItem{"导入", "/import"})
	}
	if school != 0 && auth.Can(a, auth.PermOrgManage, sc) {
		items = append(items, navItem{"检查点", "/checkpoints"})
	}
	if school != 0 && patrol.MayViewCoverage(a, school) {
		items = append(items, navItem{"巡查覆盖", "/patrols/coverage"})
	}
	if school != 0 && auth.Can(a, auth.PermOrgView, sc) {
		items = append(items, navItem{"检查计划", "/plans"})
	}
	if school != 0 && plan.MayViewRhythm(a, school) {
		items = append(items, navItem{"检查频次", "/rhythm"})
	}
	if school != 0 && compliance.MayView(a, school) {
		items = append(items, navItem{"合规评分卡", "/compliance"})
	}
	if school != 0 && auth.Can(a, auth.PermOrgView, sc) {
		items = append(items, navItem{"制度清单", "/rules"}, navItem{"安全会议", "/meetings"})
	}
	if school != 0 && auth.Can(a, auth.PermCampaignView, sc) {
		items = append(items, navItem{"专项整治", "/campaigns"}, navItem{"动员通知", "/notices"})
	}
	if school != 0 && auth.Can(a, auth.PermAccountManage, sc) || a.IsSystemAdmin() {
		items = append(items, navItem{"账号与角色", "/accounts"})
	}
	if a.IsSystemAdmin() {
		items = append(items, navItem{"学校", "/schools"})
	}
	items = append(items, navItem{"收件箱", "/inbox"})
	if notify.MayManage(a, school) {
		items = append(items, navItem{"通知渠道", "/settings/notify"})
	}
	if school != 0 && auth.Can(a, auth.PermHazardManage, sc) {
		items = append(items, navItem{"隐患督办设置", "/settings/hazards"})
	}
	return items
}
