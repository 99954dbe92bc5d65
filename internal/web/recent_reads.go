package web

import (
	"cmp"
	"sync"
	"time"

	"safecampus/internal/sqldb"
)

// recentReads keeps, per account, the answers every page view needs and
// that only a write changes: the current school, the school switcher's
// list and the unread-notification badge. Each was a query on every page
// (together about a tenth of a page view's CPU, docs/benchmarks.md §2).
//
// The rule is the actor cache's (internal/auth/actorcache.go): an entry is
// used only while sqldb.DB.Writes() still equals the count noted before it
// was read, so any write through Transact — a new notification, a read
// mark, a renamed school, new grants — ends every entry before that
// write's call returns. The TTL bounds writes by another process (the
// command line) that the count cannot see.
type recentReads struct {
	mu  sync.Mutex
	m   map[recentKey]recentEntry
	max int // entries; 0 is recentMax
}

type recentKey struct {
	kind    string // what was read: "school", "schools", "unread"
	account int64
	id      int64
}

type recentEntry struct {
	v      any
	writes uint64
	until  time.Time // wall clock: tests pin Server.Now
}

const (
	recentTTL = 2 * time.Second
	recentMax = 4096 // entries; past it the map starts over
)

// recentRead returns load's answer for k, reusing one read since the last
// write. Errors are not kept. Values are shared between requests: callers
// must not change them (slices are cloned by the callers that hand them on).
func recentRead[T any](c *recentReads, db *sqldb.DB, k recentKey, load func() (T, error)) (T, error) {
	writes, now := db.Writes(), time.Now()
	c.mu.Lock()
	e, ok := c.m[k]
	c.mu.Unlock()
	if ok && e.writes == writes && now.Before(e.until) {
		return e.v.(T), nil
	}
	v, err := load()
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= cmp.Or(c.max, recentMax) {
		c.m = map[recentKey]recentEntry{}
	}
	c.m[k] = recentEntry{v: v, writes: writes, until: now.Add(recentTTL)}
	c.mu.Unlock()
	return v, nil
}
