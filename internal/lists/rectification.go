package lists

import (
	"context"
	"fmt"

	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// Rectification is one row of the rectification list (整改清单): an open
// hazard with its measures, deadline, responsible person and status.
// DaysLeft counts calendar days from today to the deadline in the
// school's zone: 0 is "due today", negative is days overdue.
type Rectification struct {
	Problem
	HasDeadline bool
	DaysLeft    int
}

// DaysText is DaysLeft in Chinese: 剩余3天, 今天到期, 逾期2天, 未定期限.
func (r Rectification) DaysText() string {
	switch {
	case !r.HasDeadline:
		return "未定期限"
	case r.DaysLeft > 0:
		return fmt.Sprintf("剩余%d天", r.DaysLeft)
	case r.DaysLeft == 0:
		return "今天到期"
	}
	return fmt.Sprintf("逾期%d天", -r.DaysLeft)
}

// RectificationList is the rectification list: the open hazards
// (hazard.OpenStatuses), soonest deadline first, those without a deadline
// last. Filter fields: UnitID, PersonID (responsible), Area, Level, Status
// (RectStatuses), From/To (the deadline), Overdue.
func (s *Service) RectificationList(ctx context.Context, a *auth.Actor, school int64, f Filter) ([]Rectification, bool, error) {
	out, err := s.rectification(ctx, s.reader(false), a, school, f, PageLimit+1)
	if len(out) > PageLimit {
		return out[:PageLimit], true, err
	}
	return out, false, err
}

func (s *Service) rectification(ctx context.Context, q sqldb.Querier, a *auth.Actor, school int64, f Filter, limit int) ([]Rectification, error) {
	loc, err := schoolLocation(ctx, q, school)
	if err != nil {
		return nil, err
	}
	sc, err := resolveScope(ctx, q, a, school)
	if err != nil {
		return nil, err
	}
	sp, err := f.check(loc, RectStatuses, nil)
	if err != nil {
		return nil, err
	}
	units, err := unitFilter(ctx, q, school, f)
	if err != nil {
		return nil, err
	}
	day := today(s.Now(), loc)
	b := newBuilder(school)
	b.add("h.school_id = $1")
	if f.Status != "" {
		b.add("h.status = " + b.arg(f.Status))
	} else {
		b.add("h.status IN (" + openList(b) + ")")
	}
	// The dates of this list are deadlines, not the day found.
	deadlines := f
	deadlines.From, deadlines.To = "", ""
	hazardFilter(b, deadlines, span{}, units, day)
	if sp.fromD != "" {
		b.add("h.deadline >= " + b.arg(sp.fromD))
	}
	if sp.lastD != "" {
		b.add("h.deadline <> '' AND h.deadline <= " + b.arg(sp.lastD))
	}
	sc.cond(b, "h.unit_id", "h.place_id", "h.responsible_person_id")
	ps, err := queryHazards(ctx, q, b, " ORDER BY CASE WHEN h.deadline = '' THEN 1 ELSE 0 END, h.deadline, h.id", limit, day)
	if err != nil {
		return nil, err
	}
	out := make([]Rectification, len(ps))
	for i, p := range ps {
		out[i].Problem = p
		out[i].DaysLeft, out[i].HasDeadline = daysBetween(day, p.Deadline)
	}
	return out, nil
}
