package auth

// Permission is one thing an actor may do. Services ask Can before acting;
// templates ask the same Can to decide which buttons to show.
type Permission string

const (
	PermSchoolManage     Permission = "school.manage"     // create schools and authorities
	PermOrgView          Permission = "org.view"          // units, campuses, places, grids, leading group
	PermOrgManage        Permission = "org.manage"        // change any of those
	PermPeopleView       Permission = "people.view"       // people with phone numbers
	PermPeopleManage     Permission = "people.manage"     // create, edit, import people
	PermAccountManage    Permission = "account.manage"    // accounts and role grants
	PermAuditView        Permission = "audit.view"        // record history
	PermExport           Permission = "export"            // xlsx exports
	PermLedgerView       Permission = "ledger.view"       // the inspection ledger (台账); unit heads for their units
	PermInspect          Permission = "inspect"           // do inspections and record patrols
	PermPlanManage       Permission = "plan.manage"       // inspection plans and patrol targets
	PermChecklistManage  Permission = "checklist.manage"  // the school's check items and item sets
	PermNotifyManage     Permission = "notify.manage"     // outbound notification channels (WeCom, DingTalk, e-mail)
	PermRulesManage      Permission = "rules.manage"      // the rules register, policy items and safety meetings
	PermHazardView       Permission = "hazard.view"       // hazard lists and records (unit heads for their units, grid leaders for their grids)
	PermHazardReport     Permission = "hazard.report"     // report a hazard (随手拍)
	PermHazardManage     Permission = "hazard.manage"     // the campaign office's steps: confirm, assign, extensions, look-back, settings
	PermHazardRectify    Permission = "hazard.rectify"    // a unit head's steps on the unit's hazards
	PermCampaignManage   Permission = "campaign.manage"   // campaigns, phases, milestones, mobilisation notices
	PermCampaignView     Permission = "campaign.view"     // campaign pages and progress (school-wide)
	PermComplianceView   Permission = "compliance.view"   // the compliance scorecard and drill-downs (unit heads: their units' rows)
	PermComplianceManage Permission = "compliance.manage" // the compliance rules' parameters
	PermDashboardView    Permission = "dashboard.view"    // the leaders' dashboard: school-wide figures (no unit-scoped role holds it)
	PermAuthorityView    Permission = "authority.view"    // the authority dashboard: overseen schools side by side
	PermReportView       Permission = "report.view"       // generate and read the campaign report to the authority (office, leaders, authority viewer)
)

// wide marks permissions whose coverage is the whole school of a grant even
// when the grant itself is narrower: the organisation chart is school-wide
// knowledge every member may read, and so is the campaign's timeline.
var wide = map[Permission]bool{PermOrgView: true, PermCampaignView: true}

// rolePerms is the permission table. Reading it answers "who may do what".
var rolePerms = map[Role][]Permission{
	RoleSystemAdmin:     {PermSchoolManage, PermOrgView, PermOrgManage, PermPeopleView, PermPeopleManage, PermAccountManage, PermAuditView, PermExport, PermLedgerView, PermInspect, PermPlanManage, PermChecklistManage, PermCampaignManage, PermCampaignView, PermHazardView, PermHazardReport, PermHazardManage, PermHazardRectify, PermRulesManage, PermNotifyManage, PermComplianceView, PermComplianceManage, PermReportView, PermDashboardView, PermAuthorityView},
	RoleSchoolAdmin:     {PermOrgView, PermOrgManage, PermPeopleView, PermPeopleManage, PermAccountManage, PermAuditView, PermExport, PermLedgerView, PermInspect, PermPlanManage, PermChecklistManage, PermCampaignManage, PermCampaignView, PermHazardView, PermHazardReport, PermHazardManage, PermHazardRectify, PermRulesManage, PermNotifyManage, PermComplianceView, PermComplianceManage, PermReportView, PermDashboardView},
	RolePrincipalLeader: {PermOrgView, PermPeopleView, PermAuditView, PermExport, PermLedgerView, PermInspect, PermCampaignView, PermHazardView, PermHazardReport, PermComplianceView, PermReportView, PermDashboardView},
	RoleSupervisor:      {PermOrgView, PermPeopleView, PermAuditView, PermExport, PermLedgerView, PermInspect, PermCampaignView, PermHazardView, PermHazardReport, PermComplianceView, PermReportView, PermDashboardView},
	RoleUnitHead:        {PermOrgView, PermPeopleView, PermLedgerView, PermInspect, PermCampaignView, PermHazardView, PermHazardReport, PermHazardRectify, PermComplianceView},
	RoleGridLeader:      {PermOrgView, PermPeopleView, PermInspect, PermCampaignView, PermHazardView, PermHazardReport},
	RoleGridMember:      {PermOrgView, PermInspect, PermCampaignView, PermHazardReport},
	RoleGuard:           {PermOrgView, PermInspect, PermCampaignView, PermHazardReport},
	RoleLabManager:      {PermOrgView, PermInspect, PermCampaignView, PermHazardReport},
	RoleStaff:           {PermOrgView, PermCampaignView, PermHazardReport},
	RoleAuthorityViewer: {PermOrgView, PermLedgerView, PermCampaignView, PermHazardView, PermComplianceView, PermReportView, PermDashboardView, PermAuthorityView},
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
