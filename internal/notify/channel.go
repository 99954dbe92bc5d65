package notify

import (
	"encoding/json"
	"fmt"
	"time"
)

// ChannelKind names an outbound channel type.
type ChannelKind string

const (
	KindWeCom    ChannelKind = "wecom"    // 企业微信群机器人
	KindDingTalk ChannelKind = "dingtalk" // 钉钉自定义机器人
	KindSMTP     ChannelKind = "smtp"     // 电子邮件
)

// ChannelKinds lists the kinds in the order the settings page offers them.
var ChannelKinds = []ChannelKind{KindWeCom, KindDingTalk, KindSMTP}

// Label is the kind's Chinese name.
func (k ChannelKind) Label() string {
	switch k {
	case KindWeCom:
		return "企业微信群机器人"
	case KindDingTalk:
		return "钉钉群机器人"
	case KindSMTP:
		return "电子邮件（SMTP）"
	}
	return string(k)
}

// SMTP connection security: implicit TLS (port 465) or STARTTLS (587).
// Plain-text SMTP is not offered: the login would cross the net in clear.
const (
	SecurityTLS      = "tls"
	SecuritySTARTTLS = "starttls"
)

// Config holds a channel's credentials. Only what is needed to build the
// request is stored: a robot's key or token, never a URL (NOTIFY.md), so
// no admin-typed address is ever fetched for the robots.
type Config struct {
	Key         string   `json:"key,omitempty"`          // WeCom robot key
	AccessToken string   `json:"access_token,omitempty"` // DingTalk robot token
	Secret      string   `json:"secret,omitempty"`       // DingTalk signing secret (SEC…), optional
	Host        string   `json:"host,omitempty"`         // SMTP server
	Port        int      `json:"port,omitempty"`
	Security    string   `json:"security,omitempty"` // SecurityTLS or SecuritySTARTTLS
	Username    string   `json:"username,omitempty"`
	Password    string   `json:"password,omitempty"` // password or the provider's authorization code (授权码)
	From        string   `json:"from,omitempty"`
	FromName    string   `json:"from_name,omitempty"`
	To          []string `json:"to,omitempty"`
}

// Channel is one outbound channel of a school. Config carries secrets:
// pages show Masked, never Config itself.
type Channel struct {
	ID        int64
	SchoolID  int64
	Kind      ChannelKind
	Name      string
	Active    bool
	Note      string // the last problem a vendor reported
	Config    Config
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Masked is the channel's configuration as it may be shown or audited:
// field label → value, secrets reduced to a hint.
type Masked struct {
	Label string
	Value string
}

// Masked lists the channel's settings with secrets masked: tokens and keys
// (long random strings) keep their last four characters so an admin can
// tell two apart; a password shows only that it is set.
func (c Channel) Masked() []Masked {
	cf := c.Config
	switch c.Kind {
	case KindWeCom:
		return []Masked{{"机器人 key", maskTail(cf.Key)}}
	case KindDingTalk:
		sec := "未设置（仅关键词“校园安全”）"
		if cf.Secret != "" {
			sec = maskTail(cf.Secret)
		}
		return []Masked{{"access_token", maskTail(cf.AccessToken)}, {"加签密钥", sec}}
	case KindSMTP:
		return []Masked{{"服务器", fmt.Sprintf("%s:%d（%s）", cf.Host, cf.Port, securityLabel(cf.Security))},
			{"登录账号", cf.Username}, {"密码/授权码", maskAll(cf.Password)}, {"发件人", cf.From}, {"收件人", joinComma(cf.To)}}
	}
	return nil
}

func securityLabel(s string) string {
	if s == SecuritySTARTTLS {
		return "STARTTLS"
	}
	return "SSL/TLS"
}

func maskTail(s string) string {
	if s == "" {
		return "未设置"
	}
	r := []rune(s)
	if len(r) <= 8 {
		return "****"
	}
	return "****" + string(r[len(r)-4:])
}

func maskAll(s string) string {
	if s == "" {
		return "未设置"
	}
	return "已设置（****）"
}

func joinComma(xs []string) string {
	out := ""
	for i, x := range xs {
		if i > 0 {
			out += ", "
		}
		out += x
	}
	return out
}

// auditView is what the audit log records about a channel: the settings
// with every secret replaced by whether it is set, so the log proves who
// changed what without holding a credential (the log is kept forever and
// read by more people than the settings page).
func (c Channel) auditView() map[string]any {
	cf := c.Config
	v := map[string]any{"kind": string(c.Kind), "name": c.Name, "active": c.Active}
	switch c.Kind {
	case KindWeCom:
		v["key_set"] = cf.Key != ""
	case KindDingTalk:
		v["access_token_set"], v["secret_set"] = cf.AccessToken != "", cf.Secret != ""
	case KindSMTP:
		v["host"], v["port"], v["security"], v["username"] = cf.Host, int64(cf.Port), cf.Security, cf.Username
		v["password_set"], v["from"], v["to"] = cf.Password != "", cf.From, joinComma(cf.To)
	}
	return v
}

// secretsChanged names the secret fields that differ between two configs,
// for the audit record of an edit.
func secretsChanged(before, after Config) []string {
	var out []string
	for _, s := range []struct {
		name string
		a, b string
	}{{"key", before.Key, after.Key}, {"access_token", before.AccessToken, after.AccessToken}, {"secret", before.Secret, after.Secret}, {"password", before.Password, after.Password}} {
		if s.a != s.b {
			out = append(out, s.name)
		}
	}
	return out
}

func (cf Config) encode() (string, error) {
	b, err := json.Marshal(cf)
	return string(b), err
}

func decodeConfig(s string) (Config, error) {
	var cf Config
	if err := json.Unmarshal([]byte(s), &cf); err != nil {
		return Config{}, fmt.Errorf("channel config: %w", err)
	}
	return cf, nil
}
