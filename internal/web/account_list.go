package web

import (
	"fmt"
	"net/http"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
)

// scopeChoices are the places a role can be granted at, named for people:
// the school, its campuses, units and grids, and for a system admin the
// whole system and each authority. Value is "kind:id".
type scopeChoices struct {
	Groups []scopeGroup
	names  map[string]string
}

type scopeGroup struct {
	Label   string
	Options []option
}

func scopeValue(k auth.ScopeKind, id int64) string { return fmt.Sprintf("%s:%d", k, id) }

// name describes a grant's scope for the list and show pages.
func (c *scopeChoices) name(g auth.Grant) string {
	if n, ok := c.names[scopeValue(g.ScopeKind, g.ScopeID)]; ok {
		return n
	}
	return fmt.Sprintf("%s #%d", g.ScopeKind, g.ScopeID)
}

func (c *scopeChoices) add(group string, k auth.ScopeKind, id int64, name string) {
	v := scopeValue(k, id)
	c.names[v] = name
	if n := len(c.Groups); n == 0 || c.Groups[n-1].Label != group {
		c.Groups = append(c.Groups, scopeGroup{Label: group})
	}
	g := &c.Groups[len(c.Groups)-1]
	g.Options = append(g.Options, option{v, name})
}

// loadScopes collects the scope choices of the current school.
func (s *Server) loadScopes(r *http.Request) (*scopeChoices, error) {
	ctx, a, school := r.Context(), actorFrom(r.Context()), schoolFrom(r.Context())
	c := &scopeChoices{names: map[string]string{}}
	if school.ID != 0 {
		c.add("学校", auth.ScopeSchool, 0, "全校")
		campuses, err := s.Org.ListCampuses(ctx, a, school.ID)
		if err != nil {
			return nil, err
		}
		for _, x := range campuses {
			c.add("校区", auth.ScopeCampus, x.ID, x.Name)
		}
		units, err := s.Org.ListUnits(ctx, a, school.ID)
		if err != nil {
			return nil, err
		}
		for _, x := range units {
			c.add("单位", auth.ScopeUnit, x.ID, x.Name)
		}
		grids, err := s.Org.ListGrids(ctx, a, school.ID)
		if err != nil {
			return nil, err
		}
		for _, x := range grids {
			c.add("网格", auth.ScopeGrid, x.ID, x.Name)
		}
	}
	if a.IsSystemAdmin() {
		c.add("系统", auth.ScopeSystem, 0, "系统（全部学校）")
		auths, err := s.Org.ListAuthorities(ctx, a)
		if err != nil {
			return nil, err
		}
		for _, x := range auths {
			c.add("主管部门", auth.ScopeAuthority, x.ID, x.Name)
		}
	}
	return c, nil
}

// grantView is a role grant prepared for display.
type grantView struct {
	Role  string
	Scope string
}

// accountView is an account prepared for display.
type accountView struct {
	auth.Account
	Roles []grantView
}

func viewAccounts(accs []auth.Account, c *scopeChoices) []accountView {
	out := make([]accountView, 0, len(accs))
	for _, acc := range accs {
		v := accountView{Account: acc}
		for _, g := range acc.Grants {
			v.Roles = append(v.Roles, grantView{g.Role.Label(), c.name(g)})
		}
		out = append(out, v)
	}
	return out
}

// accountList shows the current school's accounts; a system admin also
// sees the accounts that belong to no school (system and authority logins).
func (s *Server) accountList(w http.ResponseWriter, r *http.Request) error {
	ctx, a, school := r.Context(), actorFrom(r.Context()), schoolFrom(r.Context())
	if school.ID == 0 && !a.IsSystemAdmin() {
		return apperr.ForbiddenErr(string(auth.PermAccountManage))
	}
	scopes, err := s.loadScopes(r)
	if err != nil {
		return err
	}
	// Each table is titled by who the accounts belong to.
	type table struct {
		Title    string
		Accounts []accountView
	}
	var tables []table
	if school.ID != 0 {
		accs, err := s.Auth.ListAccounts(ctx, a, school.ID)
		if err != nil {
			return err
		}
		tables = append(tables, table{school.Name, viewAccounts(accs, scopes)})
	}
	if a.IsSystemAdmin() {
		accs, err := s.Auth.ListAccounts(ctx, a, 0)
		if err != nil {
			return err
		}
		tables = append(tables, table{"系统与主管部门账号", viewAccounts(accs, scopes)})
	}
	p := s.newPage(r, "账号与角色")
	p.Data = map[string]any{"Tables": tables}
	return s.render(w, r, "account_list", p)
}

// findAccount loads an account of the current school (or, for a system
// admin, one outside schools); another school's account is not found even
// for an actor who could manage it after switching school.
func (s *Server) findAccount(r *http.Request) (auth.Account, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return auth.Account{}, err
	}
	acc, err := s.Auth.FindAccount(r.Context(), actorFrom(r.Context()), id)
	if err != nil {
		return auth.Account{}, err
	}
	if acc.SchoolID != 0 && acc.SchoolID != schoolFrom(r.Context()).ID {
		return auth.Account{}, apperr.NotFoundf("account.not_found", "账号不存在。")
	}
	return acc, nil
}

// accountShow shows one account. newPassword, when set, is shown once: the
// page answering a create or a reset, never a cookie or a redirect.
func (s *Server) accountShow(w http.ResponseWriter, r *http.Request) error {
	acc, err := s.findAccount(r)
	if err != nil {
		return err
	}
	return s.renderAccount(w, r, acc, "")
}

func (s *Server) renderAccount(w http.ResponseWriter, r *http.Request, acc auth.Account, newPassword string) error {
	scopes, err := s.loadScopes(r)
	if err != nil {
		return err
	}
	// The account's audit entries are on its school's chain — the current
	// school here (findAccount made sure) — or, for an account of no school,
	// on the system chain, which only system admins read.
	hist, err := s.chainHistory(r, acc.SchoolID, "account", acc.ID)
	if err != nil {
		return err
	}
	person := ""
	if acc.PersonID != 0 {
		if pr, err := s.Org.FindPerson(r.Context(), actorFrom(r.Context()), acc.SchoolID, acc.PersonID); err == nil {
			person = pr.Name
		}
	}
	p := s.newPage(r, acc.DisplayName)
	p.Data = map[string]any{"Account": viewAccounts([]auth.Account{acc}, scopes)[0], "PersonName": person,
		"History": hist, "NewPassword": newPassword, "Self": acc.ID == actorFrom(r.Context()).AccountID}
	return s.render(w, r, "account_show", p)
}
