package notify

import (
	"net/mail"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"safecampus/internal/apperr"
)

// ChannelInput is the settings form. On an edit an empty secret field
// keeps the stored secret: the page never sends secrets back to the
// browser, so "empty" means "unchanged".
type ChannelInput struct {
	Kind ChannelKind
	Name string

	WeComKey       string // the key, or the whole webhook URL as WeCom shows it
	DingTalkToken  string // the access_token, or the whole webhook URL
	DingTalkSecret string // SEC…, optional

	SMTPHost     string
	SMTPPort     string
	SMTPSecurity string
	SMTPUser     string
	SMTPPassword string
	SMTPFrom     string
	SMTPFromName string
	SMTPTo       string // addresses separated by commas, semicolons, spaces or lines
}

// The vendors' fixed endpoints. Pasted URLs must name exactly these.
const (
	weComHost    = "qyapi.weixin.qq.com"
	weComPath    = "/cgi-bin/webhook/send"
	dingTalkHost = "oapi.dingtalk.com"
	dingTalkPath = "/robot/send"
)

var (
	robotKey    = regexp.MustCompile(`^[A-Za-z0-9-]{8,64}$`)
	robotToken  = regexp.MustCompile(`^[A-Za-z0-9_-]{16,128}$`)
	robotSecret = regexp.MustCompile(`^SEC[A-Za-z0-9]{8,128}$`)
	hostName    = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$`)
)

// smtpPorts are the submission ports mail providers use. Other ports are
// refused so that the SMTP setting cannot be used to make the server
// connect to arbitrary internal services.
var smtpPorts = map[int]bool{25: true, 465: true, 587: true, 994: true, 2525: true}

const maxRecipients = 20

// apply validates in onto cf (the stored config on an edit, zero on a
// create) and returns the new config.
func (in ChannelInput) apply(cf Config, creating bool, f *fieldErrs) Config {
	switch in.Kind {
	case KindWeCom:
		if v := strings.TrimSpace(in.WeComKey); v != "" || creating {
			cf.Key = webhookCredential(f, "wecom_key", v, weComHost, weComPath, "key", robotKey, "企业微信机器人 key")
		}
	case KindDingTalk:
		if v := strings.TrimSpace(in.DingTalkToken); v != "" || creating {
			cf.AccessToken = webhookCredential(f, "dingtalk_token", v, dingTalkHost, dingTalkPath, "access_token", robotToken, "钉钉机器人 access_token")
		}
		if v := strings.TrimSpace(in.DingTalkSecret); v == "-" {
			cf.Secret = "" // "-" removes signing; keywords remain
		} else if v != "" {
			if !robotSecret.MatchString(v) {
				f.add("dingtalk_secret", "加签密钥应以 SEC 开头，只含字母和数字。")
			}
			cf.Secret = v
		}
	case KindSMTP:
		cf = in.applySMTP(cf, creating, f)
	default:
		f.add("kind", "请选择渠道类型。")
	}
	return cf
}

// webhookCredential accepts the bare credential or a pasted webhook URL,
// which must be https on exactly the vendor's host and path, without port
// or user info, and keeps only the credential from its query.
func webhookCredential(f *fieldErrs, field, v, host, path, param string, ok *regexp.Regexp, label string) string {
	if v == "" {
		f.add(field, "请填写"+label+"。")
		return ""
	}
	if strings.Contains(v, "://") || strings.Contains(v, "/") {
		u, err := url.Parse(v)
		if err != nil || u.Scheme != "https" || u.User != nil || u.Host != host || u.Path != path {
			f.add(field, "网址必须是 https://"+host+path+"?"+param+"=… ，不能改动主机、端口或路径。")
			return ""
		}
		v = u.Query().Get(param)
	}
	if !ok.MatchString(v) {
		f.add(field, label+"格式不正确。")
		return ""
	}
	return v
}

func (in ChannelInput) applySMTP(cf Config, creating bool, f *fieldErrs) Config {
	cf.Host = strings.ToLower(strings.TrimSpace(in.SMTPHost))
	if cf.Host == "" {
		f.add("smtp_host", "请填写SMTP服务器地址，例如 smtp.qq.com。")
	} else if !hostName.MatchString(cf.Host) {
		f.add("smtp_host", "服务器地址只填主机名，例如 smtp.qq.com（不含 smtp:// 或端口）。")
	}
	cf.Port = 465
	if p := strings.TrimSpace(in.SMTPPort); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || !smtpPorts[n] {
			f.add("smtp_port", "端口应为 465（SSL）、587（STARTTLS）、25、994 或 2525。")
		}
		cf.Port = n
	}
	switch in.SMTPSecurity {
	case SecurityTLS, SecuritySTARTTLS:
		cf.Security = in.SMTPSecurity
	case "":
		cf.Security = map[bool]string{true: SecurityTLS, false: SecuritySTARTTLS}[cf.Port == 465 || cf.Port == 994]
	default:
		f.add("smtp_security", "请选择 SSL/TLS 或 STARTTLS。")
	}
	cf.Username = f.text("smtp_user", "登录账号", in.SMTPUser, true, 200)
	if pw := in.SMTPPassword; pw != "" {
		cf.Password = pw
	} else if creating {
		f.add("smtp_password", "请填写密码或授权码。")
	}
	cf.FromName = f.text("smtp_from_name", "发件人名称", in.SMTPFromName, false, 50)
	cf.From = strings.TrimSpace(in.SMTPFrom)
	if cf.From == "" {
		cf.From = cf.Username
	}
	if a, err := mail.ParseAddress(cf.From); err != nil || a.Address != cf.From {
		f.add("smtp_from", "发件地址格式不正确。")
	} else if strings.Contains(cf.Username, "@") && !strings.EqualFold(cf.From, cf.Username) {
		// QQ, 163, Exmail and Aliyun refuse with 501 otherwise.
		f.add("smtp_from", "发件地址须与登录账号相同，否则邮件服务器会拒绝发送。")
	}
	cf.To = nil
	for _, addr := range strings.FieldsFunc(in.SMTPTo, func(r rune) bool { return strings.ContainsRune(",;，； \t\r\n", r) }) {
		a, err := mail.ParseAddress(addr)
		if err != nil || a.Address != addr {
			f.add("smtp_to", "收件地址“"+addr+"”格式不正确。")
			continue
		}
		cf.To = append(cf.To, addr)
	}
	if len(cf.To) == 0 {
		f.add("smtp_to", "请至少填写一个收件地址。")
	} else if len(cf.To) > maxRecipients {
		f.add("smtp_to", "收件地址最多 "+strconv.Itoa(maxRecipients)+" 个；请使用邮件组。")
	}
	return cf
}

// fieldErrs collects form field errors.
type fieldErrs []apperr.FieldError

func (f *fieldErrs) add(field, msg string) {
	*f = append(*f, apperr.FieldError{Field: field, Message: msg})
}

func (f fieldErrs) err(code string) error {
	if len(f) == 0 {
		return nil
	}
	return apperr.Fields(code, f)
}

// text validates a text field and returns it trimmed.
func (f *fieldErrs) text(field, label, v string, required bool, max int) string {
	v = strings.TrimSpace(v)
	if required && v == "" {
		f.add(field, "请填写"+label+"。")
	} else if utf8.RuneCountInString(v) > max {
		f.add(field, label+"过长。")
	}
	return v
}
