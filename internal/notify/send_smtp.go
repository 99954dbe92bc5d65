package notify

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"strconv"
	"strings"
	"time"
)

// smtpTimeout bounds one whole delivery: connect, TLS, login, message.
const smtpTimeout = 30 * time.Second

// smtpSender delivers a plain-text mail with the standard library, over
// implicit TLS (465) or STARTTLS (587); never in clear.
type smtpSender struct{}

func (smtpSender) Send(ctx context.Context, d *Dispatcher, ch Channel, m Outgoing) error {
	cf := ch.Config
	addr := net.JoinHostPort(cf.Host, strconv.Itoa(cf.Port))
	tlsCfg := &tls.Config{ServerName: cf.Host, MinVersion: tls.VersionTLS12}
	if d.SMTPTLS != nil {
		tlsCfg = d.SMTPTLS.Clone()
		tlsCfg.ServerName = cf.Host
	}
	ctx, cancel := context.WithTimeout(ctx, smtpTimeout)
	defer cancel()
	dialer := &net.Dialer{Timeout: 10 * time.Second}
	var conn net.Conn
	var err error
	if cf.Security == SecuritySTARTTLS {
		conn, err = dialer.DialContext(ctx, "tcp", addr)
	} else {
		conn, err = (&tls.Dialer{NetDialer: dialer, Config: tlsCfg}).DialContext(ctx, "tcp", addr)
	}
	if err != nil {
		return smtpError(err)
	}
	deadline, _ := ctx.Deadline()
	_ = conn.SetDeadline(deadline)
	c, err := smtp.NewClient(conn, cf.Host)
	if err != nil {
		conn.Close()
		return smtpError(err)
	}
	defer c.Close()
	if cf.Security == SecuritySTARTTLS {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return permanent(false, "邮件服务器不支持 STARTTLS，请改用 465 端口（SSL）。")
		}
		if err := c.StartTLS(tlsCfg); err != nil {
			return smtpError(err)
		}
	}
	if cf.Username != "" {
		if err := c.Auth(smtp.PlainAuth("", cf.Username, cf.Password, cf.Host)); err != nil {
			return smtpError(err)
		}
	}
	if err := c.Mail(cf.From); err != nil {
		return smtpError(err)
	}
	var accepted, refused []string
	for _, to := range cf.To {
		if err := c.Rcpt(to); err != nil {
			var te *textproto.Error
			if errors.As(err, &te) && te.Code >= 500 {
				refused = append(refused, to) // that mailbox only: the others still get it
				continue
			}
			return smtpError(err)
		}
		accepted = append(accepted, to)
	}
	if len(accepted) == 0 {
		return permanent(false, "所有收件地址均被拒收：%s。", strings.Join(refused, ", "))
	}
	w, err := c.Data()
	if err != nil {
		return smtpError(err)
	}
	if _, err := w.Write(buildMail(cf, m, accepted, time.Now())); err != nil {
		return smtpError(err)
	}
	if err := w.Close(); err != nil {
		return smtpError(err)
	}
	_ = c.Quit()
	return nil
}

// buildMail is the RFC 5322 message: encoded-word subject and sender
// name (RFC 2047), a base64 UTF-8 text body, and a Message-ID derived from
// the outbox row so a retried delivery can be recognised as the same mail.
func buildMail(cf Config, m Outgoing, to []string, now time.Time) []byte {
	from := (&mail.Address{Name: cf.FromName, Address: cf.From}).String()
	if cf.FromName == "" {
		from = (&mail.Address{Name: "校园安全专项整治管理系统", Address: cf.From}).String()
	}
	domain := cf.From[strings.LastIndexByte(cf.From, '@')+1:]
	var b bytes.Buffer
	hdr := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, v) }
	hdr("From", from)
	hdr("To", strings.Join(to, ", "))
	hdr("Subject", mime.BEncoding.Encode("UTF-8", "【"+Keyword+"】"+m.Title))
	hdr("Date", now.Format(time.RFC1123Z))
	hdr("Message-ID", fmt.Sprintf("<safecampus.outbox.%d@%s>", m.OutboxID, domain))
	hdr("MIME-Version", "1.0")
	hdr("Content-Type", "text/plain; charset=UTF-8")
	hdr("Content-Transfer-Encoding", "base64")
	b.WriteString("\r\n")
	text := m.Title + "\r\n\r\n" + m.Body + "\r\n\r\n" + m.School + " · " + m.At.In(shanghai).Format("2006年1月2日 15:04")
	if m.Link != "" {
		text += "\r\n查看详情：" + m.Link
	}
	text += "\r\n\r\n（本邮件由校园安全专项整治管理系统自动发送，请勿直接回复。）\r\n"
	enc := base64.StdEncoding.EncodeToString([]byte(text))
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n")
	return b.Bytes()
}

// smtpError classifies an SMTP failure (NOTIFY.md): 4xx and network
// trouble are retried; a refused login (535) or sender (501) is the
// channel's configuration and switches it off; other 5xx are final.
func smtpError(err error) error {
	var te *textproto.Error
	if errors.As(err, &te) {
		switch {
		case te.Code >= 400 && te.Code < 500:
			return temporary(0, "邮件服务器暂时拒绝（%d %s），稍后重试。", te.Code, truncateBytes(te.Msg, 200))
		case te.Code == 535 || te.Code == 534 || te.Code == 530:
			return permanent(true, "邮件服务器拒绝登录（%d %s）：请检查账号和授权码。渠道已自动停用。", te.Code, truncateBytes(te.Msg, 200))
		case te.Code == 501 || te.Code == 553:
			return permanent(true, "邮件服务器拒绝发件地址（%d %s）：发件地址须与登录账号相同。渠道已自动停用。", te.Code, truncateBytes(te.Msg, 200))
		default:
			return permanent(false, "邮件服务器拒收（%d %s）。", te.Code, truncateBytes(te.Msg, 200))
		}
	}
	var ce *tls.CertificateVerificationError
	var ue x509.UnknownAuthorityError
	var he x509.HostnameError
	if errors.As(err, &ce) || errors.As(err, &ue) || errors.As(err, &he) {
		return permanent(false, "邮件服务器证书无效：%s", truncateBytes(err.Error(), 200))
	}
	return temporary(0, "连接邮件服务器失败：%s", truncateBytes(err.Error(), 200))
}
