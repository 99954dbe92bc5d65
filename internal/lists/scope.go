package lists

import (
	"context"
	"maps"
	"slices"
	"strings"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/sqldb"
)

// scope is which rows of a school's lists an actor may read, resolved
// once per call from the actor's grants (never from request input).
type scope struct {
	all    bool           // hazard.view for the whole school
	units  map[int64]bool // unit grants with their sub-units; campus grants' units
	places map[int64]bool // places of campus grants and of grid grants (with sub-grids)
	person int64          // the actor's own person: rows they answer for
}

// resolveScope works out the scope of a in school. Without hazard.view
// anywhere in the school the answer is Forbidden: the lists are a view of
// hazards and duties, not of one's own inbox.
func resolveScope(ctx context.Context, q sqldb.Querier, a *auth.Actor, school int64) (scope, error) {
	if !auth.CanSomewhere(a, auth.PermHazardView, school) {
		return scope{}, apperr.ForbiddenErr(string(auth.PermHazardView))
	}
	sc := scope{person: a.PersonID, units: map[int64]bool{}, places: map[int64]bool{}}
	if auth.Can(a, auth.PermHazardView, auth.SchoolScope(school)) {
		sc.all = true
		return sc, nil
	}
	roots := a.ScopeIDs(auth.PermHazardView, school, auth.ScopeUnit)
	campuses := a.ScopeIDs(auth.PermHazardView, school, auth.ScopeCampus)
	if len(campuses) > 0 {
		b := newBuilder(school)
		ids, err := queryIDs(ctx, q, `SELECT id FROM units WHERE school_id = $1 AND campus_id IN (`+b.list(campuses)+`)`, b.args)
		if err != nil {
			return sc, err
		}
		roots = append(roots, ids...)
		b = newBuilder(school)
		ids, err = queryIDs(ctx, q, `SELECT id FROM places WHERE school_id = $1 AND campus_id IN (`+b.list(campuses)+`)`, b.args)
		if err != nil {
			return sc, err
		}
		for _, id := range ids {
			sc.places[id] = true
		}
	}
	if len(roots) > 0 {
		tree, err := org.LoadUnitTree(ctx, q, school)
		if err != nil {
			return sc, err
		}
		for _, id := range tree.Subtree(roots) {
			sc.units[id] = true
		}
	}
	if grids := a.ScopeIDs(auth.PermHazardView, school, auth.ScopeGrid); len(grids) > 0 {
		ids, err := gridPlaces(ctx, q, school, grids)
		if err != nil {
			return sc, err
		}
		for _, id := range ids {
			sc.places[id] = true
		}
	}
	return sc, nil
}

// gridPlaces lists the places of grids roots and their sub-grids.
func gridPlaces(ctx context.Context, q sqldb.Querier, school int64, roots []int64) ([]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, COALESCE(parent_id, 0) FROM grids WHERE school_id = $1`, school)
	if err != nil {
		return nil, err
	}
	tree := org.Tree{} // the same shape: parent → children
	for rows.Next() {
		var id, parent int64
		if err := rows.Scan(&id, &parent); err != nil {
			rows.Close()
			return nil, err
		}
		tree[parent] = append(tree[parent], id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	b := newBuilder(school)
	return queryIDs(ctx, q, `SELECT place_id FROM grid_places WHERE school_id = $1 AND grid_id IN (`+b.list(tree.Subtree(roots))+`)`, b.args)
}

func queryIDs(ctx context.Context, q sqldb.Querier, query string, args []any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// cond adds to b the condition "the row is in scope": its unit (unitCol),
// its place (placeCol) or one of its people (personCols) is within reach.
// An empty column name is skipped.
func (sc scope) cond(b *builder, unitCol, placeCol string, personCols ...string) {
	if sc.all {
		return
	}
	var or []string
	if unitCol != "" && len(sc.units) > 0 {
		or = append(or, unitCol+" IN ("+b.list(keys(sc.units))+")")
	}
	if placeCol != "" && len(sc.places) > 0 {
		or = append(or, placeCol+" IN ("+b.list(keys(sc.places))+")")
	}
	if sc.person != 0 {
		for _, c := range personCols {
			or = append(or, c+" = "+b.arg(sc.person))
		}
	}
	if len(or) == 0 {
		b.add("1 = 0")
		return
	}
	b.add("(" + strings.Join(or, " OR ") + ")")
}

// allows is cond for rows already in memory.
func (sc scope) allows(unit, place int64, people ...int64) bool {
	if sc.all || (unit != 0 && sc.units[unit]) || (place != 0 && sc.places[place]) {
		return true
	}
	for _, p := range people {
		if p != 0 && p == sc.person {
			return true
		}
	}
	return false
}

// keys lists the ids of m in order, so the same scope gives the same SQL.
func keys(m map[int64]bool) []int64 { return slices.Sorted(maps.Keys(m)) }
