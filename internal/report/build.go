package report

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/compliance"
	"safecampus/internal/figures"
	"safecampus/internal/patrol"
	"safecampus/internal/rules"
	"safecampus/internal/sqldb"
)

// headTries bounds the re-reads when the audit chain moves while the
// figures are read (see Build).
const headTries = 3

// Build gathers the report of campaign campaignID of school as of the
// service's clock: a campaign of another school, or one that does not
// exist, is NotFound. It reads only.
//
// The report states the audit-chain head under which its figures were
// read, so the head is read before and after the figures; if a write came
// in between, the figures are read again (up to headTries times, then the
// later head is stated: it covers every write the figures may include).
func (s *Service) Build(ctx context.Context, a *auth.Actor, school, campaignID int64) (*Report, error) {
	if err := canView(a, school); err != nil {
		return nil, err
	}
	pr, err := s.Campaigns.Overview(ctx, a, school, campaignID)
	if err != nil {
		return nil, err
	}
	sc, err := s.Org.FindSchool(ctx, a, school)
	if err != nil {
		return nil, err
	}
	sp, err := figures.SpanBetween(pr.Campaign.StartsOn, pr.Campaign.EndsOn)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	r := &Report{School: sc, Campaign: pr.Campaign, Progress: pr, Span: sp, GeneratedAt: now, Date: cnDay(now.In(sc.Location()))}
	q := s.DB.Read()
	for try := 1; ; try++ {
		before, err := audit.SchoolHead(ctx, q, school)
		if err != nil {
			return nil, err
		}
		if err := s.gather(ctx, q, a, r, now); err != nil {
			return nil, err
		}
		after, err := audit.SchoolHead(ctx, q, school)
		if err != nil {
			return nil, err
		}
		r.Head = after
		if after == before || try == headTries {
			break
		}
	}
	r.VerifyCommand = VerifyCommand(school, r.Head.Hash)
	r.Title = "关于" + r.Campaign.Name + "工作情况的报告"
	r.Reporter = sc.Name + "校园安全生产专项整治工作领导小组办公室"
	r.Sections = compose(r)
	return r, nil
}

// VerifyCommand is the command that proves school's audit chain is intact
// up to hash (cmd/safecampus/audit.go: --school takes the school's id).
func VerifyCommand(school int64, hash string) string {
	return fmt.Sprintf("safecampus audit verify --school %d --head %s", school, hash)
}

// gather reads every figure of r from q.
func (s *Service) gather(ctx context.Context, q sqldb.Querier, a *auth.Actor, r *Report, now time.Time) error {
	school, sp := r.School.ID, r.Span
	var err error
	if r.Inspections, err = figures.InspectionFigures(ctx, q, school, sp, now); err != nil {
		return fmt.Errorf("inspection figures: %w", err)
	}
	if r.Hazards, err = figures.HazardFigures(ctx, q, school, sp, now); err != nil {
		return fmt.Errorf("hazard figures: %w", err)
	}
	last := min(sp.End, r.Progress.Today)
	if r.Rules, err = rules.Summarise(ctx, q, school, sp.Start, last); err != nil {
		return fmt.Errorf("rules figures: %w", err)
	}
	if r.Lookback, err = readLookback(ctx, q, school, sp, r.School.Location()); err != nil {
		return fmt.Errorf("look-back: %w", err)
	}
	// The pages' own functions, on the report's instant.
	clock := func() time.Time { return now }
	if r.Patrol, err = patrolCoverage(ctx, q, patrol.NewService(s.DB, clock), a, r); err != nil {
		return fmt.Errorf("patrol coverage: %w", err)
	}
	key := compliancePeriodKey(sp.Start, sp.End)
	r.Compliance = ComplianceCard{Rules: compliance.Rules()}
	if r.Compliance.Period, err = compliance.ParsePeriod(key); err != nil {
		return err
	}
	if r.Compliance.Results, err = compliance.NewService(s.DB, clock).Evaluate(ctx, a, school, key, compliance.SchoolWide); err != nil {
		return fmt.Errorf("compliance: %w", err)
	}
	r.Organisation, err = s.organisation(ctx, a, school)
	return err
}

// patrolCoverage sums the coverage page's matrix (all active grids) over
// the span's days up to yesterday, in windows the matrix allows.
func patrolCoverage(ctx context.Context, q sqldb.Querier, svc *patrol.Service, a *auth.Actor, r *Report) (PatrolCoverage, error) {
	var pc PatrolCoverage
	first, err1 := time.Parse(time.DateOnly, r.Span.Start)
	last, err2 := time.Parse(time.DateOnly, r.Cutoff())
	if err1 != nil || err2 != nil {
		return pc, fmt.Errorf("span %s..%s", r.Span.Start, r.Cutoff())
	}
	// Coverage counts from the first day the school recorded a patrol in
	// the system: a school that starts using it mid-campaign did not miss
	// its patrols before, it kept them on paper. The report says so.
	var since sql.NullString
	if err := q.QueryRowContext(ctx, `SELECT MIN(day) FROM patrols WHERE school_id = $1`, r.School.ID).Scan(&since); err != nil {
		return pc, err
	}
	if since.Valid && since.String > r.Span.Start && since.String <= r.Cutoff() {
		if d, err := time.Parse(time.DateOnly, since.String); err == nil {
			first, pc.RecordedFrom = d, since.String
		}
	}
	if r.Cutoff() >= r.Progress.Today {
		last = last.AddDate(0, 0, -1) // today is still under way
	}
	at := map[int64]int{} // grid id → index in pc.Grids
	for from := first; !from.After(last); from = from.AddDate(0, 0, patrol.MaxCoverageDays) {
		to := from.AddDate(0, 0, patrol.MaxCoverageDays-1)
		if to.After(last) {
			to = last
		}
		m, err := svc.Coverage(ctx, a, r.School.ID, 0, from.Format(time.DateOnly), to.Format(time.DateOnly))
		if err != nil {
			return pc, err
		}
		if pc.From == "" {
			pc.From = m.From
		}
		pc.To, pc.Days = m.To, pc.Days+len(m.Days)
		for _, row := range m.Rows {
			i, ok := at[row.GridID]
			if !ok {
				i, at[row.GridID] = len(pc.Grids), len(pc.Grids)
				pc.Grids = append(pc.Grids, GridCoverage{Name: row.GridName, Depth: row.Depth})
			}
			g := &pc.Grids[i]
			g.Places, g.Unpointed = len(row.Places), len(row.Unpointed)
			for _, c := range row.Cells {
				g.Required, g.Met = g.Required+c.Total, g.Met+c.Met
			}
			for _, p := range row.Places {
				for _, n := range p.Counts {
					g.Patrols += n
				}
			}
		}
	}
	return pc, nil
}

// compliancePeriodKey is the compliance engine's period for the dates
// start..end: the year, half-year, quarter or month they make up, else
// the range of days itself ("2026-02-25/P35D", as plan.ParsePeriod reads).
func compliancePeriodKey(start, end string) string {
	y := start[:4]
	for _, k := range []string{y, y + "-H1", y + "-H2", y + "-Q1", y + "-Q2", y + "-Q3", y + "-Q4", start[:7]} {
		if p, err := compliance.ParsePeriod(k); err == nil && p.Start == start && p.End == end {
			return k
		}
	}
	s, _ := time.Parse(time.DateOnly, start)
	e, _ := time.Parse(time.DateOnly, end)
	return fmt.Sprintf("%s/P%dD", start, int(e.Sub(s).Hours()/24)+1)
}

// organisation is the active leading groups, grids and the unit count.
func (s *Service) organisation(ctx context.Context, a *auth.Actor, school int64) (Organisation, error) {
	var o Organisation
	groups, err := s.Org.ListLeadingGroups(ctx, a, school)
	if err != nil {
		return o, err
	}
	for _, g := range groups {
		if g.Active {
			o.Groups = append(o.Groups, g)
		}
	}
	grids, err := s.Org.ListGrids(ctx, a, school)
	if err != nil {
		return o, err
	}
	for _, g := range grids {
		if g.Active {
			o.Grids = append(o.Grids, g)
		}
	}
	units, err := s.Org.ListUnits(ctx, a, school)
	if err != nil {
		return o, err
	}
	for _, u := range units {
		if u.Active {
			o.Units++
		}
	}
	return o, nil
}

func cnDay(t time.Time) string { return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day()) }
