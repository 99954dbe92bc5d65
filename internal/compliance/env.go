package compliance

import (
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// Env is what one evaluation reads: the school's data through a querier,
// its parameters, the period, today's date in the school's zone and the
// unit tree. Facts a rule loads for the whole school are cached in the
// Env, so a scorecard of many units reads each table once and filters in
// memory.
type Env struct {
	Q       sqldb.Querier
	Dialect sqldb.Dialect
	School  int64
	Period  Period
	Today   string // 'YYYY-MM-DD' in the school's zone
	Loc     *time.Location
	Now     time.Time
	Actor   *auth.Actor
	db      *sqldb.DB
	params  map[string]map[string]int64
	units   unitTree
	cache   map[string]any
}

// Param is the school's value of a rule's parameter (its default when the
// school never set it).
func (e *Env) Param(rule, key string) int64 { return e.params[rule][key] }

// once returns the cached value of key, loading it on first use.
func once[T any](e *Env, key string, load func() (T, error)) (T, error) {
	if v, ok := e.cache[key]; ok {
		return v.(T), nil
	}
	v, err := load()
	if err != nil {
		var zero T
		return zero, err
	}
	e.cache[key] = v
	return v, nil
}

// dayStart is the first instant (Unix ms) of date d in the school's zone.
func (e *Env) dayStart(d string) int64 {
	t, err := time.ParseInLocation(time.DateOnly, d, e.Loc)
	if err != nil {
		return 0
	}
	return t.UnixMilli()
}

// dayEnd is the first instant (Unix ms) after date d in the school's zone.
func (e *Env) dayEnd(d string) int64 {
	t, err := time.ParseInLocation(time.DateOnly, d, e.Loc)
	if err != nil {
		return 0
	}
	return t.AddDate(0, 0, 1).UnixMilli()
}

// date is the school-zone date of instant ms.
func (e *Env) date(ms int64) string { return time.UnixMilli(ms).In(e.Loc).Format(time.DateOnly) }

// started reports whether the period has begun.
func (e *Env) started() bool { return e.Period.Start <= e.Today }
