package lists

import (
	"context"
	"sort"

	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// Kinds of duty in the responsibility list.
const (
	DutyPlace      = "place"       // a place the unit manages or the person is responsible for
	DutyGridLeader = "grid_leader" // a grid the person leads
	DutyGridMember = "grid_member" // a grid the person belongs to
	DutyHazard     = "hazard"      // an open hazard the unit owns or the person is responsible for
	DutyTask       = "task"        // an open task the unit or person owes
	DutyInspection = "inspection"  // an open inspection due
)

// Duty is one thing a unit or a person answers for. PersonID is 0 for
// the duties of a unit as a whole; a person's duties carry their unit.
type Duty struct {
	UnitID, PersonID int64
	UnitName, Person string
	Kind             string
	ItemID           int64
	Item, Detail     string
	DueOn            string
	Overdue          bool
}

// KindLabel is the duty's kind in Chinese.
func (d Duty) KindLabel() string { return DutyLabel(d.Kind) }

// DutyLabel is a kind of duty in Chinese.
func DutyLabel(k string) string {
	switch k {
	case DutyPlace:
		return "责任场所"
	case DutyGridLeader:
		return "网格长"
	case DutyGridMember:
		return "网格员"
	case DutyHazard:
		return "未销号隐患"
	case DutyTask:
		return "待办任务"
	case DutyInspection:
		return "应检任务"
	}
	return k
}

// Holder is one unit (PersonID 0) or person with the number of duties of
// each kind.
type Holder struct {
	UnitID, PersonID                     int64
	UnitName, Person                     string
	Places, Grids, Hazards, OverdueCount int
	Tasks, Inspections                   int
}

// Responsibility is the responsibility list (责任清单): for each unit and
// person, the places, grids, open hazards, open tasks and open inspections
// due they answer for. Holders are in unit order, each unit before its
// people; Duties in the same order.
type Responsibility struct {
	Holders []Holder
	Duties  []Duty
}

// ResponsibilityList builds the list. Filter fields: UnitID (holders in
// the unit and its sub-units), PersonID (that person's own duties), Kind
// (DutyKinds).
func (s *Service) ResponsibilityList(ctx context.Context, a *auth.Actor, school int64, f Filter) (Responsibility, error) {
	return s.responsibility(ctx, s.reader(false), a, school, f)
}

func (s *Service) responsibility(ctx context.Context, q sqldb.Querier, a *auth.Actor, school int64, f Filter) (Responsibility, error) {
	loc, err := schoolLocation(ctx, q, school)
	if err != nil {
		return Responsibility{}, err
	}
	sc, err := resolveScope(ctx, q, a, school)
	if err != nil {
		return Responsibility{}, err
	}
	if _, err := f.check(loc, nil, DutyKinds); err != nil {
		return Responsibility{}, err
	}
	dir, err := loadDirectory(ctx, q, school)
	if err != nil {
		return Responsibility{}, err
	}
	units, err := unitFilter(ctx, q, school, f)
	if err != nil {
		return Responsibility{}, err
	}
	c := &dutyCollector{f: f, sc: sc, dir: dir, inUnits: idSet(units), anyUnit: units == nil}
	for _, load := range []func(context.Context, sqldb.Querier, int64, string, *dutyCollector) error{
		placeDuties, gridDuties, hazardDuties, taskDuties, dueDuties,
	} {
		if err := load(ctx, q, school, today(s.Now(), loc), c); err != nil {
			return Responsibility{}, err
		}
	}
	return c.result(), nil
}

// dutyCollector filters duties as they are read and counts them per holder.
type dutyCollector struct {
	f       Filter
	sc      scope
	dir     *directory
	inUnits map[int64]bool
	anyUnit bool
	duties  []Duty
}

// add records a duty of a unit (person 0) or of a person (unit 0: the
// person's own unit), if the filter and the actor's scope let it through.
// place is the duty's place, for place- and grid-scoped viewers.
func (c *dutyCollector) add(unit, person, place int64, d Duty) {
	if person != 0 {
		unit = c.dir.personUnit[person]
	}
	switch {
	case c.f.Kind != "" && d.Kind != c.f.Kind,
		!c.anyUnit && !c.inUnits[unit],
		c.f.PersonID != 0 && person != c.f.PersonID,
		!c.sc.allows(unit, place, person):
		return
	}
	d.UnitID, d.PersonID, d.UnitName, d.Person = unit, person, c.dir.unitName[unit], c.dir.personName[person]
	c.duties = append(c.duties, d)
}

func (c *dutyCollector) result() Responsibility {
	order := []string{DutyPlace, DutyGridLeader, DutyGridMember, DutyHazard, DutyTask, DutyInspection}
	rank := map[string]int{}
	for i, k := range order {
		rank[k] = i
	}
	ds := c.duties
	sort.SliceStable(ds, func(i, j int) bool {
		x, y := ds[i], ds[j]
		switch {
		case x.UnitName != y.UnitName:
			return x.UnitName < y.UnitName
		case x.UnitID != y.UnitID:
			return x.UnitID < y.UnitID
		case (x.PersonID == 0) != (y.PersonID == 0):
			return x.PersonID == 0 // the unit's own duties first
		case x.Person != y.Person:
			return x.Person < y.Person
		case x.PersonID != y.PersonID:
			return x.PersonID < y.PersonID
		case x.Kind != y.Kind:
			return rank[x.Kind] < rank[y.Kind]
		case x.DueOn != y.DueOn:
			return dueOrder(x.DueOn) < dueOrder(y.DueOn)
		}
		return x.ItemID < y.ItemID
	})
	var r Responsibility
	r.Duties = ds
	for _, d := range ds {
		n := len(r.Holders)
		if n == 0 || r.Holders[n-1].UnitID != d.UnitID || r.Holders[n-1].PersonID != d.PersonID {
			r.Holders = append(r.Holders, Holder{UnitID: d.UnitID, PersonID: d.PersonID, UnitName: d.UnitName, Person: d.Person})
			n++
		}
		h := &r.Holders[n-1]
		switch d.Kind {
		case DutyPlace:
			h.Places++
		case DutyGridLeader, DutyGridMember:
			h.Grids++
		case DutyHazard:
			h.Hazards++
			if d.Overdue {
				h.OverdueCount++
			}
		case DutyTask:
			h.Tasks++
		case DutyInspection:
			h.Inspections++
		}
	}
	return r
}
