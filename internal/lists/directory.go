package lists

import (
	"context"

	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// directory is the names of a school's units and people, loaded once per
// call for the lists that are assembled in memory (tasks, duties).
type directory struct {
	unitName   map[int64]string
	unitHead   map[int64]int64
	personName map[int64]string
	personUnit map[int64]int64
}

func loadDirectory(ctx context.Context, q sqldb.Querier, school int64) (*directory, error) {
	d := &directory{unitName: map[int64]string{}, unitHead: map[int64]int64{}, personName: map[int64]string{}, personUnit: map[int64]int64{}}
	rows, err := q.QueryContext(ctx, `SELECT id, name, COALESCE(head_person_id, 0) FROM units WHERE school_id = $1`, school)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id, head int64
		var name string
		if err := rows.Scan(&id, &name, &head); err != nil {
			rows.Close()
			return nil, err
		}
		d.unitName[id], d.unitHead[id] = name, head
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, `SELECT id, name, COALESCE(unit_id, 0) FROM people WHERE school_id = $1`, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, unit int64
		var name string
		if err := rows.Scan(&id, &name, &unit); err != nil {
			return nil, err
		}
		d.personName[id], d.personUnit[id] = name, unit
	}
	return d, rows.Err()
}

// ownerUnit is the unit a row owned by unit and/or person belongs to: the
// unit when set, else the person's unit.
func (d *directory) ownerUnit(unit, person int64) int64 {
	if unit != 0 {
		return unit
	}
	return d.personUnit[person]
}

// owes reports whether person answers for a row owned by (unit, owner):
// they own it, or it is owned by a unit they head and no one in person.
func (d *directory) owes(person, unit, owner int64) bool {
	return owner == person || (owner == 0 && unit != 0 && d.unitHead[unit] == person)
}

// Person is a choice of the lists' person filter.
type Person struct {
	ID         int64
	Name, Unit string
}

// People lists the school's active people an actor may filter the lists
// by: everyone for school-wide viewers, else the people of the units in
// reach and the actor. In unit, then name order.
func (s *Service) People(ctx context.Context, a *auth.Actor, school int64) ([]Person, error) {
	q := s.reader(false)
	sc, err := resolveScope(ctx, q, a, school)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT p.id, p.name, COALESCE(p.unit_id, 0), COALESCE(u.name, '') FROM people p
		LEFT JOIN units u ON u.id = p.unit_id WHERE p.school_id = $1 AND p.active ORDER BY u.name, p.name, p.id`, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Person
	for rows.Next() {
		var p Person
		var unit int64
		if err := rows.Scan(&p.ID, &p.Name, &unit, &p.Unit); err != nil {
			return nil, err
		}
		if sc.allows(unit, 0, p.ID) {
			out = append(out, p)
		}
	}
	return out, rows.Err()
}
