package notify

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	"safecampus/internal/audit"
	"safecampus/internal/sqldb"
)

// Dispatcher sends outbox rows after their transaction committed. Any
// number of Dispatcher values (and program restarts) may work on the same
// database: a row is claimed with a lease before it is sent, and its
// outcome is recorded only by the claim that holds it.
type Dispatcher struct {
	DB  *sqldb.DB
	Now func() time.Time
	Log *slog.Logger
	// AppURL, when set (e.g. "https://aq.example.edu.cn"), makes the
	// message's link absolute in external messages; else the path is shown.
	AppURL string

	// Test only — production leaves these zero, so robots are reached on
	// the vendors' fixed hosts and SMTP servers are verified against the
	// system's roots.
	Endpoints Endpoints
	SMTPTLS   *tls.Config            // root CAs of a test SMTP server
	Rand      func() float64         // backoff jitter in [0,1); nil: math/rand
	Batch     int                    // rows claimed per round; 0: 10
	Lease     time.Duration          // how long a claim holds a row; 0: 5 min
	Senders   map[ChannelKind]Sender // nil: the built-in senders

	once    sync.Once
	client  *http.Client
	limiter rateLimiter
	kick    chan struct{}
}

// Endpoints are the robots' base URLs (scheme and host), for tests.
type Endpoints struct {
	WeCom    string // default https://qyapi.weixin.qq.com
	DingTalk string // default https://oapi.dingtalk.com
}

// Sender delivers one message over one kind of channel. Keeping it an
// interface keeps the channels pluggable (DingTalk is phasing out custom
// robots for some organisations).
type Sender interface {
	Send(ctx context.Context, d *Dispatcher, ch Channel, m Outgoing) error
}

// Outgoing is a message as the senders see it.
type Outgoing struct {
	OutboxID int64
	School   string // the school's name, so one group can serve several schools
	Kind     string
	Title    string
	Body     string
	Link     string // absolute when AppURL is set, else the app path
	At       time.Time
}

func (d *Dispatcher) init() {
	d.once.Do(func() {
		// No redirects: a webhook answering with one is misconfigured, and
		// following it would send the message somewhere nobody chose.
		d.client = &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		d.kick = make(chan struct{}, 1)
		if d.Log == nil {
			d.Log = slog.New(slog.DiscardHandler)
		}
	})
}

// Kick wakes Run early (e.g. right after a commit that enqueued
// something); it never blocks.
func (d *Dispatcher) Kick() {
	d.init()
	select {
	case d.kick <- struct{}{}:
	default:
	}
}

// DefaultEvery is how often Run looks for due rows when not kicked.
const DefaultEvery = 15 * time.Second

// Run sends due rows now and then every `every` (or when kicked) until ctx
// ends. Errors are logged; the loop keeps going.
func (d *Dispatcher) Run(ctx context.Context, every time.Duration) {
	d.init()
	if every <= 0 {
		every = DefaultEvery
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for ctx.Err() == nil {
		for ctx.Err() == nil {
			n, err := d.RunOnce(ctx)
			if err != nil && ctx.Err() == nil {
				d.Log.Error("notify: dispatch", "err", err)
			}
			if err != nil || n < d.batch() {
				break // drained (or failing): wait for the next tick
			}
		}
		select {
		case <-ctx.Done():
		case <-t.C:
		case <-d.kick:
		}
	}
}

func (d *Dispatcher) batch() int {
	if d.Batch > 0 {
		return d.Batch
	}
	return 10
}

// RunOnce claims up to one batch of due rows, sends them and records each
// outcome. sent counts the rows delivered.
func (d *Dispatcher) RunOnce(ctx context.Context) (sent int, err error) {
	d.init()
	claims, err := d.claim(ctx)
	if err != nil {
		return 0, err
	}
	var errs []error
	for _, c := range claims {
		ok, err := d.deliver(ctx, c)
		if err != nil {
			errs = append(errs, fmt.Errorf("outbox row %d: %w", c.id, err))
		}
		if ok {
			sent++
		}
	}
	return sent, errors.Join(errs...)
}

// claim is one claimed row: attempts after the claim is its fencing token.
type claim struct {
	id       int64
	attempts int
}

// claim marks due rows as being sent. A row is due when pending and its
// time has come, or when a previous claim's lease ran out (its sender
// stopped mid-way). PostgreSQL skips rows another dispatcher has locked;
// SQLite's single writer serialises the claim anyway.
func (d *Dispatcher) claim(ctx context.Context) ([]claim, error) {
	now := d.Now()
	lease := d.Lease
	if lease <= 0 {
		lease = 5 * time.Minute
	}
	var out []claim
	err := d.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		out = out[:0]
		lock := ""
		if tx.Dialect == sqldb.Postgres {
			lock = " FOR UPDATE SKIP LOCKED"
		}
		rows, err := tx.QueryContext(ctx, `UPDATE notify_outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = $1
			WHERE id IN (SELECT id FROM notify_outbox WHERE status IN ('pending', 'sending') AND next_attempt_at <= $2
				ORDER BY next_attempt_at, id LIMIT $3`+lock+`)
			RETURNING id, attempts`, now.Add(lease).UnixMilli(), now.UnixMilli(), d.batch())
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c claim
			if err := rows.Scan(&c.id, &c.attempts); err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("claim outbox rows: %w", err)
	}
	return out, nil
}

// random returns the jitter source's next value.
func (d *Dispatcher) random() float64 {
	if d.Rand != nil {
		return d.Rand()
	}
	return rand.Float64()
}

// autoDisable switches a channel off after the vendor said it is broken,
// with an audit entry by the system (actor 0), so the admin sees why.
func autoDisable(ctx context.Context, tx *sqldb.Tx, now time.Time, school, channel int64, reason string) error {
	res, err := tx.ExecContext(ctx, `UPDATE notify_channels SET active = FALSE, note = $1, updated_at = $2 WHERE id = $3 AND active`, reason, now.UnixMilli(), channel)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	_, err = audit.Append(ctx, tx, now, audit.Record{SchoolID: school, Action: "notify_channel.auto_disable", Entity: "notify_channel", EntityID: channel,
		Before: map[string]any{"active": true}, After: map[string]any{"active": false, "reason": reason}})
	return err
}
