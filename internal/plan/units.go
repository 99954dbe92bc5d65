package plan

import (
	"context"
	"math"
	"sort"

	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

type unitNode struct {
	id, parent, campus, sort int64
	name                     string
}

// unitTree is the school's units in memory: enough to order rows the way
// the unit list shows them and to give each row its authorisation scope
// without a query per row.
type unitTree struct {
	nodes map[int64]unitNode
	pos   map[int64]int // depth-first position
}

func loadUnitTree(ctx context.Context, q sqldb.Querier, school int64) (unitTree, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, COALESCE(parent_id, 0), COALESCE(campus_id, 0), sort_order, name FROM units WHERE school_id = $1`, school)
	if err != nil {
		return unitTree{}, err
	}
	defer rows.Close()
	t := unitTree{nodes: map[int64]unitNode{}, pos: map[int64]int{}}
	var all []unitNode
	for rows.Next() {
		var n unitNode
		if err := rows.Scan(&n.id, &n.parent, &n.campus, &n.sort, &n.name); err != nil {
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
	children := map[int64][]int64{}
	for _, n := range all {
		p := n.parent
		if _, ok := t.nodes[p]; !ok {
			p = 0 // orphans count as roots
		}
		children[p] = append(children[p], n.id)
	}
	var walk func(id int64)
	walk = func(id int64) {
		for _, c := range children[id] {
			if _, seen := t.pos[c]; seen {
				continue // a cycle in bad data must not loop forever
			}
			t.pos[c] = len(t.pos)
			walk(c)
		}
	}
	walk(0)
	return t, nil
}

func (t unitTree) name(id int64) string { return t.nodes[id].name }

// order is the unit's place in the tree; rows without a unit come last.
func (t unitTree) order(id int64) int {
	if p, ok := t.pos[id]; ok {
		return p
	}
	return math.MaxInt
}

// scope is the authorisation scope of a record of unit id.
func (t unitTree) scope(school, id int64) auth.Scope {
	sc := auth.SchoolScope(school)
	for n, ok := t.nodes[id]; ok && len(sc.UnitPath) < 64; n, ok = t.nodes[n.parent] {
		sc.UnitPath = append(sc.UnitPath, n.id)
		if sc.CampusID == 0 {
			sc.CampusID = n.campus
		}
	}
	return sc
}
