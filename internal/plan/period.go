package plan

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"safecampus/internal/apperr"
)

// PeriodKind is the length of a period of obligation.
type PeriodKind string

const (
	Day      PeriodKind = "day"       // 2026-03-02
	Week     PeriodKind = "week"      // ISO week 2026-W10
	Month    PeriodKind = "month"     // 2026-03
	Quarter  PeriodKind = "quarter"   // 2026-Q1
	HalfYear PeriodKind = "half_year" // 2026-H1
	NDays    PeriodKind = "n_days"    // 2026-03-02/P7D: every N days from an anchor
)

// Period is a span of calendar days in a school's time zone. Start and End
// are inclusive dates 'YYYY-MM-DD', so comparing them as strings orders them.
type Period struct {
	Kind  PeriodKind
	Key   string
	Start string
	End   string
	Label string
}

const dateLayout = "2006-01-02"

// civil is a calendar date carried as midnight UTC, so adding days never
// meets a daylight-saving jump.
func civil(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// Today is the calendar date of t in loc.
func Today(t time.Time, loc *time.Location) string { return t.In(loc).Format(dateLayout) }

// PeriodOf returns the period of kind containing instant t in loc. NDays
// periods need an anchor: use EveryNDays.
func PeriodOf(kind PeriodKind, t time.Time, loc *time.Location) Period {
	y, m, d := t.In(loc).Date()
	return periodAt(kind, civil(y, m, d))
}

// periodAt returns the calendar period of kind containing date day.
func periodAt(kind PeriodKind, day time.Time) Period {
	y, m, _ := day.Date()
	switch kind {
	case Week:
		wy, w := day.ISOWeek()
		start := day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
		return span(Week, fmt.Sprintf("%04d-W%02d", wy, w), start, start.AddDate(0, 0, 6), fmt.Sprintf("%d年第%d周", wy, w))
	case Month:
		start := civil(y, m, 1)
		return span(Month, start.Format("2006-01"), start, start.AddDate(0, 1, -1), fmt.Sprintf("%d年%d月", y, m))
	case Quarter:
		q := (int(m)-1)/3 + 1
		start := civil(y, time.Month(3*q-2), 1)
		return span(Quarter, fmt.Sprintf("%04d-Q%d", y, q), start, start.AddDate(0, 3, -1), fmt.Sprintf("%d年第%s季度", y, cnDigit[q]))
	case HalfYear:
		h := (int(m)-1)/6 + 1
		start := civil(y, time.Month(6*h-5), 1)
		return span(HalfYear, fmt.Sprintf("%04d-H%d", y, h), start, start.AddDate(0, 6, -1), fmt.Sprintf("%d年%s半年", y, [3]string{"", "上", "下"}[h]))
	}
	return span(Day, day.Format(dateLayout), day, day, cnDate(day))
}

var cnDigit = [5]string{"", "一", "二", "三", "四"}

func span(k PeriodKind, key string, start, end time.Time, label string) Period {
	return Period{Kind: k, Key: key, Start: start.Format(dateLayout), End: end.Format(dateLayout), Label: label}
}

func cnDate(t time.Time) string { return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day()) }

// EveryNDays returns the n-day window containing instant t, windows being
// laid end to end from the anchor date (the plan's start date) in both
// directions. n < 1 is treated as 1.
func EveryNDays(anchor string, n int, t time.Time, loc *time.Location) (Period, error) {
	a, err := time.Parse(dateLayout, anchor)
	if err != nil {
		return Period{}, fmt.Errorf("anchor date %q: %w", anchor, err)
	}
	y, m, d := t.In(loc).Date()
	days := int(civil(y, m, d).Sub(a).Hours() / 24)
	if n < 1 {
		n = 1
	}
	k := days / n
	if days < 0 && days%n != 0 {
		k-- // floor, not truncation, before the anchor
	}
	return nDays(a.AddDate(0, 0, k*n), n), nil
}

func nDays(start time.Time, n int) Period {
	end := start.AddDate(0, 0, n-1)
	label := cnDate(start) + "至" + fmt.Sprintf("%d月%d日", end.Month(), end.Day())
	if end.Year() != start.Year() {
		label = cnDate(start) + "至" + cnDate(end)
	}
	return span(NDays, fmt.Sprintf("%s/P%dD", start.Format(dateLayout), n), start, end, label)
}

var keyRe = regexp.MustCompile(`^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:/P(\d{1,4})D)?)?|-W(\d{2})|-Q([1-4])|-H([12]))$`)

// ParsePeriod reads a period key as made by PeriodOf or EveryNDays.
func ParsePeriod(key string) (Period, error) {
	bad := apperr.Invalidf("period.invalid", "周期“%s”无效，应为 2026-03、2026-Q1、2026-H1、2026-W10 或 2026-03-02 这样的格式。", key)
	g := keyRe.FindStringSubmatch(key)
	if g == nil {
		return Period{}, bad
	}
	y, _ := strconv.Atoi(g[1])
	if y < 1900 || y > 2999 {
		return Period{}, bad
	}
	switch {
	case g[5] != "":
		w, _ := strconv.Atoi(g[5])
		jan4 := civil(y, 1, 4)
		monday := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(w-1))
		p := periodAt(Week, monday)
		if p.Key != key {
			return Period{}, bad // week 53 of a year that has 52
		}
		return p, nil
	case g[6] != "":
		q, _ := strconv.Atoi(g[6])
		return periodAt(Quarter, civil(y, time.Month(3*q-2), 1)), nil
	case g[7] != "":
		return periodAt(HalfYear, civil(y, time.Month(6*(int(g[7][0]-'0'))-5), 1)), nil
	case g[2] == "":
		return Period{}, bad // a bare year is not a period here
	}
	m, _ := strconv.Atoi(g[2])
	if m < 1 || m > 12 {
		return Period{}, bad
	}
	if g[3] == "" {
		return periodAt(Month, civil(y, time.Month(m), 1)), nil
	}
	day, err := time.Parse(dateLayout, key[:10])
	if err != nil {
		return Period{}, bad
	}
	if g[4] == "" {
		return periodAt(Day, day), nil
	}
	n, _ := strconv.Atoi(g[4])
	if n < 1 {
		return Period{}, bad
	}
	return nDays(day, n), nil
}

// Prev is the period just before p, of the same kind and length.
func (p Period) Prev() Period { return p.shift(-1) }

// Next is the period just after p.
func (p Period) Next() Period { return p.shift(1) }

func (p Period) shift(dir int) Period {
	start, _ := time.Parse(dateLayout, p.Start)
	end, _ := time.Parse(dateLayout, p.End)
	if p.Kind == NDays {
		n := int(end.Sub(start).Hours()/24) + 1
		return nDays(start.AddDate(0, 0, dir*n), n)
	}
	if dir < 0 {
		return periodAt(p.Kind, start.AddDate(0, 0, -1))
	}
	return periodAt(p.Kind, end.AddDate(0, 0, 1))
}

// Contains reports whether the date 'YYYY-MM-DD' falls in p.
func (p Period) Contains(date string) bool { return p.Start <= date && date <= p.End }

// Overlaps reports whether p and o share at least one day.
func (p Period) Overlaps(o Period) bool { return p.Start <= o.End && o.Start <= p.End }

// DueLabel is the deadline as users read it, e.g. 3月31日 (with the year
// when it is not the year of the period's start).
func (p Period) DueLabel() string {
	end, _ := time.Parse(dateLayout, p.End)
	if p.Start[:4] != p.End[:4] {
		return cnDate(end)
	}
	return fmt.Sprintf("%d月%d日", end.Month(), end.Day())
}
