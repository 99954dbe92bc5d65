package demo

import (
	"safecampus/internal/auth"
	"safecampus/internal/org"
)

// The authority the notice reports to (PLAN-5: 市卫健委办公室) oversees
// the demo school and a second, newly registered school of the city, so
// its dashboard (主管部门视图) shows schools side by side.
const (
	AuthorityName     = "南通市卫生健康委员会"
	AuthorityUsername = "swjw"
	SiblingSchoolCode = "ntwsxx"
	SiblingSchoolName = "南通市卫生学校（示例）"
)

func (l *loader) loadAuthority() {
	if l.err != nil {
		return
	}
	sib, err := l.org.CreateSchool(l.ctx, l.sys, org.School{Code: SiblingSchoolCode, Name: SiblingSchoolName, Timezone: "Asia/Shanghai"})
	if err != nil {
		l.err = err
		return
	}
	au, err := l.org.CreateAuthority(l.ctx, l.sys, org.Authority{Name: AuthorityName, SchoolIDs: []int64{l.school, sib.ID}})
	if err != nil {
		l.err = err
		return
	}
	acc, pw, err := l.auth.CreateAccount(l.ctx, l.sys, auth.NewAccount{Username: AuthorityUsername, DisplayName: "市卫健委办公室",
		Grants: []auth.Grant{{Role: auth.RoleAuthorityViewer, ScopeKind: auth.ScopeAuthority, ScopeID: au.ID}}})
	if err != nil {
		l.err = err
		return
	}
	l.res.Logins = append(l.res.Logins, Login{acc.Username, pw, auth.RoleAuthorityViewer.Label()})
}
