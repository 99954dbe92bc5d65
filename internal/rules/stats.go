package rules

import (
	"context"

	"safecampus/internal/sqldb"
)

// The read-only figures the compliance engine and the campaign report use
// (RUL-1, RUL-3, RUL-5, PLAN-3). Periods are inclusive date ranges
// 'YYYY-MM-DD' in the school's zone; nothing here checks permissions — the
// caller decides who sees the figures.

// RuleCounts are the register's figures for a period.
type RuleCounts struct {
	InForceAtEnd int `json:"in_force_at_end"` // versions in force on the period's last day
	Adopted      int `json:"adopted"`         // new rules (version 1) effective in the period
	Revised      int `json:"revised"`         // new versions of existing rules effective in the period
}

// CountRules counts the school's rules for the period from..to. A version
// is in force on a day from its effective date until the day its successor
// takes effect.
func CountRules(ctx context.Context, q sqldb.Querier, school int64, from, to string) (RuleCounts, error) {
	var c RuleCounts
	err := q.QueryRowContext(ctx, `SELECT
			COALESCE(SUM(CASE WHEN effective_on <= $3 AND (superseded_on = '' OR superseded_on > $3) THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN version = 1 AND effective_on BETWEEN $2 AND $3 THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN version > 1 AND effective_on BETWEEN $2 AND $3 THEN 1 ELSE 0 END), 0)
		FROM safety_rules WHERE school_id = $1`, school, from, to).Scan(&c.InForceAtEnd, &c.Adopted, &c.Revised)
	return c, err
}

// PolicyCounts are the policy items' figures.
type PolicyCounts struct {
	ByStatus        map[string]int `json:"by_status"`         // every item by its status now
	AdoptedInPeriod int            `json:"adopted_in_period"` // items that became a rule in the period
	Overdue         int            `json:"overdue"`           // open (proposed, drafting) past their due date on the period's last day
}

// CountPolicyItems counts the school's policy items; the period matters for
// AdoptedInPeriod and Overdue only.
func CountPolicyItems(ctx context.Context, q sqldb.Querier, school int64, from, to string) (PolicyCounts, error) {
	c := PolicyCounts{ByStatus: map[string]int{}}
	for _, s := range PolicyStatuses {
		c.ByStatus[s] = 0
	}
	rows, err := q.QueryContext(ctx, `SELECT status, COUNT(*) FROM policy_items WHERE school_id = $1 GROUP BY status`, school)
	if err != nil {
		return c, err
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return c, err
		}
		c.ByStatus[s] = n
	}
	if err := rows.Err(); err != nil {
		return c, err
	}
	err = q.QueryRowContext(ctx, `SELECT
			COALESCE(SUM(CASE WHEN status = 'adopted' AND status_on BETWEEN $2 AND $3 THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN status IN ('proposed', 'drafting') AND due_on <> '' AND due_on < $3 THEN 1 ELSE 0 END), 0)
		FROM policy_items WHERE school_id = $1`, school, from, to).Scan(&c.AdoptedInPeriod, &c.Overdue)
	return c, err
}

// HeldMeeting is a meeting held in a period, for RUL-3 and the report.
type HeldMeeting struct {
	ID           int64  `json:"id"`
	Kind         string `json:"kind"`
	Title        string `json:"title"`
	HeldOn       string `json:"held_on"`
	Attendees    int    `json:"attendees"`
	Decisions    int    `json:"decisions"`
	HasMinutes   bool   `json:"has_minutes"`
	HasSituation bool   `json:"has_situation"` // a situation analysis (形势分析) was recorded
}

// MeetingsHeld lists the meetings held from..to, oldest first, with their
// number of attendees and decisions.
func MeetingsHeld(ctx context.Context, q sqldb.Querier, school int64, from, to string) ([]HeldMeeting, error) {
	rows, err := q.QueryContext(ctx, `SELECT m.id, m.kind, m.title, m.held_on,
			(SELECT COUNT(*) FROM safety_meeting_attendees a WHERE a.meeting_id = m.id),
			(SELECT COUNT(*) FROM meeting_decisions d WHERE d.meeting_id = m.id),
			m.minutes <> '', m.situation <> ''
		FROM safety_meetings m WHERE m.school_id = $1 AND m.held_on <> '' AND m.held_on BETWEEN $2 AND $3 ORDER BY m.held_on, m.id`, school, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []HeldMeeting
	for rows.Next() {
		var h HeldMeeting
		if err := rows.Scan(&h.ID, &h.Kind, &h.Title, &h.HeldOn, &h.Attendees, &h.Decisions, &h.HasMinutes, &h.HasSituation); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// Figures is every figure of this package for one period.
type Figures struct {
	Rules            RuleCounts    `json:"rules"`
	Policies         PolicyCounts  `json:"policies"`
	Meetings         []HeldMeeting `json:"meetings_held"`
	MeetingDecisions int           `json:"meeting_decisions"` // decisions of the meetings held in the period
	MissingPostings  []Missing     `json:"missing_postings"`  // now, not as of the period's end
}

// Summarise gathers Figures for the period from..to.
func Summarise(ctx context.Context, q sqldb.Querier, school int64, from, to string) (Figures, error) {
	var f Figures
	var err error
	if f.Rules, err = CountRules(ctx, q, school, from, to); err != nil {
		return f, err
	}
	if f.Policies, err = CountPolicyItems(ctx, q, school, from, to); err != nil {
		return f, err
	}
	if f.Meetings, err = MeetingsHeld(ctx, q, school, from, to); err != nil {
		return f, err
	}
	for _, m := range f.Meetings {
		f.MeetingDecisions += m.Decisions
	}
	f.MissingPostings, err = MissingPostings(ctx, q, school)
	return f, err
}
