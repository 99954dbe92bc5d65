package web

import "safecampus/internal/auth"

type navItem struct {
	Label string
	URL   string
}

// navFor builds the menu from the same permissions the services check, so
// a link is shown exactly when its page would open.
func navFor(a *auth.Actor, school int64) []navItem {
	sc := auth.SchoolScope(school)
	items := []navItem{{"首页", "/"}}
	if school != 0 && auth.Can(a, auth.PermOrgView, sc) {
		items = append(items, navItem{"单位", "/units"}, navItem{"校区", "/campuses"}, navItem{"场所", "/places"},
			navItem{"网格", "/grids"}, navItem{"领导小组", "/leading-group"}, navItem{"联系点", "/contact-points"})
	}
	if school != 0 && auth.Can(a, auth.PermPeopleView, sc) {
		items = append(items, navItem{"人员", "/people"})
	}
	if school != 0 && auth.Can(a, auth.PermAccountManage, sc) || a.IsSystemAdmin() {
		items = append(items, navItem{"账号与角色", "/accounts"})
	}
	if a.IsSystemAdmin() {
		items = append(items, navItem{"学校", "/schools"})
	}
	return items
}
