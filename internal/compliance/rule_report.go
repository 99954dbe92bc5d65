package compliance

import (
	"context"
	"fmt"
	"time"

	"safecampus/internal/sqldb"
)

// campaignDue is a campaign with a report due date and the day its first
// report was generated ("" when none).
type campaignDue struct {
	id               int64
	name, due, first string
}

// evalReport (PLAN-5): every campaign whose report falls due in the
// period, and every one due earlier whose report was still missing when
// the period began, passes when a report was generated on or before the
// due date, fails when the due date passed without one (or the report
// came late within the period), and is pending while not yet due.
// Nothing due and nothing outstanding in the period is na; no campaign
// with a due date at all is nodata.
func evalReport(ctx context.Context, e *Env, _ Scope) (Result, error) {
	list, err := once(e, RuleReport, func() ([]campaignDue, error) { return loadCampaignDues(ctx, e) })
	if err != nil {
		return Result{}, err
	}
	if len(list) == 0 {
		return Result{Status: StatusNoData, Value: "暂无数据", Note: "尚无设定了报送期限的专项整治。"}, nil
	}
	lead := e.Param(RuleReport, "lead_days")
	var ok, pending, judged int64
	var fails []Ref
	var notes []string
	for _, c := range list {
		inPeriod := e.Period.Contains(c.due)
		outstanding := c.due < e.Period.Start && (c.first == "" || c.first >= e.Period.Start)
		if !inPeriod && !outstanding {
			if c.due > e.Period.End && c.first == "" && daysBetween(e.Today, c.due) <= lead && c.due >= e.Today {
				notes = append(notes, fmt.Sprintf("“%s”报告将于 %s 到期。", c.name, c.due))
			}
			continue
		}
		switch {
		case c.first != "" && c.first <= c.due:
			ok++
			judged++
		case c.first == "" && c.due >= e.Today:
			pending++
			if daysBetween(e.Today, c.due) <= lead {
				notes = append(notes, fmt.Sprintf("“%s”报告将于 %s 到期，尚未生成。", c.name, c.due))
			}
		default:
			judged++
			why := "报送期限 " + c.due + " 已过，尚未生成报告"
			if c.first != "" {
				why = "报送期限 " + c.due + "，报告迟至 " + c.first + " 才生成"
			}
			fails = append(fails, Ref{Kind: "campaign", ID: c.id, Label: c.name + "（" + why + "）", Link: fmt.Sprintf("/campaigns/%d", c.id)})
		}
	}
	res := Result{Num: ok, Den: judged, Value: fmt.Sprintf("%d/%d", ok, judged), Failures: fails}
	switch {
	case len(fails) > 0:
		res.Status = StatusFail
	case judged > 0:
		res.Status = StatusPass
	case pending > 0:
		res.Status = StatusPending
	default:
		res.Status, res.Value = StatusNA, "—"
		notes = append([]string{"本周期内没有到期的报送。"}, notes...)
	}
	for _, n := range notes {
		res.Note += n
	}
	return res, nil
}

// daysBetween is the number of days from date a to date b.
func daysBetween(a, b string) int64 {
	ta, err1 := time.Parse(time.DateOnly, a)
	tb, err2 := time.Parse(time.DateOnly, b)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int64(tb.Sub(ta).Hours() / 24)
}

// loadCampaignDues reads the campaigns with a due date and their first
// report (table reports, migration 0008 of the report work). A database
// without that table has no report, rather than an error.
func loadCampaignDues(ctx context.Context, e *Env) ([]campaignDue, error) {
	rows, err := e.Q.QueryContext(ctx, `SELECT id, name, report_due_on FROM campaigns WHERE school_id = $1 AND report_due_on <> '' ORDER BY report_due_on, id`, e.School)
	if err != nil {
		return nil, err
	}
	var out []campaignDue
	for rows.Next() {
		var c campaignDue
		if err := rows.Scan(&c.id, &c.name, &c.due); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	has, err := tableExists(ctx, e.Q, e.Dialect, "reports")
	if err != nil || !has {
		return out, err
	}
	for i := range out {
		var first int64
		if err := e.Q.QueryRowContext(ctx, `SELECT COALESCE(MIN(generated_at), 0) FROM reports WHERE school_id = $1 AND campaign_id = $2`, e.School, out[i].id).Scan(&first); err != nil {
			return nil, err
		}
		if first != 0 {
			out[i].first = e.date(first)
		}
	}
	return out, nil
}

// tableExists reports whether the schema has table name.
func tableExists(ctx context.Context, q sqldb.Querier, d sqldb.Dialect, name string) (bool, error) {
	query := `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $1`
	if d == sqldb.Postgres {
		query = `SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1`
	}
	var n int
	err := q.QueryRowContext(ctx, query, name).Scan(&n)
	return n > 0, err
}
