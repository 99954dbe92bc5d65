package demo

import (
	"fmt"
	"time"

	"safecampus/internal/org"
	"safecampus/internal/plan"
)

// rhythmHistoryMonths is how many months before today the demo school has
// been on the RUL-4 rhythm: the scheduler's work is replayed at the start
// of each of them, so earlier months, quarters and half-years are owed and,
// where no inspection settles them, shown as missed.
const rhythmHistoryMonths = 2

// loadPlans gives the demo school two custom plans — the fire control room
// checked daily, the dormitory buildings weekly — and the due inspections
// of the built-in rhythm (the leaders' and units' plans), as the scheduler
// would have made them had it run since rhythmHistoryMonths ago. It runs
// after the accounts (the rhythm's leaders are the accounts' people) and
// before any loader that links inspections to what they fulfil.
func (l *loader) loadPlans() {
	if l.err != nil {
		return
	}
	svc := plan.NewService(l.org.DB, l.org.Now)
	now := l.org.Now()
	loc := time.FixedZone("CST", 8*3600)
	if tz, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		loc = tz
	}
	// Replay the scheduler at 00:10 on the first of each earlier month.
	y, m, _ := now.In(loc).Date()
	for k := rhythmHistoryMonths; k >= 1; k-- {
		at := time.Date(y, m-time.Month(k), 1, 0, 10, 0, 0, loc)
		if _, err := svc.Generate(l.ctx, l.school, at); err != nil {
			l.err = fmt.Errorf("demo rhythm at %s: %w", at.Format("2006-01-02"), err)
			return
		}
	}
	room := l.placeIDs(org.PlaceFilter{Query: "消防控制室", Type: "fire_control_room"}, org.PlaceArea)
	dorms := l.placeIDs(org.PlaceFilter{Type: "student_dormitory"}, org.PlaceBuilding)
	if l.err != nil {
		return
	}
	today := plan.Today(now, loc)
	for _, p := range []plan.Plan{
		{Name: "消防控制室每日巡查", Kind: "grid_patrol", Recurrence: plan.Daily, StartDate: today,
			AssigneePersonID: l.nameRef(l.person, "刘洋", "person"), AssigneeUnitID: l.nameRef(l.unit, "安全保卫处", "unit"), PlaceIDs: room},
		{Name: "宿舍楼每周安全检查", Kind: "special", Recurrence: plan.Weekly, StartDate: today,
			AssigneePersonID: l.nameRef(l.person, "何静", "person"), AssigneeUnitID: l.nameRef(l.unit, "学生处", "unit"), PlaceIDs: dorms},
	} {
		if l.err != nil {
			return
		}
		if _, err := svc.SavePlan(l.ctx, l.sys, l.school, p); err != nil {
			l.err = fmt.Errorf("demo plan %s: %w", p.Name, err)
			return
		}
	}
	if _, err := svc.Generate(l.ctx, l.school, now); err != nil {
		l.err = fmt.Errorf("demo due inspections: %w", err)
	}
}

// placeIDs lists the active places matching f at level; none is an error,
// since a plan without its places would silently owe one inspection only.
func (l *loader) placeIDs(f org.PlaceFilter, level org.PlaceLevel) []int64 {
	if l.err != nil {
		return nil
	}
	ps, err := l.org.ListPlaces(l.ctx, l.sys, l.school, f)
	if err != nil {
		l.err = err
		return nil
	}
	var ids []int64
	for _, p := range ps {
		if p.Active && p.Level == level {
			ids = append(ids, p.ID)
		}
	}
	if len(ids) == 0 {
		l.err = fmt.Errorf("demo data: no %s place matches %+v", level, f)
	}
	return ids
}
