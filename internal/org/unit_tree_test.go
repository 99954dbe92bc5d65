package org

import (
	"slices"
	"testing"
)

// Subtree gives each root and everything below it once, even when roots
// overlap or the data holds a cycle.
func TestTreeSubtree(t *testing.T) {
	tree := Tree{0: {1, 5}, 1: {2, 3}, 2: {4}, 5: {6}, 7: {8}, 8: {7}}
	for _, c := range []struct {
		roots []int64
		want  []int64
	}{
		{[]int64{1}, []int64{1, 2, 3, 4}},
		{[]int64{2, 1}, []int64{1, 2, 3, 4}},
		{[]int64{0}, []int64{0, 1, 2, 3, 4, 5, 6}},
		{[]int64{7}, []int64{7, 8}},
		{[]int64{9}, []int64{9}},
		{nil, nil},
	} {
		got := tree.Subtree(c.roots)
		slices.Sort(got)
		if !slices.Equal(got, c.want) {
			t.Errorf("Subtree(%v) = %v, want %v", c.roots, got, c.want)
		}
	}
}
