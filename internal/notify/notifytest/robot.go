package notifytest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"
)

// Robot is a local WeCom or DingTalk group robot. It records every request
// and answers errcode 310000 ("sign not match") to one whose credential
// (Cred, when set) or DingTalk signature (Secret, when set) is wrong, and
// otherwise the next errcode of its script (0 when there is none; the last
// one repeats).
type Robot struct {
	*httptest.Server
	mu           sync.Mutex
	cred, secret string
	codes        []int
	reqs         []Request
}

// Request is one request as the robot understood it.
type Request struct {
	Cred string // key (WeCom) or access_token (DingTalk)
	Text string // markdown content (WeCom) or text (DingTalk)
	UUID string // DingTalk msgUuid
	OK   bool   // the credential and signature were right
}

// NewRobot starts a robot answering codes in turn; it stops with the test.
func NewRobot(t testing.TB, codes ...int) *Robot {
	r := &Robot{codes: codes}
	r.Server = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.Close)
	return r
}

// Expect makes the robot check the credential (when cred is not "") and
// DingTalk's signature with secret (when secret is not "").
func (r *Robot) Expect(cred, secret string) *Robot {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.cred, r.secret = cred, secret
	return r
}

func (r *Robot) serve(w http.ResponseWriter, req *http.Request) {
	var body struct {
		Markdown struct{ Content, Text string } `json:"markdown"`
		MsgUUID  string                         `json:"msgUuid"`
	}
	raw, _ := io.ReadAll(req.Body)
	_ = json.Unmarshal(raw, &body)
	q := req.URL.Query()
	r.mu.Lock()
	defer r.mu.Unlock()
	rr := Request{Cred: q.Get("key") + q.Get("access_token"), Text: body.Markdown.Content + body.Markdown.Text, UUID: body.MsgUUID}
	rr.OK = (r.cred == "" || rr.Cred == r.cred) && (r.secret == "" || validSign(q.Get("timestamp"), q.Get("sign"), r.secret))
	r.reqs = append(r.reqs, rr)
	w.Header().Set("Content-Type", "application/json")
	if !rr.OK {
		_, _ = w.Write([]byte(`{"errcode":310000,"errmsg":"sign not match"}`))
		return
	}
	code := 0
	if len(r.codes) > 0 {
		code = r.codes[0]
		if len(r.codes) > 1 {
			r.codes = r.codes[1:]
		}
	}
	_, _ = w.Write([]byte(`{"errcode":` + strconv.Itoa(code) + `,"errmsg":"scripted"}`))
}

// validSign checks DingTalk's signature, computed here independently of
// the sender: base64(HMAC-SHA256(secret, timestamp + "\n" + secret)), with
// a timestamp within an hour.
func validSign(timestamp, sign, secret string) bool {
	ts, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil || time.Since(time.UnixMilli(ts)).Abs() > time.Hour {
		return false
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(timestamp + "\n" + secret))
	return sign == base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// Requests are all requests so far, in order.
func (r *Robot) Requests() []Request {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Request(nil), r.reqs...)
}

// Texts are the texts of the requests with the right credential and
// signature.
func (r *Robot) Texts() []string {
	var out []string
	for _, q := range r.Requests() {
		if q.OK {
			out = append(out, q.Text)
		}
	}
	return out
}

// Bad counts the requests with a wrong credential or signature.
func (r *Robot) Bad() int {
	n := 0
	for _, q := range r.Requests() {
		if !q.OK {
			n++
		}
	}
	return n
}
