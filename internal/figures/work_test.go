package figures

import (
	"strconv"
	"testing"

	"time"

	"safecampus/internal/auth"
	"safecampus/internal/plan"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestInspectionFigures(t *testing.T) {
	dialects(t, func(t *testing.T, f *fixture) {
		in, err := InspectionFigures(f.ctx, f.db.Read(), f.school, mustSpan(t, "2026-Q1"), fixtureNow)
		if err != nil {
			t.Fatal(err)
		}
		// i1 and i2 (i3 is 00:30 on 1 Apr, i4 a draft, i5 another school's).
		if in.Total != 2 || in.Failed != 1 {
			t.Errorf("total %d failed %d", in.Total, in.Failed)
		}
		for _, c := range []struct {
			got, want Count
		}{
			{count(t, in.ByKind, "unit_monthly"), Count{Key: "unit_monthly", Total: 1, Failed: 1}},
			{count(t, in.ByKind, "leader"), Count{Key: "leader", Total: 1}},
			{count(t, in.ByArea, "FIRE"), Count{Key: "FIRE", Total: 1, Failed: 1}},
			{count(t, in.ByArea, "LOG"), Count{Key: "LOG", Total: 1}},
			{count(t, in.ByArea, "LAB"), Count{Key: "LAB", Total: 1}},
			{count(t, in.ByArea, "SEC"), Count{Key: "SEC"}},
		} {
			if c.got != c.want {
				t.Errorf("got %+v want %+v", c.got, c.want)
			}
		}
		if in.ByKind[0].Link != "/ledger?from=2026-01-01&kind=leader&to=2026-03-31" {
			t.Errorf("kind link %q", in.ByKind[0].Link)
		}
		// d1 done, d2 late, d3 open past 03-31 → missed, d4 missed, d5 open.
		if in.Rhythm != (plan.Summary{Total: 5, Done: 1, Late: 1, Missed: 2, Open: 1}) || in.RhythmLink != "/rhythm?period=2026-Q1" {
			t.Errorf("rhythm %+v %q", in.Rhythm, in.RhythmLink)
		}
	})
}

// TestRhythmMatchesPlan: the summary is the one the rhythm page shows a
// school-wide viewer.
func TestRhythmMatchesPlan(t *testing.T) {
	dialects(t, func(t *testing.T, f *fixture) {
		for _, key := range []string{"2026-Q1", "2026-03", "2026-H1"} {
			in, err := InspectionFigures(f.ctx, f.db.Read(), f.school, mustSpan(t, key), fixtureNow)
			if err != nil {
				t.Fatal(err)
			}
			c, err := plan.NewService(f.db, func() time.Time { return fixtureNow }).RhythmCompliance(f.ctx, auth.System(), f.school, key)
			if err != nil {
				t.Fatal(err)
			}
			if in.Rhythm != c.Summary || in.Rhythm.Total == 0 {
				t.Errorf("%s: figures %+v, plan %+v", key, in.Rhythm, c.Summary)
			}
		}
	})
}

func TestPatrolFigures(t *testing.T) {
	dialects(t, func(t *testing.T, f *fixture) {
		p, err := PatrolFigures(f.ctx, f.db.Read(), f.school, mustSpan(t, "2026-04"), fixtureNow)
		if err != nil {
			t.Fatal(err)
		}
		// p1 and p2 over 1–9 April (today in progress): 18 place-days, 4
		// met (p1 on 04-01 and 04-09, p2 on 04-01 and 04-05) → 222‰.
		want := Patrols{Places: 2, Days: 9, PlaceDays: 18, Covered: 4, CoveragePermille: 222, Link: "/patrols/coverage?from=2026-04-01&to=2026-04-09"}
		if p != want {
			t.Errorf("got %+v\nwant %+v", p, want)
		}
		if p.CoveragePercent() != "22.2%" {
			t.Errorf("percent %s", p.CoveragePercent())
		}
		future, err := PatrolFigures(f.ctx, f.db.Read(), f.school, mustSpan(t, "2026-05"), fixtureNow)
		if err != nil {
			t.Fatal(err)
		}
		if future.PlaceDays != 0 || future.CoveragePermille != -1 {
			t.Errorf("future month %+v", future)
		}
	})
}
