package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/demo"
	"safecampus/internal/org"
	"safecampus/internal/testkit"
)

// TestDemoCampaignPage opens the demo's campaign as the unit head (view
// only) and finds the note on how the notice's phase-2 date was resolved.
func TestDemoCampaignPage(t *testing.T) {
	db := testkit.OpenDB(t, "sqlite") // a fresh database: the demo's usernames collide with newTestServer's
	now := func() time.Time { return testTime }
	e := &testEnv{DB: db, Now: testTime, Auth: auth.NewService(db, now), Org: org.NewService(db, now), Passwords: map[string]string{}}
	srv, err := New(db, e.Auth, e.Org, slog.New(slog.NewTextHandler(io.Discard, nil)), now)
	if err != nil {
		t.Fatalf("web.New: %v", err)
	}
	e.Server, e.Handler = srv, srv.Handler()
	res, err := demo.Load(context.Background(), db, e.Auth, e.Org, "demo-admin-pass")
	if err != nil {
		t.Fatalf("demo.Load: %v", err)
	}
	for _, l := range res.Logins {
		e.Passwords[l.Username] = l.Password
	}
	c := e.login(t, "unithead")
	list := c.get("/campaigns").Body.String()
	// The notice's campaign (the demo also has one for the clock's year).
	m := regexp.MustCompile(`href="(/campaigns/\d+)">` + regexp.QuoteMeta(demo.CampaignName) + `<`).FindStringSubmatch(list)
	if m == nil {
		t.Fatalf("campaign list has no %s: %.500s", demo.CampaignName, list)
	}
	path := m[1]
	rec := c.get(path)
	body := rec.Body.String()
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s: %d", path, rec.Code)
	}
	for _, want := range []string{demo.CampaignName, "2019年1月至2020年9月", "2020年1月1日至2020年9月30日", "完成专项整治全覆盖，集中整治问题隐患", "2020年12月20日前"} {
		if !strings.Contains(body, want) {
			t.Errorf("campaign page lacks %q", want)
		}
	}
	if strings.Contains(body, "标记完成") {
		t.Error("the unit head is offered the office's buttons")
	}
}
