package inspection

import (
	"context"

	"safecampus/internal/auth"
	"safecampus/internal/checklist"
)

// Form is what the inspection form shows for a draft: the draft with its
// defaults filled in from its due inspection and place, and the questions
// it asks.
type Form struct {
	Draft
	PlaceName string
	PlaceType string
	DueLabel  string // the plan and period a due inspection fulfils
	Items     []checklist.Item
}

// Form checks that a may inspect where d points (the place exists in the
// school and is active) and returns the form to show. A form without a
// kind or a due inspection is a grid patrol, the everyday kind.
func (s *Service) Form(ctx context.Context, a *auth.Actor, school int64, d Draft) (Form, error) {
	if d.Kind == "" && d.DueID == 0 {
		d.Kind = KindGridPatrol
	}
	q := s.DB.Read()
	p, err := s.resolve(ctx, q, a, school, d)
	if err != nil {
		return Form{}, err
	}
	items, err := s.Checklist.ItemsForInspection(ctx, q, school, p.ItemSetID, p.place.Type)
	if err != nil {
		return Form{}, err
	}
	f := Form{Draft: p.Draft, PlaceName: p.place.Name, PlaceType: p.place.Type, Items: items}
	if p.due.ID != 0 {
		f.DueLabel = p.due.PlanName + " · " + p.due.Period
	}
	return f, nil
}

// FindSubmitted returns the actor's submitted inspection with client id
// cid, if there is one: the form page sends a reload of a submitted form
// to its record.
func (s *Service) FindSubmitted(ctx context.Context, a *auth.Actor, school int64, cid string) (Submitted, bool, error) {
	return findSubmitted(ctx, s.DB.Read(), a, school, cid)
}
