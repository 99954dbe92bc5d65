package benchseed

import (
	"context"
	"testing"
	"time"

	"safecampus/internal/dashboard"
	"safecampus/internal/figures"
	"safecampus/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// TestSeedSmall seeds both data sets small and reads them back through the
// dashboard, as the benchmark does at full size.
func TestSeedSmall(t *testing.T) {
	ctx := context.Background()
	db := testkit.OpenDB(t, "sqlite")
	now := time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)
	school, err := SeedSchool(ctx, db, School{Inspections: 300, Questions: 3, Hazards: 730, Days: 730, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	svc := dashboard.NewService(db, func() time.Time { return now })
	sp, _ := figures.SpanOf("2025")
	b, err := svc.Board(ctx, school, sp)
	if err != nil {
		t.Fatal(err)
	}
	// About half of the 730 hazards were found in 2025, and most of those closed.
	if b.Hazards.Found < 250 || b.Hazards.Found > 400 || b.Hazards.Closed*2 < b.Hazards.Found || b.Inspections.Total < 100 {
		t.Errorf("2025: found %d closed %d inspections %d", b.Hazards.Found, b.Hazards.Closed, b.Inspections.Total)
	}
	au, err := SeedAuthority(ctx, db, Authority{Schools: 3, Hazards: 60, Days: 90})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM authority_schools WHERE authority_id = $1`, au).Scan(&n); err != nil || n != 3 {
		t.Errorf("authority schools %d %v", n, err)
	}
}
