package rules

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"

	"safecampus/internal/sqldb"
)

// Where a rule must be posted: the places chosen for it one by one, and
// for each place type chosen, every active place of that type that has no
// active child of the same type — the rooms of a dormitory building rather
// than the building and its floors, a power room standing alone. Rules are
// posted on a room's wall; a building whose rooms are recorded is covered
// room by room (docs/decisions/0016-rules-register.md).

type placeRow struct {
	id, parent int64
	name, typ  string
	active     bool
}

// innermost reports whether p has no active child of its own type.
func innermost(p placeRow, sameTypeParent map[int64]bool) bool {
	return p.active && !sameTypeParent[p.id]
}

// requiredAt lists the rules in force that must be posted at placeID.
func requiredAt(ctx context.Context, q sqldb.Querier, school, placeID int64) ([]int64, error) {
	var p placeRow
	err := q.QueryRowContext(ctx, `SELECT id, place_type, active FROM places WHERE id = $1 AND school_id = $2`, placeID, school).Scan(&p.id, &p.typ, &p.active)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil // no such place of the school: nothing is required there
	}
	if err != nil {
		return nil, err
	}
	var children int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM places WHERE parent_id = $1 AND school_id = $2 AND active AND place_type = $3`, placeID, school, p.typ).Scan(&children); err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT r.id, r.post_place_types, EXISTS (SELECT 1 FROM safety_rule_places rp WHERE rp.rule_id = r.id AND rp.place_id = $2)
		FROM safety_rules r WHERE r.school_id = $1 AND r.status = 'in_force' ORDER BY r.id`, school, placeID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		var types string
		var explicit bool
		if err := rows.Scan(&id, &types, &explicit); err != nil {
			return nil, err
		}
		if p.active && (explicit || children == 0 && slices.Contains(splitTypes(types), p.typ)) {
			out = append(out, id)
		}
	}
	return out, rows.Err()
}

// states is the posting state of every rule in force of a school.
type states struct {
	rules  []Rule                  // in force, by code
	byRule map[int64][]PlaceStatus // required places of each, by place path
}

func postingStates(ctx context.Context, q sqldb.Querier, school int64) (*states, error) {
	st := &states{byRule: map[int64][]PlaceStatus{}}
	var err error
	if st.rules, err = queryRules(ctx, q, `SELECT `+ruleCols+` FROM safety_rules WHERE school_id = $1 AND status = 'in_force' ORDER BY code`, school); err != nil {
		return nil, err
	}
	if len(st.rules) == 0 {
		return st, nil
	}
	places, err := loadPlaces(ctx, q, school)
	if err != nil {
		return nil, err
	}
	explicit, err := pairs(ctx, q, `SELECT rp.rule_id, rp.place_id FROM safety_rule_places rp JOIN safety_rules r ON r.id = rp.rule_id
		WHERE rp.school_id = $1 AND r.status = 'in_force'`, school)
	if err != nil {
		return nil, err
	}
	sameTypeParent := map[int64]bool{}
	for _, p := range places.list {
		if par, ok := places.byID[p.parent]; ok && p.active && par.typ == p.typ {
			sameTypeParent[p.parent] = true
		}
	}
	index := map[[2]int64]int{} // (rule, place) → position in byRule[rule]
	for _, r := range st.rules {
		for _, p := range places.list {
			isExplicit := explicit[[2]int64{r.ID, p.id}]
			byType := slices.Contains(r.PlaceTypes, p.typ) && innermost(p, sameTypeParent)
			if !p.active || !isExplicit && !byType {
				continue
			}
			index[[2]int64{r.ID, p.id}] = len(st.byRule[r.ID])
			st.byRule[r.ID] = append(st.byRule[r.ID], PlaceStatus{RuleID: r.ID, PlaceID: p.id, PlaceName: places.path(p.id), PlaceType: p.typ, Explicit: isExplicit})
		}
		slices.SortFunc(st.byRule[r.ID], func(a, b PlaceStatus) int { return strings.Compare(a.PlaceName, b.PlaceName) })
		for i, ps := range st.byRule[r.ID] {
			index[[2]int64{r.ID, ps.PlaceID}] = i
		}
	}
	rows, err := q.QueryContext(ctx, `SELECT rp.rule_id, rp.place_id, rp.posted, rp.verified_on, rp.source, COALESCE(a.display_name, '')
		FROM rule_postings rp JOIN safety_rules r ON r.id = rp.rule_id LEFT JOIN accounts a ON a.id = rp.actor_id
		WHERE rp.school_id = $1 AND r.status = 'in_force' ORDER BY rp.verified_at, rp.id`, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var rule, place int64
		var posted bool
		var on, source, by string
		if err := rows.Scan(&rule, &place, &posted, &on, &source, &by); err != nil {
			return nil, err
		}
		if i, ok := index[[2]int64{rule, place}]; ok {
			ps := &st.byRule[rule][i]
			ps.Checked, ps.Posted, ps.VerifiedOn, ps.Source, ps.VerifiedBy = true, posted, on, source, by
		}
	}
	return st, rows.Err()
}

type placeSet struct {
	list []placeRow
	byID map[int64]placeRow
}

// path names a place by its ancestors, top first.
func (ps placeSet) path(id int64) string {
	var parts []string
	for n := 0; id != 0 && n < 64; n++ {
		p, ok := ps.byID[id]
		if !ok {
			break
		}
		parts = append(parts, p.name)
		id = p.parent
	}
	slices.Reverse(parts)
	return strings.Join(parts, " / ")
}

func loadPlaces(ctx context.Context, q sqldb.Querier, school int64) (placeSet, error) {
	ps := placeSet{byID: map[int64]placeRow{}}
	rows, err := q.QueryContext(ctx, `SELECT id, COALESCE(parent_id, 0), name, place_type, active FROM places WHERE school_id = $1 ORDER BY id`, school)
	if err != nil {
		return ps, err
	}
	defer rows.Close()
	for rows.Next() {
		var p placeRow
		if err := rows.Scan(&p.id, &p.parent, &p.name, &p.typ, &p.active); err != nil {
			return ps, err
		}
		ps.list = append(ps.list, p)
		ps.byID[p.id] = p
	}
	return ps, rows.Err()
}

// pairs reads (a, b) id pairs into a set.
func pairs(ctx context.Context, q sqldb.Querier, query string, args ...any) (map[[2]int64]bool, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[[2]int64]bool{}
	for rows.Next() {
		var a, b int64
		if err := rows.Scan(&a, &b); err != nil {
			return nil, err
		}
		out[[2]int64{a, b}] = true
	}
	return out, rows.Err()
}
