package lists

import (
	"testing"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
)

// checkFigures compares all figures; fields left out of want must be zero.
func checkFigures(t *testing.T, name string, got Figures, want Figures) {
	t.Helper()
	want.Rate = Rate{Num: want.ClosedOfFound, Den: want.Found}
	if got != want {
		t.Errorf("%s:\n got %+v\nwant %+v", name, got, want)
	}
}

func group(t *testing.T, gs []Group, key string) Figures {
	t.Helper()
	for _, g := range gs {
		if g.Key == key {
			return g.Figures
		}
	}
	t.Fatalf("no group %q", key)
	return Figures{}
}

// TestStatisticsQuarterAndYear checks every figure against the fixture's
// table of hazards (fixture_test.go), worked out by hand.
func TestStatisticsQuarterAndYear(t *testing.T) {
	dialects(t, func(t *testing.T, f *fixture) {
		q1, err := f.svc.HazardStatistics(f.ctx, f.office(), f.school, "2026-Q1")
		if err != nil {
			t.Fatal(err)
		}
		if q1.Period.Label != "2026年第一季度" || q1.Period.Start != "2026-01-01" || q1.Period.End != "2026-03-31" {
			t.Errorf("period %+v", q1.Period)
		}
		// Found: h1 h2 h4 h5 h9 h10 (h2 at 06:00 on 1 Jan is still 2025
		// in UTC; h4 at 23:59 on 31 Mar; not h3, found 07:00 on 1 Apr,
		// which is 31 Mar in UTC). Rectified in Q1: h1, h6. Of the found,
		// closed by the end: h1 → 1/6 = 16.7 %. Overdue at the end: h2
		// (03-15), h5 (03-30), h9 (03-20, closed in April) — not h4, due
		// on the last day. Overdue at some moment: those and h1 (for ten
		// hours on 1 Feb) and h6 (from 1 Jan until 20 Mar).
		checkFigures(t, "Q1 total", q1.Total, Figures{Found: 6, FoundGeneral: 5, FoundMajor: 1, Pending: 1, Rectified: 2, RectifiedGeneral: 1,
			RectifiedMajor: 1, ClosedOfFound: 1, Listed: 1, Delisted: 1, ListedAtEnd: 1, OverdueAtEnd: 3, OverdueDuring: 5})
		if q1.Total.Rate.PerMille() != 167 || q1.Total.Rate.Percent() != "16.7%" {
			t.Errorf("Q1 rate %d‰ %s, want 167‰ 16.7%%", q1.Total.Rate.PerMille(), q1.Total.Rate.Percent())
		}
		checkFigures(t, "Q1 general", group(t, q1.ByLevel, "general"), Figures{Found: 5, FoundGeneral: 5, Pending: 1, Rectified: 1,
			RectifiedGeneral: 1, ClosedOfFound: 1, OverdueAtEnd: 2, OverdueDuring: 3})
		checkFigures(t, "Q1 major", group(t, q1.ByLevel, "major"), Figures{Found: 1, FoundMajor: 1, Rectified: 1, RectifiedMajor: 1,
			Listed: 1, Delisted: 1, ListedAtEnd: 1, OverdueAtEnd: 1, OverdueDuring: 2})
		checkFigures(t, "Q1 FIRE", group(t, q1.ByArea, "FIRE"), Figures{Found: 1, FoundGeneral: 1, Pending: 1, Rectified: 2, RectifiedGeneral: 1,
			RectifiedMajor: 1, ClosedOfFound: 1, Delisted: 1, OverdueDuring: 2})
		checkFigures(t, "Q1 LAB", group(t, q1.ByArea, "LAB"), Figures{Found: 1, FoundMajor: 1, Listed: 1, ListedAtEnd: 1, OverdueAtEnd: 1, OverdueDuring: 1})
		checkFigures(t, "Q1 LOG", group(t, q1.ByArea, "LOG"), Figures{Found: 2, FoundGeneral: 2, OverdueAtEnd: 1, OverdueDuring: 1})
		checkFigures(t, "Q1 EDU", group(t, q1.ByArea, "EDU"), Figures{Found: 1, FoundGeneral: 1, OverdueAtEnd: 1, OverdueDuring: 1})
		checkFigures(t, "Q1 other", group(t, q1.ByArea, "GEN"), Figures{Found: 1, FoundGeneral: 1})
		checkFigures(t, "Q1 SEC", group(t, q1.ByArea, "SEC"), Figures{})
		if p := group(t, q1.ByArea, "FIRE").Rate.Percent(); p != "100.0%" {
			t.Errorf("FIRE rate %s", p)
		}
		if p := group(t, q1.ByArea, "SEC").Rate.Percent(); p != "—" {
			t.Errorf("rate of nothing found: %s, want —", p)
		}

		// The year 2026: h3 joins the found, h9 the closed-of-found (2/7 =
		// 28.6 %); at the year's end h2 h3 h4 h5 are still open past due.
		y, err := f.svc.HazardStatistics(f.ctx, f.office(), f.school, "2026")
		if err != nil {
			t.Fatal(err)
		}
		checkFigures(t, "2026 total", y.Total, Figures{Found: 7, FoundGeneral: 6, FoundMajor: 1, Pending: 1, Rectified: 3, RectifiedGeneral: 2,
			RectifiedMajor: 1, ClosedOfFound: 2, Listed: 1, Delisted: 1, ListedAtEnd: 1, OverdueAtEnd: 4, OverdueDuring: 7})
		if y.Total.Rate.Percent() != "28.6%" {
			t.Errorf("2026 rate %s", y.Total.Rate.Percent())
		}
		// 2025: only h6 (h2, found 06:00 on 1 Jan Shanghai time, is not
		// 2025's although its UTC date is); h6 is due on 31 Dec, the
		// year's last day, so it is not overdue within 2025.
		y25, err := f.svc.HazardStatistics(f.ctx, f.office(), f.school, "2025")
		if err != nil {
			t.Fatal(err)
		}
		checkFigures(t, "2025 total", y25.Total, Figures{Found: 1, FoundMajor: 1, Listed: 1, ListedAtEnd: 1})
		q2, err := f.svc.HazardStatistics(f.ctx, f.office(), f.school, "2026-Q2")
		if err != nil {
			t.Fatal(err)
		}
		// Q2 (so far): h3 found; h9 closed; open past due on 30 Jun: h2 h3 h4 h5.
		checkFigures(t, "Q2 total", q2.Total, Figures{Found: 1, FoundGeneral: 1, Rectified: 1, RectifiedGeneral: 1, ListedAtEnd: 1,
			OverdueAtEnd: 4, OverdueDuring: 5})
	})
}

func TestStatisticsRefusals(t *testing.T) {
	f := newFixture(t, "sqlite")
	for name, a := range map[string]*auth.Actor{"unit head": f.unitHead(), "grid leader": f.gridLeader(), "staff": f.staff(), "other school": f.otherAdmin()} {
		_, err := f.svc.HazardStatistics(f.ctx, a, f.school, "2026-Q1")
		if !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("%s: err = %v, want forbidden", name, err)
		}
	}
	if _, err := f.svc.HazardStatistics(f.ctx, f.authority(), f.school, "2026-Q1"); err != nil {
		t.Errorf("authority viewer: %v", err)
	}
	for _, key := range []string{"2026-Q5", "2026-03", "26", "2026-Q1x", ""} {
		if _, err := f.svc.HazardStatistics(f.ctx, f.office(), f.school, key); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("period %q: err = %v, want invalid", key, err)
		}
	}
}

func TestRateRounding(t *testing.T) {
	tests := []struct {
		r    Rate
		pm   int64
		text string
	}{
		{Rate{1, 6}, 167, "16.7%"}, {Rate{2, 7}, 286, "28.6%"}, {Rate{1, 3}, 333, "33.3%"}, {Rate{2, 3}, 667, "66.7%"},
		{Rate{1, 2000}, 1, "0.1%"}, {Rate{1, 2001}, 0, "0.0%"}, {Rate{5, 5}, 1000, "100.0%"}, {Rate{0, 0}, -1, "—"},
	}
	for _, tt := range tests {
		if tt.r.PerMille() != tt.pm || tt.r.Percent() != tt.text {
			t.Errorf("%v: %d %s, want %d %s", tt.r, tt.r.PerMille(), tt.r.Percent(), tt.pm, tt.text)
		}
	}
}

func TestStatPeriods(t *testing.T) {
	p, err := ParseStatPeriod("2026-Q4")
	if err != nil || p.Start != "2026-10-01" || p.End != "2026-12-31" || p.Label != "2026年第四季度" {
		t.Fatalf("%+v %v", p, err)
	}
	if p.Next().Key != "2027-Q1" || p.Prev().Key != "2026-Q3" {
		t.Errorf("next %s prev %s", p.Next().Key, p.Prev().Key)
	}
	y, _ := ParseStatPeriod("2026")
	if y.Prev().Key != "2025" || y.End != "2026-12-31" || y.Label != "2026年" {
		t.Errorf("%+v", y)
	}
	if q := QuarterOf(sh("2026-04-01 07:00"), fixtureLoc()); q.Key != "2026-Q2" {
		t.Errorf("quarter of 1 Apr 07:00 Shanghai: %s", q.Key)
	}
}
