package compliance

import (
	"context"
	"sort"

	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

type unitNode struct {
	id, parent, campus, sort int64
	name, kind               string
	active                   bool
}

// unitTree is the school's units in memory: rows in tree order, each
// unit's subtree for scope filters and its authorisation scope.
type unitTree struct {
	nodes    map[int64]unitNode
	order    []int64 // depth-first
	depth    map[int64]int
	children map[int64][]int64
}

func loadUnits(ctx context.Context, q sqldb.Querier, school int64) (unitTree, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, COALESCE(parent_id, 0), COALESCE(campus_id, 0), sort_order, name, kind, active FROM units WHERE school_id = $1`, school)
	if err != nil {
		return unitTree{}, err
	}
	defer rows.Close()
	t := unitTree{nodes: map[int64]unitNode{}, depth: map[int64]int{}, children: map[int64][]int64{}}
	var all []unitNode
	for rows.Next() {
		var n unitNode
		if err := rows.Scan(&n.id, &n.parent, &n.campus, &n.sort, &n.name, &n.kind, &n.active); err != nil {
			return unitTree{}, err
		}
		t.nodes[n.id] = n
		all = append(all, n)
	}
	if err := rows.Err(); err != nil {
		return unitTree{}, err
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].sort != all[j].sort {
			return all[i].sort < all[j].sort
		}
		return all[i].id < all[j].id
	})
	for _, n := range all {
		p := n.parent
		if _, ok := t.nodes[p]; !ok {
			p = 0 // orphans count as roots
		}
		t.children[p] = append(t.children[p], n.id)
	}
	var walk func(id int64, d int)
	walk = func(id int64, d int) {
		for _, c := range t.children[id] {
			if _, seen := t.depth[c]; seen {
				continue // a cycle in bad data must not loop forever
			}
			t.depth[c] = d
			t.order = append(t.order, c)
			walk(c, d+1)
		}
	}
	walk(0, 0)
	return t, nil
}

// subtree is the set of root and every unit below it.
func (t unitTree) subtree(root int64) map[int64]bool {
	out := map[int64]bool{}
	var walk func(id int64)
	walk = func(id int64) {
		if out[id] {
			return
		}
		out[id] = true
		for _, c := range t.children[id] {
			walk(c)
		}
	}
	walk(root)
	return out
}

// onCampus is the set of units of campus c and every unit below them.
func (t unitTree) onCampus(c int64) map[int64]bool {
	out := map[int64]bool{}
	for id, n := range t.nodes {
		if n.campus == c {
			for u := range t.subtree(id) {
				out[u] = true
			}
		}
	}
	return out
}

// authScope is the authorisation scope of unit id.
func (t unitTree) authScope(school, id int64) auth.Scope {
	sc := auth.SchoolScope(school)
	for n, ok := t.nodes[id]; ok && len(sc.UnitPath) < 64; n, ok = t.nodes[n.parent] {
		sc.UnitPath = append(sc.UnitPath, n.id)
		if sc.CampusID == 0 {
			sc.CampusID = n.campus
		}
	}
	return sc
}
