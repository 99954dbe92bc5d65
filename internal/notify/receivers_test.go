package notify

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"io"
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

// robotReceiver is a fake WeCom or DingTalk robot: it records each
// request's credential and markdown text and answers with the next
// errcode of its script (the last one repeats).
type robotReceiver struct {
	*httptest.Server
	mu      sync.Mutex
	codes   []int
	got     []robotRequest
	secret  string // DingTalk: the signing secret to check
	badSign int    // requests whose signature did not verify
}

type robotRequest struct {
	Cred string // key or access_token
	Text string // markdown content (WeCom) or text (DingTalk)
	UUID string // DingTalk msgUuid
}

func newRobot(t *testing.T, codes ...int) *robotReceiver {
	r := &robotReceiver{codes: codes}
	r.Server = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.Close)
	return r
}

func (r *robotReceiver) serve(w http.ResponseWriter, req *http.Request) {
	var body struct {
		MsgType  string `json:"msgtype"`
		Markdown struct {
			Content string `json:"content"`
			Title   string `json:"title"`
			Text    string `json:"text"`
		} `json:"markdown"`
		MsgUUID string `json:"msgUuid"`
	}
	raw, _ := io.ReadAll(req.Body)
	_ = json.Unmarshal(raw, &body)
	q := req.URL.Query()
	r.mu.Lock()
	defer r.mu.Unlock()
	rr := robotRequest{Cred: q.Get("key") + q.Get("access_token"), Text: body.Markdown.Content + body.Markdown.Text, UUID: body.MsgUUID}
	if r.secret != "" {
		ts, _ := strconv.ParseInt(q.Get("timestamp"), 10, 64)
		if q.Get("sign") != dingTalkSign(ts, r.secret) || time.Since(time.UnixMilli(ts)).Abs() > time.Hour {
			r.badSign++
		}
	}
	r.got = append(r.got, rr)
	code := 0
	if len(r.codes) > 0 {
		code = r.codes[0]
		if len(r.codes) > 1 {
			r.codes = r.codes[1:]
		}
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"errcode":` + strconv.Itoa(code) + `,"errmsg":"scripted"}`))
}

func (r *robotReceiver) requests() []robotRequest {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]robotRequest(nil), r.got...)
}

// mailReceiver is an in-process SMTP server (implicit TLS with a test
// certificate) that keeps every message it accepts.
type mailReceiver struct {
	Addr    string
	TLS     *tls.Config // what the client needs to trust the server
	mu      sync.Mutex
	mails   []receivedMail
	user    string
	pass    string
	rcptErr map[string]*gosmtp.SMTPError // per recipient refusal
}

type receivedMail struct {
	From string
	To   []string
	Msg  *mail.Message
	Body []byte
}

func newMailReceiver(t *testing.T, user, pass string) *mailReceiver {
	t.Helper()
	// Borrow httptest's certificate for 127.0.0.1.
	hs := httptest.NewUnstartedServer(http.NotFoundHandler())
	hs.StartTLS()
	cert := hs.TLS.Certificates[0]
	pool := x509.NewCertPool()
	pool.AddCert(hs.Certificate())
	hs.Close()

	m := &mailReceiver{user: user, pass: pass, rcptErr: map[string]*gosmtp.SMTPError{}, TLS: &tls.Config{RootCAs: pool}}
	srv := gosmtp.NewServer(gosmtp.BackendFunc(func(*gosmtp.Conn) (gosmtp.Session, error) { return &mailSession{r: m}, nil }))
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

func (m *mailReceiver) port() int {
	_, p, _ := net.SplitHostPort(m.Addr)
	n, _ := strconv.Atoi(p)
	return n
}

func (m *mailReceiver) received() []receivedMail {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]receivedMail(nil), m.mails...)
}

type mailSession struct {
	r    *mailReceiver
	auth bool
	from string
	to   []string
}

func (s *mailSession) AuthMechanisms() []string { return []string{sasl.Plain} }
func (s *mailSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != s.r.user || pass != s.r.pass {
			return gosmtp.ErrAuthFailed
		}
		s.auth = true
		return nil
	}), nil
}
func (s *mailSession) Mail(from string, _ *gosmtp.MailOptions) error {
	if !s.auth {
		return gosmtp.ErrAuthRequired
	}
	s.from = from
	return nil
}
func (s *mailSession) Rcpt(to string, _ *gosmtp.RcptOptions) error {
	s.r.mu.Lock()
	e := s.r.rcptErr[to]
	s.r.mu.Unlock()
	if e != nil {
		return e
	}
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
	body, _ := io.ReadAll(msg.Body)
	s.r.mu.Lock()
	s.r.mails = append(s.r.mails, receivedMail{From: s.from, To: s.to, Msg: msg, Body: body})
	s.r.mu.Unlock()
	return nil
}
func (s *mailSession) Reset()        { s.from, s.to = "", nil }
func (s *mailSession) Logout() error { return nil }
