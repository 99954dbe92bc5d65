package web

import (
	"safecampus/internal/auth"
	"safecampus/internal/inspection"
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
	if school != 0 && inspection.CanInspectIn(a, school) {
		items = append(items, navItem{"开始检查", "/inspections/new"})
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
	if school != 0 && auth.Can(a, auth.PermAccountManage, sc) || a.IsSystemAdmin() {
		items = append(items, navItem{"账号与角色", "/accounts"})
	}
	if a.IsSystemAdmin() {
		items = append(items, navItem{"学校", "/schools"})
	}
	return items
}
