package campaign

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
	"safecampus/internal/task"
)

// SaveMilestone creates (ID 0) or updates a milestone. Each responsible
// unit gets a work-list task (source "milestone") due on the milestone's
// date; a unit taken off the milestone has its open task cancelled, and
// moving the milestone moves the open tasks with it.
func (s *Service) SaveMilestone(ctx context.Context, a *auth.Actor, school int64, m Milestone) (Milestone, error) {
	if err := canManage(a, school); err != nil {
		return m, err
	}
	m.SchoolID = school
	m.UnitIDs = uniqueIDs(m.UnitIDs)
	now := s.Now()
	err := s.write(ctx, a, now, func(tx *sqldb.Tx) (audit.Record, error) {
		rec := audit.Record{SchoolID: school, Entity: "campaign_milestone"}
		var before *Milestone
		if m.ID != 0 {
			old, err := getMilestone(ctx, tx, school, m.ID)
			if err != nil {
				return rec, err
			}
			before, m.CampaignID, m.Status, m.EvidenceNote, m.DoneAt = &old, old.CampaignID, old.Status, old.EvidenceNote, old.DoneAt
		}
		c, err := getCampaign(ctx, tx, school, m.CampaignID)
		if err != nil {
			return rec, err
		}
		if m, err = CheckMilestone(c, m); err != nil {
			return rec, err
		}
		if err := checkUnits(ctx, tx, school, m.UnitIDs); err != nil {
			return rec, err
		}
		if m.ID == 0 {
			m.Status = MilestoneOpen
			if err := tx.QueryRowContext(ctx, `INSERT INTO campaign_milestones (school_id, campaign_id, name, starts_on, due_on, deliverables, status)
				VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, school, c.ID, m.Name, m.StartsOn, m.DueOn, m.Deliverables, m.Status).Scan(&m.ID); err != nil {
				return rec, fmt.Errorf("insert milestone: %w", err)
			}
			rec.Action = "campaign_milestone.create"
		} else {
			if _, err := tx.ExecContext(ctx, `UPDATE campaign_milestones SET name = $1, starts_on = $2, due_on = $3, deliverables = $4 WHERE id = $5 AND school_id = $6`,
				m.Name, m.StartsOn, m.DueOn, m.Deliverables, m.ID, school); err != nil {
				return rec, fmt.Errorf("update milestone: %w", err)
			}
			rec.Action, rec.Before = "campaign_milestone.update", auditMilestone(*before)
		}
		if err := syncUnitTasks(ctx, tx, now, a.AccountID, c, m, before); err != nil {
			return rec, err
		}
		rec.EntityID, rec.After = m.ID, auditMilestone(m)
		return rec, nil
	})
	return m, err
}

// syncUnitTasks gives every responsible unit of m its task, cancels the
// open tasks of units no longer responsible and reschedules the others.
func syncUnitTasks(ctx context.Context, tx *sqldb.Tx, now time.Time, actor int64, c Campaign, m Milestone, before *Milestone) error {
	title, detail := taskText(c, m)
	have := map[int64]UnitTask{}
	if before != nil {
		for _, u := range before.Units {
			have[u.UnitID] = u
		}
	}
	for _, unit := range m.UnitIDs {
		if u, ok := have[unit]; ok && u.TaskID != 0 {
			t, err := task.Get(ctx, tx, m.SchoolID, u.TaskID)
			if err != nil {
				return err
			}
			if err := task.Reschedule(ctx, tx, now, actor, t, title, detail, m.DueOn); err != nil {
				return err
			}
			continue
		}
		status := task.StatusOpen
		if m.Done() {
			status = task.StatusDone
		}
		id, err := task.Insert(ctx, tx, now, actor, task.Task{SchoolID: m.SchoolID, Title: title, Detail: detail,
			SourceKind: task.SourceMilestone, SourceID: m.ID, OwnerUnitID: unit, DueOn: m.DueOn, Status: status})
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO campaign_milestone_units (school_id, milestone_id, unit_id, task_id) VALUES ($1, $2, $3, $4)`,
			m.SchoolID, m.ID, unit, id); err != nil {
			return fmt.Errorf("milestone unit: %w", err)
		}
	}
	for unit, u := range have {
		if slices.Contains(m.UnitIDs, unit) {
			continue
		}
		if u.TaskID != 0 && u.TaskStatus == task.StatusOpen {
			t, err := task.Get(ctx, tx, m.SchoolID, u.TaskID)
			if err != nil {
				return err
			}
			if err := task.Close(ctx, tx, now, actor, t, task.StatusCancelled); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM campaign_milestone_units WHERE milestone_id = $1 AND unit_id = $2 AND school_id = $3`, m.ID, unit, m.SchoolID); err != nil {
			return fmt.Errorf("drop milestone unit: %w", err)
		}
	}
	return nil
}

// taskText is the work-list wording of a milestone's task.
func taskText(c Campaign, m Milestone) (string, string) {
	detail := "专项整治：" + c.Name + "\n时间节点：" + m.Name + "（截止" + CNDate(m.DueOn) + "）"
	if m.Deliverables != "" {
		detail += "\n要求完成：" + m.Deliverables
	}
	title := m.Name
	if r := []rune(title); len(r) > 200 {
		title = string(r[:200])
	}
	return title, detail
}

// SetMilestoneStatus marks a milestone done (an evidence note is required:
// what shows it was done) or open again. Marking it done closes its units'
// open tasks as done; reopening leaves the tasks as they are.
func (s *Service) SetMilestoneStatus(ctx context.Context, a *auth.Actor, school, id int64, done bool, evidence string) error {
	if err := canManage(a, school); err != nil {
		return err
	}
	evidence = strings.TrimSpace(evidence)
	if done && evidence == "" {
		return apperr.Fields("milestone.evidence", []apperr.FieldError{{Field: "evidence_note", Message: "标记完成时请写明完成情况或佐证材料。"}})
	}
	if len([]rune(evidence)) > 2000 {
		return apperr.Fields("milestone.evidence", []apperr.FieldError{{Field: "evidence_note", Message: "完成情况过长。"}})
	}
	now := s.Now()
	return s.write(ctx, a, now, func(tx *sqldb.Tx) (audit.Record, error) {
		rec := audit.Record{SchoolID: school, Entity: "campaign_milestone", EntityID: id}
		m, err := getMilestone(ctx, tx, school, id)
		if err != nil {
			return rec, err
		}
		before := auditMilestone(m)
		status, doneAt := MilestoneOpen, any(nil)
		rec.Action = "campaign_milestone.reopen"
		if done {
			status, doneAt, rec.Action = MilestoneDone, now.UnixMilli(), "campaign_milestone.done"
			for _, u := range m.Units {
				if u.TaskID == 0 || u.TaskStatus != task.StatusOpen {
					continue
				}
				t, err := task.Get(ctx, tx, school, u.TaskID)
				if err != nil {
					return rec, err
				}
				if err := task.Close(ctx, tx, now, a.AccountID, t, task.StatusDone); err != nil {
					return rec, err
				}
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE campaign_milestones SET status = $1, evidence_note = $2, done_at = $3 WHERE id = $4 AND school_id = $5`,
			status, evidence, doneAt, id, school); err != nil {
			return rec, fmt.Errorf("milestone status: %w", err)
		}
		m.Status, m.EvidenceNote = status, evidence
		rec.Before, rec.After = before, auditMilestone(m)
		return rec, nil
	})
}

// auditMilestone is what the audit log keeps of a milestone.
func auditMilestone(m Milestone) map[string]any {
	return map[string]any{"campaign_id": m.CampaignID, "name": m.Name, "starts_on": m.StartsOn, "due_on": m.DueOn,
		"deliverables": m.Deliverables, "status": m.Status, "evidence_note": m.EvidenceNote, "unit_ids": m.UnitIDs}
}

// checkUnits refuses responsible units that are not the school's.
func checkUnits(ctx context.Context, q sqldb.Querier, school int64, ids []int64) error {
	for _, id := range ids {
		var n int
		if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM units WHERE id = $1 AND school_id = $2`, id, school).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return apperr.Fields("milestone.invalid", []apperr.FieldError{{Field: "unit_ids", Message: "所选责任部门不存在或不属于本校。"}})
		}
	}
	return nil
}

func uniqueIDs(ids []int64) []int64 {
	var out []int64
	for _, id := range ids {
		if id > 0 && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}
