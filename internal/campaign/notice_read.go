package campaign

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

const noticeCols = `n.id, n.school_id, COALESCE(n.campaign_id, 0), n.title, n.body, n.target_unit_ids, n.target_roles, n.published_by, n.published_at,
	(SELECT COUNT(*) FROM notice_recipients r WHERE r.notice_id = n.id),
	(SELECT COUNT(*) FROM notice_recipients r WHERE r.notice_id = n.id AND r.acknowledged_at IS NOT NULL)`

func scanNotice(s scanner, extra ...any) (Notice, error) {
	var n Notice
	var units, roles string
	var at int64
	dest := append([]any{&n.ID, &n.SchoolID, &n.CampaignID, &n.Title, &n.Body, &units, &roles, &n.PublishedBy, &at, &n.Recipients, &n.Acknowledged}, extra...)
	if err := s.Scan(dest...); err != nil {
		return n, err
	}
	n.PublishedAt = time.UnixMilli(at).UTC()
	for _, v := range strings.Split(units, ",") {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			n.UnitIDs = append(n.UnitIDs, id)
		}
	}
	for _, v := range strings.Split(roles, ",") {
		if v != "" {
			n.Roles = append(n.Roles, auth.Role(v))
		}
	}
	return n, nil
}

func millisPtr(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := time.UnixMilli(v.Int64).UTC()
	return &t
}

// MyNotices lists the notices sent to the actor's account in school,
// newest first, with when the actor acknowledged each.
func (s *Service) MyNotices(ctx context.Context, a *auth.Actor, school int64) ([]Received, error) {
	if err := canView(a, school); err != nil {
		return nil, err
	}
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT `+noticeCols+`, me.acknowledged_at FROM notices n
		JOIN notice_recipients me ON me.notice_id = n.id AND me.account_id = $2
		WHERE n.school_id = $1 ORDER BY n.published_at DESC, n.id DESC`, school, a.AccountID)
	if err != nil {
		return nil, fmt.Errorf("my notices: %w", err)
	}
	defer rows.Close()
	var out []Received
	for rows.Next() {
		var ack sql.NullInt64
		n, err := scanNotice(rows, &ack)
		if err != nil {
			return nil, err
		}
		out = append(out, Received{Notice: n, AcknowledgedAt: millisPtr(ack)})
	}
	return out, rows.Err()
}

// ReadNotice returns a notice to one of its recipients or to the campaign
// office; anyone else of the school is told it does not exist.
func (s *Service) ReadNotice(ctx context.Context, a *auth.Actor, school, id int64) (Received, error) {
	if err := canView(a, school); err != nil {
		return Received{}, err
	}
	var ack sql.NullInt64
	var mine int
	n, err := scanNotice(s.DB.Read().QueryRowContext(ctx, `SELECT `+noticeCols+`,
		(SELECT MAX(acknowledged_at) FROM notice_recipients WHERE notice_id = n.id AND account_id = $3),
		(SELECT COUNT(*) FROM notice_recipients WHERE notice_id = n.id AND account_id = $3)
		FROM notices n WHERE n.id = $1 AND n.school_id = $2`, id, school, a.AccountID), &ack, &mine)
	if err == sql.ErrNoRows || err == nil && mine == 0 && !CanManage(a, school) {
		return Received{}, apperr.NotFoundf("notice.not_found", "通知不存在。")
	}
	if err != nil {
		return Received{}, fmt.Errorf("read notice: %w", err)
	}
	r := Received{Notice: n, AcknowledgedAt: millisPtr(ack)}
	return r, nil
}

// IsRecipient reports whether the actor's account received notice id.
func (s *Service) IsRecipient(ctx context.Context, a *auth.Actor, id int64) (bool, error) {
	var n int
	err := s.DB.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM notice_recipients WHERE notice_id = $1 AND account_id = $2`, id, a.AccountID).Scan(&n)
	return n > 0, err
}

// Acknowledge records that the actor read notice id. Only a recipient may;
// acknowledging again changes nothing and returns false.
func (s *Service) Acknowledge(ctx context.Context, a *auth.Actor, school, id int64) (bool, error) {
	if err := canView(a, school); err != nil {
		return false, err
	}
	now := s.Now()
	changed := false
	err := s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		var ack sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT acknowledged_at FROM notice_recipients WHERE notice_id = $1 AND account_id = $2 AND school_id = $3`,
			id, a.AccountID, school).Scan(&ack)
		if err == sql.ErrNoRows {
			return apperr.NotFoundf("notice.not_found", "通知不存在，或您不是该通知的接收人。")
		}
		if err != nil || ack.Valid {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE notice_recipients SET acknowledged_at = $1 WHERE notice_id = $2 AND account_id = $3`,
			now.UnixMilli(), id, a.AccountID); err != nil {
			return fmt.Errorf("acknowledge: %w", err)
		}
		changed = true
		_, err = audit.Append(ctx, tx, now, audit.Record{SchoolID: school, ActorID: a.AccountID, Action: "notice.acknowledge",
			Entity: "notice", EntityID: id, After: map[string]any{"account_id": a.AccountID}})
		return err
	})
	return changed, err
}

// ListNotices lists every notice of the school with its acknowledgement
// counts (the campaign office).
func (s *Service) ListNotices(ctx context.Context, a *auth.Actor, school int64) ([]Notice, error) {
	if err := canManage(a, school); err != nil {
		return nil, err
	}
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT `+noticeCols+` FROM notices n WHERE n.school_id = $1 ORDER BY n.published_at DESC, n.id DESC`, school)
	if err != nil {
		return nil, fmt.Errorf("list notices: %w", err)
	}
	defer rows.Close()
	var out []Notice
	for rows.Next() {
		n, err := scanNotice(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// Acknowledgements returns a notice and every recipient, those who have
// not acknowledged first (the office chases them), then by name.
func (s *Service) Acknowledgements(ctx context.Context, a *auth.Actor, school, id int64) (Notice, []Recipient, error) {
	if err := canManage(a, school); err != nil {
		return Notice{}, nil, err
	}
	q := s.DB.Read()
	n, err := scanNotice(q.QueryRowContext(ctx, `SELECT `+noticeCols+` FROM notices n WHERE n.id = $1 AND n.school_id = $2`, id, school))
	if err == sql.ErrNoRows {
		return n, nil, apperr.NotFoundf("notice.not_found", "通知不存在。")
	}
	if err != nil {
		return n, nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT r.account_id, a.display_name, COALESCE(u.name, ''), r.acknowledged_at
		FROM notice_recipients r JOIN accounts a ON a.id = r.account_id
		LEFT JOIN people p ON p.id = a.person_id LEFT JOIN units u ON u.id = p.unit_id
		WHERE r.notice_id = $1 AND r.school_id = $2
		ORDER BY CASE WHEN r.acknowledged_at IS NULL THEN 0 ELSE 1 END, COALESCE(u.name, ''), a.display_name, r.account_id`, id, school)
	if err != nil {
		return n, nil, fmt.Errorf("recipients: %w", err)
	}
	defer rows.Close()
	var out []Recipient
	for rows.Next() {
		var r Recipient
		var ack sql.NullInt64
		if err := rows.Scan(&r.AccountID, &r.DisplayName, &r.UnitName, &ack); err != nil {
			return n, nil, err
		}
		r.AcknowledgedAt = millisPtr(ack)
		out = append(out, r)
	}
	return n, out, rows.Err()
}
