package figures

import (
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/lists"
)

// TestAgreesWithListsStatistics: for past quarters the figures are the
// statistics page's (decision 0019) — found, closed of found, pending,
// overdue and listed at the end, in total and per area.
func TestAgreesWithListsStatistics(t *testing.T) {
	dialects(t, func(t *testing.T, f *fixture) {
		svc := lists.NewService(f.db, func() time.Time { return fixtureNow })
		for _, key := range []string{"2025-Q4", "2026-Q1", "2025"} {
			st, err := svc.HazardStatistics(f.ctx, auth.System(), f.school, key)
			if err != nil {
				t.Fatal(err)
			}
			h, err := HazardFigures(f.ctx, f.db.Read(), f.school, mustSpan(t, key), fixtureNow)
			if err != nil {
				t.Fatal(err)
			}
			got := [...]int64{int64(h.Found), int64(h.Closed), int64(h.Pending), int64(h.Overdue), int64(h.MajorListed), int64(h.MajorFound), int64(h.RatePermille)}
			want := [...]int64{st.Total.Found, st.Total.ClosedOfFound, st.Total.Pending, st.Total.OverdueAtEnd, st.Total.ListedAtEnd, st.Total.FoundMajor, st.Total.Rate.PerMille()}
			if got != want {
				t.Errorf("%s: figures %v, statistics %v", key, got, want)
			}
			for _, g := range st.ByArea {
				c := count(t, h.ByArea, g.Key)
				if int64(c.Total) != g.Found || int64(c.Closed) != g.ClosedOfFound || int64(c.Overdue) != g.OverdueAtEnd {
					t.Errorf("%s %s: figures %+v, statistics %+v", key, g.Key, c, g.Figures)
				}
			}
		}
	})
}
