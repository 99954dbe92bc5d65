package lists

import (
	"context"

	"safecampus/internal/sqldb"
	"safecampus/internal/task"
)

// The readers of each kind of duty. Each reads the school's rows of one
// table and hands every (holder, duty) pair to the collector.

func placeDuties(ctx context.Context, q sqldb.Querier, school int64, _ string, c *dutyCollector) error {
	return each(ctx, q, `SELECT id, name, COALESCE(unit_id, 0), COALESCE(responsible_person_id, 0) FROM places
		WHERE school_id = $1 AND active ORDER BY id`, []any{school}, func(scan func(...any) error) error {
		var id, unit, person int64
		var name string
		if err := scan(&id, &name, &unit, &person); err != nil {
			return err
		}
		if unit != 0 {
			c.add(unit, 0, id, Duty{Kind: DutyPlace, ItemID: id, Item: name, Detail: "场所管理单位"})
		}
		if person != 0 {
			c.add(0, person, id, Duty{Kind: DutyPlace, ItemID: id, Item: name, Detail: "区域安全责任人"})
		}
		return nil
	})
}

func gridDuties(ctx context.Context, q sqldb.Querier, school int64, _ string, c *dutyCollector) error {
	err := each(ctx, q, `SELECT id, name, COALESCE(leader_person_id, 0) FROM grids WHERE school_id = $1 AND active ORDER BY id`,
		[]any{school}, func(scan func(...any) error) error {
			var id, leader int64
			var name string
			if err := scan(&id, &name, &leader); err != nil {
				return err
			}
			if leader != 0 {
				c.add(0, leader, 0, Duty{Kind: DutyGridLeader, ItemID: id, Item: name})
			}
			return nil
		})
	if err != nil {
		return err
	}
	return each(ctx, q, `SELECT g.id, g.name, gm.person_id FROM grid_members gm JOIN grids g ON g.id = gm.grid_id
		WHERE gm.school_id = $1 AND g.active ORDER BY g.id, gm.person_id`, []any{school}, func(scan func(...any) error) error {
		var id, person int64
		var name string
		if err := scan(&id, &name, &person); err != nil {
			return err
		}
		c.add(0, person, 0, Duty{Kind: DutyGridMember, ItemID: id, Item: name})
		return nil
	})
}

func hazardDuties(ctx context.Context, q sqldb.Querier, school int64, day string, c *dutyCollector) error {
	b := newBuilder(school)
	return each(ctx, q, `SELECT id, number, description, deadline, overdue, status, COALESCE(unit_id, 0), COALESCE(responsible_person_id, 0),
		COALESCE(place_id, 0) FROM hazards WHERE school_id = $1 AND status IN (`+openList(b)+`) ORDER BY id`, b.args,
		func(scan func(...any) error) error {
			var id, unit, person, place int64
			var number, desc, deadline, status string
			var overdue bool
			if err := scan(&id, &number, &desc, &deadline, &overdue, &status, &unit, &person, &place); err != nil {
				return err
			}
			d := Duty{Kind: DutyHazard, ItemID: id, Item: number + " " + desc, Detail: hazardStatusLabel(status), DueOn: deadline,
				Overdue: overdue || (deadline != "" && deadline < day)}
			if unit != 0 {
				c.add(unit, 0, place, d)
			}
			if person != 0 {
				c.add(0, person, place, d)
			}
			return nil
		})
}

func taskDuties(ctx context.Context, q sqldb.Querier, school int64, day string, c *dutyCollector) error {
	tasks, err := task.List(ctx, q, task.Filter{SchoolID: school, Status: task.StatusOpen, Limit: taskLimit})
	if err != nil {
		return err
	}
	for _, t := range tasks {
		d := Duty{Kind: DutyTask, ItemID: t.ID, Item: t.Title, Detail: task.SourceLabel(t.SourceKind), DueOn: t.DueOn, Overdue: t.Overdue(day)}
		if t.OwnerUnitID != 0 {
			c.add(t.OwnerUnitID, 0, 0, d)
		}
		if t.OwnerPersonID != 0 {
			c.add(0, t.OwnerPersonID, 0, d)
		}
	}
	return nil
}

// dueDuties: an inspection due is owed by its person, else by its unit.
func dueDuties(ctx context.Context, q sqldb.Querier, school int64, day string, c *dutyCollector) error {
	return each(ctx, q, `SELECT d.id, p.name, COALESCE(pl.name, ''), d.due_on, d.owner_person_id, d.owner_unit_id, d.place_id
		FROM due_inspections d JOIN inspection_plans p ON p.id = d.plan_id LEFT JOIN places pl ON pl.id = d.place_id
		WHERE d.school_id = $1 AND d.status = 'open' ORDER BY d.due_on, d.id`, []any{school}, func(scan func(...any) error) error {
		var id, person, unit, place int64
		var name, placeName, due string
		if err := scan(&id, &name, &placeName, &due, &person, &unit, &place); err != nil {
			return err
		}
		d := Duty{Kind: DutyInspection, ItemID: id, Item: name, Detail: placeName, DueOn: due, Overdue: due < day}
		if person != 0 {
			c.add(0, person, place, d)
		} else if unit != 0 {
			c.add(unit, 0, place, d)
		}
		return nil
	})
}

// each runs query and calls fn for every row with the row's Scan.
func each(ctx context.Context, q sqldb.Querier, query string, args []any, fn func(scan func(...any) error) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
}
