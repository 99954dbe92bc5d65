package notify

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/url"
	"strconv"
	"time"
)

// dingTalkSender posts markdown to a DingTalk custom robot, signed on
// every attempt when the robot has a secret.
type dingTalkSender struct{}

func (dingTalkSender) Send(ctx context.Context, d *Dispatcher, ch Channel, m Outgoing) error {
	base := "https://" + dingTalkHost
	if d.Endpoints.DingTalk != "" {
		base = d.Endpoints.DingTalk
	}
	u := base + dingTalkPath + "?access_token=" + url.QueryEscape(ch.Config.AccessToken)
	if ch.Config.Secret != "" {
		// DingTalk's clock, not the program's pinned one: the timestamp
		// must be within an hour of theirs.
		ts := time.Now().UnixMilli()
		u += "&timestamp=" + strconv.FormatInt(ts, 10) + "&sign=" + url.QueryEscape(dingTalkSign(ts, ch.Config.Secret))
	}
	payload := map[string]any{
		"msgtype":  "markdown",
		"markdown": map[string]string{"title": Keyword + "：" + m.Title, "text": markdown(m, dingTalkBodyMax-1000)},
		// Documented as an idempotency key on the international host only;
		// harmless elsewhere, and it may spare a duplicate after a timeout.
		"msgUuid": "safecampus-outbox-" + strconv.FormatInt(m.OutboxID, 10),
	}
	code, msg, err := d.postJSON(ctx, "钉钉", u, payload)
	if err != nil {
		return err
	}
	return dingTalkOutcome(code, msg)
}

// dingTalkSign is base64(HMAC-SHA256(secret, ts + "\n" + secret)); the
// caller URL-encodes it once.
func dingTalkSign(ts int64, secret string) string {
	h := hmac.New(sha256.New, []byte(secret))
	h.Write([]byte(strconv.FormatInt(ts, 10) + "\n" + secret))
	return base64.StdEncoding.EncodeToString(h.Sum(nil))
}

// dingTalkOutcome classifies DingTalk's errcode (NOTIFY.md).
func dingTalkOutcome(code int, msg string) error {
	switch {
	case code == 0:
		return nil
	case code == -1:
		return temporary(0, "钉钉繁忙（-1 %s），稍后重试。", msg)
	case code == 410100 || code == 130101:
		return temporary(10*time.Minute, "钉钉发送过快（%d %s），10 分钟后重试。", code, msg)
	case code == 310000:
		return permanent(false, "钉钉安全设置校验失败（310000 %s）：请检查关键词“"+Keyword+"”、加签密钥或IP白名单。", msg)
	case code == 300001 || code == 400101 || code == 400102 || code == 400106:
		return permanent(true, "钉钉机器人不可用（%d %s）：token 错误、机器人已停用或被移除。渠道已自动停用。", code, msg)
	case code == 460101 || code/100 == 4301:
		return permanent(false, "钉钉拒收此消息（%d %s），不再重试。", code, msg)
	}
	return temporary(0, "钉钉返回错误 %d（%s），稍后重试。", code, msg)
}
