// Package task holds the work list (工作清单): the tasks a school's units
// and people owe, whatever produced them — a campaign milestone, a meeting
// decision, a policy item, or the office typing one in. Other packages add
// tasks with Insert inside their own transaction and read them with List.
package task

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/sqldb"
)

// Source kinds: what produced a task.
const (
	SourceCampaign  = "campaign"
	SourceMilestone = "milestone"
	SourceMeeting   = "meeting"
	SourcePolicy    = "policy"
	SourceManual    = "manual"
)

// Statuses of a task.
const (
	StatusOpen      = "open"
	StatusDone      = "done"
	StatusCancelled = "cancelled"
)

// Task is one work-list item. OwnerUnitID and OwnerPersonID are 0 when not
// set; DueOn is 'YYYY-MM-DD' or "" for no deadline.
type Task struct {
	ID, SchoolID                         int64
	Title, Detail, SourceKind            string
	SourceID, OwnerUnitID, OwnerPersonID int64
	DueOn, Status                        string
	DoneAt                               *time.Time
	CreatedAt                            time.Time
}

// Overdue reports whether the task is open past its due date. today is
// 'YYYY-MM-DD' in the school's zone.
func (t Task) Overdue(today string) bool {
	return t.Status == StatusOpen && t.DueOn != "" && t.DueOn < today
}

// StatusLabel is the status in Chinese.
func StatusLabel(s string) string {
	switch s {
	case StatusOpen:
		return "待办"
	case StatusDone:
		return "已完成"
	case StatusCancelled:
		return "已取消"
	}
	return s
}

// SourceLabel is the source kind in Chinese.
func SourceLabel(k string) string {
	switch k {
	case SourceCampaign:
		return "专项整治"
	case SourceMilestone:
		return "时间节点"
	case SourceMeeting:
		return "安全例会"
	case SourcePolicy:
		return "制度事项"
	case SourceManual:
		return "手工添加"
	}
	return k
}

func validSource(k string) bool {
	switch k {
	case SourceCampaign, SourceMilestone, SourceMeeting, SourcePolicy, SourceManual:
		return true
	}
	return false
}

// Insert adds a task inside the caller's transaction and appends the
// task's own audit entry ("task.create"); the caller appends the entry of
// its own change. Status defaults to open. Bad input returns an Invalid
// error naming the field; the caller's transaction should then roll back.
func Insert(ctx context.Context, tx *sqldb.Tx, now time.Time, actorID int64, t Task) (int64, error) {
	t.Title = strings.TrimSpace(t.Title)
	t.Detail = strings.TrimSpace(t.Detail)
	if t.Status == "" {
		t.Status = StatusOpen
	}
	if err := validate(t); err != nil {
		return 0, err
	}
	var doneAt any
	if t.Status != StatusOpen {
		doneAt = now.UnixMilli()
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO tasks (school_id, title, detail, source_kind, source_id, owner_unit_id, owner_person_id, due_on, status, done_at, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
		t.SchoolID, t.Title, t.Detail, t.SourceKind, t.SourceID, nullID(t.OwnerUnitID), nullID(t.OwnerPersonID),
		t.DueOn, t.Status, doneAt, actorID, now.UnixMilli()).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("insert task: %w", err)
	}
	t.ID = id
	_, err = audit.Append(ctx, tx, now, audit.Record{
		SchoolID: t.SchoolID, ActorID: actorID, Action: "task.create", Entity: "task", EntityID: id,
		After: auditView(t),
	})
	return id, err
}

func validate(t Task) error {
	var f []apperr.FieldError
	if t.SchoolID == 0 {
		return fmt.Errorf("task without school")
	}
	if t.Title == "" {
		f = append(f, apperr.FieldError{Field: "title", Message: "请填写任务名称。"})
	} else if utf8.RuneCountInString(t.Title) > 200 {
		f = append(f, apperr.FieldError{Field: "title", Message: "任务名称过长（最多200字）。"})
	}
	if utf8.RuneCountInString(t.Detail) > 4000 {
		f = append(f, apperr.FieldError{Field: "detail", Message: "任务说明过长（最多4000字）。"})
	}
	if !validSource(t.SourceKind) {
		f = append(f, apperr.FieldError{Field: "source_kind", Message: "任务来源无效。"})
	}
	if t.DueOn != "" {
		if _, err := time.Parse(time.DateOnly, t.DueOn); err != nil {
			f = append(f, apperr.FieldError{Field: "due_on", Message: "完成期限应为日期，例如 2026-03-31。"})
		}
	}
	switch t.Status {
	case StatusOpen, StatusDone, StatusCancelled:
	default:
		f = append(f, apperr.FieldError{Field: "status", Message: "任务状态无效。"})
	}
	if len(f) > 0 {
		return apperr.Fields("task.invalid", f)
	}
	return nil
}

// auditView is what the audit log keeps of a task.
func auditView(t Task) map[string]any {
	return map[string]any{
		"title": t.Title, "source_kind": t.SourceKind, "source_id": t.SourceID,
		"owner_unit_id": t.OwnerUnitID, "owner_person_id": t.OwnerPersonID,
		"due_on": t.DueOn, "status": t.Status,
	}
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
