package hazard

import (
	"context"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// change is one step in progress: the hazard before and after, the note
// for the timeline, and extra facts (photos, plan, extension) to record.
type change struct {
	s      *Service
	ctx    context.Context
	tx     *sqldb.Tx
	a      *auth.Actor
	now    time.Time
	loc    *time.Location
	rels   map[Relation]bool
	before *Hazard
	h      *Hazard
	note   string
	extra  map[string]any
	// extension is the request an extension decision answered.
	extension *Extension
}

// commit writes the changed row (version + 1), the timeline entry, the
// audit entry and the notifications, all in the step's transaction.
func (c *change) commit(action Action) error {
	h := c.h
	res, err := c.tx.ExecContext(c.ctx, `UPDATE hazards SET level = $3, area = $4, category = $5, unit_id = $6, responsible_person_id = $7,
			measures = $8, funds_yuan = $9, deadline = $10, acceptor_person_id = $11, supervisor_person_id = $12, status = $13,
			reject_reason = $14, duplicate_of = $15, rectified_by_person_id = $16, result_note = $17, acceptance_result = $18,
			acceptance_comment = $19, accepted_by_person_id = $20, listed = $21, overdue = $22, overdue_since = $23,
			escalation_step = $24, escalated_at = $25, closed_at = $26, updated_at = $27, version = version + 1
		WHERE id = $1 AND version = $2`,
		h.ID, c.before.Version, h.Level, h.Area, h.Category, nullID(h.UnitID), nullID(h.ResponsibleID),
		h.Measures, h.FundsYuan, h.Deadline, nullID(h.AcceptorID), nullID(h.SupervisorID), string(h.Status),
		h.RejectReason, nullID(h.DuplicateOf), nullID(h.RectifiedByID), h.ResultNote, h.AcceptanceResult,
		h.AcceptanceComment, nullID(h.AcceptedByID), h.Listed, h.Overdue, nullTime(h.OverdueSince),
		h.EscalationStep, nullTime(h.EscalatedAt), nullTime(h.ClosedAt), c.now.UnixMilli())
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n != 1 {
		return apperr.New(apperr.Conflict, "hazard.version", "记录已被他人修改，请刷新后重试。")
	}
	was, now := changedFields(c.before, h)
	data := map[string]any{}
	for k, v := range now {
		if k != "status" {
			data[k] = v
		}
	}
	for k, v := range c.extra {
		data[k] = v
	}
	ev, err := AppendEvent(c.ctx, c.tx, NewEvent{SchoolID: h.SchoolID, HazardID: h.ID, At: c.now, ActorAccountID: c.a.AccountID,
		ActorName: c.a.DisplayName, Action: action, From: c.before.Status, To: h.Status, Note: c.note, Data: data})
	if err != nil {
		return err
	}
	after := map[string]any{"action": string(action), "event_id": ev}
	for k, v := range data {
		after[k] = v
	}
	if h.Status != c.before.Status {
		after["status"] = string(h.Status)
	}
	if c.note != "" {
		after["note"] = c.note
	}
	if _, err := audit.Append(c.ctx, c.tx, c.now, audit.Record{SchoolID: h.SchoolID, ActorID: c.a.AccountID,
		Action: "hazard." + string(action), Entity: "hazard", EntityID: h.ID, Before: was, After: after}); err != nil {
		return err
	}
	return c.notify(action, ev)
}

// changedFields lists the stored fields a step changed, before and after.
func changedFields(b, a *Hazard) (map[string]any, map[string]any) {
	fb, fa := fieldsOf(b), fieldsOf(a)
	was, now := map[string]any{}, map[string]any{}
	for k, v := range fa {
		if fb[k] != v {
			was[k], now[k] = fb[k], v
		}
	}
	return was, now
}

func fieldsOf(h *Hazard) map[string]any {
	ms := func(t *time.Time) any {
		if t == nil {
			return nil
		}
		return t.UnixMilli()
	}
	return map[string]any{
		"level": h.Level, "area": h.Area, "category": h.Category, "unit_id": h.UnitID, "responsible_person_id": h.ResponsibleID,
		"measures": h.Measures, "funds_yuan": h.FundsYuan, "deadline": h.Deadline, "acceptor_person_id": h.AcceptorID,
		"supervisor_person_id": h.SupervisorID, "status": string(h.Status), "reject_reason": h.RejectReason, "duplicate_of": h.DuplicateOf,
		"rectified_by_person_id": h.RectifiedByID, "result_note": h.ResultNote, "acceptance_result": h.AcceptanceResult,
		"acceptance_comment": h.AcceptanceComment, "accepted_by_person_id": h.AcceptedByID, "listed": h.Listed,
		"overdue": h.Overdue, "overdue_since": ms(h.OverdueSince), "escalation_step": h.EscalationStep, "closed_at": ms(h.ClosedAt),
	}
}
