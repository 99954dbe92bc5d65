package demo

import (
	"context"
	"strings"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/campaign"
	"safecampus/internal/org"
	"safecampus/internal/task"
	"safecampus/internal/testkit"
)

// TestDemoCampaign loads the demo on every database and checks the
// notice's timeline: the three phases with phase 2 corrected to 2020 and a
// note quoting the notice and the refusal, the milestones' progress at the
// pinned clock, the units' tasks and the notice's acknowledgements.
func TestDemoCampaign(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			ctx := context.Background()
			db := testkit.OpenDB(t, d)
			now := func() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) }
			res, err := Load(ctx, db, auth.NewService(db, now), org.NewService(db, now), "")
			if err != nil {
				t.Fatal(err)
			}
			svc, sys := campaign.NewService(db, now), auth.System()
			cs, err := svc.ListCampaigns(ctx, sys, res.SchoolID)
			if err != nil || len(cs) != 2 { // the notice's, and the demo clock's year (campaign_current.go)
				t.Fatalf("campaigns: %d %v", len(cs), err)
			}
			notice := cs[0]
			if notice.Name != CampaignName {
				notice = cs[1]
			}
			p, err := svc.Overview(ctx, sys, res.SchoolID, notice.ID)
			if err != nil {
				t.Fatal(err)
			}
			c := p.Campaign
			if c.Name != CampaignName || c.StartsOn != "2019-11-01" || c.EndsOn != "2020-12-31" || c.ReportDueOn != "2020-12-20" || !strings.Contains(c.Note, "2019年1月") {
				t.Errorf("campaign: %+v", c)
			}
			var got []string
			for _, ph := range p.Phases {
				got = append(got, ph.Name+" "+ph.StartsOn+" "+ph.EndsOn)
			}
			want := []string{"学习动员阶段 2019-11-20 2019-12-31", "排查整治阶段 2020-01-01 2020-09-30", "督查落实“回头看”阶段 2020-10-01 2020-12-31"}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("phases:\n got %q\nwant %q", got, want)
			}
			note := p.Phases[1].Note
			for _, frag := range []string{"2019年1月至2020年9月", "时间重叠", "学习动员阶段", "2020年1月1日起"} {
				if !strings.Contains(note, frag) {
					t.Errorf("phase 2 note lacks %q: %s", frag, note)
				}
			}
			// Milestone 1 falls in phase 1, 2 and 3 in phase 2; 3 is open and late.
			if p.Done != 2 || p.Total != 3 || len(p.Late) != 1 || p.Phases[0].Total != 1 || p.Phases[1].Total != 2 || p.Phases[1].Late != 1 {
				t.Errorf("progress: %d/%d, late %d, phase totals %d %d", p.Done, p.Total, len(p.Late), p.Phases[0].Total, p.Phases[1].Total)
			}
			all, err := task.List(ctx, db.Read(), task.Filter{SchoolID: res.SchoolID, SourceKind: task.SourceMilestone, Status: task.StatusOpen})
			open := all[:0] // the notice campaign's; the current year's campaign has its own
			for _, k := range all {
				if k.DueOn < "2021" {
					open = append(open, k)
				}
			}
			if err != nil || len(open) != 3 || open[0].DueOn != "2020-09-30" {
				t.Errorf("open milestone tasks: %d %v", len(open), err)
			}
			ns, err := svc.ListNotices(ctx, sys, res.SchoolID)
			if err != nil || len(ns) != 1 || ns[0].Acknowledged != 2 || ns[0].Recipients < 5 {
				t.Errorf("notices: %+v %v", ns, err)
			}
		})
	}
}
