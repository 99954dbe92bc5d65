package notify

import (
	"context"
	"fmt"
	"mime"
	"strings"
	"testing"
	"time"

	gosmtp "github.com/emersion/go-smtp"

	"safecampus/internal/notify/notifytest"
	"safecampus/internal/testkit"
)

func TestDispatcherMail(t *testing.T) {
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			mr := notifytest.NewMailbox(t, "safety@school.example", "auth-code-123")
			mr.Refuse("gone@school.example", &gosmtp.SMTPError{Code: 550, Message: "no such mailbox"})
			ch := f.channelWith(KindSMTP, "安全办邮箱", Config{Host: "127.0.0.1", Port: mr.Port(), Security: SecurityTLS, Username: "safety@school.example",
				Password: "auth-code-123", From: "safety@school.example", FromName: "学校安全办", To: []string{"office@school.example", "gone@school.example"}})
			f.enqueue(Message{SchoolID: f.school, Kind: "escalation", Title: "重大隐患逾期督办", Body: "实验楼危化品柜隐患已逾期3天。", Link: "/hazards/7",
				DedupKey: "escalation:7:2", External: true})
			d := f.dispatcher(nil, nil, mr)
			if n := f.runOnce(d); n != 1 {
				t.Fatalf("sent %d, want 1; outbox %+v", n, f.outbox(ch))
			}
			mails := mr.Mails()
			if len(mails) != 1 {
				t.Fatalf("received %d mails, want 1", len(mails))
			}
			m := mails[0]
			subj, err := new(mime.WordDecoder).DecodeHeader(m.Msg.Header.Get("Subject"))
			if err != nil || subj != "【校园安全】重大隐患逾期督办" {
				t.Errorf("subject %q (%v), raw %q", subj, err, m.Msg.Header.Get("Subject"))
			}
			if !strings.HasPrefix(m.Msg.Header.Get("Subject"), "=?UTF-8?b?") {
				t.Errorf("subject not an RFC 2047 encoded word: %q", m.Msg.Header.Get("Subject"))
			}
			var id int64
			f.must(f.db.Read().QueryRowContext(f.ctx, `SELECT id FROM notify_outbox WHERE channel_id = $1`, ch).Scan(&id))
			if got, want := m.Msg.Header.Get("Message-ID"), fmt.Sprintf("<safecampus.outbox.%d@school.example>", id); got != want {
				t.Errorf("Message-ID %q, want %q", got, want)
			}
			from, _ := m.Msg.Header.AddressList("From")
			if len(from) != 1 || from[0].Name != "学校安全办" || m.From != "safety@school.example" {
				t.Errorf("From %v, envelope %q", from, m.From)
			}
			// The refused mailbox is dropped; the other one gets the mail.
			if len(m.To) != 1 || m.To[0] != "office@school.example" {
				t.Errorf("envelope recipients %v", m.To)
			}
			if s := f.outbox(ch); s.status != StatusSent {
				t.Errorf("outbox %+v", s)
			}
			f.clock.add(time.Hour)
			f.runOnce(d)
			if len(mr.Mails()) != 1 {
				t.Errorf("mail sent again: %d", len(mr.Mails()))
			}
		})
	}
}

func TestDispatcherMailBadLoginDisablesChannel(t *testing.T) {
	f := newFixture(t, "sqlite")
	mr := notifytest.NewMailbox(t, "safety@school.example", "right-code")
	ch := f.channelWith(KindSMTP, "安全办邮箱", Config{Host: "127.0.0.1", Port: mr.Port(), Security: SecurityTLS, Username: "safety@school.example",
		Password: "wrong-code", From: "safety@school.example", To: []string{"office@school.example"}})
	f.enqueue(Message{SchoolID: f.school, Kind: "notice", Title: "测试", DedupKey: "n:1", External: true})
	if n := f.runOnce(f.dispatcher(nil, nil, mr)); n != 0 {
		t.Fatalf("sent %d with a wrong code", n)
	}
	if s := f.outbox(ch); s.status != StatusDead || !strings.Contains(s.lastErr, "535") {
		t.Errorf("outbox %+v, want dead with 535", s)
	}
	if n := f.count(`SELECT COUNT(*) FROM notify_channels WHERE id = $1 AND NOT active`, ch); n != 1 {
		t.Error("channel with a refused login stays active")
	}
	if len(mr.Mails()) != 0 {
		t.Error("mail delivered despite the refused login")
	}
}

// TestDispatcherRestart: fresh Dispatcher values on the same database, as
// after restarts, deliver each message exactly once, also when the
// previous program died holding a claim.
func TestDispatcherRestart(t *testing.T) {
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			wecom, ding := notifytest.NewRobot(t, 0), notifytest.NewRobot(t, 0)
			mr := notifytest.NewMailbox(t, "safety@school.example", "code")
			f.channelWith(KindWeCom, "企业微信群", Config{Key: "key-restart-1"})
			f.channelWith(KindDingTalk, "钉钉群", Config{AccessToken: "tokrestart0123456789"})
			f.channelWith(KindSMTP, "邮箱", Config{Host: "127.0.0.1", Port: mr.Port(), Security: SecurityTLS, Username: "safety@school.example",
				Password: "code", From: "safety@school.example", To: []string{"office@school.example"}})
			f.enqueue(Message{SchoolID: f.school, Kind: "escalation", Title: "逾期督办", DedupKey: "escalation:1:1", External: true})
			f.enqueue(Message{SchoolID: f.school, Kind: "escalation", Title: "逾期督办", DedupKey: "escalation:1:1", External: true}) // the scheduler again

			// The first program claims the second message's rows and dies
			// before sending them.
			f.enqueue(Message{SchoolID: f.school, Kind: "escalation", Title: "再次督办", DedupKey: "escalation:1:2", External: true})
			dead := f.dispatcher(wecom, ding, mr)
			dead.Batch = 3
			if _, err := dead.claim(context.Background()); err != nil {
				t.Fatal(err)
			}
			for range 2 {
				f.runOnce(f.dispatcher(wecom, ding, mr))
			}
			if len(wecom.Requests()) != 1 || len(ding.Requests()) != 1 || len(mr.Mails()) != 1 {
				t.Fatalf("before the lease ends: wecom %d ding %d mail %d, want 1 each", len(wecom.Requests()), len(ding.Requests()), len(mr.Mails()))
			}
			f.clock.add(6 * time.Minute) // the dead program's lease ends
			for range 2 {
				f.runOnce(f.dispatcher(wecom, ding, mr))
			}
			if len(wecom.Requests()) != 2 || len(ding.Requests()) != 2 || len(mr.Mails()) != 2 {
				t.Fatalf("after restarts: wecom %d ding %d mail %d, want 2 each", len(wecom.Requests()), len(ding.Requests()), len(mr.Mails()))
			}
			if n := f.count(`SELECT COUNT(*) FROM notify_outbox WHERE status <> 'sent'`); n != 0 {
				t.Errorf("%d rows not sent", n)
			}
		})
	}
}

func TestDispatcherRateLimitAndGiveUp(t *testing.T) {
	f := newFixture(t, "sqlite")
	robot := notifytest.NewRobot(t, 0)
	ch := f.channelWith(KindWeCom, "企业微信群", Config{Key: "key-rate-1"})
	for i := range 20 {
		f.enqueue(Message{SchoolID: f.school, Kind: "notice", Title: "通知", DedupKey: fmt.Sprintf("n:%d", i), External: true})
	}
	d := f.dispatcher(robot, nil, nil)
	d.Batch = 50
	if n := f.runOnce(d); n != robotPerMinute {
		t.Fatalf("sent %d in one minute, want %d", n, robotPerMinute)
	}
	if n := f.count(`SELECT COUNT(*) FROM notify_outbox WHERE status = 'pending' AND attempts = 0 AND next_attempt_at = $1`, f.clock.after(time.Minute)); n != 2 {
		t.Errorf("%d rows waiting for the window without a counted attempt, want 2", n)
	}
	f.clock.add(time.Minute)
	if n := f.runOnce(d); n != 2 {
		t.Errorf("next minute sent %d, want 2", n)
	}

	// A robot that stays busy: 8 attempts, then dead.
	busy := notifytest.NewRobot(t, -1)
	f.must(f.svc.SetChannelActive(f.ctx, f.actor["office"], f.school, ch, false))
	ch2 := f.channelWith(KindWeCom, "繁忙的群", Config{Key: "key-busy-9"})
	f.enqueue(Message{SchoolID: f.school, Kind: "notice", Title: "通知", DedupKey: "busy", External: true})
	d = f.dispatcher(busy, nil, nil)
	for range MaxAttempts + 2 {
		f.runOnce(d)
		f.clock.add(31 * time.Minute)
	}
	if s := f.outbox(ch2); s.status != StatusDead || s.attempts != MaxAttempts || !strings.Contains(s.lastErr, "已重试 8 次") {
		t.Errorf("busy robot: %+v", s)
	}
	if len(busy.Requests()) != MaxAttempts {
		t.Errorf("busy robot asked %d times, want %d", len(busy.Requests()), MaxAttempts)
	}
}
