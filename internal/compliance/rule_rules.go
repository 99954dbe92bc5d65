package compliance

import (
	"context"
	"fmt"
	"math"
	"time"

	"safecampus/internal/rules"
)

// evalSafetyMeetings (RUL-3): safety meetings held in the period against
// meetings_per_month × the months of the period. While the period runs a
// shortfall is pending, not yet a failure; each month without a meeting is
// a failure ref. No meeting ever recorded is nodata.
func evalSafetyMeetings(ctx context.Context, e *Env, _ Scope) (Result, error) {
	var recorded int
	if err := e.Q.QueryRowContext(ctx, `SELECT COUNT(*) FROM safety_meetings WHERE school_id = $1`, e.School).Scan(&recorded); err != nil {
		return Result{}, err
	}
	if recorded == 0 {
		return Result{Status: StatusNoData, Value: "暂无数据", Note: "尚未登记任何安全工作例会。"}, nil
	}
	months := e.Period.months()
	if months < 1 {
		return Result{Status: StatusNA, Note: "例会按月计，周期短于一个月时不评估。"}, nil
	}
	held, err := rules.MeetingsHeld(ctx, e.Q, e.School, e.Period.Start, e.Period.End)
	if err != nil {
		return Result{}, err
	}
	per := e.Param(RuleSafetyMeetings, "meetings_per_month")
	need := int64(math.Round(months)) * per
	res := Result{Num: int64(len(held)), Den: need, Value: fmt.Sprintf("%d/%d", len(held), need),
		Target: fmt.Sprintf("≥ %d 次/月（本周期 ≥ %d 次）", per, need)}
	byMonth := map[string]int64{}
	for _, m := range held {
		byMonth[m.HeldOn[:7]]++
	}
	start, _ := time.Parse(time.DateOnly, e.Period.Start)
	for m := start; m.Format(time.DateOnly) <= e.Period.End; m = m.AddDate(0, 1, 0) {
		key := m.Format("2006-01")
		if byMonth[key] >= per || key+"-01" > e.Today {
			continue
		}
		if last := m.AddDate(0, 1, -1).Format(time.DateOnly); last >= e.Today {
			continue // the month still runs
		}
		res.Failures = append(res.Failures, Ref{Kind: "month", Label: fmt.Sprintf("%d年%d月：召开 %d 次，应至少 %d 次", m.Year(), m.Month(), byMonth[key], per), Link: "/meetings"})
	}
	switch {
	case res.Num >= need:
		res.Status = StatusPass
	case e.Period.End >= e.Today:
		res.Status, res.Note = StatusPending, "周期尚未结束，例会次数暂未达到目标。"
	default:
		res.Status = StatusFail
	}
	return res, nil
}

// evalRulesPosted (RUL-5): the share of (rule in force, required place)
// pairs whose latest check found the rule on the wall. It is the state
// now, not at the period's end: postings carry no history of
// requirements. No rule in force that must be posted anywhere is nodata.
func evalRulesPosted(ctx context.Context, e *Env, _ Scope) (Result, error) {
	// RulePlaces is the register's own answer to "where must this rule
	// hang"; asking it keeps one definition of a required place.
	svc := rules.NewService(e.db, func() time.Time { return e.Now })
	list, err := inForceRules(ctx, e)
	if err != nil {
		return Result{}, err
	}
	var required, posted int64
	var fails []Ref
	for _, r := range list {
		id := r.id
		places, err := svc.RulePlaces(ctx, e.Actor, e.School, id)
		if err != nil {
			return Result{}, err
		}
		for _, p := range places {
			required++
			if p.Posted {
				posted++
				continue
			}
			why := "从未检查"
			if p.Checked {
				why = p.VerifiedOn + " 检查时未上墙"
			}
			fails = append(fails, Ref{Kind: "posting", ID: id, Label: fmt.Sprintf("%s：%s（%s）", p.PlaceName, r.title, why), Link: fmt.Sprintf("/rules/%d", id)})
		}
	}
	if required == 0 {
		return Result{Status: StatusNoData, Value: "暂无数据", Note: "尚无规定了上墙场所的现行制度。"}, nil
	}
	pct := posted * 100 / required
	res := Result{Num: posted, Den: required, Value: fmt.Sprintf("%d%%（%d/%d）", pct, posted, required), Failures: fails,
		Note: "上墙情况为当前状态。"}
	if posted*100 >= e.Param(RuleRulesPosted, "share_percent")*required {
		res.Status = StatusPass
	} else {
		res.Status = StatusFail
	}
	return res, nil
}

type ruleTitle struct {
	id    int64
	title string
}

// inForceRules lists the school's rules in force that must be posted
// somewhere (by place type or by chosen places).
func inForceRules(ctx context.Context, e *Env) ([]ruleTitle, error) {
	rows, err := e.Q.QueryContext(ctx, `SELECT r.id, r.title FROM safety_rules r WHERE r.school_id = $1 AND r.status = 'in_force'
		AND (r.post_place_types <> '' OR EXISTS (SELECT 1 FROM safety_rule_places rp WHERE rp.rule_id = r.id)) ORDER BY r.code, r.id`, e.School)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ruleTitle
	for rows.Next() {
		var r ruleTitle
		if err := rows.Scan(&r.id, &r.title); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
