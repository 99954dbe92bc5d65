package compliance

import (
	"context"
	"fmt"
	"strings"
)

// hazardFact is a hazard the deadline rule looks at.
type hazardFact struct {
	id, unit, acceptedBy, closedAt int64
	number, area, level, status    string
	deadline, description          string
}

type unitArea struct {
	unit int64
	area string
}

// deadlineFacts: the hazards whose deadline passed by the cutoff and were
// not closed on time before the period, the major hazards closed in the
// period, the leading group's members and how many hazards with a
// deadline each (unit, area) has at all.
type deadlineFacts struct {
	late      []hazardFact
	major     []hazardFact
	members   map[int64]bool
	withLimit map[unitArea]int // hazards with a deadline per unit and area
}

// evalRectificationDeadline: a hazard fails the rule when its deadline
// passed before the cutoff (the period's end, or today) and it was not
// closed by then — still open, or closed after its deadline within or
// after the period — and when a major hazard closed in the period was not
// accepted by a member of the leading group. Pass while the number of
// overdue hazards is at most max_overdue and no major hazard was closed
// without the leading group.
func evalRectificationDeadline(ctx context.Context, e *Env, sc Scope) (Result, error) {
	f, err := once(e, RuleRectificationDeadline, func() (*deadlineFacts, error) { return loadDeadline(ctx, e) })
	if err != nil {
		return Result{}, err
	}
	in := e.unitIn(sc)
	match := func(h hazardFact) bool {
		if sc.Kind == ScopeArea {
			return h.area == sc.Area
		}
		return in(h.unit)
	}
	var overdue, badMajor, examined int64
	var fails []Ref
	for _, h := range f.late {
		if !match(h) {
			continue
		}
		examined++
		closedOn := ""
		if h.status == "closed" {
			closedOn = e.date(h.closedAt)
			if closedOn <= h.deadline || closedOn < e.Period.Start {
				continue // closed on time, or its lateness belongs to an earlier period
			}
		}
		overdue++
		why := "逾期未整改"
		if closedOn != "" {
			why = "逾期后于 " + closedOn + " 销号"
		}
		fails = append(fails, hazardRef(h, fmt.Sprintf("整改期限 %s，%s", h.deadline, why)))
	}
	for _, h := range f.major {
		if !match(h) {
			continue
		}
		examined++
		if h.acceptedBy != 0 && f.members[h.acceptedBy] {
			continue
		}
		badMajor++
		fails = append(fails, hazardRef(h, "重大隐患未经安全领导小组成员验收即销号"))
	}
	limit := e.Param(RuleRectificationDeadline, "max_overdue")
	res := Result{Num: overdue + badMajor, Den: examined, Failures: fails}
	res.Value = fmt.Sprintf("逾期 %d 项", overdue)
	if badMajor > 0 {
		res.Value += fmt.Sprintf("，重大隐患验收不合规 %d 项", badMajor)
	}
	switch {
	case examined == 0 && !f.any(e, sc):
		res.Status, res.Value, res.Note = StatusNoData, "暂无数据", "该范围内尚无确定了整改期限的隐患。"
	case overdue > limit || badMajor > 0:
		res.Status = StatusFail
	default:
		res.Status = StatusPass
	}
	return res, nil
}

// any reports whether scope sc has a hazard with a deadline at all.
func (f *deadlineFacts) any(e *Env, sc Scope) bool {
	in := e.unitIn(sc)
	for k, n := range f.withLimit {
		if n > 0 && (sc.Kind == ScopeArea && k.area == sc.Area || sc.Kind != ScopeArea && in(k.unit)) {
			return true
		}
	}
	return false
}

func hazardRef(h hazardFact, why string) Ref {
	desc := h.description
	if r := []rune(desc); len(r) > 30 {
		desc = string(r[:30]) + "…"
	}
	label := strings.TrimSpace(h.number + " " + desc)
	return Ref{Kind: "hazard", ID: h.id, Label: label + "（" + why + "）", Link: fmt.Sprintf("/hazards/%d", h.id)}
}

func loadDeadline(ctx context.Context, e *Env) (*deadlineFacts, error) {
	f := &deadlineFacts{members: map[int64]bool{}, withLimit: map[unitArea]int{}}
	cutoff := e.Period.cutoff(e.Today)
	start, end := e.dayStart(e.Period.Start), e.dayEnd(e.Period.End)
	const cols = `id, COALESCE(unit_id, 0), COALESCE(accepted_by_person_id, 0), COALESCE(closed_at, 0), number, area, level, status, deadline, description`
	var err error
	if f.late, err = hazardFacts(ctx, e, `SELECT `+cols+` FROM hazards WHERE school_id = $1 AND deadline <> '' AND deadline < $2
		AND status IN ('confirmed', 'assigned', 'rectifying', 'submitted', 'closed') AND (closed_at IS NULL OR closed_at >= $3) ORDER BY deadline, id`,
		e.School, cutoff, start); err != nil {
		return nil, err
	}
	if f.major, err = hazardFacts(ctx, e, `SELECT `+cols+` FROM hazards WHERE school_id = $1 AND level = 'major' AND status = 'closed'
		AND closed_at >= $2 AND closed_at < $3 ORDER BY closed_at, id`, e.School, start, end); err != nil {
		return nil, err
	}
	rows, err := e.Q.QueryContext(ctx, `SELECT m.person_id FROM leading_group_members m JOIN leading_groups g ON g.id = m.group_id
		WHERE m.school_id = $1 AND g.active`, e.School)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		f.members[id] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = e.Q.QueryContext(ctx, `SELECT COALESCE(unit_id, 0), area, COUNT(*) FROM hazards WHERE school_id = $1 AND deadline <> '' AND found_at < $2
		GROUP BY unit_id, area`, e.School, e.dayEnd(cutoff))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var unit int64
		var area string
		var n int
		if err := rows.Scan(&unit, &area, &n); err != nil {
			return nil, err
		}
		f.withLimit[unitArea{unit, area}] += n
	}
	return f, rows.Err()
}

func hazardFacts(ctx context.Context, e *Env, query string, args ...any) ([]hazardFact, error) {
	rows, err := e.Q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []hazardFact
	for rows.Next() {
		var h hazardFact
		if err := rows.Scan(&h.id, &h.unit, &h.acceptedBy, &h.closedAt, &h.number, &h.area, &h.level, &h.status, &h.deadline, &h.description); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}
