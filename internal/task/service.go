package task

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// Service changes tasks on behalf of people.
type Service struct {
	DB  *sqldb.DB
	Now func() time.Time
}

// NewService returns a task service.
func NewService(db *sqldb.DB, now func() time.Time) *Service { return &Service{DB: db, Now: now} }

// Create adds a manual task (the campaign office only).
func (s *Service) Create(ctx context.Context, a *auth.Actor, t Task) (int64, error) {
	if !auth.Can(a, auth.PermCampaignManage, auth.SchoolScope(t.SchoolID)) {
		return 0, apperr.ForbiddenErr(string(auth.PermCampaignManage))
	}
	t.SourceKind, t.SourceID, t.Status = SourceManual, 0, StatusOpen
	var id int64
	err := s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		if err := checkOwners(ctx, tx, t); err != nil {
			return err
		}
		var err error
		id, err = Insert(ctx, tx, s.Now(), a.AccountID, t)
		return err
	})
	return id, err
}

// SetStatus marks an open task done or cancelled. Allowed: the owner
// person, the head of the owning unit, or the campaign office. A task of
// another school, or one the actor may not touch while holding no office
// right, answers as the rules of decision 0009 say.
func (s *Service) SetStatus(ctx context.Context, a *auth.Actor, school, id int64, status string) error {
	if status != StatusDone && status != StatusCancelled {
		return apperr.Invalidf("task.bad_status", "只能将任务标记为已完成或已取消。")
	}
	now := s.Now()
	return s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		t, err := Get(ctx, tx, school, id)
		if err != nil {
			return err
		}
		ok, err := MayClose(ctx, tx, a, t)
		if err != nil {
			return err
		}
		if !ok {
			if auth.CanSomewhere(a, auth.PermCampaignView, school) {
				return apperr.ForbiddenErr("task.close")
			}
			return apperr.NotFoundf("task.not_found", "任务不存在。")
		}
		return Close(ctx, tx, now, a.AccountID, t, status)
	})
}

// Close marks open task t done or cancelled inside the caller's
// transaction and appends the task's audit entry ("task.done" or
// "task.cancelled"). The caller has decided the actor may; a task that is
// no longer open is a Conflict.
func Close(ctx context.Context, tx *sqldb.Tx, now time.Time, actorID int64, t Task, status string) error {
	if status != StatusDone && status != StatusCancelled {
		return apperr.Invalidf("task.bad_status", "只能将任务标记为已完成或已取消。")
	}
	if t.Status != StatusOpen {
		return apperr.New(apperr.Conflict, "task.not_open", "该任务已"+StatusLabel(t.Status)+"，不能再更改。")
	}
	if _, err := tx.ExecContext(ctx, `UPDATE tasks SET status = $1, done_at = $2 WHERE id = $3 AND school_id = $4`,
		status, now.UnixMilli(), t.ID, t.SchoolID); err != nil {
		return fmt.Errorf("update task: %w", err)
	}
	before := auditView(t)
	t.Status = status
	_, err := audit.Append(ctx, tx, now, audit.Record{
		SchoolID: t.SchoolID, ActorID: actorID, Action: "task." + status, Entity: "task", EntityID: t.ID,
		Before: before, After: auditView(t),
	})
	return err
}

// Reschedule changes the title, detail and due date of an open task inside
// the caller's transaction (e.g. when its milestone moves), with the
// task's audit entry. A task that is not open, or unchanged, is left alone.
func Reschedule(ctx context.Context, tx *sqldb.Tx, now time.Time, actorID int64, t Task, title, detail, dueOn string) error {
	if t.Status != StatusOpen || (t.Title == title && t.Detail == detail && t.DueOn == dueOn) {
		return nil
	}
	next := t
	next.Title, next.Detail, next.DueOn = title, detail, dueOn
	if err := validate(next); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE tasks SET title = $1, detail = $2, due_on = $3 WHERE id = $4 AND school_id = $5`,
		title, detail, dueOn, t.ID, t.SchoolID); err != nil {
		return fmt.Errorf("reschedule task: %w", err)
	}
	_, err := audit.Append(ctx, tx, now, audit.Record{
		SchoolID: t.SchoolID, ActorID: actorID, Action: "task.update", Entity: "task", EntityID: t.ID,
		Before: auditView(t), After: auditView(next),
	})
	return err
}

// MayClose reports whether a may mark t done or cancelled: the owner
// person, the head of the owning unit, or the campaign office of t's school.
// Pages use it to decide whether to show the buttons.
func MayClose(ctx context.Context, q sqldb.Querier, a *auth.Actor, t Task) (bool, error) {
	if a == nil {
		return false, nil
	}
	if auth.Can(a, auth.PermCampaignManage, auth.SchoolScope(t.SchoolID)) {
		return true, nil
	}
	if a.PersonID == 0 {
		return false, nil
	}
	if t.OwnerPersonID == a.PersonID {
		return true, nil
	}
	if t.OwnerUnitID == 0 {
		return false, nil
	}
	var head sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT head_person_id FROM units WHERE id = $1 AND school_id = $2`, t.OwnerUnitID, t.SchoolID).Scan(&head)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("unit head: %w", err)
	}
	return head.Valid && head.Int64 == a.PersonID, nil
}

// checkOwners refuses owners that are not in the task's school.
func checkOwners(ctx context.Context, q sqldb.Querier, t Task) error {
	var f []apperr.FieldError
	for _, c := range []struct {
		table, field, msg string
		id                int64
	}{
		{"units", "owner_unit_id", "责任部门不存在或不属于本校。", t.OwnerUnitID},
		{"people", "owner_person_id", "责任人不存在或不属于本校。", t.OwnerPersonID},
	} {
		if c.id == 0 {
			continue
		}
		var n int
		if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+c.table+` WHERE id = $1 AND school_id = $2`, c.id, t.SchoolID).Scan(&n); err != nil {
			return fmt.Errorf("check %s: %w", c.table, err)
		}
		if n == 0 {
			f = append(f, apperr.FieldError{Field: c.field, Message: c.msg})
		}
	}
	if len(f) > 0 {
		return apperr.Fields("task.invalid", f)
	}
	return nil
}
