package campaign

import (
	"context"
	"fmt"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/sqldb"
)

// Service is the campaign service: every method asks auth.Can first and
// writes with its audit entry in one transaction.
type Service struct {
	DB  *sqldb.DB
	Now func() time.Time
}

// NewService returns a campaign service.
func NewService(db *sqldb.DB, now func() time.Time) *Service { return &Service{DB: db, Now: now} }

// write runs fn in a transaction and appends the audit record it returns.
func (s *Service) write(ctx context.Context, a *auth.Actor, now time.Time, fn func(tx *sqldb.Tx) (audit.Record, error)) error {
	return s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		rec, err := fn(tx)
		if err != nil {
			return err
		}
		rec.ActorID = a.AccountID
		_, err = audit.Append(ctx, tx, now, rec)
		return err
	})
}

// canView: everyone of the school (and its authority, read-only) may see
// campaigns. A school the actor has no part in answers "not found".
func canView(a *auth.Actor, school int64) error {
	if auth.Can(a, auth.PermCampaignView, auth.SchoolScope(school)) {
		return nil
	}
	if a != nil && (a.IsSystemAdmin() || containsID(a.SchoolIDs(), school)) {
		return apperr.ForbiddenErr(string(auth.PermCampaignView))
	}
	return apperr.NotFoundf("campaign.not_found", "专项整治不存在。")
}

// canManage: the campaign office (school admin) and system admins.
func canManage(a *auth.Actor, school int64) error {
	if auth.Can(a, auth.PermCampaignManage, auth.SchoolScope(school)) {
		return nil
	}
	return apperr.ForbiddenErr(string(auth.PermCampaignManage))
}

// CanManage reports whether a may change campaigns of school (pages use it
// to show the buttons).
func CanManage(a *auth.Actor, school int64) bool {
	return auth.Can(a, auth.PermCampaignManage, auth.SchoolScope(school))
}

func containsID(xs []int64, x int64) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// schoolToday is today's date in the school's time zone.
func schoolToday(ctx context.Context, q sqldb.Querier, school int64, now time.Time) (string, error) {
	var tz string
	if err := q.QueryRowContext(ctx, `SELECT timezone FROM schools WHERE id = $1`, school).Scan(&tz); err != nil {
		return "", fmt.Errorf("school timezone: %w", err)
	}
	return Today(now, org.School{Timezone: tz}.Location()), nil
}

// ListCampaigns returns the school's campaigns, latest first.
func (s *Service) ListCampaigns(ctx context.Context, a *auth.Actor, school int64) ([]Campaign, error) {
	if err := canView(a, school); err != nil {
		return nil, err
	}
	return listCampaigns(ctx, s.DB.Read(), school)
}

// FindCampaign returns one campaign of the school.
func (s *Service) FindCampaign(ctx context.Context, a *auth.Actor, school, id int64) (Campaign, error) {
	if err := canView(a, school); err != nil {
		return Campaign{}, err
	}
	return getCampaign(ctx, s.DB.Read(), school, id)
}

// FindPhase returns one phase of the school.
func (s *Service) FindPhase(ctx context.Context, a *auth.Actor, school, id int64) (Phase, error) {
	if err := canView(a, school); err != nil {
		return Phase{}, err
	}
	var campaign int64
	err := s.DB.Read().QueryRowContext(ctx, `SELECT campaign_id FROM campaign_phases WHERE id = $1 AND school_id = $2`, id, school).Scan(&campaign)
	if err != nil {
		return Phase{}, apperr.NotFoundf("phase.not_found", "阶段不存在。")
	}
	ps, err := listPhases(ctx, s.DB.Read(), school, campaign)
	if err != nil {
		return Phase{}, err
	}
	for _, p := range ps {
		if p.ID == id {
			return p, nil
		}
	}
	return Phase{}, apperr.NotFoundf("phase.not_found", "阶段不存在。")
}

// FindMilestone returns one milestone of the school with its units.
func (s *Service) FindMilestone(ctx context.Context, a *auth.Actor, school, id int64) (Milestone, error) {
	if err := canView(a, school); err != nil {
		return Milestone{}, err
	}
	return getMilestone(ctx, s.DB.Read(), school, id)
}
