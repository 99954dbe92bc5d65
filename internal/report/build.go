package report

import (
	"context"
	"fmt"
	"time"

	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/figures"
	"safecampus/internal/org"
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
	r.Organisation, err = s.organisation(ctx, a, school)
	return err
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

// memberLine names members as the notice lists them: 顾锋、姜声扬.
func memberLine(ms []org.LeadingGroupMember) string {
	out := ""
	for i, m := range ms {
		if i > 0 {
			out += "、"
		}
		out += m.PersonName
	}
	return out
}

func cnDay(t time.Time) string { return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day()) }
