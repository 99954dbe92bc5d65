package demo

import (
	"context"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/photo"
	"safecampus/internal/testkit"
)

// TestDemoLookback: the demo school has a look-back draw over its closed
// hazards with one re-check passed and one failed, whose hazard is back
// in rectification with the re-check and the reopen on its timeline.
func TestDemoLookback(t *testing.T) {
	ctx := context.Background()
	db := testkit.OpenDB(t, "sqlite")
	now := func() time.Time { return time.Date(2026, 10, 20, 2, 0, 0, 0, time.UTC) }
	au := auth.NewService(db, now)
	res, err := Load(ctx, db, au, org.NewService(db, now), "", WithPhotoStore(photo.NewStore(t.TempDir(), now)))
	if err != nil {
		t.Fatal(err)
	}
	count := func(query string, args ...any) int {
		t.Helper()
		var n int
		if err := db.Read().QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		return n
	}
	if n := count(`SELECT COUNT(*) FROM lookback_draws WHERE school_id = $1 AND seed = 20201012`, res.SchoolID); n != 1 {
		t.Fatalf("%d demo draws", n)
	}
	if count(`SELECT COUNT(*) FROM lookback_checks WHERE result = 'passed'`) != 1 || count(`SELECT COUNT(*) FROM lookback_checks WHERE result = 'failed'`) != 1 {
		t.Fatal("want one passed and one failed re-check")
	}
	if count(`SELECT COUNT(*) FROM lookback_checks c JOIN hazards h ON h.id = c.hazard_id
		WHERE c.result = 'failed' AND h.status = 'rectifying' AND h.recheck_result = 'failed'
		AND EXISTS (SELECT 1 FROM hazard_events e WHERE e.hazard_id = h.id AND e.action = 'reopen')`) != 1 {
		t.Fatal("the failed re-check's hazard was not reopened")
	}
	if count(`SELECT COUNT(*) FROM lookback_checks c JOIN hazards h ON h.id = c.hazard_id WHERE c.result = 'passed' AND h.status = 'closed'`) != 1 {
		t.Fatal("the passed re-check's hazard is not closed")
	}
}
