package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/demo"
	"safecampus/internal/org"
	"safecampus/internal/testkit"
)

// BenchmarkListPages drives the hot list pages through the whole handler
// (session, layout, template) as the demo school's office user, so a CPU
// profile of it shows what one logged-in page view costs:
//
//	go test ./internal/web -run '^$' -bench ListPages -cpuprofile /tmp/web.prof
func BenchmarkListPages(b *testing.B) {
	// A fresh database: the demo's usernames collide with newTestServer's.
	db := testkit.OpenDB(b, "sqlite")
	now := func() time.Time { return testTime }
	e := &testEnv{DB: db, Now: testTime, Auth: auth.NewService(db, now), Org: org.NewService(db, now), Passwords: map[string]string{}}
	srv, err := New(db, e.Auth, e.Org, slog.New(slog.NewTextHandler(io.Discard, nil)), now)
	if err != nil {
		b.Fatalf("web.New: %v", err)
	}
	e.Server, e.Handler = srv, srv.Handler()
	res, err := demo.Load(context.Background(), e.DB, e.Auth, e.Org, "bench-admin-pass")
	if err != nil {
		b.Fatalf("demo.Load: %v", err)
	}
	for _, l := range res.Logins {
		e.Passwords[l.Username] = l.Password
	}
	c := e.login(b, "office")
	for _, path := range []string{"/units", "/places", "/people", "/campuses", "/"} {
		b.Run(path, func(b *testing.B) {
			if rec := c.get(path); rec.Code != http.StatusOK {
				b.Fatalf("GET %s: status %d", path, rec.Code)
			}
			b.ReportAllocs()
			for b.Loop() {
				if rec := c.get(path); rec.Code != http.StatusOK {
					b.Fatalf("GET %s: status %d", path, rec.Code)
				}
			}
		})
	}
}
