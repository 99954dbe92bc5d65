package notify

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"safecampus/internal/sqldb"
)

// deliver sends one claimed row and records the outcome. ok is true when
// the row was sent.
func (d *Dispatcher) deliver(ctx context.Context, c claim) (ok bool, err error) {
	ch, m, err := d.load(ctx, c.id)
	if err != nil {
		return false, err
	}
	now := d.Now()
	switch {
	case !ch.Active:
		return false, d.finish(ctx, c, ch, StatusDead, now, "渠道已停用，未发送。", false)
	case c.attempts > MaxAttempts:
		// Only claims whose sender died get here (each death counts).
		return false, d.finish(ctx, c, ch, StatusDead, now, "多次发送中断，已放弃。", false)
	}
	if ch.Kind != KindSMTP {
		if room, at := d.limiter.take(ch.ID, now); !room {
			return false, d.release(ctx, c, at)
		}
	}
	sender := d.sender(ch.Kind)
	if sender == nil {
		return false, d.finish(ctx, c, ch, StatusDead, now, "不支持的渠道类型 "+string(ch.Kind)+"。", false)
	}
	sendErr := sender.Send(ctx, d, ch, m)
	if ctx.Err() != nil && sendErr != nil {
		// Shutting down mid-send: the lease runs out and the row is tried
		// again after the restart; recording a failure would be untrue.
		return false, nil
	}
	now = d.Now()
	if sendErr == nil {
		return true, d.finish(ctx, c, ch, StatusSent, now, "", false)
	}
	var se *sendError
	if !errors.As(sendErr, &se) {
		se = temporary(0, "%s", truncateBytes(sendErr.Error(), 300))
	}
	if se.permanent {
		return false, d.finish(ctx, c, ch, StatusDead, now, se.msg, se.disable)
	}
	if c.attempts >= MaxAttempts {
		return false, d.finish(ctx, c, ch, StatusDead, now, fmt.Sprintf("已重试 %d 次仍失败：%s", c.attempts, se.msg), false)
	}
	next := now.Add(backoff(c.attempts, se.floor, d.random()))
	return false, d.retryAt(ctx, c, next, se.msg)
}

func (d *Dispatcher) sender(k ChannelKind) Sender {
	if s, ok := d.Senders[k]; ok {
		return s
	}
	switch k {
	case KindWeCom:
		return weComSender{}
	case KindDingTalk:
		return dingTalkSender{}
	case KindSMTP:
		return smtpSender{}
	}
	return nil
}

// load reads the row's channel and message.
func (d *Dispatcher) load(ctx context.Context, id int64) (Channel, Outgoing, error) {
	var ch Channel
	var m Outgoing
	var kind, cfg string
	var at int64
	err := d.DB.Read().QueryRowContext(ctx, `SELECT c.id, c.school_id, c.kind, c.name, c.active, c.config, s.name, m.kind, m.title, m.body, m.link, m.created_at
		FROM notify_outbox o JOIN notify_channels c ON c.id = o.channel_id JOIN notify_messages m ON m.id = o.message_id JOIN schools s ON s.id = o.school_id
		WHERE o.id = $1`, id).Scan(&ch.ID, &ch.SchoolID, &kind, &ch.Name, &ch.Active, &cfg, &m.School, &m.Kind, &m.Title, &m.Body, &m.Link, &at)
	if err != nil {
		return ch, m, fmt.Errorf("load: %w", err)
	}
	ch.Kind, m.OutboxID, m.At = ChannelKind(kind), id, time.UnixMilli(at)
	if ch.Config, err = decodeConfig(cfg); err != nil {
		return ch, m, err
	}
	if d.AppURL != "" && strings.HasPrefix(m.Link, "/") {
		m.Link = strings.TrimRight(d.AppURL, "/") + m.Link
	}
	return ch, m, nil
}

// finish records a final outcome (sent or dead) if the claim still holds
// the row, and switches the channel off when the vendor said it is broken.
func (d *Dispatcher) finish(ctx context.Context, c claim, ch Channel, status string, now time.Time, msg string, disable bool) error {
	sentAt := int64(0)
	if status == StatusSent {
		sentAt = now.UnixMilli()
	}
	return d.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE notify_outbox SET status = $1, last_error = $2, sent_at = $3, next_attempt_at = $4
			WHERE id = $5 AND attempts = $6 AND status = 'sending'`, status, msg, sentAt, now.UnixMilli(), c.id, c.attempts)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			d.Log.Warn("notify: claim lost before the outcome was recorded", "outbox", c.id, "status", status)
			return nil
		}
		if status == StatusDead {
			d.Log.Warn("notify: message not delivered", "outbox", c.id, "channel", ch.ID, "reason", msg)
		}
		if disable {
			return autoDisable(ctx, tx, now, ch.SchoolID, ch.ID, msg)
		}
		return nil
	})
}

// retryAt puts the row back to pending for another attempt at next.
func (d *Dispatcher) retryAt(ctx context.Context, c claim, next time.Time, msg string) error {
	return d.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE notify_outbox SET status = 'pending', last_error = $1, next_attempt_at = $2
			WHERE id = $3 AND attempts = $4 AND status = 'sending'`, msg, next.UnixMilli(), c.id, c.attempts)
		return err
	})
}

// release hands a row back untried (the robot's rate window is full): the
// claim's attempt is not counted.
func (d *Dispatcher) release(ctx context.Context, c claim, at time.Time) error {
	return d.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE notify_outbox SET status = 'pending', attempts = attempts - 1, next_attempt_at = $1
			WHERE id = $2 AND attempts = $3 AND status = 'sending'`, at.UnixMilli(), c.id, c.attempts)
		return err
	})
}

// truncateBytes cuts s to at most n bytes of UTF-8 on a rune boundary.
func truncateBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
