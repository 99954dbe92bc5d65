package auth

import "testing"

func TestCan(t *testing.T) {
	const school, other = 1, 2
	unitGrant := func(r Role, unit int64) *Actor {
		return &Actor{Grants: []Grant{{Role: r, SchoolID: school, ScopeKind: ScopeUnit, ScopeID: unit}}}
	}
	schoolGrant := func(r Role) *Actor {
		return &Actor{Grants: []Grant{{Role: r, SchoolID: school, ScopeKind: ScopeSchool}}}
	}
	inUnit := func(path ...int64) Scope { return Scope{SchoolID: school, UnitPath: path} }
	tests := []struct {
		name  string
		actor *Actor
		perm  Permission
		scope Scope
		want  bool
	}{
		{"nil actor", nil, PermOrgView, SchoolScope(school), false},
		{"system admin anywhere", System(), PermOrgManage, SchoolScope(other), true},
		{"school admin manages own school", schoolGrant(RoleSchoolAdmin), PermOrgManage, SchoolScope(school), true},
		{"school admin not another school", schoolGrant(RoleSchoolAdmin), PermOrgManage, SchoolScope(other), false},
		{"school admin not another school's view", schoolGrant(RoleSchoolAdmin), PermOrgView, SchoolScope(other), false},
		{"staff views org", schoolGrant(RoleStaff), PermOrgView, SchoolScope(school), true},
		{"staff cannot manage", schoolGrant(RoleStaff), PermOrgManage, SchoolScope(school), false},
		{"staff cannot see people", schoolGrant(RoleStaff), PermPeopleView, SchoolScope(school), false},
		{"leader cannot manage accounts", schoolGrant(RolePrincipalLeader), PermAccountManage, SchoolScope(school), false},
		{"leader reads audit", schoolGrant(RolePrincipalLeader), PermAuditView, SchoolScope(school), true},
		{"unit head sees people of own unit", unitGrant(RoleUnitHead, 5), PermPeopleView, inUnit(5, 1), true},
		{"unit head sees people of sub-unit", unitGrant(RoleUnitHead, 5), PermPeopleView, inUnit(9, 5, 1), true},
		{"unit head not sibling unit", unitGrant(RoleUnitHead, 5), PermPeopleView, inUnit(6, 1), false},
		{"unit head not school-wide people", unitGrant(RoleUnitHead, 5), PermPeopleView, SchoolScope(school), false},
		{"unit head reads org school-wide", unitGrant(RoleUnitHead, 5), PermOrgView, SchoolScope(school), true},
		{"unit head not other school org", unitGrant(RoleUnitHead, 5), PermOrgView, SchoolScope(other), false},
		{"authority viewer reads overseen school", &Actor{Grants: []Grant{{Role: RoleAuthorityViewer, SchoolID: school, ScopeKind: ScopeSchool, AuthorityID: 3}}}, PermOrgView, SchoolScope(school), true},
		{"authority viewer cannot change", &Actor{Grants: []Grant{{Role: RoleAuthorityViewer, SchoolID: school, ScopeKind: ScopeSchool, AuthorityID: 3}}}, PermOrgManage, SchoolScope(school), false},
		{"campus grant covers its campus", &Actor{Grants: []Grant{{Role: RoleSchoolAdmin, SchoolID: school, ScopeKind: ScopeCampus, ScopeID: 4}}}, PermOrgManage, Scope{SchoolID: school, CampusID: 4}, true},
		{"campus grant not other campus", &Actor{Grants: []Grant{{Role: RoleSchoolAdmin, SchoolID: school, ScopeKind: ScopeCampus, ScopeID: 4}}}, PermOrgManage, Scope{SchoolID: school, CampusID: 3}, false},
		{"grid grant covers nested grid", &Actor{Grants: []Grant{{Role: RoleGridLeader, SchoolID: school, ScopeKind: ScopeGrid, ScopeID: 8}}}, PermPeopleView, Scope{SchoolID: school, GridPath: []int64{12, 8}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Can(tt.actor, tt.perm, tt.scope); got != tt.want {
				t.Fatalf("Can = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestEveryRoleHasAScopeAndALabel(t *testing.T) {
	for _, r := range AllRoles {
		if len(r.AllowedScopes()) == 0 {
			t.Errorf("%s has no allowed scope", r)
		}
		if r.Label() == string(r) {
			t.Errorf("%s has no Chinese label", r)
		}
		if _, ok := rolePerms[r]; !ok {
			t.Errorf("%s has no permission row", r)
		}
	}
}

func TestPassword(t *testing.T) {
	h, err := HashPassword("正确的密码 horse")
	if err != nil {
		t.Fatal(err)
	}
	if h2, _ := HashPassword("正确的密码 horse"); h2 == h {
		t.Fatal("two hashes of one password must differ (salt)")
	}
	for pw, want := range map[string]bool{"正确的密码 horse": true, "正确的密码 Horse": false, "": false} {
		ok, err := CheckPassword(h, pw)
		if err != nil || ok != want {
			t.Errorf("CheckPassword(%q) = %v, %v; want %v", pw, ok, err, want)
		}
	}
	if _, err := CheckPassword("$2a$10$bcrypt-not-supported", "x"); err == nil {
		t.Fatal("a foreign hash format must be an error")
	}
}
