package figures

import (
	"testing"
	"time"

	"safecampus/internal/apperr"
)

func TestSpanOf(t *testing.T) {
	for _, c := range []struct{ key, label, start, end, prev, next string }{
		{"2026-Q1", "2026年第一季度", "2026-01-01", "2026-03-31", "2025-Q4", "2026-Q2"},
		{"2026-H2", "2026年下半年", "2026-07-01", "2026-12-31", "2026-H1", "2027-H1"},
		{"2026-02", "2026年2月", "2026-02-01", "2026-02-28", "2026-01", "2026-03"},
		{"2026", "2026年", "2026-01-01", "2026-12-31", "2025", "2027"},
		{"2019-11-20..2020-12-31", "2019年11月20日至2020年12月31日", "2019-11-20", "2020-12-31", "2018-10-08..2019-11-19", "2021-01-01..2022-02-12"},
	} {
		sp, err := SpanOf(c.key)
		if err != nil {
			t.Fatalf("%s: %v", c.key, err)
		}
		if sp.Key != c.key || sp.Label != c.label || sp.Start != c.start || sp.End != c.end || sp.Prev().Key != c.prev || sp.Next().Key != c.next {
			t.Errorf("%s: %+v prev %s next %s", c.key, sp, sp.Prev().Key, sp.Next().Key)
		}
	}
	if sp, _ := SpanOf("2020-01-01~2020-01-31"); sp.Key != "2020-01-01..2020-01-31" || sp.Days() != 31 {
		t.Errorf("tilde range %+v", sp)
	}
	for _, bad := range []string{"", "2026-Q5", "2026-13", "26", "2026-03-31..2026-03-01", "2026-02-30..2026-03-01", "2000-01-01..2010-01-01", "DROP"} {
		if _, err := SpanOf(bad); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("%q: %v, want invalid", bad, err)
		}
	}
}

// TestQuarterOf: 23:30 on 31 March in Shanghai is Q1 there, 07:30 on 1
// April in Shanghai is Q2 although it is still 31 March in UTC.
func TestQuarterOf(t *testing.T) {
	if k := QuarterOf(sh("2026-03-31 23:30"), shanghai).Key; k != "2026-Q1" {
		t.Errorf("got %s", k)
	}
	at := sh("2026-04-01 07:30")
	if k := QuarterOf(at, shanghai).Key; k != "2026-Q2" || QuarterOf(at, time.UTC).Key != "2026-Q1" {
		t.Errorf("got %s", k)
	}
}
