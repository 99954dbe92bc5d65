package plan

import (
	"context"
	"sort"
	"strings"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// ComplianceRow is one inspection owed under the RUL-4 rhythm.
type ComplianceRow struct {
	DueID        int64
	Rule         string
	Role         string // 主要领导 / 分管领导 / 职能部门
	PlanName     string
	UnitID       int64
	UnitName     string // the owning unit, or the owning person's unit
	PersonID     int64  // the owning person (0 for a unit's row)
	OwnerName    string // the person, or the unit for a unit's row
	HeadName     string // the unit's head, for a unit's row
	Targets      string // a supervising leader's contact-point units
	Period       string
	PeriodLabel  string
	DueOn        string
	Status       string
	InspectionID int64
	SubmittedAt  time.Time
}

// Responsible is the person answerable for the row: the leader, or the
// head of the unit.
func (r ComplianceRow) Responsible() string {
	if r.PersonID != 0 {
		return r.OwnerName
	}
	return r.HeadName
}

// StatusLabel is the status in Chinese.
func (r ComplianceRow) StatusLabel() string { return StatusLabel(r.Status) }

// StatusClass is the CSS class of the status (ok, warn, bad).
func (r ComplianceRow) StatusClass() string { return StatusClass(r.Status) }

// StatusLabel names a due status in Chinese.
func StatusLabel(st string) string {
	switch st {
	case StatusDone:
		return "按时完成"
	case StatusLate:
		return "逾期完成"
	case StatusMissed:
		return "未完成"
	}
	return "待完成"
}

// StatusClass is the CSS class of a due status.
func StatusClass(st string) string {
	switch st {
	case StatusDone:
		return "ok"
	case StatusLate:
		return "warn"
	case StatusMissed:
		return "bad"
	}
	return "muted"
}

// Summary counts rows by status.
type Summary struct {
	Total, Done, Late, Missed, Open int
}

// Compliance is the rhythm compliance table of one period: by unit (the
// units' monthly self-inspections) and by person (the leaders').
type Compliance struct {
	Period  Period
	Rows    []ComplianceRow // all rows, by unit then person
	Units   []ComplianceRow
	People  []ComplianceRow
	Summary Summary
}

// RhythmCompliance lists who owed which rhythm inspection in the period
// (every row whose own period overlaps it: for a quarter, its three months,
// the quarter and the half-year it lies in) and whether it was done on
// time, late or missed. An open row whose deadline has passed counts as
// missed even before the scheduler marks it. Unit heads see their units'
// rows only.
func (s *Service) RhythmCompliance(ctx context.Context, a *auth.Actor, school int64, periodKey string) (Compliance, error) {
	if !canAnywhere(a, auth.PermLedgerView, school) {
		return Compliance{}, apperr.ForbiddenErr(string(auth.PermLedgerView))
	}
	per, err := ParsePeriod(periodKey)
	if err != nil {
		return Compliance{}, err
	}
	q := s.DB.Read()
	loc, err := schoolLocation(ctx, q, school)
	if err != nil {
		return Compliance{}, err
	}
	today := Today(s.Now(), loc)
	tree, err := loadUnitTree(ctx, q, school)
	if err != nil {
		return Compliance{}, err
	}
	targets, err := contactTargets(ctx, q, school)
	if err != nil {
		return Compliance{}, err
	}
	rows, err := q.QueryContext(ctx, `SELECT d.id, p.rule, p.name, d.period, d.due_on, d.status, COALESCE(d.inspection_id, 0), COALESCE(i.submitted_at, 0),
			d.owner_person_id, COALESCE(op.name, ''), COALESCE(op.unit_id, 0), d.owner_unit_id, COALESCE(ou.name, ''), COALESCE(hp.name, '')
		FROM due_inspections d JOIN inspection_plans p ON p.id = d.plan_id
		LEFT JOIN people op ON op.id = d.owner_person_id
		LEFT JOIN units ou ON ou.id = d.owner_unit_id
		LEFT JOIN people hp ON hp.id = ou.head_person_id
		LEFT JOIN inspections i ON i.id = d.inspection_id
		WHERE d.school_id = $1 AND p.rule <> '' AND d.starts_on <= $3 AND d.due_on >= $2`, school, per.Start, per.End)
	if err != nil {
		return Compliance{}, err
	}
	defer rows.Close()
	c := Compliance{Period: per}
	for rows.Next() {
		var r ComplianceRow
		var submitted, personUnit, ownerUnit int64
		var unitName string
		if err := rows.Scan(&r.DueID, &r.Rule, &r.PlanName, &r.Period, &r.DueOn, &r.Status, &r.InspectionID, &submitted,
			&r.PersonID, &r.OwnerName, &personUnit, &ownerUnit, &unitName, &r.HeadName); err != nil {
			return Compliance{}, err
		}
		r.Role = RoleLabel(r.Rule)
		if r.PersonID != 0 {
			r.UnitID = personUnit
			r.UnitName = tree.name(personUnit)
			if r.Rule == RuleSupervisor {
				r.Targets = strings.Join(targets[r.PersonID], "、")
			}
		} else {
			r.UnitID, r.UnitName, r.OwnerName = ownerUnit, unitName, unitName
		}
		if !auth.Can(a, auth.PermLedgerView, tree.scope(school, r.UnitID)) {
			continue
		}
		if p, err := ParsePeriod(r.Period); err == nil {
			r.PeriodLabel = p.Label
		}
		if submitted != 0 {
			r.SubmittedAt = time.UnixMilli(submitted).In(loc)
		}
		if r.Status == StatusOpen && r.DueOn < today {
			r.Status = StatusMissed
		}
		c.Rows = append(c.Rows, r)
	}
	if err := rows.Err(); err != nil {
		return Compliance{}, err
	}
	sortRows(c.Rows, tree)
	for _, r := range c.Rows {
		if r.PersonID == 0 {
			c.Units = append(c.Units, r)
		} else {
			c.People = append(c.People, r)
		}
		c.Summary.add(r.Status)
	}
	return c, nil
}

func (s *Summary) add(st string) {
	s.Total++
	switch st {
	case StatusDone:
		s.Done++
	case StatusLate:
		s.Late++
	case StatusMissed:
		s.Missed++
	default:
		s.Open++
	}
}

// sortRows orders rows by unit (tree order), then unit rows before
// people's, then person, then the period's start and the rule.
func sortRows(rs []ComplianceRow, tree unitTree) {
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if oa, ob := tree.order(a.UnitID), tree.order(b.UnitID); oa != ob {
			return oa < ob
		}
		if a.PersonID != b.PersonID {
			return a.PersonID < b.PersonID
		}
		if a.DueOn != b.DueOn {
			return a.DueOn < b.DueOn
		}
		return a.Rule < b.Rule
	})
}

// MayViewRhythm reports whether the actor may open the rhythm compliance
// page of school (the menu asks the same question the service does).
func MayViewRhythm(a *auth.Actor, school int64) bool {
	return canAnywhere(a, auth.PermLedgerView, school)
}

// canAnywhere reports whether the actor holds p at any scope of school, so
// that a unit head reaches the page and then sees their own unit's rows.
func canAnywhere(a *auth.Actor, p auth.Permission, school int64) bool {
	if a == nil {
		return false
	}
	for _, g := range a.Grants {
		if auth.RoleHas(g.Role, p) && (g.ScopeKind == auth.ScopeSystem || g.SchoolID == school) {
			return true
		}
	}
	return false
}

// contactTargets maps each supervising leader to the names of their
// contact-point units.
func contactTargets(ctx context.Context, q sqldb.Querier, school int64) (map[int64][]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT cp.leader_person_id, u.name FROM contact_points cp JOIN units u ON u.id = cp.unit_id
		WHERE cp.school_id = $1 ORDER BY cp.leader_person_id, u.sort_order, u.id`, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[id] = append(out[id], name)
	}
	return out, rows.Err()
}
