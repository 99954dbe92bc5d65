package web

import (
	"context"
	"strconv"

	"safecampus/internal/auth"
	"safecampus/internal/hazard"
)

// hazardRecord is hazard.Service.Record kept per account and hazard until
// the next write (recent_reads.go's rule): a hazard's page is opened again
// and again while it is worked on — back from the list, after a photo, on
// a second device — and its seven queries were half of a view's CPU
// (docs/benchmarks.md, "Hazards"). Any step, photo, extension or grant is a
// write and ends the entry. The record is shared: callers must not change it.
func (s *Server) hazardRecord(ctx context.Context, a *auth.Actor, school, id int64) (*hazard.Record, error) {
	if a == nil || a.AccountID == 0 {
		return s.Hazard.Record(ctx, a, school, id)
	}
	load := func() (*hazard.Record, error) { return s.Hazard.Record(ctx, a, school, id) }
	rec, err := recentRead(&s.recent, s.DB, recentKey{"hazard.record", a.AccountID, id}, load)
	if err == nil && rec.Hazard.SchoolID != school {
		// Kept while the account worked in another school: ask again, which
		// answers not found for a hazard outside the current school.
		return load()
	}
	return rec, err
}

// hazardListsKept bounds the kept list pages: one is ~51 hazards (≈ 25 KB),
// so the cache stays under ~6 MB however many filters people try.
const hazardListsKept = 256

// hazardSelectsKept bounds the kept option lists of the assign forms: one
// is ~60 KB for a school of 240 people, so at most ~4 MB.
const hazardSelectsKept = 64

// hazardListPage is hazard.Service.List kept per account, school and
// filter until the next write (the rule above). The list is the page
// people come back to between steps, and its query with the rows' names
// was 60 % of a list view on a 1 M-hazard database. Any write — a report,
// a step, the escalation sweep — ends every kept page. Callers must not
// change the slice.
func (s *Server) hazardListPage(ctx context.Context, a *auth.Actor, school int64, f hazard.Filter, key string) ([]hazard.Hazard, int64, error) {
	type page struct {
		rows []hazard.Hazard
		next int64
	}
	load := func() (page, error) {
		rows, next, err := s.Hazard.List(ctx, a, school, f)
		return page{rows, next}, err
	}
	if a == nil || a.AccountID == 0 {
		p, err := load()
		return p.rows, p.next, err
	}
	p, err := recentRead(&s.lists, s.DB, recentKey{"hazard.list:" + strconv.FormatInt(school, 10) + "?" + key, a.AccountID, 0}, load)
	return p.rows, p.next, err
}
