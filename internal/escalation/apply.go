package escalation

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"safecampus/internal/audit"
	"safecampus/internal/hazard"
	"safecampus/internal/notify"
	"safecampus/internal/sqldb"
)

// SystemName is the actor name of the ladder's timeline events: the
// scheduler acts, not a person (actor_account_id NULL, audit actor 0).
const SystemName = "系统"

// row is a hazard as a step needs it: the ladder columns and what the
// message says.
type row struct {
	ID, SchoolID, UnitID, ResponsibleID, Version int64
	Number, Level, Status, Deadline, Description string
	PlaceName, UnitName, ResponsibleName         string
	Overdue                                      bool
	Step                                         Step
	EscalatedAt                                  time.Time
}

func (h *row) state() State {
	return State{Status: h.Status, Deadline: h.Deadline, Overdue: h.Overdue, Step: h.Step, EscalatedAt: h.EscalatedAt}
}

// loadRows reads the batch's hazards inside tx in one query, locking them
// on PostgreSQL so a user's step and the sweep cannot both act on the same
// version. One statement per batch, not per hazard: SQLite spends a third
// of a step parsing SQL.
func loadRows(ctx context.Context, tx *sqldb.Tx, ids []int64) (map[int64]*row, error) {
	lock := ""
	if tx.Dialect == sqldb.Postgres {
		lock = " FOR UPDATE OF h"
	}
	var in strings.Builder
	args := make([]any, len(ids))
	for i, id := range ids {
		if i > 0 {
			in.WriteString(", ")
		}
		in.WriteString("$" + strconv.Itoa(i+1))
		args[i] = id
	}
	rows, err := tx.QueryContext(ctx, `SELECT h.id, h.school_id, COALESCE(h.unit_id, 0), COALESCE(h.responsible_person_id, 0), h.version,
			h.number, h.level, h.status, h.deadline, h.description, COALESCE(p.name, ''), COALESCE(u.name, ''), COALESCE(pe.name, ''),
			h.overdue, h.escalation_step, COALESCE(h.escalated_at, 0)
		FROM hazards h LEFT JOIN places p ON p.id = h.place_id LEFT JOIN units u ON u.id = h.unit_id
			LEFT JOIN people pe ON pe.id = h.responsible_person_id
		WHERE h.id IN (`+in.String()+`)`+lock, args...)
	if err != nil {
		return nil, fmt.Errorf("load batch: %w", err)
	}
	defer rows.Close()
	out := make(map[int64]*row, len(ids))
	for rows.Next() {
		var h row
		var at int64
		if err := rows.Scan(&h.ID, &h.SchoolID, &h.UnitID, &h.ResponsibleID, &h.Version,
			&h.Number, &h.Level, &h.Status, &h.Deadline, &h.Description, &h.PlaceName, &h.UnitName, &h.ResponsibleName,
			&h.Overdue, &h.Step, &at); err != nil {
			return nil, err
		}
		if at != 0 {
			h.EscalatedAt = time.UnixMilli(at)
		}
		out[h.ID] = &h
	}
	return out, rows.Err()
}

// stepper takes the due steps of one batch inside one transaction.
type stepper struct {
	tx      *sqldb.Tx
	now     time.Time
	targets *targets
	res     Result
}

const updateStep = `UPDATE hazards SET overdue = TRUE, overdue_since = COALESCE(overdue_since, $1), escalation_step = $2,
	escalated_at = $3, version = version + 1, updated_at = $3 WHERE id = $4 AND version = $5`

// runBatch steps the hazards ids (due at the candidate read) inside tx.
func runBatch(ctx context.Context, tx *sqldb.Tx, now time.Time, ids []int64, schools map[int64]school) (Result, error) {
	rows, err := loadRows(ctx, tx, ids)
	if err != nil {
		return Result{}, err
	}
	st := &stepper{tx: tx, now: now, targets: newTargets(tx)}
	for _, id := range ids {
		if h := rows[id]; h != nil {
			if err := st.step(ctx, h, schools); err != nil {
				return Result{}, fmt.Errorf("hazard %d: %w", id, err)
			}
		}
	}
	return st.res, nil
}

// step re-decides hazard h on its current row (a person may have closed
// it or moved its deadline since the candidates were read) and takes what
// is due.
func (s *stepper) step(ctx context.Context, h *row, schools map[int64]school) error {
	sc, ok := schools[h.SchoolID]
	if !ok {
		return nil
	}
	d := Decide(h.state(), sc.set, sc.loc, s.now)
	switch d.Kind {
	case Reset:
		return s.reset(ctx, h)
	case Advance:
		return s.advance(ctx, h, d.Step, sc.loc)
	}
	return nil
}

// advance lands the due step (skipping rungs nobody holds), updates the
// row, and writes the timeline event, the audit entry and the message.
func (s *stepper) advance(ctx context.Context, h *row, due Step, loc *time.Location) error {
	var lookErr error
	landed, skipped := Land(due, func(st Step) bool {
		acc, err := s.targets.accounts(ctx, h, st)
		if err != nil && lookErr == nil {
			lookErr = err
		}
		return len(acc) > 0
	})
	if lookErr != nil {
		return lookErr
	}
	to, err := s.targets.accounts(ctx, h, landed)
	if err != nil {
		return err
	}
	since, _ := DeadlineEnd(h.Deadline, loc)
	at := s.now.UnixMilli()
	res, err := s.tx.ExecContext(ctx, updateStep, since.UnixMilli(), int(landed), at, h.ID, h.Version)
	if err != nil {
		return fmt.Errorf("update: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil // changed under us (cannot happen inside the lock; harmless)
	}
	action, kind := hazard.EvEscalate, "escalation"
	if landed == StepOverdue {
		action, kind = hazard.EvOverdue, "overdue"
	}
	data := map[string]any{"step": int64(landed), "recipients": int64(len(to)), "deadline": h.Deadline}
	if len(skipped) > 0 {
		xs := make([]any, len(skipped))
		for i, x := range skipped {
			xs[i] = int64(x)
		}
		data["skipped"] = xs
	}
	if err := s.event(ctx, h, action, noteFor(landed, skipped), data); err != nil {
		return err
	}
	before := map[string]any{"overdue": h.Overdue, "escalation_step": int64(h.Step)}
	after := map[string]any{"overdue": true, "escalation_step": int64(landed), "escalated_at": at}
	if _, err := audit.Append(ctx, s.tx, s.now, audit.Record{SchoolID: h.SchoolID, Action: "hazard." + string(action),
		Entity: "hazard", EntityID: h.ID, Before: before, After: after}); err != nil {
		return err
	}
	m := message(h, landed, DaysOverdue(h.Deadline, loc, s.now))
	m.Kind, m.Recipients = kind, to
	fresh, err := notify.Enqueue(ctx, s.tx, s.now, m)
	if err != nil {
		return err
	}
	if fresh {
		s.res.Notified++
	}
	if landed == StepOverdue {
		s.res.Overdue++
	} else {
		s.res.Escalated++
	}
	s.res.Skipped += len(skipped)
	return nil
}

// reset clears the ladder of a hazard whose deadline is no longer past.
func (s *stepper) reset(ctx context.Context, h *row) error {
	at := s.now.UnixMilli()
	if _, err := s.tx.ExecContext(ctx, `UPDATE hazards SET overdue = FALSE, overdue_since = NULL, escalation_step = 0, escalated_at = NULL,
		version = version + 1, updated_at = $1 WHERE id = $2`, at, h.ID); err != nil {
		return fmt.Errorf("reset: %w", err)
	}
	if err := s.event(ctx, h, hazard.EvOverdue, "整改期限已变更为"+h.Deadline+"，逾期状态解除", map[string]any{"step": int64(0), "deadline": h.Deadline}); err != nil {
		return err
	}
	if _, err := audit.Append(ctx, s.tx, s.now, audit.Record{SchoolID: h.SchoolID, Action: "hazard.overdue_reset", Entity: "hazard", EntityID: h.ID,
		Before: map[string]any{"overdue": h.Overdue, "escalation_step": int64(h.Step)},
		After:  map[string]any{"overdue": false, "escalation_step": int64(0)}}); err != nil {
		return err
	}
	s.res.Reset++
	return nil
}

// event appends the system's step to the hazard's timeline through the
// core's writer, so the timeline has one format.
func (s *stepper) event(ctx context.Context, h *row, action hazard.Action, note string, data map[string]any) error {
	st := hazard.Status(h.Status)
	if _, err := hazard.AppendEvent(ctx, s.tx, hazard.NewEvent{SchoolID: h.SchoolID, HazardID: h.ID, At: s.now, ActorName: SystemName,
		Action: action, From: st, To: st, Note: note, Data: data}); err != nil {
		return fmt.Errorf("timeline: %w", err)
	}
	return nil
}

// DedupKey is the notification key of one step of one hazard. The
// deadline is part of it: after a new deadline (extension, reopening) the
// ladder starts again and its messages are new ones, while a replayed step
// of the same round (a second sweep, a restart) enqueues nothing.
func DedupKey(hazard int64, deadline string, step Step) string {
	return "escalation:" + strconv.FormatInt(hazard, 10) + ":" + deadline + ":" + strconv.Itoa(int(step))
}
