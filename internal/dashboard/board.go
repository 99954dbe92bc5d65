package dashboard

import (
	"context"
	"net/url"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/campaign"
	"safecampus/internal/compliance"
	"safecampus/internal/figures"
	"safecampus/internal/sqldb"
)

// Board is everything the leaders' dashboard of one school shows for one
// span.
type Board struct {
	SchoolID    int64
	SchoolName  string
	Span        figures.Span
	Hazards     figures.Hazards
	Inspections figures.Inspections
	Patrols     figures.Patrols
	Compliance  Compliance
	Campaigns   []Campaign
	Day         string    // the school's date at computation
	HeadSeq     int64     // the school's audit-chain head at computation
	ComputedAt  time.Time // when it was computed
}

// Compliance is the scorecard's summary: the school-wide row's verdicts,
// the rules it fails, and the units with failing cells.
type Compliance struct {
	Period, PeriodLabel         string
	Pass, Fail, NoData, Pending int
	Failing                     []RuleCell
	Units                       []UnitFails // units with at least one failing rule, most first
	Link                        string      // the scorecard page
	Unavailable                 string      // why there is no scorecard (a span the rules do not evaluate)
}

// RuleCell is one failing rule of the school-wide row.
type RuleCell struct {
	ID, Name, Value, Target, Link string
}

// UnitFails counts a unit's failing rules.
type UnitFails struct {
	Label string
	Fail  int
}

// Campaign is one campaign's progress.
type Campaign struct {
	ID                     int64
	Name, State            string
	ElapsedPct             int
	Done, Total, LateCount int
	Phases                 []Phase
	Link                   string
}

// Phase is one phase's progress.
type Phase struct {
	Name, StartsOn, EndsOn, State string
	ElapsedPct, Done, Total, Late int
}

// compute builds the board of school for sp at now from the database; it
// reads as the system, so callers must have checked the viewer may see
// the whole school.
func (s *Service) compute(ctx context.Context, q sqldb.Querier, school int64, sp figures.Span, now time.Time, head int64) (Board, error) {
	b := Board{SchoolID: school, Span: sp, HeadSeq: head, ComputedAt: now}
	var tz string
	if err := q.QueryRowContext(ctx, `SELECT name, timezone FROM schools WHERE id = $1`, school).Scan(&b.SchoolName, &tz); err != nil {
		return b, err
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		loc, _ = time.LoadLocation("Asia/Shanghai")
	}
	b.Day = now.In(loc).Format(time.DateOnly)
	if b.Hazards, err = figures.HazardFigures(ctx, q, school, sp, now); err != nil {
		return b, err
	}
	if b.Inspections, err = figures.InspectionFigures(ctx, q, school, sp, now); err != nil {
		return b, err
	}
	if b.Patrols, err = figures.PatrolFigures(ctx, q, school, sp, now); err != nil {
		return b, err
	}
	if b.Compliance, err = s.compliance(ctx, school, sp, now); err != nil {
		return b, err
	}
	if b.Campaigns, err = s.campaigns(ctx, school, now); err != nil {
		return b, err
	}
	return b, nil
}

func (s *Service) compliance(ctx context.Context, school int64, sp figures.Span, now time.Time) (Compliance, error) {
	c := Compliance{Period: sp.Key, PeriodLabel: sp.Label, Link: "/compliance?period=" + url.QueryEscape(sp.Key)}
	if _, err := compliance.ParsePeriod(sp.Key); err != nil {
		c.Unavailable, c.Link = "合规评分按年、半年、季度或月评估。", "/compliance"
		return c, nil
	}
	svc := compliance.NewService(s.DB, func() time.Time { return now })
	card, err := svc.Scorecard(ctx, auth.System(), school, sp.Key)
	if err != nil {
		return c, err
	}
	names := map[string]string{}
	for _, r := range card.Rules {
		names[r.ID] = r.Name
	}
	for _, row := range card.Rows {
		if row.Scope.Kind == compliance.ScopeSchool {
			for _, cell := range row.Cells {
				switch cell.Status {
				case compliance.StatusPass:
					c.Pass++
				case compliance.StatusFail:
					c.Fail++
					c.Failing = append(c.Failing, RuleCell{ID: cell.Rule, Name: names[cell.Rule], Value: cell.Value, Target: cell.Target,
						Link: "/compliance/rules/" + url.PathEscape(cell.Rule) + "?" + url.Values{"period": {sp.Key}, "scope": {"school"}}.Encode()})
				case compliance.StatusNoData:
					c.NoData++
				case compliance.StatusPending:
					c.Pending++
				}
			}
			continue
		}
		n := 0
		for _, cell := range row.Cells {
			if cell.Status == compliance.StatusFail {
				n++
			}
		}
		if n > 0 {
			c.Units = append(c.Units, UnitFails{Label: row.Label, Fail: n})
		}
	}
	sortUnitFails(c.Units)
	return c, nil
}

func (s *Service) campaigns(ctx context.Context, school int64, now time.Time) ([]Campaign, error) {
	svc := campaign.NewService(s.DB, func() time.Time { return now })
	ps, err := svc.Overviews(ctx, auth.System(), school)
	if err != nil {
		return nil, err
	}
	var out []Campaign
	for _, p := range ps {
		c := Campaign{ID: p.Campaign.ID, Name: p.Campaign.Name, State: p.State, ElapsedPct: p.ElapsedPct, Done: p.Done, Total: p.Total,
			LateCount: len(p.Late), Link: "/campaigns/" + itoa(p.Campaign.ID)}
		for _, ph := range p.Phases {
			c.Phases = append(c.Phases, Phase{Name: ph.Name, StartsOn: ph.StartsOn, EndsOn: ph.EndsOn, State: ph.State,
				ElapsedPct: ph.ElapsedPct, Done: ph.Done, Total: ph.Total, Late: ph.Late})
		}
		out = append(out, c)
	}
	return out, nil
}
