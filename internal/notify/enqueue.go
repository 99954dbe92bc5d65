package notify

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"safecampus/internal/sqldb"
)

// Message is one notification: an inbox row for every recipient account and
// one outbox row per active channel of the school.
type Message struct {
	SchoolID   int64
	Kind       string  // "assigned" | "returned" | "overdue" | "escalation" | "extension" | "accepted" | "notice" | ... (icons, filters)
	Title      string  // Chinese, short
	Body       string  // Chinese, plain text, no personal data of students
	Link       string  // path inside the app, e.g. "/hazards/42"
	Recipients []int64 // account ids for the in-app inbox (may be empty)
	DedupKey   string  // required; the same key again (same school) enqueues nothing new
	External   bool    // also send to the school's outbound channels (WeCom/DingTalk/SMTP)
}

// Limits keep one runaway caller from filling the inbox with novels; the
// senders truncate further to each vendor's byte limit.
const (
	maxTitleRunes = 200
	maxBodyRunes  = 4000
	maxKeyBytes   = 200
)

// Enqueue writes the inbox and outbox rows inside tx (the caller's business
// transaction), so a message exists iff the change committed. It returns
// whether anything new was written: false when DedupKey was seen before in
// the school. Nothing is sent here; the Dispatcher sends after commit.
func Enqueue(ctx context.Context, tx *sqldb.Tx, now time.Time, m Message) (bool, error) {
	if err := m.check(); err != nil {
		return false, err
	}
	at := now.UnixMilli()
	var id int64
	// ON CONFLICT DO NOTHING rather than catching the unique violation:
	// on PostgreSQL a failed statement would abort the caller's transaction.
	err := tx.QueryRowContext(ctx, `INSERT INTO notify_messages (school_id, dedup_key, kind, title, body, link, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (school_id, dedup_key) DO NOTHING RETURNING id`,
		m.SchoolID, m.DedupKey, m.Kind, clip(m.Title, maxTitleRunes), clip(m.Body, maxBodyRunes), m.Link, at).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("notify: store message %q: %w", m.DedupKey, err)
	}
	seen := map[int64]bool{}
	for _, acc := range m.Recipients {
		if acc <= 0 || seen[acc] {
			continue
		}
		seen[acc] = true
		// Only existing accounts: a stale id from a caller must not fail
		// the caller's business transaction.
		if _, err := tx.ExecContext(ctx, `INSERT INTO notify_inbox (school_id, account_id, message_id, created_at)
			SELECT $1, id, $2, $3 FROM accounts WHERE id = $4
			ON CONFLICT (account_id, message_id) DO NOTHING`, m.SchoolID, id, at, acc); err != nil {
			return false, fmt.Errorf("notify: inbox row for account %d: %w", acc, err)
		}
	}
	if m.External {
		if _, err := tx.ExecContext(ctx, `INSERT INTO notify_outbox (school_id, message_id, channel_id, next_attempt_at, created_at)
			SELECT school_id, $1, id, $2, $2 FROM notify_channels WHERE school_id = $3 AND active`, id, at, m.SchoolID); err != nil {
			return false, fmt.Errorf("notify: outbox rows: %w", err)
		}
	}
	return true, nil
}

// check rejects programming errors of callers; these are not user input,
// so the messages are English.
func (m Message) check() error {
	switch {
	case m.SchoolID <= 0:
		return errors.New("notify: message without school")
	case strings.TrimSpace(m.DedupKey) == "":
		return errors.New("notify: message without dedup key")
	case len(m.DedupKey) > maxKeyBytes:
		return fmt.Errorf("notify: dedup key longer than %d bytes", maxKeyBytes)
	case strings.TrimSpace(m.Title) == "":
		return errors.New("notify: message without title")
	case m.Kind == "":
		return errors.New("notify: message without kind")
	}
	return nil
}

// clip cuts s to at most n runes.
func clip(s string, n int) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

// AccountsOfPeople maps person ids to the ids of their active (not
// disabled) accounts in school, for callers that know people, not accounts.
// The result is sorted and without duplicates.
func AccountsOfPeople(ctx context.Context, q sqldb.Querier, school int64, people []int64) ([]int64, error) {
	var out []int64
	seen := map[int64]bool{}
	for _, p := range people {
		if p <= 0 || seen[p] {
			continue
		}
		seen[p] = true
		rows, err := q.QueryContext(ctx, `SELECT id FROM accounts WHERE person_id = $1 AND school_id = $2 AND NOT disabled`, p, school)
		if err != nil {
			return nil, fmt.Errorf("notify: accounts of person %d: %w", p, err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			out = append(out, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}
