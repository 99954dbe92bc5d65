package scheduler

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/plan"
	"safecampus/internal/sqldb"
	"safecampus/internal/testkit"
)

// The running server's scheduler walks the escalation ladder: a hazard
// whose deadline day has ended is marked overdue by RunOnce, once.
func TestRunOnceMarksOverdueHazards(t *testing.T) {
	ctx := context.Background()
	db := testkit.OpenDB(t, "sqlite")
	pinned := time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC) // 09:00 on 2 March in Shanghai
	now := func() time.Time { return pinned }
	sc, err := org.NewService(db, now).CreateSchool(ctx, auth.System(), org.School{Code: "a", Name: "学校a"})
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	err = db.Transact(ctx, func(tx *sqldb.Tx) error {
		return tx.QueryRowContext(ctx, `INSERT INTO hazards (school_id, number, source, found_at, area, description, deadline, status, created_at, updated_at)
			VALUES ($1, '2026-FIRE-0001', 'report', $2, 'FIRE', '灭火器过期', '2026-03-01', 'rectifying', $2, $2) RETURNING id`, sc.ID, pinned.UnixMilli()).Scan(&id)
	})
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	for range 2 {
		RunOnce(ctx, plan.NewService(db, now), ActiveSchools(db), now, log)
	}
	var overdue bool
	var events int
	if err := db.Read().QueryRowContext(ctx, `SELECT overdue, (SELECT COUNT(*) FROM hazard_events WHERE hazard_id = $1) FROM hazards WHERE id = $1`, id).Scan(&overdue, &events); err != nil {
		t.Fatal(err)
	}
	if !overdue || events != 1 {
		t.Errorf("after two runs: overdue %v with %d timeline events, want true and 1", overdue, events)
	}
}
