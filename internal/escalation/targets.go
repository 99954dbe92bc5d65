package escalation

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"safecampus/internal/notify"
	"safecampus/internal/org"
	"safecampus/internal/sqldb"
)

// targets resolves who each step tells, caching per unit and school for
// one batch (one transaction): a sweep that marks a thousand hazards of the
// same unit looks the unit's head and leaders up once.
type targets struct {
	q       sqldb.Querier
	people  map[int64][]int64 // responsible person → accounts
	heads   map[int64][]int64 // unit → head's accounts
	leaders map[int64][]int64 // unit → supervising leaders' accounts
	office  map[int64][]int64 // school → school admins' accounts
}

func newTargets(q sqldb.Querier) *targets {
	return &targets{q: q, people: map[int64][]int64{}, heads: map[int64][]int64{}, leaders: map[int64][]int64{}, office: map[int64][]int64{}}
}

// accounts returns the active accounts step tells about hazard h.
func (t *targets) accounts(ctx context.Context, h *row, step Step) ([]int64, error) {
	switch step {
	case StepOverdue:
		if h.ResponsibleID == 0 {
			return nil, nil
		}
		return cached(t.people, h.ResponsibleID, func() ([]int64, error) {
			return notify.AccountsOfPeople(ctx, t.q, h.SchoolID, []int64{h.ResponsibleID})
		})
	case StepUnitHead:
		return cached(t.heads, h.UnitID, func() ([]int64, error) { return t.unitHead(ctx, h.SchoolID, h.UnitID) })
	case StepLeader:
		return cached(t.leaders, h.UnitID, func() ([]int64, error) { return t.supervisors(ctx, h.SchoolID, h.UnitID) })
	case StepOffice:
		return cached(t.office, h.SchoolID, func() ([]int64, error) { return t.officeAccounts(ctx, h.SchoolID) })
	}
	return nil, fmt.Errorf("escalation: no target for step %d", step)
}

func cached(m map[int64][]int64, key int64, load func() ([]int64, error)) ([]int64, error) {
	if v, ok := m[key]; ok {
		return v, nil
	}
	v, err := load()
	if err != nil {
		return nil, err
	}
	m[key] = v
	return v, nil
}

// unitHead is the head of the owning unit only: a parent unit's head is
// not this unit's head, and the leader step above covers the tree.
func (t *targets) unitHead(ctx context.Context, school, unit int64) ([]int64, error) {
	if unit == 0 {
		return nil, nil
	}
	var head *int64
	err := t.q.QueryRowContext(ctx, `SELECT head_person_id FROM units WHERE id = $1 AND school_id = $2`, unit, school).Scan(&head)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && head == nil) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return notify.AccountsOfPeople(ctx, t.q, school, []int64{*head})
}

// supervisors are the leaders linked by contact points to the owning unit
// or, when it has none, to its nearest ancestor that has some: a leader
// who supervises 后勤处 supervises its teams too.
func (t *targets) supervisors(ctx context.Context, school, unit int64) ([]int64, error) {
	if unit == 0 {
		return nil, nil
	}
	path, err := org.UnitPath(ctx, t.q, school, unit)
	if err != nil {
		return nil, fmt.Errorf("unit path %d: %w", unit, err)
	}
	for _, u := range path {
		people, err := org.LeadersOfUnit(ctx, t.q, school, u)
		if err != nil {
			return nil, err
		}
		if len(people) > 0 {
			return notify.AccountsOfPeople(ctx, t.q, school, people)
		}
	}
	return nil, nil
}

// officeAccounts are the active accounts holding the school admin role
// (专项整治办公室) at the school.
func (t *targets) officeAccounts(ctx context.Context, school int64) ([]int64, error) {
	rows, err := t.q.QueryContext(ctx, `SELECT DISTINCT a.id FROM role_grants g JOIN accounts a ON a.id = g.account_id
		WHERE g.role = 'school_admin' AND g.school_id = $1 AND NOT a.disabled ORDER BY a.id`, school)
	if err != nil {
		return nil, fmt.Errorf("office accounts of school %d: %w", school, err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
