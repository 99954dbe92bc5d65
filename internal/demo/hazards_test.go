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

// TestDemoHazards: the demo school shows hazards in every state of the
// workflow, the major hazard under listed supervision with its plan, a
// duplicate, an overdue one, and reports of each source.
func TestDemoHazards(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			ctx := context.Background()
			db := testkit.OpenDB(t, d)
			now := func() time.Time { return time.Date(2026, 3, 20, 2, 0, 0, 0, time.UTC) }
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
			if n, f := count(`SELECT COUNT(*) FROM hazards WHERE source = 'inspection'`), count(`SELECT COUNT(*) FROM findings`); n != f || n == 0 {
				t.Fatalf("%d hazards from %d findings", n, f)
			}
			for _, st := range []string{"reported", "confirmed", "rejected", "assigned", "rectifying", "submitted", "closed"} {
				if count(`SELECT COUNT(*) FROM hazards WHERE school_id = $1 AND status = $2`, res.SchoolID, st) == 0 {
					t.Errorf("no demo hazard is %s", st)
				}
			}
			if count(`SELECT COUNT(*) FROM hazards WHERE status = 'rejected' AND duplicate_of IS NOT NULL`) != 1 {
				t.Error("no duplicate rejected")
			}
			if count(`SELECT COUNT(*) FROM hazards h JOIN hazard_plans p ON p.hazard_id = h.id JOIN hazard_listings l ON l.hazard_id = h.id
				WHERE h.level = 'major' AND h.listed AND h.status = 'rectifying' AND l.delisted_at IS NULL`) != 1 {
				t.Error("no listed major hazard with a plan in rectification")
			}
			if count(`SELECT COUNT(*) FROM hazards WHERE overdue AND status IN ('assigned', 'rectifying')`) == 0 {
				t.Error("no overdue hazard")
			}
			if count(`SELECT COUNT(*) FROM hazard_extensions WHERE status = 'approved'`) != 1 {
				t.Error("no approved extension")
			}
			for _, src := range []string{"report", "anonymous"} {
				if count(`SELECT COUNT(*) FROM hazards WHERE source = $1`, src) == 0 {
					t.Errorf("no %s hazard", src)
				}
			}
			// Every closed one has evidence, and the timeline holds every step.
			if count(`SELECT COUNT(*) FROM hazards h WHERE status = 'closed' AND NOT EXISTS
				(SELECT 1 FROM photos p WHERE p.owner_kind = 'hazard_after' AND p.owner_id = h.id)`) != 0 {
				t.Error("a closed hazard without photos after")
			}
			if count(`SELECT COUNT(*) FROM hazard_events WHERE action = 'return'`) != 1 || count(`SELECT COUNT(*) FROM hazard_events WHERE action = 'accept'`) != 3 {
				t.Error("timeline: the walked steps are missing")
			}
		})
	}
}
