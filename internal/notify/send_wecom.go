package notify

import (
	"context"
	"net/url"
	"time"
)

// weComSender posts markdown to a WeCom group robot.
type weComSender struct{}

func (weComSender) Send(ctx context.Context, d *Dispatcher, ch Channel, m Outgoing) error {
	base := "https://" + weComHost
	if d.Endpoints.WeCom != "" {
		base = d.Endpoints.WeCom
	}
	u := base + weComPath + "?key=" + url.QueryEscape(ch.Config.Key)
	payload := map[string]any{"msgtype": "markdown", "markdown": map[string]string{"content": markdown(m, weComMarkdownMax)}}
	code, msg, err := d.postJSON(ctx, "企业微信", u, payload)
	if err != nil {
		return err
	}
	return weComOutcome(code, msg)
}

// weComOutcome classifies WeCom's errcode (NOTIFY.md).
func weComOutcome(code int, msg string) error {
	switch code {
	case 0:
		return nil
	case -1:
		return temporary(0, "企业微信繁忙（-1 %s），稍后重试。", msg)
	case 45009:
		return temporary(time.Minute, "企业微信频率限制（45009 %s），至少 1 分钟后重试。", msg)
	case 93000:
		return permanent(true, "企业微信机器人无效（93000 %s）：key 错误或机器人已被移除。渠道已自动停用，请更新 key 后重新启用。", msg)
	case 40058, 40008, 40035, 44004, 45002, 40033:
		return permanent(false, "企业微信拒收此消息（%d %s），不再重试。", code, msg)
	}
	return temporary(0, "企业微信返回错误 %d（%s），稍后重试。", code, msg)
}
