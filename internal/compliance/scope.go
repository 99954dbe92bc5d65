package compliance

import (
	"context"
	"database/sql"
	"errors"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/checklist"
)

// areaGeneral is hazard.AreaGeneral (其他): hazards no check area fits.
const areaGeneral = "GEN"

// validArea reports whether a is one of the notice's areas (or GEN, the
// hazards no area fits).
func validArea(a string) bool {
	if a == areaGeneral {
		return true
	}
	for _, x := range checklist.Areas {
		if string(x) == a {
			return true
		}
	}
	return false
}

// checkScope answers NotFound for a scope outside the school or out of the
// actor's reach (decision 0009: the actor holds the right somewhere, so a
// record it cannot see is "not found").
func (e *Env) checkScope(ctx context.Context, sc Scope) error {
	a := e.Actor
	switch sc.Kind {
	case ScopeSchool, ScopeArea:
		if sc.Kind == ScopeArea && !validArea(sc.Area) {
			return apperr.Invalidf("compliance.scope", "检查领域“%s”无效。", sc.Area)
		}
		if !auth.Can(a, auth.PermComplianceView, auth.SchoolScope(e.School)) {
			return apperr.NotFoundf("compliance.scope", "没有可查看的全校范围数据。")
		}
	case ScopeUnit:
		if _, ok := e.units.nodes[sc.ID]; !ok || !auth.Can(a, auth.PermComplianceView, e.units.authScope(e.School, sc.ID)) {
			return apperr.NotFoundf("unit.not_found", "部门不存在。")
		}
	case ScopeCampus:
		var n int
		if err := e.Q.QueryRowContext(ctx, `SELECT COUNT(*) FROM campuses WHERE id = $1 AND school_id = $2`, sc.ID, e.School).Scan(&n); err != nil {
			return err
		}
		if n == 0 || !auth.Can(a, auth.PermComplianceView, auth.Scope{SchoolID: e.School, CampusID: sc.ID}) {
			return apperr.NotFoundf("campus.not_found", "校区不存在。")
		}
	case ScopePerson:
		var unit int64
		err := e.Q.QueryRowContext(ctx, `SELECT COALESCE(unit_id, 0) FROM people WHERE id = $1 AND school_id = $2`, sc.ID, e.School).Scan(&unit)
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.NotFoundf("person.not_found", "人员不存在。")
		}
		if err != nil {
			return err
		}
		if !auth.Can(a, auth.PermComplianceView, e.units.authScope(e.School, unit)) {
			return apperr.NotFoundf("person.not_found", "人员不存在。")
		}
	default:
		return apperr.Invalidf("compliance.scope", "范围无效。")
	}
	return nil
}

// unitIn returns the filter "unit u lies in scope sc" for unit-owned
// records (nil: every unit, the school scope).
func (e *Env) unitIn(sc Scope) func(u int64) bool {
	switch sc.Kind {
	case ScopeUnit:
		set := e.units.subtree(sc.ID)
		return func(u int64) bool { return set[u] }
	case ScopeCampus:
		set := e.units.onCampus(sc.ID)
		return func(u int64) bool { return set[u] }
	case ScopePerson:
		return func(int64) bool { return false }
	}
	return func(int64) bool { return true }
}

// ScopeLabel names a scope for a page heading: 全校, the unit's, person's
// or campus's name, or the area's Chinese name. A scope of another school
// is not found.
func (s *Service) ScopeLabel(ctx context.Context, school int64, sc Scope) (string, error) {
	var query string
	switch sc.Kind {
	case ScopeSchool:
		return "全校", nil
	case ScopeArea:
		if sc.Area == areaGeneral {
			return "其他", nil
		}
		return checklist.Area(sc.Area).Label(), nil
	case ScopeUnit:
		query = `SELECT name FROM units WHERE id = $1 AND school_id = $2`
	case ScopePerson:
		query = `SELECT name FROM people WHERE id = $1 AND school_id = $2`
	case ScopeCampus:
		query = `SELECT name FROM campuses WHERE id = $1 AND school_id = $2`
	default:
		return "", apperr.Invalidf("compliance.scope", "范围无效。")
	}
	var name string
	err := s.DB.Read().QueryRowContext(ctx, query, sc.ID, school).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", apperr.NotFoundf("compliance.scope", "范围不存在。")
	}
	return name, err
}
