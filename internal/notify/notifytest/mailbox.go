package notifytest

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	gosmtp "github.com/emersion/go-smtp"
)

// Mailbox is a local SMTP server with implicit TLS (httptest's certificate
// for 127.0.0.1) that requires a PLAIN login and keeps every message.
type Mailbox struct {
	Addr       string
	TLS        *tls.Config // what the sender needs to trust the server
	user, pass string
	mu         sync.Mutex
	mails      []Mail
	refuse     map[string]*gosmtp.SMTPError
}

// Mail is one accepted message.
type Mail struct {
	From    string   // envelope sender
	To      []string // envelope recipients
	Msg     *mail.Message
	Body    []byte
	Subject string // decoded from RFC 2047
}

// NewMailbox starts a mailbox accepting the login user/pass; it stops
// with the test.
func NewMailbox(t testing.TB, user, pass string) *Mailbox {
	t.Helper()
	hs := httptest.NewUnstartedServer(http.NotFoundHandler())
	hs.StartTLS()
	cert := hs.TLS.Certificates[0]
	pool := x509.NewCertPool()
	pool.AddCert(hs.Certificate())
	hs.Close()
	m := &Mailbox{user: user, pass: pass, refuse: map[string]*gosmtp.SMTPError{}, TLS: &tls.Config{RootCAs: pool}}
	srv := gosmtp.NewServer(gosmtp.BackendFunc(func(*gosmtp.Conn) (gosmtp.Session, error) { return &session{m: m}, nil }))
	srv.Domain = "localhost"
	srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	ln, err := tls.Listen("tcp", "127.0.0.1:0", srv.TLSConfig)
	if err != nil {
		t.Fatal(err)
	}
	m.Addr = ln.Addr().String()
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { srv.Close() })
	return m
}

// Port is the mailbox's TCP port.
func (m *Mailbox) Port() int {
	_, p, _ := net.SplitHostPort(m.Addr)
	n, _ := strconv.Atoi(p)
	return n
}

// Refuse makes the mailbox answer e to RCPT TO:<rcpt>.
func (m *Mailbox) Refuse(rcpt string, e *gosmtp.SMTPError) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.refuse[rcpt] = e
}

// Mails are the accepted messages so far, in order.
func (m *Mailbox) Mails() []Mail {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Mail(nil), m.mails...)
}

// Subjects are the accepted messages' subjects, in order.
func (m *Mailbox) Subjects() []string {
	var out []string
	for _, x := range m.Mails() {
		out = append(out, x.Subject)
	}
	return out
}

type session struct {
	m    *Mailbox
	auth bool
	from string
	to   []string
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != s.m.user || pass != s.m.pass {
			return gosmtp.ErrAuthFailed
		}
		s.auth = true
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *gosmtp.MailOptions) error {
	if !s.auth {
		return gosmtp.ErrAuthRequired
	}
	s.from = from
	return nil
}

func (s *session) Rcpt(to string, _ *gosmtp.RcptOptions) error {
	s.m.mu.Lock()
	e := s.m.refuse[to]
	s.m.mu.Unlock()
	if e != nil {
		return e
	}
	s.to = append(s.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return errors.New("unparsable message")
	}
	subj, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		return err
	}
	body, _ := io.ReadAll(msg.Body)
	s.m.mu.Lock()
	s.m.mails = append(s.m.mails, Mail{From: s.from, To: s.to, Msg: msg, Body: body, Subject: subj})
	s.m.mu.Unlock()
	return nil
}

func (s *session) Reset()        { s.from, s.to = "", nil }
func (s *session) Logout() error { return nil }
