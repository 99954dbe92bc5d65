package auth

import (
	"sync"
	"time"
)

// actorCache keeps the actor of a session for a short time, so a page view
// does not re-read the session, the account and its grants each time (they
// were about 15 % of a page's CPU).
//
// An entry is used only while the database's write count is the one noted
// before it was read (sqldb.DB.Writes): any write through Transact —
// logout, disabling an account, new grants, a password change or reset, an
// authority's new schools — ends every entry before that write's call
// returns. The TTL bounds what the count cannot see: writes made by
// another process (the command line) on the same database.
type actorCache struct {
	mu sync.Mutex
	m  map[string]cachedActor // by token hash
}

type cachedActor struct {
	actor  *Actor
	sess   Session
	writes uint64    // sqldb write count before the read
	until  time.Time // wall clock, not Service.Now: tests pin that one
}

const (
	actorCacheTTL = 2 * time.Second
	actorCacheMax = 4096 // sessions; past it, stale entries go, then all
)

// get returns a copy of the cached actor (callers may change theirs).
func (c *actorCache) get(key string, writes uint64, now time.Time) (*Actor, Session, bool) {
	c.mu.Lock()
	e, ok := c.m[key]
	c.mu.Unlock()
	if !ok || e.writes != writes || !now.Before(e.until) {
		return nil, Session{}, false
	}
	a := *e.actor
	a.Grants = append([]Grant(nil), e.actor.Grants...)
	return &a, e.sess, true
}

func (c *actorCache) put(key string, e cachedActor) {
	a := *e.actor
	a.Grants = append([]Grant(nil), e.actor.Grants...)
	e.actor = &a
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]cachedActor{}
	}
	if len(c.m) >= actorCacheMax {
		now := e.until.Add(-actorCacheTTL)
		for k, old := range c.m {
			if old.writes != e.writes || !now.Before(old.until) {
				delete(c.m, k)
			}
		}
		if len(c.m) >= actorCacheMax {
			clear(c.m)
		}
	}
	c.m[key] = e
}

func (c *actorCache) forget(key string) {
	c.mu.Lock()
	delete(c.m, key)
	c.mu.Unlock()
}
