package escalation

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
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

// robot is a local stand-in for a WeCom or DingTalk group robot: it keeps
// the markdown text of every request that carries the right credential
// (and, for DingTalk, a valid signature) and answers errcode 0.
type robot struct {
	*httptest.Server
	cred, secret string
	mu           sync.Mutex
	texts        []string
	bad          int // requests with a wrong credential or signature
}

func newRobot(t *testing.T, cred, secret string) *robot {
	r := &robot{cred: cred, secret: secret}
	r.Server = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.Close)
	return r
}

func (r *robot) serve(w http.ResponseWriter, req *http.Request) {
	var body struct {
		Markdown struct{ Content, Text string } `json:"markdown"`
	}
	raw, _ := io.ReadAll(req.Body)
	_ = json.Unmarshal(raw, &body)
	q := req.URL.Query()
	ok := q.Get("key")+q.Get("access_token") == r.cred
	if r.secret != "" {
		ts, _ := strconv.ParseInt(q.Get("timestamp"), 10, 64)
		mac := hmac.New(sha256.New, []byte(r.secret))
		mac.Write([]byte(strconv.FormatInt(ts, 10) + "\n" + r.secret))
		ok = ok && q.Get("sign") == base64.StdEncoding.EncodeToString(mac.Sum(nil))
	}
	r.mu.Lock()
	if ok {
		r.texts = append(r.texts, body.Markdown.Content+body.Markdown.Text)
	} else {
		r.bad++
	}
	r.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if !ok {
		_, _ = w.Write([]byte(`{"errcode":310000,"errmsg":"sign not match"}`))
		return
	}
	_, _ = w.Write([]byte(`{"errcode":0,"errmsg":"ok"}`))
}

func (r *robot) received() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.texts...)
}

// mailbox is a local SMTP server with implicit TLS (httptest's certificate
// for 127.0.0.1) that requires a login and keeps each message's subject.
type mailbox struct {
	Addr     string
	TLS      *tls.Config // what the sender needs to trust it
	user     string
	pass     string
	mu       sync.Mutex
	subjects []string
	rcpts    [][]string
}

func newMailbox(t *testing.T, user, pass string) *mailbox {
	t.Helper()
	hs := httptest.NewUnstartedServer(http.NotFoundHandler())
	hs.StartTLS()
	cert := hs.TLS.Certificates[0]
	pool := x509.NewCertPool()
	pool.AddCert(hs.Certificate())
	hs.Close()
	m := &mailbox{user: user, pass: pass, TLS: &tls.Config{RootCAs: pool}}
	srv := gosmtp.NewServer(gosmtp.BackendFunc(func(*gosmtp.Conn) (gosmtp.Session, error) { return &mailSession{m: m}, nil }))
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

func (m *mailbox) port() int {
	_, p, _ := net.SplitHostPort(m.Addr)
	n, _ := strconv.Atoi(p)
	return n
}

func (m *mailbox) received() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.subjects...)
}

type mailSession struct {
	m    *mailbox
	auth bool
	to   []string
}

func (s *mailSession) AuthMechanisms() []string { return []string{sasl.Plain} }
func (s *mailSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != s.m.user || pass != s.m.pass {
			return gosmtp.ErrAuthFailed
		}
		s.auth = true
		return nil
	}), nil
}
func (s *mailSession) Mail(string, *gosmtp.MailOptions) error {
	if !s.auth {
		return gosmtp.ErrAuthRequired
	}
	return nil
}
func (s *mailSession) Rcpt(to string, _ *gosmtp.RcptOptions) error {
	s.to = append(s.to, to)
	return nil
}
func (s *mailSession) Data(r io.Reader) error {
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
	s.m.mu.Lock()
	s.m.subjects = append(s.m.subjects, subj)
	s.m.rcpts = append(s.m.rcpts, s.to)
	s.m.mu.Unlock()
	return nil
}
func (s *mailSession) Reset()        { s.to = nil }
func (s *mailSession) Logout() error { return nil }
