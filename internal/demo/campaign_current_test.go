package demo

import (
	"context"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/campaign"
	"safecampus/internal/org"
	"safecampus/internal/testkit"
)

// TestDemoCurrentCampaign: beside the notice's campaign the demo has one
// over the clock's year with the notice's three phases and a report due
// date, and the demo's inspections fall inside it (so its report has
// figures).
func TestDemoCurrentCampaign(t *testing.T) {
	ctx := context.Background()
	db := testkit.OpenDB(t, "sqlite")
	now := func() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) }
	res, err := Load(ctx, db, auth.NewService(db, now), org.NewService(db, now), "")
	if err != nil {
		t.Fatal(err)
	}
	svc, sys := campaign.NewService(db, now), auth.System()
	var id int64
	if err := db.Read().QueryRowContext(ctx, `SELECT id FROM campaigns WHERE school_id = $1 AND name = $2`, res.SchoolID, CurrentCampaignName(2026)).Scan(&id); err != nil {
		t.Fatalf("no %s: %v", CurrentCampaignName(2026), err)
	}
	p, err := svc.Overview(ctx, sys, res.SchoolID, id)
	if err != nil {
		t.Fatal(err)
	}
	c := p.Campaign
	if c.StartsOn != "2026-01-01" || c.EndsOn != "2026-12-31" || c.ReportDueOn != "2026-12-20" || len(p.Phases) != 3 || p.Total != 3 || p.Done != 1 || len(p.Late) != 0 {
		t.Errorf("campaign %+v: %d phases, milestones %d/%d, late %d", c, len(p.Phases), p.Done, p.Total, len(p.Late))
	}
	var outside, inside int
	db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM inspections WHERE school_id = $1 AND status = 'submitted' AND submitted_at < $2`,
		res.SchoolID, time.Date(2026, 1, 1, 0, 0, 0, 0, demoLocation()).UnixMilli()).Scan(&outside)
	db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM inspections WHERE school_id = $1 AND status = 'submitted'`, res.SchoolID).Scan(&inside)
	if outside != 0 || inside == 0 {
		t.Errorf("submitted inspections: %d in all, %d before the campaign", inside, outside)
	}
}
