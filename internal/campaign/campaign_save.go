package campaign

import (
	"context"
	"fmt"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// SaveCampaign creates (ID 0) or updates a campaign of school. New dates
// that would leave a phase or milestone outside the campaign are refused.
func (s *Service) SaveCampaign(ctx context.Context, a *auth.Actor, school int64, c Campaign) (Campaign, error) {
	if err := canManage(a, school); err != nil {
		return c, err
	}
	c.SchoolID = school
	c, err := cleanCampaign(c)
	if err != nil {
		return c, err
	}
	now := s.Now()
	err = s.write(ctx, a, now, func(tx *sqldb.Tx) (audit.Record, error) {
		rec := audit.Record{SchoolID: school, Entity: "campaign", After: c}
		if c.ID == 0 {
			c.CreatedAt = time.UnixMilli(now.UnixMilli()).UTC()
			err := tx.QueryRowContext(ctx, `INSERT INTO campaigns (school_id, name, doc_no, authority, starts_on, ends_on, report_due_on, description, note, created_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (school_id, name) DO NOTHING RETURNING id`,
				school, c.Name, c.DocNo, c.Authority, c.StartsOn, c.EndsOn, c.ReportDueOn, c.Description, c.Note, now.UnixMilli()).Scan(&c.ID)
			if err != nil {
				return rec, nameTaken(err, c.Name)
			}
			rec.Action, rec.EntityID, rec.After = "campaign.create", c.ID, c
			return rec, nil
		}
		before, err := getCampaign(ctx, tx, school, c.ID)
		if err != nil {
			return rec, err
		}
		c.CreatedAt = before.CreatedAt
		phases, err := listPhases(ctx, tx, school, c.ID)
		if err != nil {
			return rec, err
		}
		ms, err := listMilestones(ctx, tx, school, c.ID)
		if err != nil {
			return rec, err
		}
		if err := checkCampaignHolds(c, phases, ms); err != nil {
			return rec, err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM campaigns WHERE school_id = $1 AND name = $2 AND id <> $3`, school, c.Name, c.ID).Scan(&n); err != nil {
			return rec, err
		}
		if n > 0 {
			return rec, nameTaken(nil, c.Name)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE campaigns SET name = $1, doc_no = $2, authority = $3, starts_on = $4, ends_on = $5, report_due_on = $6,
			description = $7, note = $8 WHERE id = $9 AND school_id = $10`,
			c.Name, c.DocNo, c.Authority, c.StartsOn, c.EndsOn, c.ReportDueOn, c.Description, c.Note, c.ID, school); err != nil {
			return rec, fmt.Errorf("update campaign: %w", err)
		}
		rec.Action, rec.EntityID, rec.Before, rec.After = "campaign.update", c.ID, before, c
		return rec, nil
	})
	return c, err
}

// nameTaken turns "no row inserted" (the name's unique index) into a
// field error; other errors pass through.
func nameTaken(err error, name string) error {
	if err == nil || isNoRows(err) {
		return apperr.Fields("campaign.name_taken", []apperr.FieldError{{Field: "name", Message: "本校已有名为“" + name + "”的专项整治。"}})
	}
	return fmt.Errorf("insert campaign: %w", err)
}

// SavePhase creates (ID 0) or updates a phase of its campaign, refusing a
// phase that runs backwards, overlaps another phase or leaves the campaign.
func (s *Service) SavePhase(ctx context.Context, a *auth.Actor, school int64, p Phase) (Phase, error) {
	if err := canManage(a, school); err != nil {
		return p, err
	}
	p.SchoolID = school
	now := s.Now()
	err := s.write(ctx, a, now, func(tx *sqldb.Tx) (audit.Record, error) {
		rec := audit.Record{SchoolID: school, Entity: "campaign_phase"}
		var before *Phase
		if p.ID != 0 {
			var campaign int64
			if err := tx.QueryRowContext(ctx, `SELECT campaign_id FROM campaign_phases WHERE id = $1 AND school_id = $2`, p.ID, school).Scan(&campaign); err != nil {
				return rec, apperr.NotFoundf("phase.not_found", "阶段不存在。")
			}
			p.CampaignID = campaign
		}
		c, err := getCampaign(ctx, tx, school, p.CampaignID)
		if err != nil {
			return rec, err
		}
		others, err := listPhases(ctx, tx, school, c.ID)
		if err != nil {
			return rec, err
		}
		for i := range others {
			if others[i].ID == p.ID {
				before = &others[i]
			}
		}
		if p, err = CheckPhase(c, others, p); err != nil {
			return rec, err
		}
		if p.ID == 0 {
			if err := tx.QueryRowContext(ctx, `INSERT INTO campaign_phases (school_id, campaign_id, name, starts_on, ends_on, description, note)
				VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, school, c.ID, p.Name, p.StartsOn, p.EndsOn, p.Description, p.Note).Scan(&p.ID); err != nil {
				return rec, fmt.Errorf("insert phase: %w", err)
			}
			rec.Action, rec.EntityID, rec.After = "campaign_phase.create", p.ID, p
			return rec, nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE campaign_phases SET name = $1, starts_on = $2, ends_on = $3, description = $4, note = $5 WHERE id = $6 AND school_id = $7`,
			p.Name, p.StartsOn, p.EndsOn, p.Description, p.Note, p.ID, school); err != nil {
			return rec, fmt.Errorf("update phase: %w", err)
		}
		rec.Action, rec.EntityID, rec.Before, rec.After = "campaign_phase.update", p.ID, before, p
		return rec, nil
	})
	return p, err
}

// DeletePhase removes a phase; its milestones stay (they belong to the
// campaign and are shown as outside any phase).
func (s *Service) DeletePhase(ctx context.Context, a *auth.Actor, school, id int64) error {
	if err := canManage(a, school); err != nil {
		return err
	}
	return s.write(ctx, a, s.Now(), func(tx *sqldb.Tx) (audit.Record, error) {
		rec := audit.Record{SchoolID: school, Entity: "campaign_phase", EntityID: id, Action: "campaign_phase.delete"}
		var p Phase
		err := tx.QueryRowContext(ctx, `SELECT id, campaign_id, name, starts_on, ends_on FROM campaign_phases WHERE id = $1 AND school_id = $2`, id, school).
			Scan(&p.ID, &p.CampaignID, &p.Name, &p.StartsOn, &p.EndsOn)
		if err != nil {
			return rec, apperr.NotFoundf("phase.not_found", "阶段不存在。")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM campaign_phases WHERE id = $1 AND school_id = $2`, id, school); err != nil {
			return rec, fmt.Errorf("delete phase: %w", err)
		}
		rec.Before = p
		return rec, nil
	})
}
