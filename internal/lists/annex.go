package lists

import (
	"context"

	"safecampus/internal/auth"
	"safecampus/internal/xlsx"
)

// AnnexCounts are the rows written to each sheet of the annex.
type AnnexCounts struct {
	Work, Problems, Responsibility, Rectification int
}

// The annex's four sheets: the export sheets under the names the report
// refers to (责任清单 holds the duties, one row each).
var annexDutySheet = xlsx.Sheet{Name: "责任清单", Landscape: true, Columns: dutySheet.Columns}

// WriteAnnex writes the four lists of RESP-3 as four sheets of wb, for the
// xlsx annex of the campaign report (internal/report): the work list due
// from..to, the problems found from..to, every duty as of today, and the
// open hazards to rectify. Rows are those a sees on the list pages
// (a school-wide hazard viewer sees all). It appends no audit entry and
// asks for no export right: the report records its own generation, and
// its own permission (report.view) decides who may have it.
//
// The rows are the same as the single-list exports' (export_lists.go);
// the cell mapping is repeated here because those functions write whole
// files with their own audit entries.
func (s *Service) WriteAnnex(ctx context.Context, a *auth.Actor, school int64, from, to string, wb *xlsx.Workbook) (AnnexCounts, error) {
	var n AnnexCounts
	q := s.reader(true)
	loc, err := schoolLocation(ctx, q, school)
	if err != nil {
		return n, err
	}
	dated := Filter{From: from, To: to}
	items, err := s.work(ctx, q, a, school, dated, 0)
	if err != nil {
		return n, err
	}
	n.Work = len(items)
	if err := writeSheet(wb, workSheet, len(items), func(i int) []any {
		it := items[i]
		return []any{it.UnitName, it.Person, it.KindLabel(), it.Title, it.Source, it.Place, it.Period, it.StartsOn, it.DueOn, it.StatusLabel()}
	}); err != nil {
		return n, err
	}
	ps, err := s.problems(ctx, q, a, school, dated, 0)
	if err != nil {
		return n, err
	}
	n.Problems = len(ps)
	if err := writeSheet(wb, problemSheet, len(ps), func(i int) []any {
		p := ps[i]
		closed := ""
		if p.ClosedAt != nil {
			closed = p.ClosedAt.In(loc).Format("2006-01-02 15:04")
		}
		number := p.Number
		if p.Kind == KindFinding {
			number = "检查记录" + itoa(p.InspectionID)
		}
		return []any{p.KindLabel(), number, p.Source, p.FoundAt.In(loc).Format("2006-01-02 15:04"), p.Place, p.AreaLabel(), p.ItemCode,
			p.LevelLabel(), p.Description, p.UnitName, p.Responsible, p.Measures, p.Deadline, p.StatusLabel(), yesNo(p.Overdue), yesNo(p.Listed), closed}
	}); err != nil {
		return n, err
	}
	r, err := s.responsibility(ctx, q, a, school, Filter{})
	if err != nil {
		return n, err
	}
	n.Responsibility = len(r.Duties)
	if err := writeSheet(wb, annexDutySheet, len(r.Duties), func(i int) []any {
		d := r.Duties[i]
		return []any{d.UnitName, d.Person, d.KindLabel(), d.Item, d.Detail, d.DueOn, yesNo(d.Overdue)}
	}); err != nil {
		return n, err
	}
	rs, err := s.rectification(ctx, q, a, school, Filter{}, 0)
	if err != nil {
		return n, err
	}
	n.Rectification = len(rs)
	return n, writeSheet(wb, rectSheet, len(rs), func(i int) []any {
		r := rs[i]
		return []any{r.Number, r.LevelLabel(), r.AreaLabel(), r.Place, r.Description, r.UnitName, r.Responsible, r.Measures,
			r.FundsYuan, r.Deadline, r.DaysText(), r.StatusLabel(), yesNo(r.Overdue), yesNo(r.Listed), r.Supervisor, r.Acceptor}
	})
}
