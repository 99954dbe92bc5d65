package auth

// Permission is one thing an actor may do. Services ask Can before acting;
// templates ask the same Can to decide which buttons to show.
type Permission string

const (
	PermSchoolManage    Permission = "school.manage"    // create schools and authorities
	PermOrgView         Permission = "org.view"         // units, campuses, places, grids, leading group
	PermOrgManage       Permission = "org.manage"       // change any of those
	PermPeopleView      Permission = "people.view"      // people with phone numbers
	PermPeopleManage    Permission = "people.manage"    // create, edit, import people
	PermAccountManage   Permission = "account.manage"   // accounts and role grants
	PermAuditView       Permission = "audit.view"       // record history
	PermExport          Permission = "export"           // xlsx exports
	PermLedgerView      Permission = "ledger.view"      // the inspection ledger (台账); unit heads for their units
	PermInspect         Permission = "inspect"          // do inspections and record patrols
	PermPlanManage      Permission = "plan.manage"      // inspection plans and patrol targets
	PermChecklistManage Permission = "checklist.manage" // the school's check items and item sets
)

// wide marks permissions whose coverage is the whole school of a grant even
// when the grant itself is narrower: the organisation chart is school-wide
// knowledge every member may read.
var wide = map[Permission]bool{PermOrgView: true}

// rolePerms is the permission table. Reading it answers "who may do what".
var rolePerms = map[Role][]Permission{
	RoleSystemAdmin:     {PermSchoolManage, PermOrgView, PermOrgManage, PermPeopleView, PermPeopleManage, PermAccountManage, PermAuditView, PermExport, PermLedgerView, PermInspect, PermPlanManage, PermChecklistManage},
	RoleSchoolAdmin:     {PermOrgView, PermOrgManage, PermPeopleView, PermPeopleManage, PermAccountManage, PermAuditView, PermExport, PermLedgerView, PermInspect, PermPlanManage, PermChecklistManage},
	RolePrincipalLeader: {PermOrgView, PermPeopleView, PermAuditView, PermExport, PermLedgerView, PermInspect},
	RoleSupervisor:      {PermOrgView, PermPeopleView, PermAuditView, PermExport, PermLedgerView, PermInspect},
	RoleUnitHead:        {PermOrgView, PermPeopleView, PermLedgerView, PermInspect},
	RoleGridLeader:      {PermOrgView, PermPeopleView, PermInspect},
	RoleGridMember:      {PermOrgView, PermInspect},
	RoleGuard:           {PermOrgView, PermInspect},
	RoleLabManager:      {PermOrgView, PermInspect},
	RoleStaff:           {PermOrgView},
	RoleAuthorityViewer: {PermOrgView, PermLedgerView},
}

// RoleHas reports whether role r carries permission p at all.
func RoleHas(r Role, p Permission) bool {
	for _, x := range rolePerms[r] {
		if x == p {
			return true
		}
	}
	return false
}

// Scope is the place in the organisation a record sits at. UnitPath and
// GridPath hold the record's unit (grid) and all its ancestors, so coverage
// is decided without touching the database.
type Scope struct {
	SchoolID int64
	CampusID int64
	UnitPath []int64
	GridPath []int64
}

// SchoolScope is the scope of school-wide records and lists.
func SchoolScope(schoolID int64) Scope { return Scope{SchoolID: schoolID} }

// Can is the one authorisation decision of SafeCampus.
func Can(a *Actor, p Permission, s Scope) bool {
	if a == nil {
		return false
	}
	for _, g := range a.Grants {
		if RoleHas(g.Role, p) && g.covers(s, wide[p]) {
			return true
		}
	}
	return false
}

// CanSomewhere reports whether the actor holds p for any part of school:
// it tells "no such right at all" (403) from "not this record" (404).
func CanSomewhere(a *Actor, p Permission, school int64) bool {
	if a == nil {
		return false
	}
	for _, g := range a.Grants {
		if RoleHas(g.Role, p) && (g.ScopeKind == ScopeSystem || g.SchoolID == school) {
			return true
		}
	}
	return false
}

// covers reports whether grant g reaches scope s. Authority grants are
// expanded into one school grant per overseen school when the actor is
// loaded, so they need no case here.
func (g Grant) covers(s Scope, schoolWide bool) bool {
	if g.ScopeKind == ScopeSystem {
		return true
	}
	if g.SchoolID == 0 || g.SchoolID != s.SchoolID {
		return false
	}
	if schoolWide {
		return true
	}
	switch g.ScopeKind {
	case ScopeSchool:
		return true
	case ScopeCampus:
		return s.CampusID == g.ScopeID
	case ScopeUnit:
		return contains(s.UnitPath, g.ScopeID)
	case ScopeGrid:
		return contains(s.GridPath, g.ScopeID)
	}
	return false
}

func contains(xs []int64, x int64) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
