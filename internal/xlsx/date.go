package xlsx

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

var dateRe = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$`)

// ParseDate reads a calendar date as people type it in a spreadsheet —
// 2020-01-05, 2020/1/5, 2020.1.5, 2020年1月5日 — or as an .xlsx stores a
// date cell (a serial day number, read raw by ReadRows), and returns it as
// YYYY-MM-DD. ok is false for anything else.
func ParseDate(s string) (date string, ok bool) {
	s = strings.TrimSpace(s)
	if m := dateRe.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		if t.Year() != y || int(t.Month()) != mo || t.Day() != d {
			return "", false // 2020-02-30 and the like
		}
		return t.Format("2006-01-02"), true
	}
	// Excel serial: days since 1899-12-30 (the 1900 leap-year bug is
	// already folded into that epoch for every date after 1900-03-01).
	// Accept whole days from 1920-01-01 to 2199-12-31 only, so that a bare
	// year such as 2020 is refused instead of read as a day in 1905.
	if n, err := strconv.ParseFloat(s, 64); err == nil && n == float64(int64(n)) && n >= 7306 && n <= 109574 {
		t := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(n))
		return t.Format("2006-01-02"), true
	}
	return "", false
}
