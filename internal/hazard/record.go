package hazard

import (
	"context"

	"safecampus/internal/auth"
)

// Record is everything a hazard's page shows, read together.
type Record struct {
	Hazard                  *Hazard
	Timeline                []Event
	Names                   TimelineNames // of the units and people the timeline's steps named
	Actions                 []Action
	Before, After, Progress []Photo
	Extensions              []Extension
	Plan                    *Plan     // major hazards only; nil when none saved
	Listings                []Listing // major hazards only
}

// Record reads hazard id of school with its timeline, photos, extension
// requests, the actions a may take and, for a major hazard, its governance
// plan and 挂牌督办 history. It loads the hazard and checks that a may see
// it once: reading the parts through Timeline, Photos, Extensions … each
// loaded it again (five loads of 53 columns and seven joins per page view,
// a quarter of its time; docs/benchmarks.md, "Hazards").
func (s *Service) Record(ctx context.Context, a *auth.Actor, school, id int64) (*Record, error) {
	q := s.DB.Read()
	h, err := s.visibleHazard(ctx, q, a, school, id)
	if err != nil {
		return nil, err
	}
	rec := &Record{Hazard: h}
	if rec.Timeline, err = events(ctx, q, school, id); err != nil {
		return nil, err
	}
	if rec.Names, err = timelineNames(ctx, q, school, rec.Timeline); err != nil {
		return nil, err
	}
	if rec.Actions, err = s.actions(ctx, q, a, h); err != nil {
		return nil, err
	}
	if rec.Before, rec.After, rec.Progress, err = photosOf(ctx, q, h); err != nil {
		return nil, err
	}
	if rec.Extensions, err = extensionsOf(ctx, q, school, id); err != nil {
		return nil, err
	}
	if h.Major() {
		if rec.Plan, err = planOf(ctx, q, school, id); err != nil {
			return nil, err
		}
		if rec.Listings, err = listingsOf(ctx, q, school, id); err != nil {
			return nil, err
		}
	}
	return rec, nil
}
