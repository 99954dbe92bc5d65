package hazard

import (
	"context"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// Actions lists the steps a may take on h now, for the page's buttons:
// the table's answer plus the guards that need no form input (a pending
// extension, the listing flag, the accept rules).
func (s *Service) Actions(ctx context.Context, a *auth.Actor, h *Hazard) ([]Action, error) {
	return s.actions(ctx, s.DB.Read(), a, h)
}

func (s *Service) actions(ctx context.Context, q sqldb.Querier, a *auth.Actor, h *Hazard) ([]Action, error) {
	rels, err := s.Relations(ctx, q, a, h)
	if err != nil {
		return nil, err
	}
	pending, err := pendingExtension(ctx, q, h.SchoolID, h.ID)
	if err != nil {
		return nil, err
	}
	var out []Action
	for _, r := range Table {
		if !Permits(r.Action, h.Status, h.Major(), rels) {
			continue
		}
		switch r.Action {
		case ActRequestExtension:
			if pending != nil {
				continue
			}
		case ActApproveExtension, ActRefuseExtension:
			if pending == nil {
				continue
			}
		case ActList:
			if h.Listed {
				continue
			}
		case ActDelist:
			if !h.Listed {
				continue
			}
		case ActAccept:
			if err := acceptGuard(ctx, q, a, h); err != nil {
				if apperr.KindOf(err) == apperr.Internal {
					return nil, err
				}
				continue
			}
		}
		out = append(out, r.Action)
	}
	return out, nil
}
