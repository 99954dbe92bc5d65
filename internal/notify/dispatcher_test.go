package notify

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"safecampus/internal/notify/notifytest"
	"safecampus/internal/sqldb"
	"safecampus/internal/testkit"
)

const testSecret = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

func TestDingTalkSignVector(t *testing.T) {
	// The test vector of NOTIFY.md.
	if got, want := dingTalkSign(1700000000000, testSecret), "bTgY2yDbep+wesS7jKiNj+srsHoADES4+C4f8LCHFtU="; got != want {
		t.Fatalf("sign = %s, want %s", got, want)
	}
}

func TestBackoffBounds(t *testing.T) {
	for _, tt := range []struct {
		attempt int
		floor   time.Duration
		r       float64
		min     time.Duration
		max     time.Duration
	}{
		{1, 0, 0.999, 29 * time.Second, 30 * time.Second},
		{1, 0, 0, time.Second, time.Second},
		{3, 0, 0.5, 60 * time.Second, 60 * time.Second},
		{8, 0, 0.999, 29 * time.Minute, 30 * time.Minute},
		{40, 0, 0.999, 29 * time.Minute, 30 * time.Minute},
		{1, time.Minute, 0.1, time.Minute, time.Minute},
		{2, 10 * time.Minute, 0.999, 10 * time.Minute, 10 * time.Minute},
	} {
		if got := backoff(tt.attempt, tt.floor, tt.r); got < tt.min || got > tt.max {
			t.Errorf("backoff(%d, %v, %v) = %v, want in [%v, %v]", tt.attempt, tt.floor, tt.r, got, tt.min, tt.max)
		}
	}
}

// channelWith stores an active channel with cf, bypassing the form
// validation (the receivers listen on 127.0.0.1 and random ports).
func (f *fixture) channelWith(kind ChannelKind, name string, cf Config) int64 {
	f.t.Helper()
	cfg, err := cf.encode()
	f.must(err)
	var id int64
	f.must(f.db.Transact(f.ctx, func(tx *sqldb.Tx) error {
		return tx.QueryRowContext(f.ctx, `INSERT INTO notify_channels (school_id, kind, name, config, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`, f.school, string(kind), name, cfg, f.clock.ms()).Scan(&id)
	}))
	return id
}

// dispatcher returns a fresh Dispatcher on f's database aimed at the
// test receivers, with the largest jitter (deterministic waits).
func (f *fixture) dispatcher(wecom, ding *notifytest.Robot, mr *notifytest.Mailbox) *Dispatcher {
	d := &Dispatcher{DB: f.db, Now: f.clock.now, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), AppURL: "https://aq.example.edu.cn",
		Rand: func() float64 { return 0.999 }}
	if wecom != nil {
		d.Endpoints.WeCom = wecom.URL
	}
	if ding != nil {
		d.Endpoints.DingTalk = ding.URL
	}
	if mr != nil {
		d.SMTPTLS = mr.TLS
	}
	return d
}

type outboxState struct {
	status   string
	attempts int
	next     int64
	lastErr  string
}

func (f *fixture) outbox(channel int64) outboxState {
	f.t.Helper()
	var s outboxState
	f.must(f.db.Read().QueryRowContext(f.ctx, `SELECT status, attempts, next_attempt_at, last_error FROM notify_outbox WHERE channel_id = $1`, channel).
		Scan(&s.status, &s.attempts, &s.next, &s.lastErr))
	return s
}

func (f *fixture) runOnce(d *Dispatcher) int {
	f.t.Helper()
	n, err := d.RunOnce(context.Background())
	f.must(err)
	return n
}

func TestDispatcherOutcomes(t *testing.T) {
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			ok, busy, gone := notifytest.NewRobot(t, 0), notifytest.NewRobot(t, -1, 0), notifytest.NewRobot(t, 93000)
			ding := notifytest.NewRobot(t, 0)
			ding.Expect("", testSecret)
			chOK := f.channelWith(KindWeCom, "安全办群", Config{Key: "key-ok-0001"})
			chBusy := f.channelWith(KindWeCom, "后勤群", Config{Key: "key-busy-0002"})
			chGone := f.channelWith(KindWeCom, "已解散的群", Config{Key: "key-gone-0003"})
			chDing := f.channelWith(KindDingTalk, "钉钉群", Config{AccessToken: "tok0123456789abcdef", Secret: testSecret})
			f.enqueue(Message{SchoolID: f.school, Kind: "overdue", Title: "隐患整改已逾期", Body: "配电房线路老化 <已逾期> & 待整改", Link: "/hazards/42",
				DedupKey: "overdue:42", External: true})

			// Each WeCom channel has its own receiver; the dispatcher
			// reaches them through one base URL, so route by key.
			router := notifytest.NewRobot(t)
			router.Config.Handler = keyRouter(map[string]*notifytest.Robot{"key-ok-0001": ok, "key-busy-0002": busy, "key-gone-0003": gone})
			d := f.dispatcher(router, ding, nil)
			if n := f.runOnce(d); n != 2 {
				t.Fatalf("first round sent %d, want 2 (ok, dingtalk)", n)
			}
			if s := f.outbox(chOK); s.status != StatusSent || s.attempts != 1 {
				t.Errorf("ok channel: %+v", s)
			}
			got := ok.Requests()
			if len(got) != 1 || !strings.Contains(got[0].Text, "【校园安全】隐患整改已逾期") || !strings.Contains(got[0].Text, "<已逾期> & 待整改") ||
				!strings.Contains(got[0].Text, "(https://aq.example.edu.cn/hazards/42)") || !strings.Contains(got[0].Text, "测试学校") {
				t.Errorf("WeCom got %+v", got)
			}
			// errcode -1: retried after the backoff, not before.
			s := f.outbox(chBusy)
			if s.status != StatusPending || s.attempts != 1 || !strings.Contains(s.lastErr, "-1") {
				t.Errorf("busy channel after -1: %+v", s)
			}
			if wait := time.Duration(s.next-f.clock.ms()) * time.Millisecond; wait < 29*time.Second || wait > 30*time.Second {
				t.Errorf("retry in %v, want about 30 s", wait)
			}
			// errcode 93000: dead, and the channel switched off with a reason and an audit entry.
			if s := f.outbox(chGone); s.status != StatusDead || !strings.Contains(s.lastErr, "93000") {
				t.Errorf("gone channel: %+v", s)
			}
			if n := f.count(`SELECT COUNT(*) FROM notify_channels WHERE id = $1 AND NOT active AND note LIKE '%93000%'`, chGone); n != 1 {
				t.Error("channel answering 93000 was not switched off with a note")
			}
			if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'notify_channel.auto_disable' AND entity_id = $1`, chGone); n != 1 {
				t.Errorf("auto-disable audit entries = %d, want 1", n)
			}
			// DingTalk: signed, keyword present, idempotency key from the row.
			dg := ding.Requests()
			if len(dg) != 1 || ding.Bad() != 0 || !strings.Contains(dg[0].Text, Keyword) || !strings.HasPrefix(dg[0].UUID, "safecampus-outbox-") || dg[0].Cred != "tok0123456789abcdef" {
				t.Errorf("DingTalk got %+v, bad signatures %d", dg, ding.Bad())
			}

			// Nothing is due before the backoff ends.
			f.clock.add(20 * time.Second)
			if n := f.runOnce(d); n != 0 || len(busy.Requests()) != 1 {
				t.Fatalf("sent %d before the retry was due", n)
			}
			f.clock.add(15 * time.Second)
			if n := f.runOnce(d); n != 1 {
				t.Fatalf("retry round sent %d, want 1", n)
			}
			if s := f.outbox(chBusy); s.status != StatusSent || s.attempts != 2 {
				t.Errorf("busy channel after retry: %+v", s)
			}
			// Done: further rounds send nothing anywhere.
			f.clock.add(time.Hour)
			f.runOnce(d)
			if len(ok.Requests()) != 1 || len(busy.Requests()) != 2 || len(gone.Requests()) != 1 || len(ding.Requests()) != 1 {
				t.Errorf("requests after the end: ok %d busy %d gone %d ding %d", len(ok.Requests()), len(busy.Requests()), len(gone.Requests()), len(ding.Requests()))
			}
			// The switched-off channel gets no new rows.
			f.enqueue(Message{SchoolID: f.school, Kind: "notice", Title: "第二条", DedupKey: "notice:2", External: true})
			if n := f.count(`SELECT COUNT(*) FROM notify_outbox WHERE channel_id = $1`, chGone); n != 1 {
				t.Errorf("switched-off channel has %d rows, want 1", n)
			}
			_ = chDing
		})
	}
}

// keyRouter sends each robot request to the receiver of its key.
func keyRouter(by map[string]*notifytest.Robot) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if rr := by[r.URL.Query().Get("key")]; rr != nil {
			rr.Config.Handler.ServeHTTP(w, r)
			return
		}
		w.WriteHeader(404)
	}
}
