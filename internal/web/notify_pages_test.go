package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"safecampus/internal/auth"
	"safecampus/internal/notify"
	"safecampus/internal/sqldb"
)

// Permissions of the notification rows (routes_scenario_table_test.go).
var notifyManage = []auth.Permission{auth.PermNotifyManage}

// ownInboxItem gives x's account a notification of its own and names its
// inbox id {msg}; anon aims at the office's.
func ownInboxItem(x *rowCtx) {
	user := x.user
	if user == "anon" {
		user = "office"
	}
	x.vars["msg"] = strconv.FormatInt(inboxItemFor(x.t, x.f.testEnv, user, "scenario:"+x.user), 10)
}

// inboxItemFor enqueues a message for username's account and returns the
// new inbox row's id.
func inboxItemFor(t testing.TB, e *testEnv, username, key string) int64 {
	t.Helper()
	ctx := context.Background()
	acc := e.AccountIDs[username]
	school := e.SchoolID
	if username == "other_admin" {
		school = e.OtherSchoolID
	}
	var id int64
	err := e.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		if _, err := notify.Enqueue(ctx, tx, e.Now, notify.Message{SchoolID: school, Kind: "assigned", Title: "新的整改任务：配电房线路老化",
			Body: "请于3月9日前完成整改。", Link: "/hazards/42", Recipients: []int64{acc}, DedupKey: key}); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT MAX(id) FROM notify_inbox WHERE account_id = $1`, acc).Scan(&id)
	})
	if err != nil {
		t.Fatalf("enqueue for %s: %v", username, err)
	}
	return id
}

// withChannel makes sure the main school has the WeCom channel
// 安全办工作群 (active) and names its id {channel}.
func withChannel(x *rowCtx) {
	ctx := context.Background()
	var id int64
	err := x.f.DB.Read().QueryRowContext(ctx, `SELECT id FROM notify_channels WHERE school_id = $1 AND name = '安全办工作群'`, x.f.SchoolID).Scan(&id)
	if err != nil {
		c, err := x.f.Server.Notify.CreateChannel(ctx, auth.System(), x.f.SchoolID, notify.ChannelInput{Kind: notify.KindWeCom, Name: "安全办工作群", WeComKey: "693a91f6-7aaa-4bc4-97a0-0ec2a1fa5aaa"})
		if err != nil {
			x.t.Fatalf("create channel: %v", err)
		}
		id = c.ID
	} else if err := x.f.Server.Notify.SetChannelActive(ctx, auth.System(), x.f.SchoolID, id, true); err != nil {
		x.t.Fatalf("activate channel: %v", err)
	}
	x.vars["channel"] = strconv.FormatInt(id, 10)
}

func TestInboxPages(t *testing.T) {
	e := newTestServer(t)
	staff := e.login(t, "staff")
	mine := inboxItemFor(t, e, "staff", "k1")
	inboxItemFor(t, e, "staff", "k2")
	theirs := inboxItemFor(t, e, "office", "k3")

	// The header shows the unread count on every page.
	expect(t, staff.get("/"), http.StatusOK, `data-unread="2"`, `href="/inbox"`)
	rec := staff.get("/inbox")
	expect(t, rec, http.StatusOK, "新的整改任务：配电房线路老化", "请于3月9日前完成整改。", `action="/inbox/read-all"`)
	// Another account's notification: not found, and still unread for its owner.
	expect(t, staff.postForm(idPath("/inbox/%d/read", theirs), url.Values{"open": {"true"}}), http.StatusNotFound)
	office := e.login(t, "office")
	expect(t, office.get("/inbox"), http.StatusOK, `data-unread="1"`)
	// Opening one marks it read and goes to its page.
	rec = staff.postForm(idPath("/inbox/%d/read", mine), url.Values{"open": {"true"}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/hazards/42" {
		t.Fatalf("open: %d → %q", rec.Code, rec.Header().Get("Location"))
	}
	expect(t, staff.get("/"), http.StatusOK, `data-unread="1"`)
	expect(t, staff.postForm("/inbox/read-all", nil), http.StatusSeeOther)
	rec = staff.get("/")
	expectAbsent(t, rec, `data-unread=`)
}

func TestNotifySettingsPages(t *testing.T) {
	e := newTestServer(t)
	office := e.login(t, "office")
	for _, user := range []string{"principal", "staff", "unithead"} {
		c := e.login(t, user)
		expect(t, c.get("/settings/notify"), http.StatusForbidden)
		expect(t, c.postForm("/settings/notify", url.Values{"kind": {"wecom"}, "name": {"群"}, "wecom_key": {"693a91f6-7aaa-4bc4"}}), http.StatusForbidden)
		expectAbsent(t, c.get("/"), `href="/settings/notify"`)
	}
	expect(t, office.get("/"), http.StatusOK, `href="/settings/notify"`, `href="/inbox"`)

	// A pasted URL on another host is refused with the reason; nothing stored.
	rec := office.postForm("/settings/notify", url.Values{"kind": {"wecom"}, "name": {"安全办工作群"},
		"wecom_key": {"https://qyapi.weixin.qq.com.evil.example/cgi-bin/webhook/send?key=693a91f6-7aaa-4bc4"}})
	expect(t, rec, http.StatusUnprocessableEntity, "不能改动主机")
	const key = "693a91f6-7aaa-4bc4-97a0-0ec2a1fa5aaa"
	rec = office.postForm("/settings/notify", url.Values{"kind": {"wecom"}, "name": {"安全办工作群"},
		"wecom_key": {"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + key}})
	expect(t, rec, http.StatusSeeOther)
	rec = office.postForm("/settings/notify", url.Values{"kind": {"smtp"}, "name": {"安全办邮箱"}, "smtp_host": {"smtp.qq.com"}, "smtp_port": {"465"},
		"smtp_security": {"tls"}, "smtp_user": {"aq@qq.com"}, "smtp_password": {"abcdefghijklmnop"}, "smtp_to": {"xiaozhang@school.cn"}})
	expect(t, rec, http.StatusSeeOther)

	page := office.get("/settings/notify")
	expect(t, page, http.StatusOK, "安全办工作群", "****5aaa", "安全办邮箱", "已设置（****）", "smtp.qq.com:465")
	expectAbsent(t, page, key, "abcdefghijklmnop")

	var id int64
	if err := e.DB.Read().QueryRowContext(context.Background(), `SELECT id FROM notify_channels WHERE name = '安全办工作群'`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	expect(t, office.postForm(idPath("/settings/notify/%d/test", id), nil), http.StatusSeeOther)
	expect(t, office.get("/settings/notify"), http.StatusOK, "测试消息：安全办工作群", "待发送")
	// Edit keeps the key when the field is left empty.
	expect(t, office.postForm(idPath("/settings/notify/%d", id), url.Values{"name": {"安全办群"}}), http.StatusSeeOther)
	expect(t, office.get("/settings/notify"), http.StatusOK, "安全办群", "****5aaa")
	// Another school's admin: not found.
	other := e.login(t, "other_admin")
	expect(t, other.postForm(idPath("/settings/notify/%d/active", id), url.Values{"active": {"false"}}), http.StatusNotFound)
	otherPage := other.get("/settings/notify")
	expect(t, otherPage, http.StatusOK)
	if strings.Contains(otherPage.Body.String(), "安全办群") {
		t.Error("another school's admin sees the channel")
	}
}
