package hazard

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// Statuses of a deadline extension request.
const (
	ExtensionPending  = "pending"
	ExtensionApproved = "approved"
	ExtensionRefused  = "refused"
)

// Extension is one request to move a hazard's deadline.
type Extension struct {
	ID              int64
	RequestedBy     int64
	RequestedByName string
	RequestedAt     time.Time
	OldDeadline     string
	NewDeadline     string
	Reason          string
	Status          string
	DecidedBy       int64
	DecidedAt       *time.Time
	DecisionNote    string
}

// StatusLabel is the request's Chinese status.
func (e Extension) StatusLabel() string {
	switch e.Status {
	case ExtensionPending:
		return "待审批"
	case ExtensionApproved:
		return "已批准"
	case ExtensionRefused:
		return "未批准"
	}
	return e.Status
}

const extensionCols = `e.id, e.requested_by, COALESCE(ra.display_name, ''), e.requested_at, e.old_deadline, e.new_deadline, e.reason,
	e.status, COALESCE(e.decided_by, 0), e.decided_at, e.decision_note
	FROM hazard_extensions e LEFT JOIN accounts ra ON ra.id = e.requested_by`

func scanExtension(s interface{ Scan(...any) error }) (*Extension, error) {
	var e Extension
	var at int64
	var decided sql.NullInt64
	if err := s.Scan(&e.ID, &e.RequestedBy, &e.RequestedByName, &at, &e.OldDeadline, &e.NewDeadline, &e.Reason,
		&e.Status, &e.DecidedBy, &decided, &e.DecisionNote); err != nil {
		return nil, err
	}
	e.RequestedAt, e.DecidedAt = time.UnixMilli(at), msPtr(decided)
	return &e, nil
}

// Extensions returns the extension requests of hazard id, oldest first.
func (s *Service) Extensions(ctx context.Context, a *auth.Actor, school, id int64) ([]Extension, error) {
	q := s.DB.Read()
	if _, err := s.visibleHazard(ctx, q, a, school, id); err != nil {
		return nil, err
	}
	return extensionsOf(ctx, q, school, id)
}

// extensionsOf reads the extension requests of a hazard the caller may see.
func extensionsOf(ctx context.Context, q sqldb.Querier, school, id int64) ([]Extension, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+extensionCols+` WHERE e.hazard_id = $1 AND e.school_id = $2 ORDER BY e.id`, id, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Extension
	for rows.Next() {
		e, err := scanExtension(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *e)
	}
	return out, rows.Err()
}

// pendingExtension is the request awaiting a decision, or nil.
func pendingExtension(ctx context.Context, q sqldb.Querier, school, id int64) (*Extension, error) {
	e, err := scanExtension(q.QueryRowContext(ctx, `SELECT `+extensionCols+`
		WHERE e.hazard_id = $1 AND e.school_id = $2 AND e.status = 'pending' ORDER BY e.id DESC LIMIT 1`, id, school))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return e, err
}

// stepRequestExtension asks the office for a later deadline.
func stepRequestExtension(c *change, st Step) error {
	if p, err := pendingExtension(c.ctx, c.tx, c.h.SchoolID, c.h.ID); err != nil {
		return err
	} else if p != nil {
		return guard("extension_pending", "已有一项延期申请等待审批，请等待办公室答复。")
	}
	var f fieldErrs
	nd := st.NewDeadline
	if nd == "" {
		nd = st.Deadline
	}
	c.note = f.text("reason", "延期理由", st.Reason, true, maxNote)
	if nd == "" {
		f.add("new_deadline", "请填写延期后的整改期限。")
	} else if d, err := time.ParseInLocation(time.DateOnly, nd, c.loc); err != nil {
		f.add("new_deadline", "整改期限的日期格式不正确（应为 2026-03-31 这样的日期）。")
	} else {
		nd = d.Format(time.DateOnly)
	}
	if err := f.err("hazard.extension_invalid"); err != nil {
		return err
	}
	if err := extensionGuard(c.ctx, c.tx, c.h, nd, c.now, c.loc); err != nil {
		return err
	}
	var id int64
	if err := c.tx.QueryRowContext(c.ctx, `INSERT INTO hazard_extensions (school_id, hazard_id, requested_by, requested_at, old_deadline, new_deadline, reason)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, c.h.SchoolID, c.h.ID, c.a.AccountID, c.now.UnixMilli(), c.h.Deadline, nd, c.note).Scan(&id); err != nil {
		return err
	}
	c.extra["extension_id"], c.extra["new_deadline"] = id, nd
	return nil
}

// stepDecideExtension approves or refuses the pending request. Approval
// moves the deadline and restarts the overdue clock (a new deadline is a
// new promise; the escalation ladder starts again if it is missed).
func stepDecideExtension(approve bool) func(c *change, st Step) error {
	return func(c *change, st Step) error {
		p, err := pendingExtension(c.ctx, c.tx, c.h.SchoolID, c.h.ID)
		if err != nil {
			return err
		}
		if p == nil || (st.ExtensionID != 0 && st.ExtensionID != p.ID) {
			return guard("extension_none", "没有待审批的延期申请。")
		}
		var f fieldErrs
		if approve {
			c.note = f.text("note", "审批意见", firstText(st.Note, st.Reason), false, maxNote)
		} else {
			c.note = f.text("reason", "不批准的理由", firstText(st.Reason, st.Note), true, maxNote)
		}
		if err := f.err("hazard.extension_invalid"); err != nil {
			return err
		}
		status := ExtensionRefused
		if approve {
			status = ExtensionApproved
			c.h.Deadline = p.NewDeadline
			c.restartClock()
		}
		if _, err := c.tx.ExecContext(c.ctx, `UPDATE hazard_extensions SET status = $2, decided_by = $3, decided_at = $4, decision_note = $5 WHERE id = $1`,
			p.ID, status, c.a.AccountID, c.now.UnixMilli(), c.note); err != nil {
			return err
		}
		c.extra["extension_id"], c.extra["extension_status"], c.extension = p.ID, status, p
		return nil
	}
}

// restartClock clears the overdue marks when the deadline moves on.
func (c *change) restartClock() {
	c.h.Overdue, c.h.OverdueSince, c.h.EscalationStep, c.h.EscalatedAt = false, nil, 0, nil
}

func firstText(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}
