package rules

import (
	"context"
	"fmt"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
	"safecampus/internal/task"
)

// Decision is a measure a held meeting decided; it is on the work list as
// task TaskID, owned by a unit and/or a person, due on DueOn.
type Decision struct {
	ID            int64  `json:"id"`
	MeetingID     int64  `json:"meeting_id"`
	Text          string `json:"text"`
	OwnerUnitID   int64  `json:"owner_unit_id"`
	OwnerPersonID int64  `json:"owner_person_id"`
	DueOn         string `json:"due_on"`
	TaskID        int64  `json:"task_id"`

	// Read-only, filled by queries.
	OwnerUnitName   string `json:"-"`
	OwnerPersonName string `json:"-"`
	TaskStatus      string `json:"-"`
}

// TaskStatusLabel is the status of the decision's task in Chinese.
func (d Decision) TaskStatusLabel() string { return task.StatusLabel(d.TaskStatus) }

func meetingDecisions(ctx context.Context, q sqldb.Querier, school, meeting int64) ([]Decision, error) {
	rows, err := q.QueryContext(ctx, `SELECT d.id, d.meeting_id, d.text, COALESCE(d.owner_unit_id, 0), COALESCE(d.owner_person_id, 0), d.due_on, d.task_id,
			COALESCE(u.name, ''), COALESCE(p.name, ''), COALESCE(t.status, '')
		FROM meeting_decisions d LEFT JOIN units u ON u.id = d.owner_unit_id LEFT JOIN people p ON p.id = d.owner_person_id LEFT JOIN tasks t ON t.id = d.task_id
		WHERE d.school_id = $1 AND d.meeting_id = $2 ORDER BY d.id`, school, meeting)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Decision
	for rows.Next() {
		var d Decision
		if err := rows.Scan(&d.ID, &d.MeetingID, &d.Text, &d.OwnerUnitID, &d.OwnerPersonID, &d.DueOn, &d.TaskID, &d.OwnerUnitName, &d.OwnerPersonName, &d.TaskStatus); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// AddDecision records a decision of a held meeting and puts it on the work
// list (task source "meeting", source id the meeting) in one transaction.
// It needs an owner (unit or person) and a deadline not before the meeting.
func (s *Service) AddDecision(ctx context.Context, a *auth.Actor, school, meetingID int64, d Decision) (Decision, error) {
	if err := require(a, auth.PermRulesManage, school); err != nil {
		return Decision{}, err
	}
	now := s.Now()
	err := s.write(ctx, a, now, func(tx *sqldb.Tx) (audit.Record, error) {
		m, err := findMeeting(ctx, tx, school, meetingID)
		if err != nil {
			return audit.Record{}, err
		}
		if !m.Held() {
			return audit.Record{}, apperr.Invalidf("meeting.not_held", "会议尚未召开，请先登记召开日期和会议纪要，再录入决定事项。")
		}
		var f fieldErrs
		d.Text = f.text("text", "决定事项", d.Text, true, 200)
		d.DueOn = f.date("due_on", "完成期限", d.DueOn, true)
		if d.DueOn != "" && !f.has("due_on") && d.DueOn < m.HeldOn {
			f.add("due_on", "完成期限不能早于会议召开日期（"+m.HeldOn+"）。")
		}
		if d.OwnerUnitID == 0 && d.OwnerPersonID == 0 {
			f.add("owner_unit_id", "请选择责任单位或责任人。")
		}
		if err := f.ref(ctx, tx, "units", "owner_unit_id", "责任单位", school, d.OwnerUnitID); err != nil {
			return audit.Record{}, err
		}
		if err := f.ref(ctx, tx, "people", "owner_person_id", "责任人", school, d.OwnerPersonID); err != nil {
			return audit.Record{}, err
		}
		if err := f.err("decision.invalid"); err != nil {
			return audit.Record{}, err
		}
		d.MeetingID = meetingID
		d.TaskID, err = task.Insert(ctx, tx, now, a.AccountID, task.Task{SchoolID: school, Title: d.Text,
			Detail:     fmt.Sprintf("%s（%s，%s召开）的决定事项。", m.Title, m.KindLabel(), m.HeldOn),
			SourceKind: task.SourceMeeting, SourceID: meetingID, OwnerUnitID: d.OwnerUnitID, OwnerPersonID: d.OwnerPersonID, DueOn: d.DueOn})
		if err != nil {
			return audit.Record{}, err
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO meeting_decisions (school_id, meeting_id, text, owner_unit_id, owner_person_id, due_on, task_id, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			school, meetingID, d.Text, nullID(d.OwnerUnitID), nullID(d.OwnerPersonID), d.DueOn, d.TaskID, now.UnixMilli()).Scan(&d.ID)
		if err != nil {
			return audit.Record{}, err
		}
		return audit.Record{SchoolID: school, Action: "meeting.decide", Entity: "meeting_decision", EntityID: d.ID,
			After: map[string]any{"meeting_id": meetingID, "text": d.Text, "owner_unit_id": d.OwnerUnitID, "owner_person_id": d.OwnerPersonID,
				"due_on": d.DueOn, "task_id": d.TaskID}}, nil
	})
	return d, err
}
