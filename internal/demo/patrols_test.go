package demo

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/patrol"
	"safecampus/internal/sqldb"
	"safecampus/internal/testkit"
)

// demoPatrolNow is 2026-03-02 17:00 in Beijing.
var demoPatrolNow = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func loadForPatrols(t *testing.T, dialect string) (*sqldb.DB, *Result) {
	t.Helper()
	db := testkit.OpenDB(t, dialect)
	now := func() time.Time { return demoPatrolNow }
	res, err := Load(context.Background(), db, auth.NewService(db, now), org.NewService(db, now), "")
	if err != nil {
		t.Fatal(err)
	}
	return db, res
}

// patrolRows is the demo's patrols as comparable text.
func patrolRows(t *testing.T, db *sqldb.DB) []string {
	t.Helper()
	rows, err := db.Read().QueryContext(context.Background(), `SELECT p.name, pt.at, pt.day, a.username FROM patrols pt
		JOIN places p ON p.id = pt.place_id JOIN accounts a ON a.id = pt.account_id ORDER BY pt.at, p.name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var place, day, user string
		var at int64
		if err := rows.Scan(&place, &at, &day, &user); err != nil {
			t.Fatal(err)
		}
		if at > demoPatrolNow.UnixMilli() || at < demoPatrolNow.AddDate(0, 0, -patrolDays).UnixMilli() {
			t.Errorf("patrol of %s at %s is outside the last %d days", place, time.UnixMilli(at).UTC(), patrolDays)
		}
		out = append(out, fmt.Sprint(place, at, day, user))
	}
	return out
}

// TestDemoPatrols: every grid place has a check point, the week's matrix
// has both met and missed cells, and two loads give the same patrols.
func TestDemoPatrols(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			db, res := loadForPatrols(t, d)
			ctx := context.Background()
			var places, points int
			q := db.Read()
			if err := q.QueryRowContext(ctx, `SELECT COUNT(DISTINCT place_id) FROM grid_places WHERE school_id = $1`, res.SchoolID).Scan(&places); err != nil {
				t.Fatal(err)
			}
			if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM check_points WHERE school_id = $1 AND active`, res.SchoolID).Scan(&points); err != nil {
				t.Fatal(err)
			}
			if places == 0 || points != places {
				t.Fatalf("%d check points for %d grid places", points, places)
			}
			svc := patrol.NewService(db, func() time.Time { return demoPatrolNow })
			m, err := svc.Coverage(ctx, auth.System(), res.SchoolID, 0, "2026-02-24", "2026-03-02")
			if err != nil {
				t.Fatal(err)
			}
			classes := map[string]int{}
			for _, r := range m.Rows {
				for _, c := range r.Cells[:len(r.Cells)-1] { // today is still under way
					classes[c.Class()]++
				}
				if len(r.Places) == 0 {
					t.Errorf("grid %s has no counted place", r.GridName)
				}
			}
			if classes["ok"] == 0 || classes["bad"]+classes["warn"] == 0 || classes[""] != 0 {
				t.Errorf("past days' cells by class = %v: want met and missed days, none empty", classes)
			}
			if d == "sqlite" {
				a := patrolRows(t, db)
				db2, _ := loadForPatrols(t, "sqlite")
				if b := patrolRows(t, db2); len(a) < 100 || !slices.Equal(a, b) {
					t.Errorf("two loads differ or hold too few patrols: %d vs %d rows", len(a), len(b))
				}
			}
		})
	}
}
