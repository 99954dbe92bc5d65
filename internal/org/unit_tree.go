package org

import (
	"context"

	"safecampus/internal/sqldb"
)

// Tree maps a parent id to its children's ids (0 is the parent of the top
// level). The ledger and the four lists load a school's units into one once
// per request and take subtrees from it, instead of a recursive query per
// filter; the lists build a grid tree of the same shape.
type Tree map[int64][]int64

// LoadUnitTree reads the units of school (active or not) as a Tree.
func LoadUnitTree(ctx context.Context, q sqldb.Querier, school int64) (Tree, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, COALESCE(parent_id, 0) FROM units WHERE school_id = $1`, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	t := Tree{}
	for rows.Next() {
		var id, parent int64
		if err := rows.Scan(&id, &parent); err != nil {
			return nil, err
		}
		t[parent] = append(t[parent], id)
	}
	return t, rows.Err()
}

// Subtree returns roots and all their descendants, each once.
func (t Tree) Subtree(roots []int64) []int64 {
	seen := map[int64]bool{}
	var out []int64
	stack := append([]int64(nil), roots...)
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[id] {
			continue
		}
		seen[id] = true
		out = append(out, id)
		stack = append(stack, t[id]...)
	}
	return out
}
