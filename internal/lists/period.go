package lists

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"safecampus/internal/apperr"
)

// StatPeriod is a statistics period of the ministry rule: a quarter
// (2026-Q1) or a year (2026), as calendar days of the school's zone.
type StatPeriod struct {
	Key        string // 2026-Q1 or 2026
	Label      string // 2026年第一季度 or 2026年
	Start, End string // first and last day, YYYY-MM-DD
	Quarter    int    // 1–4; 0 for a year
	Year       int
}

var statKeyRe = regexp.MustCompile(`^(\d{4})(?:-Q([1-4]))?$`)

var cnQuarter = [5]string{"", "一", "二", "三", "四"}

// ParseStatPeriod reads 2026-Q1 or 2026.
func ParseStatPeriod(key string) (StatPeriod, error) {
	g := statKeyRe.FindStringSubmatch(key)
	if g == nil {
		return StatPeriod{}, apperr.Invalidf("statistics.period", "统计期间“%s”无效，应为 2026-Q1 这样的季度或 2026 这样的年度。", key)
	}
	y, _ := strconv.Atoi(g[1])
	if y < 1900 || y > 2999 {
		return StatPeriod{}, apperr.Invalidf("statistics.period", "统计期间“%s”无效，应为 2026-Q1 这样的季度或 2026 这样的年度。", key)
	}
	if g[2] == "" {
		return StatPeriod{Key: g[1], Label: fmt.Sprintf("%d年", y), Start: fmt.Sprintf("%04d-01-01", y), End: fmt.Sprintf("%04d-12-31", y), Year: y}, nil
	}
	q, _ := strconv.Atoi(g[2])
	start := time.Date(y, time.Month(3*q-2), 1, 0, 0, 0, 0, time.UTC)
	return StatPeriod{Key: key, Label: fmt.Sprintf("%d年第%s季度", y, cnQuarter[q]), Start: start.Format(time.DateOnly),
		End: start.AddDate(0, 3, -1).Format(time.DateOnly), Quarter: q, Year: y}, nil
}

// QuarterOf is the quarter containing instant t in loc.
func QuarterOf(t time.Time, loc *time.Location) StatPeriod {
	local := t.In(loc)
	p, _ := ParseStatPeriod(fmt.Sprintf("%04d-Q%d", local.Year(), (int(local.Month())-1)/3+1))
	return p
}

// Prev and Next are the periods of the same kind before and after p.
func (p StatPeriod) Prev() StatPeriod { return p.shift(-1) }
func (p StatPeriod) Next() StatPeriod { return p.shift(1) }

func (p StatPeriod) shift(dir int) StatPeriod {
	if p.Quarter == 0 {
		n, _ := ParseStatPeriod(strconv.Itoa(p.Year + dir))
		return n
	}
	i := p.Year*4 + p.Quarter - 1 + dir
	n, _ := ParseStatPeriod(fmt.Sprintf("%04d-Q%d", i/4, i%4+1))
	return n
}

// bounds are the period's first instant and the first instant after it,
// in Unix milliseconds, in loc.
func (p StatPeriod) bounds(loc *time.Location) (start, end int64) {
	s, _ := time.ParseInLocation(time.DateOnly, p.Start, loc)
	e, _ := time.ParseInLocation(time.DateOnly, p.End, loc)
	return s.UnixMilli(), e.AddDate(0, 0, 1).UnixMilli()
}
