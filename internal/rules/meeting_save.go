package rules

import (
	"context"
	"slices"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

func validateMeeting(ctx context.Context, q sqldb.Querier, school int64, today string, m *Meeting) error {
	var f fieldErrs
	m.Title = f.text("title", "会议名称", m.Title, true, 200)
	m.Location = f.text("location", "会议地点", m.Location, false, 100)
	m.Situation = f.text("situation", "形势分析", m.Situation, false, 8000)
	m.Minutes = f.text("minutes", "会议纪要", m.Minutes, false, 20000)
	m.ScheduledOn = f.date("scheduled_on", "计划日期", m.ScheduledOn, true)
	m.HeldOn = f.date("held_on", "召开日期", m.HeldOn, false)
	if MeetingKindLabel(m.Kind) == m.Kind {
		f.add("kind", "请选择会议类型。")
	}
	if m.HeldOn != "" && m.HeldOn > today {
		f.add("held_on", "召开日期不能晚于今天（"+today+"）；尚未召开的会议请只填写计划日期。")
	}
	if m.HeldOn != "" {
		// A meeting counts for RUL-3 only with its record: who came and what was said.
		if m.Minutes == "" {
			f.add("minutes", "已召开的会议请填写会议纪要。")
		}
		if len(m.AttendeeIDs) == 0 {
			f.add("attendees", "已召开的会议请选择参会人员。")
		}
	}
	if err := f.ref(ctx, q, "people", "chair_person_id", "主持人", school, m.ChairPersonID); err != nil {
		return err
	}
	slices.Sort(m.AttendeeIDs)
	m.AttendeeIDs = slices.Compact(m.AttendeeIDs)
	for _, pid := range m.AttendeeIDs {
		n := len(f)
		if err := f.ref(ctx, q, "people", "attendees", "参会人员", school, pid); err != nil {
			return err
		}
		if len(f) > n {
			break
		}
	}
	return f.err("meeting.invalid")
}

func (m Meeting) auditView() map[string]any {
	return map[string]any{"kind": m.Kind, "title": m.Title, "scheduled_on": m.ScheduledOn, "held_on": m.HeldOn, "location": m.Location,
		"chair_person_id": m.ChairPersonID, "attendee_ids": m.AttendeeIDs, "minutes_chars": len([]rune(m.Minutes)), "situation_chars": len([]rune(m.Situation))}
}

// SaveMeeting schedules a meeting (ID 0) or edits one; giving HeldOn
// records it as held, which needs minutes and attendees. A meeting that
// has decisions stays held.
func (s *Service) SaveMeeting(ctx context.Context, a *auth.Actor, school int64, m Meeting) (Meeting, error) {
	if err := require(a, auth.PermRulesManage, school); err != nil {
		return Meeting{}, err
	}
	now := s.Now()
	m.SchoolID = school
	err := s.write(ctx, a, now, func(tx *sqldb.Tx) (audit.Record, error) {
		day, err := today(ctx, tx, school, now)
		if err != nil {
			return audit.Record{}, err
		}
		var old Meeting
		if m.ID != 0 {
			// Another school's meeting is not found, whatever the form says.
			if old, err = findMeeting(ctx, tx, school, m.ID); err != nil {
				return audit.Record{}, err
			}
		}
		if err := validateMeeting(ctx, tx, school, day, &m); err != nil {
			return audit.Record{}, err
		}
		rec := audit.Record{SchoolID: school, Action: "meeting.create", Entity: "meeting"}
		if m.ID == 0 {
			err = tx.QueryRowContext(ctx, `INSERT INTO safety_meetings (school_id, kind, title, scheduled_on, held_on, location, chair_person_id, situation, minutes, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
				school, m.Kind, m.Title, m.ScheduledOn, m.HeldOn, m.Location, nullID(m.ChairPersonID), m.Situation, m.Minutes, now.UnixMilli()).Scan(&m.ID)
			if err != nil {
				return audit.Record{}, err
			}
		} else {
			if old.DecisionCount > 0 && m.HeldOn == "" {
				return audit.Record{}, apperr.Fields("meeting.has_decisions", []apperr.FieldError{{Field: "held_on", Message: "会议已有决定事项，不能取消召开日期。"}})
			}
			rec.Action, rec.Before = "meeting.update", old.auditView()
			_, err = tx.ExecContext(ctx, `UPDATE safety_meetings SET kind = $3, title = $4, scheduled_on = $5, held_on = $6, location = $7, chair_person_id = $8,
				situation = $9, minutes = $10, updated_at = $11 WHERE id = $1 AND school_id = $2`,
				m.ID, school, m.Kind, m.Title, m.ScheduledOn, m.HeldOn, m.Location, nullID(m.ChairPersonID), m.Situation, m.Minutes, now.UnixMilli())
			if err != nil {
				return audit.Record{}, err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM safety_meeting_attendees WHERE meeting_id = $1`, m.ID); err != nil {
				return audit.Record{}, err
			}
		}
		for _, pid := range m.AttendeeIDs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO safety_meeting_attendees (school_id, meeting_id, person_id) VALUES ($1, $2, $3)`, school, m.ID, pid); err != nil {
				return audit.Record{}, err
			}
		}
		rec.EntityID, rec.After = m.ID, m.auditView()
		return rec, nil
	})
	return m, err
}
