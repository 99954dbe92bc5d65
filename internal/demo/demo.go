// Package demo loads the notice's school (江苏省南通卫生高等职业技术学校)
// as demo data: its campuses, units, the leading group named in the notice,
// places, grids and one account for every role. Nothing here is behaviour:
// the same data could be typed in through the pages.
package demo

import (
	"context"

	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/sqldb"
)

// SchoolCode is the demo school's code.
const SchoolCode = "ntwsgz"

// Login is one demo account and its password.
type Login struct {
	Username string
	Password string
	Role     string
}

// Result says what was loaded.
type Result struct {
	SchoolID   int64
	SchoolName string
	Logins     []Login
}

// IsEmpty reports whether the database holds no school yet.
func IsEmpty(ctx context.Context, db *sqldb.DB) (bool, error) {
	var n int
	err := db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM schools`).Scan(&n)
	return n == 0, err
}

// loader carries the state of one Load.
type loader struct {
	ctx    context.Context
	auth   *auth.Service
	org    *org.Service
	sys    *auth.Actor
	school int64
	err    error

	campus map[string]int64
	unit   map[string]int64
	person map[string]int64
	res    *Result
	opt    options // see Option (inspections.go)
}

// Load creates the demo school. adminPassword, when set, is the password of
// the system "admin" account (created here if missing); every other demo
// account gets a random password, returned in Result.Logins.
func Load(ctx context.Context, db *sqldb.DB, a *auth.Service, o *org.Service, adminPassword string, opts ...Option) (*Result, error) {
	l := &loader{ctx: ctx, auth: a, org: o, sys: auth.System(), campus: map[string]int64{}, unit: map[string]int64{}, person: map[string]int64{}, res: &Result{}}
	for _, opt := range opts {
		opt(&l.opt)
	}
	sc, err := o.CreateSchool(ctx, l.sys, org.School{Code: SchoolCode, Name: "江苏省南通卫生高等职业技术学校", Timezone: "Asia/Shanghai"})
	if err != nil {
		return nil, err
	}
	l.school, l.res.SchoolID, l.res.SchoolName = sc.ID, sc.ID, sc.Name
	l.loadOrganisation()
	l.loadPlacesAndGrids()
	l.loadLeadership()
	l.loadAccounts(adminPassword)
	l.loadPlans()           // needs the accounts (the rhythm's leaders); before loaders that link inspections to dues
	l.loadPatrols()         // needs the accounts: a patrol names who walked it
	l.loadRules()           // rules register, policy items, meetings; before inspections, whose 上墙 answers record postings
	l.loadInspections()     // after places, accounts and plans: inspections settle what the plans owe
	l.loadHazards()         // after inspections: walks their findings' hazards, a major hazard and reports through the workflow
	l.loadEscalation()      // the office's escalation delays and longest extension (escalation.go)
	l.loadLookback()        // after hazards: a look-back draw of the closed ones, one re-check passed, one failed (reopened)
	l.loadCampaign()        // the notice's campaign, phases, milestones (with work-list tasks) and a notice; needs units and accounts
	l.loadCurrentCampaign() // a campaign over the demo clock's year, so the report to the authority has figures (campaign_current.go)
	l.loadNotifications()   // the office's inbox; needs the accounts
	l.loadCompliance()      // the office's parameters of the measurable rules (compliance.go)
	l.loadAuthority()       // the city health commission overseeing the school (authority dashboard)
	if l.err != nil {
		return nil, l.err
	}
	return l.res, nil
}

func (l *loader) loadOrganisation() {
	l.addCampus("主校区", "江苏省南通市")
	l.addCampus("海安校区", "江苏省南通市海安市")
	for _, u := range units {
		l.addUnit(u)
	}
	for _, p := range people {
		l.addPerson(p)
	}
	for _, u := range units {
		if u.head != "" {
			l.setHead(u.name, u.head)
		}
	}
}

func (l *loader) addCampus(name, addr string) {
	if l.err != nil {
		return
	}
	c, err := l.org.SaveCampus(l.ctx, l.sys, l.school, org.Campus{Name: name, Address: addr})
	l.err = err
	l.campus[name] = c.ID
}

func (l *loader) addUnit(u unitSpec) {
	if l.err != nil {
		return
	}
	saved, err := l.org.SaveUnit(l.ctx, l.sys, l.school, org.Unit{Name: u.name, Kind: u.kind, ParentID: l.unit[u.parent], CampusID: l.campus[u.campus], SortOrder: int64(len(l.unit))})
	l.err = err
	l.unit[u.name] = saved.ID
}

func (l *loader) setHead(unit, person string) {
	if l.err != nil {
		return
	}
	u, err := l.org.FindUnit(l.ctx, l.sys, l.school, l.unit[unit])
	if err != nil {
		l.err = err
		return
	}
	u.HeadPersonID = l.person[person]
	_, l.err = l.org.SaveUnit(l.ctx, l.sys, l.school, u)
}

func (l *loader) addPerson(p personSpec) {
	if l.err != nil {
		return
	}
	saved, err := l.org.SavePerson(l.ctx, l.sys, l.school, org.Person{Name: p.name, StaffNo: p.staffNo, UnitID: l.unit[p.unit], Post: p.post, Phone: p.phone, HireDate: p.hired, BirthDate: p.born, SpecialPosts: p.special})
	l.err = err
	l.person[p.name] = saved.ID
}

func (l *loader) loadAccounts(adminPassword string) {
	if l.err != nil {
		return
	}
	if _, err := l.auth.FindAccountByUsername(l.ctx, l.sys, "admin"); err != nil {
		_, pw, err := l.auth.CreateAccount(l.ctx, l.sys, auth.NewAccount{Username: "admin", DisplayName: "系统管理员", Password: adminPassword,
			Grants: []auth.Grant{{Role: auth.RoleSystemAdmin, ScopeKind: auth.ScopeSystem}}})
		if err != nil {
			l.err = err
			return
		}
		if adminPassword != "" {
			pw = "(SAFECAMPUS_ADMIN_PASSWORD)" // the operator chose it; do not echo it into logs
		}
		l.res.Logins = append(l.res.Logins, Login{"admin", pw, auth.RoleSystemAdmin.Label()})
	}
	for _, acc := range accounts {
		if l.err != nil {
			return
		}
		g := auth.Grant{Role: acc.role, SchoolID: l.school, ScopeKind: acc.scope}
		switch acc.scope {
		case auth.ScopeUnit:
			g.ScopeID = l.unit[acc.scopeName]
		case auth.ScopeCampus:
			g.ScopeID = l.campus[acc.scopeName]
		}
		a, pw, err := l.auth.CreateAccount(l.ctx, l.sys, auth.NewAccount{Username: acc.username, DisplayName: acc.person, SchoolID: l.school, PersonID: l.person[acc.person], Grants: []auth.Grant{g}})
		if err != nil {
			l.err = err
			return
		}
		l.res.Logins = append(l.res.Logins, Login{a.Username, pw, acc.role.Label()})
	}
}
