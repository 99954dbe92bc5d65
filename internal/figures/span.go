package figures

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"safecampus/internal/apperr"
)

// Span is a run of calendar days in a school's time zone; Start and End
// are inclusive dates 'YYYY-MM-DD'.
type Span struct {
	Key, Label, Start, End string
}

var (
	spanKeyRe   = regexp.MustCompile(`^(\d{4})(?:-Q([1-4])|-H([12])|-(\d{2}))?$`)
	spanRangeRe = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})(?:\.\.|~|/)(\d{4}-\d{2}-\d{2})$`)
	cnNumber    = [5]string{"", "一", "二", "三", "四"}
)

// MaxSpanDays bounds a span: a campaign runs for months, five years of
// weekly trend is as far as a chart stays readable.
const MaxSpanDays = 5*366 + 1

func badSpan(key string) error {
	return apperr.Invalidf("figures.span", "统计期间“%s”无效，应为 2026-Q1（季度）、2026-03（月）、2026-H1（半年）、2026（年度）或 2019-11-20..2020-12-31（起止日期）。", key)
}

// SpanOf reads a quarter (2026-Q1), a half-year (2026-H1), a month
// (2026-03), a year (2026) or a range of dates (2019-11-20..2020-12-31,
// e.g. a campaign's dates; "~" or "/" also separate them).
func SpanOf(key string) (Span, error) {
	key = strings.TrimSpace(key)
	if g := spanRangeRe.FindStringSubmatch(key); g != nil {
		return SpanBetween(g[1], g[2])
	}
	g := spanKeyRe.FindStringSubmatch(key)
	if g == nil {
		return Span{}, badSpan(key)
	}
	y, _ := strconv.Atoi(g[1])
	if y < 1900 || y > 2999 {
		return Span{}, badSpan(key)
	}
	day := func(m int) time.Time { return time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC) }
	var start time.Time
	var months int
	var label string
	switch {
	case g[2] != "":
		q, _ := strconv.Atoi(g[2])
		start, months, label = day(3*q-2), 3, fmt.Sprintf("%d年第%s季度", y, cnNumber[q])
	case g[3] != "":
		h := int(g[3][0] - '0')
		start, months, label = day(6*h-5), 6, fmt.Sprintf("%d年%s半年", y, map[int]string{1: "上", 2: "下"}[h])
	case g[4] != "":
		m, _ := strconv.Atoi(g[4])
		if m < 1 || m > 12 {
			return Span{}, badSpan(key)
		}
		start, months, label = day(m), 1, fmt.Sprintf("%d年%d月", y, m)
	default:
		start, months, label = day(1), 12, fmt.Sprintf("%d年", y)
	}
	return Span{Key: key, Label: label, Start: start.Format(time.DateOnly), End: start.AddDate(0, months, -1).Format(time.DateOnly)}, nil
}

// SpanBetween is the span of the dates from start to end inclusive, e.g. a
// campaign's; its key is "start..end".
func SpanBetween(start, end string) (Span, error) {
	key := start + ".." + end
	s, err1 := time.Parse(time.DateOnly, start)
	e, err2 := time.Parse(time.DateOnly, end)
	if err1 != nil || err2 != nil {
		return Span{}, badSpan(key)
	}
	if e.Before(s) {
		return Span{}, apperr.Invalidf("figures.span", "统计期间的结束日期 %s 早于开始日期 %s。", end, start)
	}
	if e.Sub(s) > MaxSpanDays*24*time.Hour {
		return Span{}, apperr.Invalidf("figures.span", "统计期间最长五年。")
	}
	return Span{Key: key, Label: cnDate(s) + "至" + cnDate(e), Start: start, End: end}, nil
}

// QuarterOf is the quarter containing instant t in loc: the dashboards'
// default span.
func QuarterOf(t time.Time, loc *time.Location) Span {
	l := t.In(loc)
	sp, _ := SpanOf(fmt.Sprintf("%04d-Q%d", l.Year(), (int(l.Month())-1)/3+1))
	return sp
}

// Prev and Next are the spans of the same kind before and after sp; a
// range of dates moves by its own length.
func (sp Span) Prev() Span { return sp.shift(-1) }
func (sp Span) Next() Span { return sp.shift(1) }

func (sp Span) shift(dir int) Span {
	s, _ := time.Parse(time.DateOnly, sp.Start)
	e, _ := time.Parse(time.DateOnly, sp.End)
	g := spanKeyRe.FindStringSubmatch(sp.Key)
	if g == nil { // a range of dates
		n := int(e.Sub(s).Hours()/24) + 1
		out, _ := SpanBetween(s.AddDate(0, 0, dir*n).Format(time.DateOnly), e.AddDate(0, 0, dir*n).Format(time.DateOnly))
		return out
	}
	y, _ := strconv.Atoi(g[1])
	var key string
	switch {
	case g[2] != "":
		i := y*4 + int(g[2][0]-'1') + dir
		key = fmt.Sprintf("%04d-Q%d", i/4, i%4+1)
	case g[3] != "":
		i := y*2 + int(g[3][0]-'1') + dir
		key = fmt.Sprintf("%04d-H%d", i/2, i%2+1)
	case g[4] != "":
		key = s.AddDate(0, dir, 0).Format("2006-01")
	default:
		key = strconv.Itoa(y + dir)
	}
	out, _ := SpanOf(key)
	return out
}

// Days is the number of days in sp.
func (sp Span) Days() int {
	s, _ := time.Parse(time.DateOnly, sp.Start)
	e, _ := time.Parse(time.DateOnly, sp.End)
	return int(e.Sub(s).Hours()/24) + 1
}

// bounds are sp's first instant and the first instant after it in loc,
// in Unix milliseconds.
func (sp Span) bounds(loc *time.Location) (start, end int64) {
	s, _ := time.ParseInLocation(time.DateOnly, sp.Start, loc)
	e, _ := time.ParseInLocation(time.DateOnly, sp.End, loc)
	return s.UnixMilli(), e.AddDate(0, 0, 1).UnixMilli()
}

func cnDate(t time.Time) string { return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day()) }
