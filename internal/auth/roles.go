package auth

// Role is a job a person does in the campaign. Each is held at a scope.
type Role string

const (
	RoleSystemAdmin     Role = "system_admin"     // 系统管理员
	RoleSchoolAdmin     Role = "school_admin"     // 专项整治办公室 / 安全保卫处
	RolePrincipalLeader Role = "principal_leader" // 主要领导
	RoleSupervisor      Role = "supervising_leader"
	RoleUnitHead        Role = "unit_head"   // 部门负责人
	RoleGridLeader      Role = "grid_leader" // 网格长
	RoleGridMember      Role = "grid_member" // 网格员 / 检查员
	RoleGuard           Role = "security_guard"
	RoleLabManager      Role = "lab_manager"
	RoleStaff           Role = "staff"
	RoleAuthorityViewer Role = "authority_viewer" // 主管部门（只读）
)

// AllRoles lists every role in display order.
var AllRoles = []Role{
	RoleSystemAdmin, RoleSchoolAdmin, RolePrincipalLeader, RoleSupervisor, RoleUnitHead,
	RoleGridLeader, RoleGridMember, RoleGuard, RoleLabManager, RoleStaff, RoleAuthorityViewer,
}

// Label is the role's Chinese name.
func (r Role) Label() string {
	switch r {
	case RoleSystemAdmin:
		return "系统管理员"
	case RoleSchoolAdmin:
		return "专项整治办公室（安全保卫处）"
	case RolePrincipalLeader:
		return "主要领导"
	case RoleSupervisor:
		return "分管领导"
	case RoleUnitHead:
		return "部门负责人"
	case RoleGridLeader:
		return "网格长"
	case RoleGridMember:
		return "网格员（检查员）"
	case RoleGuard:
		return "保安"
	case RoleLabManager:
		return "实验室管理员"
	case RoleStaff:
		return "教职工"
	case RoleAuthorityViewer:
		return "主管部门（只读）"
	}
	return string(r)
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, x := range AllRoles {
		if x == r {
			return true
		}
	}
	return false
}

// ScopeKind is where a role grant applies.
type ScopeKind string

const (
	ScopeSystem    ScopeKind = "system"
	ScopeSchool    ScopeKind = "school"
	ScopeCampus    ScopeKind = "campus"
	ScopeUnit      ScopeKind = "unit"
	ScopeGrid      ScopeKind = "grid"
	ScopeAuthority ScopeKind = "authority"
)

// AllowedScopes says at which scopes a role may be granted.
func (r Role) AllowedScopes() []ScopeKind {
	switch r {
	case RoleSystemAdmin:
		return []ScopeKind{ScopeSystem}
	case RoleAuthorityViewer:
		return []ScopeKind{ScopeAuthority}
	case RoleSchoolAdmin, RolePrincipalLeader, RoleSupervisor:
		return []ScopeKind{ScopeSchool, ScopeCampus}
	case RoleUnitHead, RoleLabManager:
		return []ScopeKind{ScopeUnit}
	case RoleGridLeader, RoleGridMember:
		return []ScopeKind{ScopeGrid, ScopeSchool}
	case RoleGuard:
		return []ScopeKind{ScopeSchool, ScopeCampus}
	case RoleStaff:
		return []ScopeKind{ScopeSchool, ScopeUnit}
	}
	return nil
}
