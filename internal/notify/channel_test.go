package notify

import (
	"strings"
	"testing"

	"safecampus/internal/apperr"
	"safecampus/internal/testkit"
)

func TestChannelInputValidation(t *testing.T) {
	const key = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
	tests := []struct {
		name  string
		in    ChannelInput
		field string // "" = valid
		check func(Config) bool
	}{
		{"wecom key", ChannelInput{Kind: KindWeCom, WeComKey: key}, "", func(c Config) bool { return c.Key == key }},
		{"wecom pasted url", ChannelInput{Kind: KindWeCom, WeComKey: " https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + key + " "}, "", func(c Config) bool { return c.Key == key }},
		{"wecom http", ChannelInput{Kind: KindWeCom, WeComKey: "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + key}, "wecom_key", nil},
		{"wecom other host", ChannelInput{Kind: KindWeCom, WeComKey: "https://evil.example/cgi-bin/webhook/send?key=" + key}, "wecom_key", nil},
		{"wecom port", ChannelInput{Kind: KindWeCom, WeComKey: "https://qyapi.weixin.qq.com:8443/cgi-bin/webhook/send?key=" + key}, "wecom_key", nil},
		{"wecom userinfo", ChannelInput{Kind: KindWeCom, WeComKey: "https://u:p@qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + key}, "wecom_key", nil},
		{"wecom other path", ChannelInput{Kind: KindWeCom, WeComKey: "https://qyapi.weixin.qq.com/cgi-bin/other?key=" + key}, "wecom_key", nil},
		{"wecom junk key", ChannelInput{Kind: KindWeCom, WeComKey: "a b"}, "wecom_key", nil},
		{"dingtalk url and secret", ChannelInput{Kind: KindDingTalk, DingTalkToken: "https://oapi.dingtalk.com/robot/send?access_token=abcdef0123456789abcdef", DingTalkSecret: testSecret}, "",
			func(c Config) bool { return c.AccessToken == "abcdef0123456789abcdef" && c.Secret == testSecret }},
		{"dingtalk bad secret", ChannelInput{Kind: KindDingTalk, DingTalkToken: "abcdef0123456789abcdef", DingTalkSecret: "secret"}, "dingtalk_secret", nil},
		{"dingtalk lookalike host", ChannelInput{Kind: KindDingTalk, DingTalkToken: "https://oapi.dingtalk.com.evil.example/robot/send?access_token=abcdef0123456789abcdef"}, "dingtalk_token", nil},
		{"smtp qq", ChannelInput{Kind: KindSMTP, SMTPHost: "smtp.qq.com", SMTPUser: "aq@qq.com", SMTPPassword: "code", SMTPTo: "a@school.cn；b@school.cn\nc@school.cn"}, "",
			func(c Config) bool {
				return c.Port == 465 && c.Security == SecurityTLS && c.From == "aq@qq.com" && len(c.To) == 3
			}},
		{"smtp 587 starttls by default", ChannelInput{Kind: KindSMTP, SMTPHost: "smtp.163.com", SMTPPort: "587", SMTPUser: "aq@163.com", SMTPPassword: "code", SMTPTo: "a@school.cn"}, "",
			func(c Config) bool { return c.Security == SecuritySTARTTLS }},
		{"smtp from mismatch", ChannelInput{Kind: KindSMTP, SMTPHost: "smtp.qq.com", SMTPUser: "aq@qq.com", SMTPPassword: "code", SMTPFrom: "boss@qq.com", SMTPTo: "a@school.cn"}, "smtp_from", nil},
		{"smtp internal port", ChannelInput{Kind: KindSMTP, SMTPHost: "smtp.qq.com", SMTPPort: "6379", SMTPUser: "aq@qq.com", SMTPPassword: "code", SMTPTo: "a@school.cn"}, "smtp_port", nil},
		{"smtp url as host", ChannelInput{Kind: KindSMTP, SMTPHost: "smtp://smtp.qq.com", SMTPUser: "aq@qq.com", SMTPPassword: "code", SMTPTo: "a@school.cn"}, "smtp_host", nil},
		{"smtp no password", ChannelInput{Kind: KindSMTP, SMTPHost: "smtp.qq.com", SMTPUser: "aq@qq.com", SMTPTo: "a@school.cn"}, "smtp_password", nil},
		{"smtp bad recipient", ChannelInput{Kind: KindSMTP, SMTPHost: "smtp.qq.com", SMTPUser: "aq@qq.com", SMTPPassword: "code", SMTPTo: "not-an-address"}, "smtp_to", nil},
		{"unknown kind", ChannelInput{Kind: "fax"}, "kind", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var f fieldErrs
			cf := tt.in.apply(Config{}, true, &f)
			if tt.field == "" {
				if len(f) != 0 || !tt.check(cf) {
					t.Fatalf("errors %v, config %+v", f, cf)
				}
				return
			}
			found := false
			for _, e := range f {
				found = found || e.Field == tt.field
			}
			if !found {
				t.Fatalf("want an error on %s, got %v", tt.field, f)
			}
		})
	}
}

func TestChannelServiceAuditsWithoutSecrets(t *testing.T) {
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			office := f.actor["office"]
			in := ChannelInput{Kind: KindDingTalk, Name: "安全办钉钉群", DingTalkToken: "tok0123456789abcdefSECRETTOKEN", DingTalkSecret: testSecret}
			c, err := f.svc.CreateChannel(f.ctx, office, f.school, in)
			if err != nil {
				t.Fatal(err)
			}
			// Edit with empty secret fields keeps them.
			upd, err := f.svc.UpdateChannel(f.ctx, office, f.school, c.ID, ChannelInput{Name: "安全办群（新）"})
			if err != nil {
				t.Fatal(err)
			}
			if upd.Config.AccessToken != in.DingTalkToken || upd.Config.Secret != testSecret || upd.Kind != KindDingTalk {
				t.Errorf("edit lost the secrets: %+v", upd.Config)
			}
			if _, err := f.svc.UpdateChannel(f.ctx, office, f.school, c.ID, ChannelInput{Name: "安全办群（新）", DingTalkSecret: "-"}); err != nil {
				t.Fatal(err)
			}
			var audit string
			rows, err := f.db.Read().QueryContext(f.ctx, `SELECT before_data || after_data FROM audit_log WHERE entity = 'notify_channel'`)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for rows.Next() {
				var s string
				f.must(rows.Scan(&s))
				audit += s
				n++
			}
			rows.Close()
			if n != 3 {
				t.Errorf("audit entries = %d, want 3", n)
			}
			for _, secret := range []string{"SECRETTOKEN", "0123456789abcdef0123", "SEC0"} {
				if strings.Contains(audit, secret) {
					t.Errorf("audit log holds a secret fragment %q: %s", secret, audit)
				}
			}
			if !strings.Contains(audit, `"secrets_changed":["secret"]`) {
				t.Errorf("audit does not say which secret changed: %s", audit)
			}
			// Masked for the page.
			for _, m := range upd.Masked() {
				if strings.Contains(m.Value, "SECRETTOKEN") || strings.Contains(m.Value, "0123456789abcdef0123") {
					t.Errorf("masked value shows the secret: %+v", m)
				}
			}

			// Who may: only admins of the school; another school's channel is not found.
			for name, want := range map[string]apperr.Kind{"staff": apperr.Forbidden, "principal": apperr.Forbidden} {
				if _, err := f.svc.Channels(f.ctx, f.actor[name], f.school); !apperr.Is(err, want) {
					t.Errorf("%s lists channels: %v", name, err)
				}
			}
			if err := f.svc.SetChannelActive(f.ctx, f.actor["otheradmin"], f.other, c.ID, false); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("other school's admin toggles the channel: %v", err)
			}
			if err := f.svc.SendTest(f.ctx, f.actor["otheradmin"], f.school, c.ID); !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("other school's admin sends a test in the school: %v", err)
			}
			// A test message queues exactly one row for that channel.
			f.must(f.svc.SendTest(f.ctx, office, f.school, c.ID))
			if n := f.count(`SELECT COUNT(*) FROM notify_outbox WHERE channel_id = $1`, c.ID); n != 1 {
				t.Errorf("test rows = %d, want 1", n)
			}
			f.must(f.svc.SetChannelActive(f.ctx, office, f.school, c.ID, false))
			if err := f.svc.SendTest(f.ctx, office, f.school, c.ID); !apperr.Is(err, apperr.Invalid) {
				t.Errorf("test of a switched-off channel: %v", err)
			}
			// Duplicate name.
			if _, err := f.svc.CreateChannel(f.ctx, office, f.school, ChannelInput{Kind: KindWeCom, Name: "安全办群（新）", WeComKey: "693a91f6-7aaa-4bc4"}); !apperr.Is(err, apperr.Invalid) {
				t.Errorf("duplicate name: %v", err)
			}
		})
	}
}
