package scheduler

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/plan"
	"safecampus/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestRunOnceIsIdempotent(t *testing.T) {
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			db := testkit.OpenDB(t, dialect)
			pinned := time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)
			now := func() time.Time { return pinned }
			o := org.NewService(db, now)
			sys := auth.System()
			for _, code := range []string{"a", "b"} {
				sc, err := o.CreateSchool(ctx, sys, org.School{Code: code, Name: "学校" + code})
				if err != nil {
					t.Fatal(err)
				}
				for _, name := range []string{"保卫处", "后勤处"} {
					if _, err := o.SaveUnit(ctx, sys, sc.ID, org.Unit{Name: name, Kind: org.UnitOffice}); err != nil {
						t.Fatal(err)
					}
				}
			}
			plans := plan.NewService(db, now)
			var logs bytes.Buffer
			log := slog.New(slog.NewTextHandler(&logs, nil))
			// Two schools × two offices owe March's monthly self-inspection.
			if n := RunOnce(ctx, plans, ActiveSchools(db), now, log); n != 4 {
				t.Fatalf("first run created %d, want 4", n)
			}
			if n := RunOnce(ctx, plans, ActiveSchools(db), now, log); n != 0 {
				t.Fatalf("second run created %d, want 0", n)
			}
			var rows int
			if err := db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM due_inspections WHERE period = '2026-03'`).Scan(&rows); err != nil || rows != 4 {
				t.Fatalf("due rows = %d, %v", rows, err)
			}
			if !strings.Contains(logs.String(), "created=2") {
				t.Errorf("run not logged: %s", logs.String())
			}
		})
	}
}

func TestRunStopsOnCancel(t *testing.T) {
	db := testkit.OpenDB(t, "sqlite")
	now := func() time.Time { return time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC) }
	plans := plan.NewService(db, now)
	var calls atomic.Int32
	ctx, cancel := context.WithCancel(context.Background())
	schools := func(ctx context.Context) ([]int64, error) {
		if calls.Add(1) >= 3 {
			cancel()
		}
		return nil, errors.New("listing failed") // logged; the loop goes on
	}
	done := make(chan struct{})
	go func() {
		Run(ctx, plans, schools, now, time.Millisecond, slog.New(slog.NewTextHandler(io.Discard, nil)))
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not stop after its context was cancelled")
	}
	if n := calls.Load(); n != 3 {
		t.Errorf("Run worked %d times, want 3 (it runs on despite errors, and not after cancel)", n)
	}
}
