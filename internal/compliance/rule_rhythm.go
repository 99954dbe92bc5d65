package compliance

import (
	"context"
	"fmt"
	"net/url"
	"sort"

	"safecampus/internal/plan"
)

// dueRow is one inspection owed under the RUL-4 rhythm.
type dueRow struct {
	id, person, unit, personUnit  int64
	rule, period, startsOn, dueOn string
	name                          string // the owing person or unit
}

// rhythmFacts is the school's rhythm rows of the period and, per owner,
// the instants of their submitted inspections, sorted.
type rhythmFacts struct {
	rows     []dueRow
	byPerson map[int64][]int64
	byUnit   map[int64][]int64
}

// paramOf maps a rhythm plan's rule to its parameter.
var paramOf = map[string]string{
	plan.RulePrincipal:  "principal_per_half_year",
	plan.RuleSupervisor: "supervisor_per_quarter",
	plan.RuleUnit:       "unit_per_month",
}

// evalInspectionFrequency: for every rhythm row of the period that is due
// by the period's end, count the owner's submitted inspections inside the
// row's own period (a leader as inspector or co-inspector; a unit by its
// monthly self-inspections). A row whose deadline has passed is owed; a
// row not yet due is pending unless already done. Rows that end after the
// period (a half-year row seen from its first quarter) belong to the
// period they end in.
func evalInspectionFrequency(ctx context.Context, e *Env, sc Scope) (Result, error) {
	f, err := once(e, RuleInspectionFrequency, func() (*rhythmFacts, error) { return loadRhythm(ctx, e) })
	if err != nil {
		return Result{}, err
	}
	in := e.unitIn(sc)
	var owed, done, pending int64
	var fails []Ref
	for _, r := range f.rows {
		switch {
		case sc.Kind == ScopePerson && r.person != sc.ID:
			continue
		case sc.Kind != ScopePerson && r.person != 0 && !in(r.personUnit):
			continue
		case sc.Kind != ScopePerson && r.person == 0 && !in(r.unit):
			continue
		}
		need := e.Param(RuleInspectionFrequency, paramOf[r.rule])
		var times []int64
		if r.person != 0 {
			times = f.byPerson[r.person]
		} else {
			times = f.byUnit[r.unit]
		}
		n := countIn(times, e.dayStart(r.startsOn), e.dayEnd(r.dueOn))
		ok := n >= need
		if r.dueOn >= e.Today && !ok {
			pending++
			continue
		}
		owed++
		if ok {
			done++
			continue
		}
		fails = append(fails, rhythmRef(r, n, need))
	}
	res := Result{Num: done, Den: owed, Value: fmt.Sprintf("%d/%d", done, owed), Failures: fails}
	switch {
	case owed == 0 && pending > 0:
		res.Status, res.Note = StatusPending, fmt.Sprintf("本周期应做的 %d 项检查均未到期限。", pending)
	case owed == 0:
		res.Status, res.Value = StatusNoData, "暂无数据"
		res.Note = "本周期没有应做的检查记录（检查节奏尚未生成，或周期早于系统启用）。"
	case done < owed:
		res.Status = StatusFail
	default:
		res.Status = StatusPass
	}
	if pending > 0 && owed > 0 {
		res.Note = fmt.Sprintf("另有 %d 项尚未到期限，未计入。", pending)
	}
	return res, nil
}

func rhythmRef(r dueRow, n, need int64) Ref {
	link := "/rhythm?period=" + url.QueryEscape(r.period)
	label := fmt.Sprintf("%s（%s）%s：已检查 %d 次，应至少 %d 次", r.name, plan.RoleLabel(r.rule), periodLabel(r.period), n, need)
	if r.person != 0 {
		return Ref{Kind: "person", ID: r.person, Label: label, Link: link}
	}
	return Ref{Kind: "unit", ID: r.unit, Label: label, Link: link}
}

func periodLabel(key string) string {
	if p, err := plan.ParsePeriod(key); err == nil {
		return p.Label
	}
	return key
}

// countIn counts the sorted instants in [from, to).
func countIn(times []int64, from, to int64) int64 {
	i := sort.Search(len(times), func(i int) bool { return times[i] >= from })
	j := sort.Search(len(times), func(i int) bool { return times[i] >= to })
	return int64(j - i)
}

func loadRhythm(ctx context.Context, e *Env) (*rhythmFacts, error) {
	f := &rhythmFacts{byPerson: map[int64][]int64{}, byUnit: map[int64][]int64{}}
	rows, err := e.Q.QueryContext(ctx, `SELECT d.id, p.rule, d.period, d.owner_person_id, d.owner_unit_id, COALESCE(pe.unit_id, 0), d.starts_on, d.due_on,
			COALESCE(pe.name, u.name, '')
		FROM due_inspections d JOIN inspection_plans p ON p.id = d.plan_id
		LEFT JOIN people pe ON pe.id = d.owner_person_id
		LEFT JOIN units u ON u.id = d.owner_unit_id
		WHERE d.school_id = $1 AND p.rule IN ('rhythm_principal', 'rhythm_supervisor', 'rhythm_unit')
			AND d.due_on >= $2 AND d.due_on <= $3 AND d.starts_on <= $3
		ORDER BY d.due_on, d.id`, e.School, e.Period.Start, e.Period.End)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var from, to string
	for rows.Next() {
		var r dueRow
		if err := rows.Scan(&r.id, &r.rule, &r.period, &r.person, &r.unit, &r.personUnit, &r.startsOn, &r.dueOn, &r.name); err != nil {
			return nil, err
		}
		f.rows = append(f.rows, r)
		if r.person != 0 {
			f.byPerson[r.person] = nil
		} else {
			f.byUnit[r.unit] = nil
		}
		if from == "" || r.startsOn < from {
			from = r.startsOn
		}
		if r.dueOn > to {
			to = r.dueOn
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	lo, hi := e.dayStart(from), e.dayEnd(to)
	for p := range f.byPerson {
		if f.byPerson[p], err = instants(ctx, e, `SELECT submitted_at FROM inspections
			WHERE school_id = $1 AND inspector_person_id = $2 AND status = 'submitted' AND submitted_at >= $3 AND submitted_at < $4
			UNION ALL SELECT i.submitted_at FROM inspection_coinspectors c JOIN inspections i ON i.id = c.inspection_id
			WHERE c.school_id = $1 AND c.person_id = $2 AND i.status = 'submitted' AND i.submitted_at >= $3 AND i.submitted_at < $4`, p, lo, hi); err != nil {
			return nil, err
		}
	}
	for u := range f.byUnit {
		if f.byUnit[u], err = instants(ctx, e, `SELECT submitted_at FROM inspections
			WHERE school_id = $1 AND unit_id = $2 AND kind = 'unit_monthly' AND status = 'submitted' AND submitted_at >= $3 AND submitted_at < $4`, u, lo, hi); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// instants runs a query of one instant column for (school, owner, from,
// to) and returns the instants sorted.
func instants(ctx context.Context, e *Env, query string, owner, from, to int64) ([]int64, error) {
	rows, err := e.Q.QueryContext(ctx, query, e.School, owner, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var t int64
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out, rows.Err()
}
