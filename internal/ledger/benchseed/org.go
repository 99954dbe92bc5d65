package benchseed

import (
	"context"
	"database/sql"
	"fmt"

	"safecampus/internal/sqldb/bulk"
)

// organisation writes units (groups of a department and five sections),
// places (each belonging to a unit), people and the inspector accounts.
func (s *seeder) organisation(ctx context.Context) error {
	o := s.o
	return bulk.InTx(ctx, s.db, func(tx *sql.Tx) error {
		var campus int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO campuses (school_id, name) VALUES ($1, '主校区') RETURNING id`, s.school).Scan(&campus); err != nil {
			return err
		}
		id, err := bulk.NextID(ctx, tx, "units")
		if err != nil {
			return err
		}
		var units [][]any
		var parent int64
		for i := range o.Units {
			var p any
			if i%6 == 0 {
				parent = id
			} else {
				p = parent
			}
			units = append(units, []any{id, s.school, p, campus, fmt.Sprintf("部门%03d", i), "office", i})
			s.res.Units = append(s.res.Units, id)
			id++
		}
		if err := bulk.Insert(ctx, tx, "units", []string{"id", "school_id", "parent_id", "campus_id", "name", "kind", "sort_order"}, units); err != nil {
			return err
		}
		if id, err = bulk.NextID(ctx, tx, "people"); err != nil {
			return err
		}
		var people [][]any
		for i := range o.People {
			people = append(people, []any{id, s.school, s.res.Units[i%len(s.res.Units)], fmt.Sprintf("B%05d", i), fmt.Sprintf("教师%04d", i)})
			s.people = append(s.people, id)
			id++
		}
		if err := bulk.Insert(ctx, tx, "people", []string{"id", "school_id", "unit_id", "staff_no", "name"}, people); err != nil {
			return err
		}
		if id, err = bulk.NextID(ctx, tx, "places"); err != nil {
			return err
		}
		types := []string{"dormitory", "laboratory", "canteen", "teaching_building", "power_room", "office"}
		var places [][]any
		s.unitOf = map[int64]int64{}
		for i := range o.Places {
			u := s.res.Units[s.rnd.IntN(len(s.res.Units))]
			places = append(places, []any{id, s.school, campus, fmt.Sprintf("场所%04d", i), "room", types[i%len(types)], u})
			s.res.Places = append(s.res.Places, id)
			s.unitOf[id] = u
			id++
		}
		if err := bulk.Insert(ctx, tx, "places", []string{"id", "school_id", "campus_id", "name", "level", "place_type", "unit_id"}, places); err != nil {
			return err
		}
		// Inspector accounts cannot log in ('!' is no password hash): the
		// submission benchmark acts as them directly.
		if id, err = bulk.NextID(ctx, tx, "accounts"); err != nil {
			return err
		}
		var accounts, grants [][]any
		now := o.Now.UnixMilli()
		for i := range o.Inspectors {
			person := s.people[i*len(s.people)/o.Inspectors]
			accounts = append(accounts, []any{id, fmt.Sprintf("%s_insp%03d", o.Code, i), fmt.Sprintf("检查员%03d", i), "!", s.school, person, now, now})
			grants = append(grants, []any{id, "grid_member", s.school, "school", 0})
			s.res.Inspectors = append(s.res.Inspectors, Inspector{AccountID: id, PersonID: person})
			id++
		}
		if err := bulk.Insert(ctx, tx, "accounts", []string{"id", "username", "display_name", "password_hash", "school_id", "person_id", "created_at", "password_changed_at"}, accounts); err != nil {
			return err
		}
		return bulk.Insert(ctx, tx, "role_grants", []string{"account_id", "role", "school_id", "scope_kind", "scope_id"}, grants)
	})
}
