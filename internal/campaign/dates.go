package campaign

import (
	"database/sql"
	"errors"
	"fmt"
	"time"
)

const dateLayout = time.DateOnly

// parseDate parses 'YYYY-MM-DD'; ok is false for anything else.
func parseDate(s string) (time.Time, bool) {
	t, err := time.Parse(dateLayout, s)
	return t, err == nil && t.Format(dateLayout) == s
}

// CNDate writes 'YYYY-MM-DD' as Chinese readers read it: 2020年1月1日.
// Anything that is not a date is returned unchanged.
func CNDate(s string) string {
	t, ok := parseDate(s)
	if !ok {
		return s
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// cnRange is "2020年1月1日至2020年9月30日".
func cnRange(from, to string) string { return CNDate(from) + "至" + CNDate(to) }

// daysBetween is the number of days from a to b (negative when b is
// earlier). Both must be valid dates.
func daysBetween(a, b string) int {
	ta, _ := parseDate(a)
	tb, _ := parseDate(b)
	return int(tb.Sub(ta).Hours() / 24)
}

// Today is the calendar day of now in loc, 'YYYY-MM-DD'.
func Today(now time.Time, loc *time.Location) string { return now.In(loc).Format(dateLayout) }

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// Period is the campaign's dates as Chinese readers read them.
func (c Campaign) Period() string { return cnRange(c.StartsOn, c.EndsOn) }

// Period is the phase's dates as Chinese readers read them.
func (p Phase) Period() string { return cnRange(p.StartsOn, p.EndsOn) }

// Due is the milestone's due date (with its start, when set) in Chinese.
func (m Milestone) Due() string {
	if m.StartsOn != "" {
		return cnRange(m.StartsOn, m.DueOn)
	}
	return CNDate(m.DueOn) + "前"
}

// ReportDue is the report due date in Chinese ("" when none).
func (c Campaign) ReportDue() string {
	if c.ReportDueOn == "" {
		return ""
	}
	return CNDate(c.ReportDueOn)
}
