package compliance

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/plan"
)

// Period is a span of calendar days in the school's time zone; Start and
// End are inclusive dates 'YYYY-MM-DD'.
type Period struct {
	Key, Label, Start, End string
	Kind                   string // month | quarter | half_year | year | week | day | n_days
}

var yearRe = regexp.MustCompile(`^\d{4}$`)

// ParsePeriod reads a period key: a month 2026-03, a quarter 2026-Q1, a
// half-year 2026-H1 or a year 2026 (and the week and day keys of the plan
// package). The rules' own periods (quarters, half-years) are not years,
// which is why plan.ParsePeriod refuses a bare year and this does not.
func ParsePeriod(key string) (Period, error) {
	if yearRe.MatchString(key) {
		y, _ := strconv.Atoi(key)
		if y < 1900 || y > 2999 {
			return Period{}, badPeriod(key)
		}
		return Period{Key: key, Label: fmt.Sprintf("%d年", y), Start: key + "-01-01", End: key + "-12-31", Kind: "year"}, nil
	}
	p, err := plan.ParsePeriod(key)
	if err != nil {
		return Period{}, badPeriod(key)
	}
	return Period{Key: p.Key, Label: p.Label, Start: p.Start, End: p.End, Kind: string(p.Kind)}, nil
}

func badPeriod(key string) error {
	return apperr.Invalidf("compliance.period", "周期“%s”无效，应为 2026（年）、2026-H1（半年）、2026-Q1（季度）或 2026-03（月）这样的格式。", key)
}

// CurrentQuarter is the quarter containing now in loc: the scorecard's
// period when none is chosen.
func CurrentQuarter(now time.Time, loc *time.Location) string {
	return plan.PeriodOf(plan.Quarter, now, loc).Key
}

// ChoiceGroup is one group of the period selector: years, half-years,
// quarters or months.
type ChoiceGroup struct {
	Label   string
	Periods []Period
}

// Choices lists the periods the selector offers, newest first: the years
// (this one and the two before), their half-years and quarters, and the
// months of this year and the last — only periods that have begun by
// today, plus the chosen one wherever it falls.
func Choices(today string, chosen Period) []ChoiceGroup {
	y, _ := strconv.Atoi(today[:4])
	groups := []ChoiceGroup{{Label: "年"}, {Label: "半年"}, {Label: "季度"}, {Label: "月"}}
	add := func(g int, key string) {
		if p, err := ParsePeriod(key); err == nil && (p.Start <= today || p.Key == chosen.Key) {
			groups[g].Periods = append(groups[g].Periods, p)
		}
	}
	for yy := y; yy > y-3; yy-- {
		add(0, fmt.Sprint(yy))
		for h := 2; h >= 1; h-- {
			add(1, fmt.Sprintf("%d-H%d", yy, h))
		}
		for q := 4; q >= 1; q-- {
			add(2, fmt.Sprintf("%d-Q%d", yy, q))
		}
		if yy > y-2 {
			for m := 12; m >= 1; m-- {
				add(3, fmt.Sprintf("%d-%02d", yy, m))
			}
		}
	}
	for i, g := range groups {
		found := false
		for _, p := range g.Periods {
			found = found || p.Key == chosen.Key
		}
		if !found && kindGroup(chosen.Kind) == i {
			groups[i].Periods = append([]Period{chosen}, g.Periods...)
		}
	}
	return groups
}

// kindGroup is the selector group of a period kind (-1: none).
func kindGroup(kind string) int {
	switch kind {
	case "year":
		return 0
	case "half_year":
		return 1
	case "quarter":
		return 2
	case "month":
		return 3
	}
	return -1
}

// months is how many calendar months p spans, counting partial months
// as the share of their days (a week is about a quarter of a month).
func (p Period) months() float64 {
	s, _ := time.Parse(time.DateOnly, p.Start)
	e, _ := time.Parse(time.DateOnly, p.End)
	if s.Day() == 1 && e.AddDate(0, 0, 1).Day() == 1 {
		return float64((e.Year()-s.Year())*12 + int(e.Month()) - int(s.Month()) + 1)
	}
	return (e.Sub(s).Hours()/24 + 1) / 30.44
}

// cutoff is the last day of p that has begun: the period's end, or today
// while the period runs.
func (p Period) cutoff(today string) string {
	if today < p.End {
		return today
	}
	return p.End
}

// Contains reports whether the date 'YYYY-MM-DD' falls in p.
func (p Period) Contains(date string) bool { return p.Start <= date && date <= p.End }
