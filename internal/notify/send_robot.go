package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Keyword is in every robot message: DingTalk robots secured by keywords
// drop messages without one, so admins set it as the robot's keyword.
const Keyword = "校园安全"

// Vendor size limits in UTF-8 bytes (NOTIFY.md).
const (
	weComMarkdownMax = 4096
	dingTalkBodyMax  = 20000
)

// robotReply is the answer of both robots.
type robotReply struct {
	ErrCode *int   `json:"errcode"`
	ErrMsg  string `json:"errmsg"`
}

// postJSON posts v to url and returns the robot's errcode and errmsg. HTTP
// failures are classified here; errcode meaning is the caller's.
func (d *Dispatcher) postJSON(ctx context.Context, vendor, target string, v any) (int, string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // keep <font> tags and & in links as written
	if err := enc.Encode(v); err != nil {
		return 0, "", err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, &buf)
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	resp, err := d.client.Do(req)
	if err != nil {
		// Timeouts and refused connections: the message may or may not
		// have arrived; retrying risks a duplicate, not retrying a loss.
		return 0, "", temporary(0, "%s连接失败：%s", vendor, withoutURL(err))
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	switch {
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return 0, "", temporary(time.Minute, "%s返回 HTTP %d。", vendor, resp.StatusCode)
	case resp.StatusCode != http.StatusOK:
		return 0, "", permanent(false, "%s返回 HTTP %d，未发送。", vendor, resp.StatusCode)
	}
	var r robotReply
	if err := json.Unmarshal(body, &r); err != nil || r.ErrCode == nil {
		return 0, "", temporary(0, "%s的回复无法识别。", vendor)
	}
	return *r.ErrCode, truncateBytes(r.ErrMsg, 200), nil
}

// withoutURL drops the request URL (it holds the robot's credential)
// from a client error, keeping the cause.
func withoutURL(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

// markdown renders m as robot markdown: title, body, where it happened,
// and the link. No personal data of students is put here by callers
// (Message.Body's contract); the link leads to the details behind a login.
func markdown(m Outgoing, max int) string {
	head := fmt.Sprintf("### 【%s】%s\n\n", Keyword, m.Title)
	tail := fmt.Sprintf("\n\n> %s · %s", m.School, m.At.In(shanghai).Format("2006年1月2日 15:04"))
	if m.Link != "" {
		if strings.HasPrefix(m.Link, "http") {
			tail += fmt.Sprintf("\n\n[查看详情](%s)", m.Link)
		} else {
			tail += "\n\n> 请登录系统查看：" + m.Link
		}
	}
	room := max - len(head) - len(tail)
	body := m.Body
	if room < len(body) {
		body = truncateBytes(body, max0(room-3)) + "…"
	}
	return truncateBytes(head+body+tail, max)
}

func max0(n int) int { return max(n, 0) }

var shanghai = func() *time.Location {
	if l, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return l
	}
	return time.FixedZone("CST", 8*3600)
}()
