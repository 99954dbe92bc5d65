package notifytest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The robot must tell right from wrong credentials and signatures and
// answer its script in order, or the tests built on it prove nothing.
func TestRobotChecksAndScripts(t *testing.T) {
	const secret = "SEC0123456789abcdef"
	r := NewRobot(t, -1, 0).Expect("tok", secret)
	sign := func(ts int64) string {
		mac := hmac.New(sha256.New, []byte(secret))
		mac.Write([]byte(strconv.FormatInt(ts, 10) + "\n" + secret))
		return base64.StdEncoding.EncodeToString(mac.Sum(nil))
	}
	send := func(token string, ts int64, sig string) string {
		t.Helper()
		u := r.URL + "?access_token=" + token + "&timestamp=" + strconv.FormatInt(ts, 10) + "&sign=" + url.QueryEscape(sig)
		resp, err := http.Post(u, "application/json", strings.NewReader(`{"msgtype":"markdown","markdown":{"title":"t","text":"隐患逾期"}}`))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	now := time.Now().UnixMilli()
	for _, c := range []struct {
		name, token string
		ts          int64
		sig, want   string
	}{
		{"right, first scripted code", "tok", now, sign(now), `"errcode":-1`},
		{"wrong token", "other", now, sign(now), `"errcode":310000`},
		{"wrong signature", "tok", now, sign(now + 1), `"errcode":310000`},
		{"stale timestamp", "tok", now - 2*time.Hour.Milliseconds(), sign(now - 2*time.Hour.Milliseconds()), `"errcode":310000`},
		{"right, last code repeats", "tok", now, sign(now), `"errcode":0`},
		{"right again", "tok", now, sign(now), `"errcode":0`},
	} {
		if got := send(c.token, c.ts, c.sig); !strings.Contains(got, c.want) {
			t.Errorf("%s: answered %s, want %s", c.name, got, c.want)
		}
	}
	if r.Bad() != 3 || len(r.Texts()) != 3 || r.Texts()[0] != "隐患逾期" || len(r.Requests()) != 6 {
		t.Errorf("bad %d, texts %q, requests %d", r.Bad(), r.Texts(), len(r.Requests()))
	}
}
