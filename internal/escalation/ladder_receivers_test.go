package escalation

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"safecampus/internal/notify"
	"safecampus/internal/notify/notifytest"
	"safecampus/internal/sqldb"
	"safecampus/internal/testkit"
)

// TestMajorHazardClimbsTheLadderToRealReceivers is issue 4's "done when":
// with a pinned clock an overdue major hazard climbs the whole ladder
// (overdue → unit head → supervising leader → office) and a local WeCom
// robot, a local DingTalk robot and a local SMTP server each receive
// exactly the expected four messages, once each — even across restarts of
// the program (the database closed and opened again, a new dispatcher),
// one of them between a step's commit and its sending.
func TestMajorHazardClimbsTheLadderToRealReceivers(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			ctx := context.Background()
			target := filepath.Join(t.TempDir(), "ladder.db")
			if d == "postgres" {
				target = testkit.PostgresURL(t)
			}
			db := openTarget(t, target)
			t.Cleanup(func() { db.Close() })
			f := newFixture(t, db)
			wecom := notifytest.NewRobot(t).Expect("wecom-key-0001", "")
			ding := notifytest.NewRobot(t).Expect("dingtoken0123456789abcdef", "SEC0123456789abcdef0123456789abcdef")
			mb := notifytest.NewMailbox(t, "safety@yz.example", "auth-code-2026")
			f.channel(notify.KindWeCom, "安全办企业微信群", notify.Config{Key: "wecom-key-0001"})
			f.channel(notify.KindDingTalk, "领导小组钉钉群", notify.Config{AccessToken: "dingtoken0123456789abcdef", Secret: "SEC0123456789abcdef0123456789abcdef"})
			f.channel(notify.KindSMTP, "安全办邮箱", notify.Config{Host: "127.0.0.1", Port: mb.Port(), Security: notify.SecurityTLS,
				Username: "safety@yz.example", Password: "auth-code-2026", From: "safety@yz.example", FromName: "第一中学安全办", To: []string{"office@yz.example"}})
			h := f.hazard(f.school, f.logistics, "major", "rectifying", "2026-03-01")
			clk := &clock{t: deadlineEnd.Add(-time.Minute)}
			disp := func() *notify.Dispatcher {
				return &notify.Dispatcher{DB: f.db, Now: clk.now, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
					Endpoints: notify.Endpoints{WeCom: wecom.URL, DingTalk: ding.URL}, SMTPTLS: mb.TLS, Rand: func() float64 { return 0.999 }}
			}
			dispatcher := disp()
			drain := func() {
				t.Helper()
				for range 20 {
					n, err := dispatcher.RunOnce(ctx)
					if err != nil {
						t.Fatalf("dispatch: %v", err)
					}
					if n == 0 {
						return
					}
				}
				t.Fatal("the outbox did not drain")
			}
			restart := func() {
				t.Helper()
				if err := f.db.Close(); err != nil {
					t.Fatalf("close: %v", err)
				}
				db = openTarget(t, target)
				f.db = db
				dispatcher = disp()
			}
			titles := []string{
				"隐患逾期：2026-FIRE-0001",
				"隐患逾期督办（第2级·单位负责人）：2026-FIRE-0001",
				"隐患逾期督办（第3级·分管领导）：2026-FIRE-0001",
				"隐患逾期督办（第4级·专项整治办公室）：2026-FIRE-0001",
			}
			expect := func(n int) {
				t.Helper()
				for name, got := range map[string][]string{"WeCom": wecom.Texts(), "DingTalk": ding.Texts(), "SMTP": mb.Subjects()} {
					if len(got) != n {
						t.Fatalf("%s received %d messages, want %d: %q", name, len(got), n, got)
					}
					for i, text := range got {
						if !strings.Contains(text, titles[i]) {
							t.Errorf("%s message %d = %q, want it to carry %q", name, i+1, text, titles[i])
						}
					}
				}
			}

			f.sweep(clk.now())
			drain()
			expect(0) // 23:59 on the deadline day: nothing yet
			clk.add(time.Minute)
			f.sweep(clk.now())
			drain()
			expect(1)
			clk.add(24 * time.Hour)
			f.sweep(clk.now())
			drain()
			expect(2)

			// The leader step commits, then the program stops before its
			// dispatcher sends anything.
			clk.add(48 * time.Hour)
			if r := f.sweep(clk.now()); r.Escalated != 1 {
				t.Fatalf("leader step: %+v", r)
			}
			expect(2)
			restart()
			if r := f.sweep(clk.now()); r.Overdue+r.Escalated+r.Notified != 0 {
				t.Fatalf("sweep after restart repeated a step: %+v", r)
			}
			drain()
			expect(3)

			clk.add(72 * time.Hour)
			f.sweep(clk.now())
			drain()
			expect(4)

			// Restart after everything was sent, at the same clock and later.
			restart()
			f.sweep(clk.now())
			drain()
			clk.add(1000 * time.Hour)
			f.sweep(clk.now())
			drain()
			expect(4)

			if wecom.Bad()+ding.Bad() != 0 {
				t.Errorf("requests with a wrong credential or signature: WeCom %d, DingTalk %d", wecom.Bad(), ding.Bad())
			}
			if !strings.Contains(ding.Texts()[3], "第一中学") && !strings.Contains(ding.Texts()[3], "/hazards/") {
				t.Errorf("DingTalk message names neither the school nor the link: %q", ding.Texts()[3])
			}
			if n := f.count(`SELECT COUNT(*) FROM notify_outbox WHERE status = 'sent'`); n != 12 {
				t.Errorf("%d outbox rows sent, want 4 messages × 3 channels", n)
			}
			for _, who := range []string{"wang", "liu", "chen", "office"} {
				if got := f.inbox(f.acc[who]); len(got) != 1 {
					t.Errorf("%s's inbox = %q, want one message", who, got)
				}
			}
			if _, step, _ := f.ladder(h); step != StepOffice {
				t.Errorf("hazard at step %d", step)
			}
			if got := f.strings(`SELECT action FROM hazard_events WHERE hazard_id = $1 ORDER BY id`, h); !slices.Equal(got, []string{"overdue", "escalate", "escalate", "escalate"}) {
				t.Errorf("timeline = %q", got)
			}
		})
	}
}

// openTarget opens and migrates the database at target (a file or a
// PostgreSQL URL), as the program does at start.
func openTarget(t *testing.T, target string) *sqldb.DB {
	t.Helper()
	db, err := sqldb.Open(context.Background(), target)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	if _, err := db.Migrate(context.Background()); err != nil {
		db.Close()
		t.Fatalf("migrate: %v", err)
	}
	return db
}

// channel stores an active outbound channel of the fixture's school,
// bypassing the settings form (the receivers listen on 127.0.0.1 and a
// random port, which the form rightly refuses).
func (f *fixture) channel(kind notify.ChannelKind, name string, cf notify.Config) {
	f.t.Helper()
	cfg, err := json.Marshal(cf)
	f.must(err)
	f.must(f.db.Transact(f.ctx, func(tx *sqldb.Tx) error {
		_, err := tx.ExecContext(f.ctx, `INSERT INTO notify_channels (school_id, kind, name, config, created_at, updated_at)
			VALUES ($1, $2, $3, $4, 0, 0)`, f.school, string(kind), name, string(cfg))
		return err
	}))
}
