package org

import (
	"strconv"
	"strings"
)

// idList renders trusted int64 ids as a SQL list; ids are numbers from the
// database or the actor's grants, never request text.
func idList(ids []int64) string {
	if len(ids) == 0 {
		return "0"
	}
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ",")
}

func itoa(n int) string { return strconv.Itoa(n) }
