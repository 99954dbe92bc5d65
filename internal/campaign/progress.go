package campaign

import (
	"context"

	"safecampus/internal/auth"
)

// MilestoneState is a milestone as seen on a given day.
type MilestoneState struct {
	Milestone
	Late     bool // past its due date and not done
	DaysLeft int  // days until due (negative: days overdue); 0 on the due day
}

// PhaseProgress is a phase as seen on a given day: its milestones (those
// due within it), how many are done, and how much of its time has passed.
type PhaseProgress struct {
	Phase
	Milestones []MilestoneState
	Done       int
	Total      int
	Late       int
	ElapsedPct int    // share of the phase's days that have passed, 0–100
	State      string // "未开始" | "进行中" | "已结束"
}

// Progress is a whole campaign as seen on Today.
type Progress struct {
	Campaign   Campaign
	Today      string
	Phases     []PhaseProgress
	Unphased   []MilestoneState // milestones due outside every phase
	Done       int
	Total      int
	Late       []MilestoneState // every late milestone, earliest due first
	ElapsedPct int
	State      string
	// ReportDaysLeft counts days until ReportDueOn (negative: overdue);
	// meaningful only when HasReportDue.
	HasReportDue   bool
	ReportDaysLeft int
}

// Compute is the progress of campaign c with its phases and milestones on
// day today ('YYYY-MM-DD' in the school's zone). A milestone belongs to the
// phase its due date falls in; dates are whole days, both ends included.
func Compute(c Campaign, phases []Phase, ms []Milestone, today string) Progress {
	p := Progress{Campaign: c, Today: today}
	p.ElapsedPct, p.State = elapsed(c.StartsOn, c.EndsOn, today)
	if c.ReportDueOn != "" {
		p.HasReportDue, p.ReportDaysLeft = true, daysBetween(today, c.ReportDueOn)
	}
	for _, ph := range phases {
		pp := PhaseProgress{Phase: ph}
		pp.ElapsedPct, pp.State = elapsed(ph.StartsOn, ph.EndsOn, today)
		p.Phases = append(p.Phases, pp)
	}
	for _, m := range ms {
		st := MilestoneState{Milestone: m, Late: !m.Done() && m.DueOn < today, DaysLeft: daysBetween(today, m.DueOn)}
		p.Total++
		if m.Done() {
			p.Done++
		}
		if st.Late {
			p.Late = append(p.Late, st)
		}
		placed := false
		for i := range p.Phases {
			ph := &p.Phases[i]
			if m.DueOn >= ph.StartsOn && m.DueOn <= ph.EndsOn {
				ph.Milestones = append(ph.Milestones, st)
				ph.Total++
				if m.Done() {
					ph.Done++
				}
				if st.Late {
					ph.Late++
				}
				placed = true
				break
			}
		}
		if !placed {
			p.Unphased = append(p.Unphased, st)
		}
	}
	return p
}

// elapsed is the share of the days from..to (both included) that have
// passed by the end of today, and the stage it puts the span in.
func elapsed(from, to, today string) (int, string) {
	switch {
	case today < from:
		return 0, "未开始"
	case today > to:
		return 100, "已结束"
	}
	total := daysBetween(from, to) + 1
	done := daysBetween(from, today) + 1
	return done * 100 / total, "进行中"
}

// Overview is a campaign with its phases, milestones and progress as of
// the service's clock in the school's zone: what the campaign page and
// the leaders' dashboard show.
func (s *Service) Overview(ctx context.Context, a *auth.Actor, school, id int64) (Progress, error) {
	if err := canView(a, school); err != nil {
		return Progress{}, err
	}
	q := s.DB.Read()
	c, err := getCampaign(ctx, q, school, id)
	if err != nil {
		return Progress{}, err
	}
	phases, err := listPhases(ctx, q, school, id)
	if err != nil {
		return Progress{}, err
	}
	ms, err := listMilestones(ctx, q, school, id)
	if err != nil {
		return Progress{}, err
	}
	today, err := schoolToday(ctx, q, school, s.Now())
	if err != nil {
		return Progress{}, err
	}
	return Compute(c, phases, ms, today), nil
}

// Overviews is the progress of every campaign of the school, latest first
// (for dashboards: phase progress of each campaign).
func (s *Service) Overviews(ctx context.Context, a *auth.Actor, school int64) ([]Progress, error) {
	cs, err := s.ListCampaigns(ctx, a, school)
	if err != nil {
		return nil, err
	}
	var out []Progress
	for _, c := range cs {
		p, err := s.Overview(ctx, a, school, c.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// ReportOverdueDays is how many days the report is past due (templates
// show "已逾期 N 天" rather than a negative count).
func (p Progress) ReportOverdueDays() int { return -p.ReportDaysLeft }

// DaysLate is how many days a late milestone is past due.
func (m MilestoneState) DaysLate() int { return -m.DaysLeft }
