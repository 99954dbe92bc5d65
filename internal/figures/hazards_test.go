package figures

import (
	"reflect"
	"testing"
)

func count(t *testing.T, cs []Count, key string) Count {
	t.Helper()
	for _, c := range cs {
		if c.Key == key {
			c.Label, c.Link = "", ""
			return c
		}
	}
	t.Fatalf("no count %q in %+v", key, cs)
	return Count{}
}

func mustSpan(t *testing.T, key string) Span {
	t.Helper()
	sp, err := SpanOf(key)
	if err != nil {
		t.Fatal(err)
	}
	return sp
}

// TestHazardFiguresPastQuarter works Q1 2026 out from the fixture's table
// (fixture_test.go), seen on 10 April: the cut-off is the quarter's end.
func TestHazardFiguresPastQuarter(t *testing.T) {
	dialects(t, func(t *testing.T, f *fixture) {
		h, err := HazardFigures(f.ctx, f.db.Read(), f.school, mustSpan(t, "2026-Q1"), fixtureNow)
		if err != nil {
			t.Fatal(err)
		}
		// Found: h1 (06:00 on 1 Jan, 2025 in UTC), h3 (23:59 on 31 Mar),
		// h5, h8 — not h2 (23:30 on 31 Dec), h4 (07:00 on 1 Apr), nor the
		// rejected h6, the unconfirmed h7 or the other school's h10.
		// Closed by the end: h1, h8 (h5 closed in April) → 2/4 = 500‰.
		// Backlog at the end: h2, h3, h5 (closed after it); overdue: h2
		// (due 03-01), h5 (03-15) — not h3, due on the last day. Majors
		// open: h2, h5, both listed at the end. Rectified in Q1: h1, h8, h9.
		want := [...]int{h.Found, h.Closed, h.Open, h.Overdue, h.MajorFound, h.MajorOpen, h.MajorListed, h.Rejected, h.Pending, h.Rectified, h.RatePermille}
		if want != [...]int{4, 2, 2, 2, 1, 2, 2, 1, 1, 3, 500} {
			t.Errorf("found closed open overdue majorFound majorOpen listed rejected pending rectified rate = %v", want)
		}
		if h.RatePercent() != "50.0%" {
			t.Errorf("rate %s", h.RatePercent())
		}
		for _, c := range []struct {
			name string
			got  Count
			want Count
		}{
			{"FIRE", count(t, h.ByArea, "FIRE"), Count{Key: "FIRE", Total: 2, Open: 1, Closed: 1, Overdue: 1, Major: 1}},
			{"LAB", count(t, h.ByArea, "LAB"), Count{Key: "LAB", Overdue: 1}},
			{"LOG", count(t, h.ByArea, "LOG"), Count{Key: "LOG", Total: 1, Open: 1}},
			{"GEN", count(t, h.ByArea, "GEN"), Count{Key: "GEN", Total: 1, Closed: 1}},
			{"SEC", count(t, h.ByArea, "SEC"), Count{Key: "SEC"}},
			{"general", count(t, h.ByLevel, "general"), Count{Key: "general", Total: 3, Open: 1, Closed: 2}},
			{"major", count(t, h.ByLevel, "major"), Count{Key: "major", Total: 1, Open: 1, Overdue: 2, Major: 1}},
			{"closed", count(t, h.ByStatus, "closed"), Count{Key: "closed", Total: 3}},
			{"assigned", count(t, h.ByStatus, "assigned"), Count{Key: "assigned", Total: 1, Open: 1}},
			{"rejected", count(t, h.ByStatus, "rejected"), Count{Key: "rejected", Total: 1}},
			{"reported", count(t, h.ByStatus, "reported"), Count{Key: "reported", Total: 1}},
		} {
			if c.got != c.want {
				t.Errorf("%s: got %+v, want %+v", c.name, c.got, c.want)
			}
		}
		if len(h.ByArea) != 9 || h.ByArea[8].Label != "其他" || h.ByArea[1].Link != "/hazards?area=FIRE" {
			t.Errorf("areas: %+v", h.ByArea)
		}
		// Units by found: 后勤处 (h1 h3 h5), then 教务处 (h8; h2 overdue).
		if len(h.ByUnit) != 2 || h.ByUnit[0].Label != "后勤处" || h.ByUnit[1].Label != "教务处" {
			t.Fatalf("units: %+v", h.ByUnit)
		}
		if u := h.ByUnit[0]; u.Total != 3 || u.Closed != 1 || u.Open != 2 || u.Overdue != 1 || u.Major != 1 {
			t.Errorf("后勤处 %+v", u)
		}
		if u := h.ByUnit[1]; u.Total != 1 || u.Closed != 1 || u.Overdue != 1 || u.Link != "/hazards?unit="+itoa(f.u2) {
			t.Errorf("教务处 %+v", u)
		}
		// Open majors, overdue first by deadline: h2 (03-01), h5 (03-15).
		if len(h.OpenMajor) != 2 {
			t.Fatalf("open majors %+v", h.OpenMajor)
		}
		h2, h5 := h.OpenMajor[0], h.OpenMajor[1]
		if h2.ID != f.h["h2"] || !h2.Overdue || !h2.Listed || !h2.HasPlan || h2.Status != "整改中" || h2.UnitName != "教务处" || h2.Deadline != "2026-03-01" {
			t.Errorf("h2 row %+v", h2)
		}
		if h5.ID != f.h["h5"] || !h5.Overdue || !h5.Listed || h5.HasPlan {
			t.Errorf("h5 row %+v", h5)
		}
	})
}

// TestHazardWeeklyTrend: Q1 2026 starts on a Thursday, so the first week
// is Monday 2025-12-29; the last is Monday 03-30 (31 Mar is a Tuesday).
func TestHazardWeeklyTrend(t *testing.T) {
	dialects(t, func(t *testing.T, f *fixture) {
		h, err := HazardFigures(f.ctx, f.db.Read(), f.school, mustSpan(t, "2026-Q1"), fixtureNow)
		if err != nil {
			t.Fatal(err)
		}
		if len(h.Weekly) != 14 || h.Weekly[0].Start != "2025-12-29" || h.Weekly[13].Start != "2026-03-30" {
			t.Fatalf("weeks %+v", h.Weekly)
		}
		want := map[string]Week{
			"2025-12-29": {Found: 1},  // h1 found 1 Jan
			"2026-01-19": {Closed: 1}, // h1 closed 20 Jan
			"2026-02-02": {Closed: 1}, // h9 closed 2 Feb
			"2026-02-09": {Found: 1},  // h5
			"2026-03-09": {Found: 1, Closed: 1},
			"2026-03-30": {Found: 1}, // h3 at 23:59 on 31 Mar
		}
		for _, w := range h.Weekly {
			exp := want[w.Start]
			exp.Start = w.Start
			if w != exp {
				t.Errorf("week %s: got %+v want %+v", w.Start, w, exp)
			}
		}
	})
}

// TestHazardFiguresCurrentQuarter: in Q2 on 10 April the cut-off is now,
// and overdue is measured against today.
func TestHazardFiguresCurrentQuarter(t *testing.T) {
	dialects(t, func(t *testing.T, f *fixture) {
		h, err := HazardFigures(f.ctx, f.db.Read(), f.school, mustSpan(t, "2026-Q2"), fixtureNow)
		if err != nil {
			t.Fatal(err)
		}
		// Found: h4. Backlog now: h2, h3, h4; overdue h2, h3 (due 03-31
		// before today); major open and listed: h2. Rectified: h5 (04-05).
		got := [...]int{h.Found, h.Closed, h.Open, h.Overdue, h.MajorOpen, h.MajorListed, h.Rectified, h.RatePermille}
		if got != [...]int{1, 0, 1, 2, 1, 1, 1, 0} {
			t.Errorf("found closed open overdue majorOpen listed rectified rate = %v", got)
		}
		wantWeeks := []Week{{Start: "2026-03-30", Found: 1, Closed: 1}, {Start: "2026-04-06"}}
		if !reflect.DeepEqual(h.Weekly, wantWeeks) {
			t.Errorf("weeks %+v", h.Weekly)
		}
		if c := count(t, h.ByArea, "LOG"); c != (Count{Key: "LOG", Total: 1, Open: 1, Overdue: 1}) {
			t.Errorf("LOG %+v", c)
		}
	})
}

// TestHazardFiguresTimezoneEdges: h2 (23:30 on 31 Dec in Shanghai) is in
// 2025-Q4 and h1 (06:00 on 1 Jan, 22:00 on 31 Dec in UTC) is not; nothing
// found gives a rate of -1 ("—").
func TestHazardFiguresTimezoneEdges(t *testing.T) {
	dialects(t, func(t *testing.T, f *fixture) {
		h, err := HazardFigures(f.ctx, f.db.Read(), f.school, mustSpan(t, "2025-Q4"), fixtureNow)
		if err != nil {
			t.Fatal(err)
		}
		// Found h2, h9; neither closed by 1 Jan; overdue at the end: h9 (due 12-01).
		if h.Found != 2 || h.Closed != 0 || h.MajorFound != 1 || h.Overdue != 1 || h.RatePermille != 0 {
			t.Errorf("2025-Q4 %+v", h)
		}
		empty, err := HazardFigures(f.ctx, f.db.Read(), f.school, mustSpan(t, "2024-03"), fixtureNow)
		if err != nil {
			t.Fatal(err)
		}
		if empty.Found != 0 || empty.RatePermille != -1 || empty.RatePercent() != "—" || len(empty.Weekly) != 5 {
			t.Errorf("empty month %+v", empty)
		}
		if _, err := HazardFigures(f.ctx, f.db.Read(), 999999, mustSpan(t, "2026-Q1"), fixtureNow); err == nil {
			t.Error("unknown school: no error")
		}
	})
}
