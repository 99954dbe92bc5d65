package notify

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// InboxItem is one notification in an account's inbox.
type InboxItem struct {
	ID        int64
	Kind      string
	Title     string
	Body      string
	Link      string
	CreatedAt time.Time
	Read      bool
}

// InboxPageSize is how many items one inbox page shows.
const InboxPageSize = 30

// UnreadCap bounds the unread count: the badge shows "99+" beyond it, so
// the count stays a short index range scan however full an inbox gets.
const UnreadCap = 100

// Inbox lists the actor's own notifications, newest first, with keyset
// paging: before is the id of the last item of the previous page (0 for
// the first page). next is the value for the following page, 0 at the end.
func (s *Service) Inbox(ctx context.Context, a *auth.Actor, before int64) (items []InboxItem, next int64, err error) {
	if a == nil || a.AccountID == 0 {
		return nil, 0, nil
	}
	if before <= 0 {
		before = 1<<63 - 1
	}
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT i.id, m.kind, m.title, m.body, m.link, i.created_at, i.read_at
		FROM notify_inbox i JOIN notify_messages m ON m.id = i.message_id
		WHERE i.account_id = $1 AND i.id < $2 ORDER BY i.id DESC LIMIT $3`, a.AccountID, before, InboxPageSize+1)
	if err != nil {
		return nil, 0, fmt.Errorf("list inbox: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var it InboxItem
		var created, read int64
		if err := rows.Scan(&it.ID, &it.Kind, &it.Title, &it.Body, &it.Link, &created, &read); err != nil {
			return nil, 0, err
		}
		it.CreatedAt, it.Read = time.UnixMilli(created), read != 0
		items = append(items, it)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	if len(items) > InboxPageSize {
		items = items[:InboxPageSize]
		next = items[len(items)-1].ID
	}
	return items, next, nil
}

// UnreadCount is the number of the account's unread notifications, at most
// UnreadCap. It is one range scan of the inbox index, cheap enough for
// every page's header.
func (s *Service) UnreadCount(ctx context.Context, account int64) (int, error) {
	if account == 0 {
		return 0, nil
	}
	var n int
	err := s.DB.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM notify_inbox WHERE account_id = $1 AND read_at = 0 LIMIT $2) u`,
		account, UnreadCap).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count unread: %w", err)
	}
	return n, nil
}

// MarkRead marks one of the actor's notifications read and returns its
// link. Another account's item is "not found", whoever asks. Reading is
// the account's own state, not school data, so it is not audited.
func (s *Service) MarkRead(ctx context.Context, a *auth.Actor, id int64) (link string, err error) {
	err = s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		var read int64
		err := tx.QueryRowContext(ctx, `SELECT i.read_at, m.link FROM notify_inbox i JOIN notify_messages m ON m.id = i.message_id
			WHERE i.id = $1 AND i.account_id = $2`, id, a.AccountID).Scan(&read, &link)
		if isNoRows(err) {
			return apperr.NotFoundf("notify.not_found", "没有这条通知。")
		}
		if err != nil || read != 0 {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE notify_inbox SET read_at = $1 WHERE id = $2`, s.Now().UnixMilli(), id)
		return err
	})
	return link, err
}

// MarkAllRead marks every unread notification of the actor read and
// returns how many there were.
func (s *Service) MarkAllRead(ctx context.Context, a *auth.Actor) (int64, error) {
	if a == nil || a.AccountID == 0 {
		return 0, apperr.ForbiddenErr("inbox")
	}
	var n int64
	err := s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE notify_inbox SET read_at = $1 WHERE account_id = $2 AND read_at = 0`, s.Now().UnixMilli(), a.AccountID)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
