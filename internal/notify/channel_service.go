package notify

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

const channelCols = `id, school_id, kind, name, active, note, config, created_at, updated_at`

func scanChannel(s interface{ Scan(...any) error }) (Channel, error) {
	var c Channel
	var kind, cfg string
	var created, updated int64
	if err := s.Scan(&c.ID, &c.SchoolID, &kind, &c.Name, &c.Active, &c.Note, &cfg, &created, &updated); err != nil {
		return Channel{}, err
	}
	c.Kind, c.CreatedAt, c.UpdatedAt = ChannelKind(kind), time.UnixMilli(created), time.UnixMilli(updated)
	var err error
	c.Config, err = decodeConfig(cfg)
	return c, err
}

// Channels lists the school's channels for the settings page.
func (s *Service) Channels(ctx context.Context, a *auth.Actor, school int64) ([]Channel, error) {
	if err := requireManage(a, school); err != nil {
		return nil, err
	}
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT `+channelCols+` FROM notify_channels WHERE school_id = $1 ORDER BY id`, school)
	if err != nil {
		return nil, fmt.Errorf("list channels: %w", err)
	}
	defer rows.Close()
	var out []Channel
	for rows.Next() {
		c, err := scanChannel(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// findChannel reads one channel of school; another school's id is "not found".
func findChannel(ctx context.Context, q sqldb.Querier, school, id int64, lock string) (Channel, error) {
	c, err := scanChannel(q.QueryRowContext(ctx, `SELECT `+channelCols+` FROM notify_channels WHERE id = $1 AND school_id = $2`+lock, id, school))
	if isNoRows(err) {
		return Channel{}, apperr.NotFoundf("notify_channel.not_found", "没有这个通知渠道。")
	}
	return c, err
}

// CreateChannel stores a new channel of school, active.
func (s *Service) CreateChannel(ctx context.Context, a *auth.Actor, school int64, in ChannelInput) (Channel, error) {
	if err := requireManage(a, school); err != nil {
		return Channel{}, err
	}
	var f fieldErrs
	c := Channel{SchoolID: school, Kind: in.Kind, Active: true, Name: f.text("name", "渠道名称", in.Name, true, 50)}
	c.Config = in.apply(Config{}, true, &f)
	if err := f.err("notify_channel.invalid"); err != nil {
		return Channel{}, err
	}
	err := s.write(ctx, a, func(tx *sqldb.Tx, now time.Time) (audit.Record, error) {
		cfg, err := c.Config.encode()
		if err != nil {
			return audit.Record{}, err
		}
		c.CreatedAt, c.UpdatedAt = now, now
		err = tx.QueryRowContext(ctx, `INSERT INTO notify_channels (school_id, kind, name, config, active, created_at, updated_at)
			VALUES ($1, $2, $3, $4, TRUE, $5, $5) ON CONFLICT (school_id, name) DO NOTHING RETURNING id`,
			school, string(c.Kind), c.Name, cfg, now.UnixMilli()).Scan(&c.ID)
		if isNoRows(err) {
			return audit.Record{}, apperr.Fields("notify_channel.name_taken", []apperr.FieldError{{Field: "name", Message: "已有同名的通知渠道。"}})
		}
		if err != nil {
			return audit.Record{}, err
		}
		return audit.Record{SchoolID: school, Action: "notify_channel.create", Entity: "notify_channel", EntityID: c.ID, After: c.auditView()}, nil
	})
	return c, err
}

// UpdateChannel changes a channel's name and settings; its kind stays.
// Empty secret fields keep the stored secrets.
func (s *Service) UpdateChannel(ctx context.Context, a *auth.Actor, school, id int64, in ChannelInput) (Channel, error) {
	if err := requireManage(a, school); err != nil {
		return Channel{}, err
	}
	var out Channel
	err := s.write(ctx, a, func(tx *sqldb.Tx, now time.Time) (audit.Record, error) {
		old, err := findChannel(ctx, tx, school, id, tx.Dialect.ForUpdate())
		if err != nil {
			return audit.Record{}, err
		}
		var f fieldErrs
		in.Kind = old.Kind
		c := old
		c.Name = f.text("name", "渠道名称", in.Name, true, 50)
		c.Config = in.apply(old.Config, false, &f)
		if err := f.err("notify_channel.invalid"); err != nil {
			return audit.Record{}, err
		}
		cfg, err := c.Config.encode()
		if err != nil {
			return audit.Record{}, err
		}
		c.UpdatedAt = now
		if _, err := tx.ExecContext(ctx, `UPDATE notify_channels SET name = $1, config = $2, note = '', updated_at = $3 WHERE id = $4`,
			c.Name, cfg, now.UnixMilli(), id); err != nil {
			if sqldb.IsUniqueViolation(err) {
				return audit.Record{}, apperr.Fields("notify_channel.name_taken", []apperr.FieldError{{Field: "name", Message: "已有同名的通知渠道。"}})
			}
			return audit.Record{}, err
		}
		c.Note, out = "", c
		after := c.auditView()
		if ch := secretsChanged(old.Config, c.Config); len(ch) > 0 {
			after["secrets_changed"] = ch
		}
		return audit.Record{SchoolID: school, Action: "notify_channel.update", Entity: "notify_channel", EntityID: id, Before: old.auditView(), After: after}, nil
	})
	return out, err
}

// SetChannelActive switches a channel off or on again. Rows already in
// the outbox for a switched-off channel are marked dead when their turn
// comes; nothing is queued for it meanwhile.
func (s *Service) SetChannelActive(ctx context.Context, a *auth.Actor, school, id int64, active bool) error {
	if err := requireManage(a, school); err != nil {
		return err
	}
	return s.write(ctx, a, func(tx *sqldb.Tx, now time.Time) (audit.Record, error) {
		old, err := findChannel(ctx, tx, school, id, tx.Dialect.ForUpdate())
		if err != nil {
			return audit.Record{}, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE notify_channels SET active = $1, note = '', updated_at = $2 WHERE id = $3`, active, now.UnixMilli(), id); err != nil {
			return audit.Record{}, err
		}
		action := map[bool]string{true: "notify_channel.enable", false: "notify_channel.disable"}[active]
		return audit.Record{SchoolID: school, Action: action, Entity: "notify_channel", EntityID: id,
			Before: map[string]any{"active": old.Active}, After: map[string]any{"active": active}}, nil
	})
}

// SendTest queues a test message for one active channel; the Dispatcher
// sends it like any other, so the outbox shows the outcome.
func (s *Service) SendTest(ctx context.Context, a *auth.Actor, school, id int64) error {
	if err := requireManage(a, school); err != nil {
		return err
	}
	return s.write(ctx, a, func(tx *sqldb.Tx, now time.Time) (audit.Record, error) {
		c, err := findChannel(ctx, tx, school, id, "")
		if err != nil {
			return audit.Record{}, err
		}
		if !c.Active {
			return audit.Record{}, apperr.Invalidf("notify_channel.inactive", "该渠道已停用，请先启用再发送测试消息。")
		}
		at := now.UnixMilli()
		// Per admin and instant: two admins testing at once each get theirs.
		key := "test:" + strconv.FormatInt(id, 10) + ":" + strconv.FormatInt(a.AccountID, 10) + ":" + strconv.FormatInt(at, 10)
		var msg int64
		err = tx.QueryRowContext(ctx, `INSERT INTO notify_messages (school_id, dedup_key, kind, title, body, link, created_at)
			VALUES ($1, $2, 'test', $3, $4, '/settings/notify', $5) ON CONFLICT (school_id, dedup_key) DO NOTHING RETURNING id`,
			school, key, "测试消息："+c.Name, "这是一条测试消息。收到即说明“"+c.Name+"”配置正确。", at).Scan(&msg)
		if isNoRows(err) {
			return audit.Record{}, apperr.New(apperr.Conflict, "notify_channel.test_twice", "测试消息刚刚已发送，请稍候再试。")
		}
		if err != nil {
			return audit.Record{}, err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO notify_outbox (school_id, message_id, channel_id, next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $4)`,
			school, msg, id, at); err != nil {
			return audit.Record{}, err
		}
		return audit.Record{SchoolID: school, Action: "notify_channel.test", Entity: "notify_channel", EntityID: id, After: map[string]any{"message_id": msg}}, nil
	})
}
