package notify

import (
	"context"
	"fmt"
	"time"

	"safecampus/internal/auth"
)

// Outbox statuses.
const (
	StatusPending = "pending"
	StatusSending = "sending"
	StatusSent    = "sent"
	StatusDead    = "dead"
)

// StatusLabel is a status in Chinese.
func StatusLabel(s string) string {
	switch s {
	case StatusPending:
		return "待发送"
	case StatusSending:
		return "发送中"
	case StatusSent:
		return "已发送"
	case StatusDead:
		return "发送失败"
	}
	return s
}

// OutboxRow is one delivery as the settings page shows it.
type OutboxRow struct {
	ID            int64
	ChannelName   string
	ChannelKind   ChannelKind
	Title         string
	Status        string
	Attempts      int
	NextAttemptAt time.Time
	LastError     string
	CreatedAt     time.Time
	SentAt        time.Time
}

// OutboxLimit is how many deliveries the settings page lists.
const OutboxLimit = 50

// Outbox lists the school's latest deliveries, newest first, optionally of
// one status, so an admin sees what was sent and why something was not.
func (s *Service) Outbox(ctx context.Context, a *auth.Actor, school int64, status string) ([]OutboxRow, error) {
	if err := requireManage(a, school); err != nil {
		return nil, err
	}
	q := `SELECT o.id, c.name, c.kind, m.title, o.status, o.attempts, o.next_attempt_at, o.last_error, o.created_at, o.sent_at
		FROM notify_outbox o JOIN notify_channels c ON c.id = o.channel_id JOIN notify_messages m ON m.id = o.message_id
		WHERE o.school_id = $1 AND ($2 = '' OR o.status = $2) ORDER BY o.id DESC LIMIT $3`
	rows, err := s.DB.Read().QueryContext(ctx, q, school, status, OutboxLimit)
	if err != nil {
		return nil, fmt.Errorf("list outbox: %w", err)
	}
	defer rows.Close()
	var out []OutboxRow
	for rows.Next() {
		var r OutboxRow
		var kind string
		var next, created, sent int64
		if err := rows.Scan(&r.ID, &r.ChannelName, &kind, &r.Title, &r.Status, &r.Attempts, &next, &r.LastError, &created, &sent); err != nil {
			return nil, err
		}
		r.ChannelKind, r.NextAttemptAt, r.CreatedAt = ChannelKind(kind), time.UnixMilli(next), time.UnixMilli(created)
		if sent != 0 {
			r.SentAt = time.UnixMilli(sent)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// StatusLabel is the row's status in Chinese.
func (r OutboxRow) StatusLabel() string { return StatusLabel(r.Status) }
