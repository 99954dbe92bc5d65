package demo

import (
	"context"
	"slices"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// TestDemoLeadership loads the demo on every database and checks the
// leading group against the notice: its leaders and deputies by name, the
// office and its director, every office and department head a member, and
// each deputy's contact points.
func TestDemoLeadership(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			ctx := context.Background()
			db := testkit.OpenDB(t, d)
			now := func() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) }
			o := org.NewService(db, now)
			res, err := Load(ctx, db, auth.NewService(db, now), o, "")
			if err != nil {
				t.Fatal(err)
			}
			sys, school := auth.System(), res.SchoolID
			groups, err := o.ListLeadingGroups(ctx, sys, school)
			if err != nil || len(groups) != 1 {
				t.Fatalf("groups = %d, %v", len(groups), err)
			}
			g := groups[0]
			names := func(ms []org.LeadingGroupMember) []string {
				var out []string
				for _, m := range ms {
					out = append(out, m.PersonName)
				}
				return out
			}
			if got := names(g.Leaders()); !slices.Equal(got, groupLeaders) {
				t.Errorf("组长 = %v", got)
			}
			if got := names(g.Deputies()); !slices.Equal(got, groupDeputies) {
				t.Errorf("副组长 = %v", got)
			}
			if g.OfficeUnitName != "安全保卫处" || g.OfficeDirectorName != "黄轶" || g.OfficeLocation != "安全保卫处" {
				t.Errorf("office = %s / %s / %s", g.OfficeUnitName, g.OfficeDirectorName, g.OfficeLocation)
			}
			if missing, err := o.MembersCoverAllUnits(ctx, school, g.ID); err != nil || len(missing) != 0 {
				t.Errorf("units whose head is not a member: %v, %v", missing, err)
			}
			cps, err := o.ListContactPoints(ctx, sys, school)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string][]string{}
			for _, l := range cps {
				for _, u := range l.Units {
					got[l.LeaderName] = append(got[l.LeaderName], u.Name)
				}
			}
			for _, cp := range contactPoints {
				if want := slices.Sorted(slices.Values(cp.units)); !slices.Equal(slices.Sorted(slices.Values(got[cp.leader])), want) {
					t.Errorf("%s's contact points = %v, want %v", cp.leader, got[cp.leader], want)
				}
			}
		})
	}
}
