package web

import (
	"context"

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
