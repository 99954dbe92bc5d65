package campaign

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/sqldb"
)

const campaignCols = `id, school_id, name, doc_no, authority, starts_on, ends_on, report_due_on, description, note, created_at`

type scanner interface{ Scan(dest ...any) error }

func scanCampaign(s scanner) (Campaign, error) {
	var c Campaign
	var created int64
	err := s.Scan(&c.ID, &c.SchoolID, &c.Name, &c.DocNo, &c.Authority, &c.StartsOn, &c.EndsOn, &c.ReportDueOn, &c.Description, &c.Note, &created)
	c.CreatedAt = time.UnixMilli(created).UTC()
	return c, err
}

// listCampaigns returns the school's campaigns, latest start first.
func listCampaigns(ctx context.Context, q sqldb.Querier, school int64) ([]Campaign, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+campaignCols+` FROM campaigns WHERE school_id = $1 ORDER BY starts_on DESC, id DESC`, school)
	if err != nil {
		return nil, fmt.Errorf("list campaigns: %w", err)
	}
	defer rows.Close()
	var out []Campaign
	for rows.Next() {
		c, err := scanCampaign(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// getCampaign returns campaign id of school; another school's is not found.
func getCampaign(ctx context.Context, q sqldb.Querier, school, id int64) (Campaign, error) {
	c, err := scanCampaign(q.QueryRowContext(ctx, `SELECT `+campaignCols+` FROM campaigns WHERE id = $1 AND school_id = $2`, id, school))
	if errors.Is(err, sql.ErrNoRows) {
		return c, apperr.NotFoundf("campaign.not_found", "专项整治不存在。")
	}
	return c, err
}

// listPhases returns a campaign's phases in date order.
func listPhases(ctx context.Context, q sqldb.Querier, school, campaign int64) ([]Phase, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, school_id, campaign_id, name, starts_on, ends_on, description, note
		FROM campaign_phases WHERE campaign_id = $1 AND school_id = $2 ORDER BY starts_on, id`, campaign, school)
	if err != nil {
		return nil, fmt.Errorf("list phases: %w", err)
	}
	defer rows.Close()
	var out []Phase
	for rows.Next() {
		var p Phase
		if err := rows.Scan(&p.ID, &p.SchoolID, &p.CampaignID, &p.Name, &p.StartsOn, &p.EndsOn, &p.Description, &p.Note); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// listMilestones returns a campaign's milestones in due order, each with
// its responsible units and their tasks.
func listMilestones(ctx context.Context, q sqldb.Querier, school, campaign int64) ([]Milestone, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, school_id, campaign_id, name, starts_on, due_on, deliverables, status, evidence_note, done_at
		FROM campaign_milestones WHERE campaign_id = $1 AND school_id = $2 ORDER BY due_on, id`, campaign, school)
	if err != nil {
		return nil, fmt.Errorf("list milestones: %w", err)
	}
	var out []Milestone
	index := map[int64]int{}
	for rows.Next() {
		var m Milestone
		var done sql.NullInt64
		if err := rows.Scan(&m.ID, &m.SchoolID, &m.CampaignID, &m.Name, &m.StartsOn, &m.DueOn, &m.Deliverables, &m.Status, &m.EvidenceNote, &done); err != nil {
			rows.Close()
			return nil, err
		}
		if done.Valid {
			t := time.UnixMilli(done.Int64).UTC()
			m.DoneAt = &t
		}
		index[m.ID] = len(out)
		out = append(out, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	urows, err := q.QueryContext(ctx, `SELECT mu.milestone_id, mu.unit_id, u.name, COALESCE(mu.task_id, 0), COALESCE(t.status, '')
		FROM campaign_milestone_units mu
		JOIN campaign_milestones m ON m.id = mu.milestone_id
		JOIN units u ON u.id = mu.unit_id
		LEFT JOIN tasks t ON t.id = mu.task_id
		WHERE m.campaign_id = $1 AND mu.school_id = $2 ORDER BY u.sort_order, u.id`, campaign, school)
	if err != nil {
		return nil, fmt.Errorf("milestone units: %w", err)
	}
	defer urows.Close()
	for urows.Next() {
		var mid int64
		var ut UnitTask
		if err := urows.Scan(&mid, &ut.UnitID, &ut.UnitName, &ut.TaskID, &ut.TaskStatus); err != nil {
			return nil, err
		}
		if i, ok := index[mid]; ok {
			out[i].Units = append(out[i].Units, ut)
			out[i].UnitIDs = append(out[i].UnitIDs, ut.UnitID)
		}
	}
	return out, urows.Err()
}

// getMilestone returns milestone id of school with its units.
func getMilestone(ctx context.Context, q sqldb.Querier, school, id int64) (Milestone, error) {
	var campaign int64
	err := q.QueryRowContext(ctx, `SELECT campaign_id FROM campaign_milestones WHERE id = $1 AND school_id = $2`, id, school).Scan(&campaign)
	if errors.Is(err, sql.ErrNoRows) {
		return Milestone{}, apperr.NotFoundf("milestone.not_found", "时间节点不存在。")
	}
	if err != nil {
		return Milestone{}, err
	}
	ms, err := listMilestones(ctx, q, school, campaign)
	if err != nil {
		return Milestone{}, err
	}
	for _, m := range ms {
		if m.ID == id {
			return m, nil
		}
	}
	return Milestone{}, apperr.NotFoundf("milestone.not_found", "时间节点不存在。")
}
