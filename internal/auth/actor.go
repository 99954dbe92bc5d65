// Package auth holds accounts, sessions, roles and the one authorisation
// decision, Can(actor, permission, scope).
package auth

import "sort"

// Grant is a role held at a scope.
type Grant struct {
	Role      Role
	SchoolID  int64 // 0 for system and authority grants before expansion
	ScopeKind ScopeKind
	ScopeID   int64
	// AuthorityID is set on school grants expanded from an authority grant.
	AuthorityID int64
}

// Actor is the authenticated account making a request, resolved once per
// request and passed down; scope is never re-derived from request input.
type Actor struct {
	AccountID   int64
	Username    string
	DisplayName string
	PersonID    int64
	HomeSchool  int64
	MustChange  bool
	Grants      []Grant
}

// System is the actor for work the program does by itself (migrations,
// the demo loader, the scheduler).
func System() *Actor {
	return &Actor{Username: "system", DisplayName: "系统", Grants: []Grant{{Role: RoleSystemAdmin, ScopeKind: ScopeSystem}}}
}

// IsSystemAdmin reports whether the actor holds the system admin role.
func (a *Actor) IsSystemAdmin() bool {
	for _, g := range a.Grants {
		if g.ScopeKind == ScopeSystem {
			return true
		}
	}
	return false
}

// SchoolIDs lists the schools the actor holds any grant in (not counting
// system admin, which reaches every school).
func (a *Actor) SchoolIDs() []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, g := range a.Grants {
		if g.SchoolID != 0 && !seen[g.SchoolID] {
			seen[g.SchoolID] = true
			out = append(out, g.SchoolID)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// Roles lists the distinct roles the actor holds.
func (a *Actor) Roles() []Role {
	seen := map[Role]bool{}
	var out []Role
	for _, g := range a.Grants {
		if !seen[g.Role] {
			seen[g.Role] = true
			out = append(out, g.Role)
		}
	}
	return out
}

// HasRole reports whether the actor holds role r anywhere.
func (a *Actor) HasRole(r Role) bool {
	for _, g := range a.Grants {
		if g.Role == r {
			return true
		}
	}
	return false
}

// ScopeIDs lists the scope ids of the actor's grants of kind k that carry p
// in school s: used to filter lists for narrowly scoped roles.
func (a *Actor) ScopeIDs(p Permission, s int64, k ScopeKind) []int64 {
	var out []int64
	for _, g := range a.Grants {
		if g.SchoolID == s && g.ScopeKind == k && RoleHas(g.Role, p) {
			out = append(out, g.ScopeID)
		}
	}
	return out
}
