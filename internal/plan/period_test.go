package plan

import (
	"testing"
	"time"
)

var shanghai = func() *time.Location {
	l, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		return time.FixedZone("CST", 8*3600)
	}
	return l
}()

func TestPeriodOf(t *testing.T) {
	// 2026-03-31 16:30 UTC is already 2026-04-01 00:30 in Shanghai: the
	// school's calendar decides, not UTC.
	edge := time.Date(2026, 3, 31, 16, 30, 0, 0, time.UTC)
	mid := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	newYear := time.Date(2026, 12, 31, 17, 0, 0, 0, time.UTC) // 2027-01-01 01:00 CST
	tests := []struct {
		kind                   PeriodKind
		at                     time.Time
		key, start, end, label string
	}{
		{Day, mid, "2026-03-02", "2026-03-02", "2026-03-02", "2026年3月2日"},
		{Week, mid, "2026-W10", "2026-03-02", "2026-03-08", "2026年第10周"},
		{Month, mid, "2026-03", "2026-03-01", "2026-03-31", "2026年3月"},
		{Quarter, mid, "2026-Q1", "2026-01-01", "2026-03-31", "2026年第一季度"},
		{HalfYear, mid, "2026-H1", "2026-01-01", "2026-06-30", "2026年上半年"},
		{Month, edge, "2026-04", "2026-04-01", "2026-04-30", "2026年4月"},
		{Quarter, edge, "2026-Q2", "2026-04-01", "2026-06-30", "2026年第二季度"},
		{HalfYear, time.Date(2026, 7, 1, 0, 0, 0, 0, shanghai), "2026-H2", "2026-07-01", "2026-12-31", "2026年下半年"},
		{Quarter, time.Date(2026, 11, 5, 0, 0, 0, 0, shanghai), "2026-Q4", "2026-10-01", "2026-12-31", "2026年第四季度"},
		{Month, time.Date(2028, 2, 10, 0, 0, 0, 0, shanghai), "2028-02", "2028-02-01", "2028-02-29", "2028年2月"},
		{Day, newYear, "2027-01-01", "2027-01-01", "2027-01-01", "2027年1月1日"},
		// ISO week 1 of 2027 starts on Monday 2027-01-04; 2027-01-01 is in 2026-W53.
		{Week, newYear, "2026-W53", "2026-12-28", "2027-01-03", "2026年第53周"},
	}
	for _, tt := range tests {
		p := PeriodOf(tt.kind, tt.at, shanghai)
		if p.Key != tt.key || p.Start != tt.start || p.End != tt.end || p.Label != tt.label || p.Kind != tt.kind {
			t.Errorf("PeriodOf(%s, %s) = %+v, want %s %s..%s %s", tt.kind, tt.at, p, tt.key, tt.start, tt.end, tt.label)
		}
		back, err := ParsePeriod(p.Key)
		if err != nil || back != p {
			t.Errorf("ParsePeriod(%q) = %+v, %v; want %+v", p.Key, back, err, p)
		}
	}
}

func TestParsePeriodRejects(t *testing.T) {
	for _, key := range []string{"", "2026", "2026-13", "2026-00", "2026-Q5", "2026-H3", "2026-02-30", "2026-W54", "2026-W00",
		"2027-W53", "2026-03-02/P0D", "26-03", "2026-3", "2026-03-02/7", "2026-Q1 ", "x2026-Q1"} {
		if p, err := ParsePeriod(key); err == nil {
			t.Errorf("ParsePeriod(%q) = %+v, want an error", key, p)
		}
	}
}

func TestEveryNDays(t *testing.T) {
	tests := []struct {
		anchor          string
		n               int
		at              time.Time
		key, start, end string
		label           string
	}{
		{"2026-03-02", 7, time.Date(2026, 3, 2, 0, 0, 0, 0, shanghai), "2026-03-02/P7D", "2026-03-02", "2026-03-08", "2026年3月2日至3月8日"},
		{"2026-03-02", 7, time.Date(2026, 3, 8, 23, 59, 0, 0, shanghai), "2026-03-02/P7D", "2026-03-02", "2026-03-08", "2026年3月2日至3月8日"},
		{"2026-03-02", 7, time.Date(2026, 3, 9, 0, 0, 0, 0, shanghai), "2026-03-09/P7D", "2026-03-09", "2026-03-15", "2026年3月9日至3月15日"},
		{"2026-03-02", 3, time.Date(2026, 3, 1, 12, 0, 0, 0, shanghai), "2026-02-27/P3D", "2026-02-27", "2026-03-01", "2026年2月27日至3月1日"},
		{"2026-03-02", 3, time.Date(2026, 2, 26, 12, 0, 0, 0, shanghai), "2026-02-24/P3D", "2026-02-24", "2026-02-26", "2026年2月24日至2月26日"},
		{"2026-12-30", 5, time.Date(2027, 1, 2, 0, 0, 0, 0, shanghai), "2026-12-30/P5D", "2026-12-30", "2027-01-03", "2026年12月30日至2027年1月3日"},
		{"2026-03-02", 1, time.Date(2026, 3, 5, 0, 0, 0, 0, shanghai), "2026-03-05/P1D", "2026-03-05", "2026-03-05", "2026年3月5日至3月5日"},
	}
	for _, tt := range tests {
		p, err := EveryNDays(tt.anchor, tt.n, tt.at, shanghai)
		if err != nil {
			t.Fatal(err)
		}
		if p.Key != tt.key || p.Start != tt.start || p.End != tt.end || p.Label != tt.label {
			t.Errorf("EveryNDays(%s, %d, %s) = %+v, want %s %s..%s %s", tt.anchor, tt.n, tt.at, p, tt.key, tt.start, tt.end, tt.label)
		}
		if back, err := ParsePeriod(p.Key); err != nil || back != p {
			t.Errorf("ParsePeriod(%q) = %+v, %v", p.Key, back, err)
		}
	}
	if _, err := EveryNDays("2026-02-30", 7, time.Now(), shanghai); err == nil {
		t.Error("EveryNDays accepted an impossible anchor")
	}
}

func TestPrevNext(t *testing.T) {
	tests := []struct{ key, prev, next string }{
		{"2026-01", "2025-12", "2026-02"},
		{"2026-Q1", "2025-Q4", "2026-Q2"},
		{"2026-H1", "2025-H2", "2026-H2"},
		{"2026-03-01", "2026-02-28", "2026-03-02"},
		{"2026-W01", "2025-W52", "2026-W02"},
		{"2026-W53", "2026-W52", "2027-W01"},
		{"2026-03-02/P7D", "2026-02-23/P7D", "2026-03-09/P7D"},
	}
	for _, tt := range tests {
		p, err := ParsePeriod(tt.key)
		if err != nil {
			t.Fatalf("ParsePeriod(%q): %v", tt.key, err)
		}
		if got := p.Prev().Key; got != tt.prev {
			t.Errorf("%s.Prev() = %s, want %s", tt.key, got, tt.prev)
		}
		if got := p.Next().Key; got != tt.next {
			t.Errorf("%s.Next() = %s, want %s", tt.key, got, tt.next)
		}
	}
}

func TestPeriodRelations(t *testing.T) {
	q1, _ := ParsePeriod("2026-Q1")
	tests := []struct {
		key      string
		overlaps bool
	}{
		{"2026-01", true}, {"2026-03", true}, {"2026-04", false}, {"2025-12", false},
		{"2026-H1", true}, {"2025-H2", false}, {"2026-W01", true}, {"2026-03-31", true}, {"2026-04-01", false},
	}
	for _, tt := range tests {
		p, _ := ParsePeriod(tt.key)
		if got := q1.Overlaps(p); got != tt.overlaps {
			t.Errorf("2026-Q1 overlaps %s = %v, want %v", tt.key, got, tt.overlaps)
		}
	}
	if !q1.Contains("2026-02-28") || q1.Contains("2026-04-01") {
		t.Error("Contains is wrong at the quarter's edges")
	}
	if got := q1.DueLabel(); got != "3月31日" {
		t.Errorf("DueLabel = %q", got)
	}
	if got := Today(time.Date(2026, 3, 31, 16, 30, 0, 0, time.UTC), shanghai); got != "2026-04-01" {
		t.Errorf("Today = %q", got)
	}
}
