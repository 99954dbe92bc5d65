package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/sqldb"
)

// BenchmarkHazardPages drives the hazard list (filtered) and a hazard's
// page through the whole handler as the first school's office of a
// database seeded by `seed -hazards` (SAFECAMPUS_BENCH_DB, read only), so
// a CPU profile shows what one view costs with 1 M hazards:
//
//	SAFECAMPUS_BENCH_DB=/tmp/hbench/safecampus.db go test ./internal/web -run '^$' -bench HazardPages -cpuprofile /tmp/hz.prof
func BenchmarkHazardPages(b *testing.B) {
	path := os.Getenv("SAFECAMPUS_BENCH_DB")
	if path == "" {
		b.Skip("SAFECAMPUS_BENCH_DB is not set (a database seeded with `seed -hazards`)")
	}
	ctx := context.Background()
	db, err := sqldb.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	e := &testEnv{DB: db, Auth: auth.NewService(db, time.Now), Org: org.NewService(db, time.Now),
		Passwords: map[string]string{"hazard_office": "bench-password-2026"}}
	if e.Server, err = New(db, e.Auth, e.Org, slog.New(slog.NewTextHandler(io.Discard, nil)), time.Now); err != nil {
		b.Fatal(err)
	}
	e.Handler = e.Server.Handler()
	c := e.login(b, "hazard_office")
	var closed, rectifying int64
	db.Read().QueryRowContext(ctx, `SELECT MAX(id) FROM hazards WHERE school_id = 1 AND status = 'closed'`).Scan(&closed)
	db.Read().QueryRowContext(ctx, `SELECT MAX(id) FROM hazards WHERE school_id = 1 AND status = 'rectifying'`).Scan(&rectifying)
	for _, p := range []string{"/hazards?status=rectifying", "/hazards?unit=5", "/hazards?overdue=1", "/hazards",
		"/hazards/" + strconv.FormatInt(closed, 10), "/hazards/" + strconv.FormatInt(rectifying, 10)} {
		b.Run(p, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if rec := c.get(p); rec.Code != http.StatusOK {
					b.Fatalf("GET %s: status %d", p, rec.Code)
				}
			}
		})
	}
}
