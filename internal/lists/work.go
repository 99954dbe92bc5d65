package lists

import (
	"context"
	"database/sql"
	"sort"

	"safecampus/internal/auth"
	"safecampus/internal/inspection"
	"safecampus/internal/plan"
	"safecampus/internal/sqldb"
	"safecampus/internal/task"
)

// Kinds of work-list rows.
const (
	KindTask       = "task"       // a campaign task (tasks table)
	KindInspection = "inspection" // an inspection due under a plan
)

// WorkItem is one row of the work list (工作清单). Status is open,
// overdue (open past its due date, or a missed inspection), done, late
// (an inspection done after its period) or cancelled.
type WorkItem struct {
	Kind             string
	ID               int64
	Title, Source    string // task title or plan name · task source or inspection kind
	Place            string
	UnitID, PersonID int64
	UnitName, Person string
	Period           string // the due inspection's period, e.g. 2026年3月
	StartsOn, DueOn  string
	Status           string
	InspectionID     int64 // the inspection that fulfilled a due row
	dueOrder         string
}

// KindLabel is the row's kind in Chinese.
func (w WorkItem) KindLabel() string {
	if w.Kind == KindTask {
		return "工作任务"
	}
	return "应检任务"
}

// StatusLabel is the row's status in Chinese.
func (w WorkItem) StatusLabel() string { return WorkStatusLabel(w.Status) }

// WorkStatusLabel is a work-list status in Chinese.
func WorkStatusLabel(s string) string {
	switch s {
	case "open":
		return "待办"
	case "overdue":
		return "已逾期"
	case "done":
		return "已完成"
	case "late":
		return "逾期完成"
	case "cancelled":
		return "已取消"
	}
	return s
}

// PageLimit is how many rows a list page shows; exports have no limit.
const PageLimit = 500

// WorkList is the work list: campaign tasks and inspections due, by unit
// and person. Filter fields: UnitID, PersonID (the owner, or the head of
// the owning unit when no person owns it), Status (WorkStatuses), Kind
// (WorkKinds), From/To (the due date; tasks without one always match).
// Truncated tells that more than PageLimit rows matched.
func (s *Service) WorkList(ctx context.Context, a *auth.Actor, school int64, f Filter) ([]WorkItem, bool, error) {
	items, err := s.work(ctx, s.reader(false), a, school, f, PageLimit+1)
	if len(items) > PageLimit {
		return items[:PageLimit], true, err
	}
	return items, false, err
}

func (s *Service) work(ctx context.Context, q sqldb.Querier, a *auth.Actor, school int64, f Filter, limit int) ([]WorkItem, error) {
	loc, err := schoolLocation(ctx, q, school)
	if err != nil {
		return nil, err
	}
	sc, err := resolveScope(ctx, q, a, school)
	if err != nil {
		return nil, err
	}
	sp, err := f.check(loc, WorkStatuses, WorkKinds)
	if err != nil {
		return nil, err
	}
	dir, err := loadDirectory(ctx, q, school)
	if err != nil {
		return nil, err
	}
	units, err := unitFilter(ctx, q, school, f)
	if err != nil {
		return nil, err
	}
	day := today(s.Now(), loc)
	var out []WorkItem
	if f.Kind != KindInspection {
		if out, err = workTasks(ctx, q, school, f, sp, sc, dir, units, day); err != nil {
			return nil, err
		}
	}
	if f.Kind != KindTask {
		due, err := workDue(ctx, q, school, f, sp, sc, dir, units, day, limit)
		if err != nil {
			return nil, err
		}
		out = append(out, due...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		x, y := out[i], out[j]
		if x.UnitName != y.UnitName {
			return x.UnitName < y.UnitName
		}
		if x.Person != y.Person {
			return x.Person < y.Person
		}
		if x.dueOrder != y.dueOrder {
			return x.dueOrder < y.dueOrder
		}
		if x.Kind != y.Kind {
			return x.Kind > y.Kind // tasks before inspections on the same day
		}
		return x.ID < y.ID
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// taskLimit bounds the tasks read at once; a school has hundreds.
const taskLimit = 100000

// workTasks reads the school's tasks through the task package and filters
// them in memory: tasks carry an owner unit or person, and unit heads see
// the tasks of their units' people too.
func workTasks(ctx context.Context, q sqldb.Querier, school int64, f Filter, sp span, sc scope, dir *directory, units []int64, day string) ([]WorkItem, error) {
	tf := task.Filter{SchoolID: school, Limit: taskLimit}
	switch f.Status {
	case "open", "overdue":
		tf.Status = task.StatusOpen
	case "done":
		tf.Status = task.StatusDone
	case "cancelled":
		tf.Status = task.StatusCancelled
	}
	tasks, err := task.List(ctx, q, tf)
	if err != nil {
		return nil, err
	}
	inUnits := idSet(units)
	var out []WorkItem
	for _, t := range tasks {
		unit := dir.ownerUnit(t.OwnerUnitID, t.OwnerPersonID)
		st := t.Status
		if t.Overdue(day) {
			st = "overdue"
		}
		switch {
		case f.Status != "" && st != f.Status,
			units != nil && !inUnits[unit],
			f.PersonID != 0 && !dir.owes(f.PersonID, t.OwnerUnitID, t.OwnerPersonID),
			t.DueOn != "" && sp.fromD != "" && t.DueOn < sp.fromD,
			t.DueOn != "" && sp.lastD != "" && t.DueOn > sp.lastD,
			!sc.allows(unit, 0, t.OwnerPersonID):
			continue
		}
		out = append(out, WorkItem{Kind: KindTask, ID: t.ID, Title: t.Title, Source: task.SourceLabel(t.SourceKind),
			UnitID: unit, UnitName: dir.unitName[unit], PersonID: t.OwnerPersonID, Person: dir.personName[t.OwnerPersonID],
			DueOn: t.DueOn, Status: st, dueOrder: dueOrder(t.DueOn)})
	}
	return out, nil
}

// dueUnit is the unit a due inspection belongs to: its owner unit, else
// the owner person's unit.
const dueUnit = `COALESCE(NULLIF(d.owner_unit_id, 0), op.unit_id, 0)`

func workDue(ctx context.Context, q sqldb.Querier, school int64, f Filter, sp span, sc scope, dir *directory, units []int64, day string, limit int) ([]WorkItem, error) {
	b := newBuilder(school)
	b.add("d.school_id = $1")
	switch f.Status {
	case "open":
		b.add("d.status = 'open' AND d.due_on >= " + b.arg(day))
	case "overdue":
		b.add("(d.status = 'missed' OR (d.status = 'open' AND d.due_on < " + b.arg(day) + "))")
	case "done":
		b.add("d.status IN ('done', 'late')")
	case "cancelled":
		return nil, nil // inspections due are never cancelled
	}
	if sp.fromD != "" {
		b.add("d.due_on >= " + b.arg(sp.fromD))
	}
	if sp.lastD != "" {
		b.add("d.due_on <= " + b.arg(sp.lastD))
	}
	if units != nil {
		b.add(dueUnit + " IN (" + b.list(units) + ")")
	}
	if f.PersonID != 0 {
		p := b.arg(f.PersonID)
		b.add("(d.owner_person_id = " + p + " OR (d.owner_person_id = 0 AND d.owner_unit_id IN (SELECT hu.id FROM units hu WHERE hu.school_id = $1 AND hu.head_person_id = " + p + ")))")
	}
	sc.cond(b, dueUnit, "d.place_id", "d.owner_person_id")
	query := `SELECT d.id, p.name, p.kind, COALESCE(pl.name, ''), d.period, d.starts_on, d.due_on, d.status, d.owner_person_id, ` + dueUnit + `,
		COALESCE(d.inspection_id, 0)
		FROM due_inspections d JOIN inspection_plans p ON p.id = d.plan_id
		LEFT JOIN places pl ON pl.id = d.place_id LEFT JOIN people op ON op.id = d.owner_person_id` + b.where() + ` ORDER BY d.due_on, d.id`
	if limit > 0 {
		query += " LIMIT " + b.arg(limit)
	}
	rows, err := q.QueryContext(ctx, query, b.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []WorkItem
	for rows.Next() {
		var w WorkItem
		var kind, period string
		var insp sql.NullInt64
		if err := rows.Scan(&w.ID, &w.Title, &kind, &w.Place, &period, &w.StartsOn, &w.DueOn, &w.Status, &w.PersonID, &w.UnitID, &insp); err != nil {
			return nil, err
		}
		w.Kind, w.Source, w.InspectionID = KindInspection, inspection.KindLabel(kind), insp.Int64
		w.UnitName, w.Person, w.dueOrder = dir.unitName[w.UnitID], dir.personName[w.PersonID], dueOrder(w.DueOn)
		if p, err := plan.ParsePeriod(period); err == nil {
			w.Period = p.Label
		} else {
			w.Period = period
		}
		if w.Status == plan.StatusMissed || (w.Status == plan.StatusOpen && w.DueOn < day) {
			w.Status = "overdue"
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// dueOrder sorts undated rows last.
func dueOrder(due string) string {
	if due == "" {
		return "9999"
	}
	return due
}

func idSet(ids []int64) map[int64]bool {
	m := make(map[int64]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}
