package benchseed

import (
	"context"
	"database/sql"
	"fmt"

	"safecampus/internal/sqldb/bulk"
)

// organisation writes every school's campus, units (a department and five
// sections, repeated), places (each owned by a unit), people (spread over
// the units, the first of each unit its head) and, for the first school,
// the reporter accounts.
func (s *seeder) organisation(ctx context.Context) error {
	o := s.o
	return bulk.InTx(ctx, s.db, func(tx *sql.Tx) error {
		uid, err := bulk.NextID(ctx, tx, "units")
		if err != nil {
			return err
		}
		pid, err := bulk.NextID(ctx, tx, "people")
		if err != nil {
			return err
		}
		lid, err := bulk.NextID(ctx, tx, "places")
		if err != nil {
			return err
		}
		types := []string{"student_dormitory", "laboratory", "canteen", "teaching_building", "power_room", "office"}
		var units, people, places [][]any
		heads := map[int64]int64{}
		for k := range s.res.Schools {
			sc := &s.res.Schools[k]
			var campus int64
			if err := tx.QueryRowContext(ctx, `INSERT INTO campuses (school_id, name) VALUES ($1, '主校区') RETURNING id`, sc.ID).Scan(&campus); err != nil {
				return err
			}
			var parent int64
			for i := range o.Units {
				var p any
				if i%6 == 0 {
					parent = uid
				} else {
					p = parent
				}
				units = append(units, []any{uid, sc.ID, p, campus, fmt.Sprintf("部门%03d", i), "office", i})
				sc.Units = append(sc.Units, uid)
				uid++
			}
			sc.byUnit = map[int64][]int64{}
			for i := range o.People {
				u := sc.Units[i%len(sc.Units)]
				people = append(people, []any{pid, sc.ID, u, fmt.Sprintf("H%05d", i), fmt.Sprintf("教师%04d", i)})
				sc.People = append(sc.People, pid)
				sc.byUnit[u] = append(sc.byUnit[u], pid)
				if _, ok := heads[u]; !ok {
					heads[u] = pid
				}
				pid++
			}
			sc.unitOf = map[int64]int64{}
			for i := range o.Places {
				u := sc.Units[s.rnd.IntN(len(sc.Units))]
				places = append(places, []any{lid, sc.ID, campus, fmt.Sprintf("场所%04d", i), "room", types[i%len(types)], u})
				sc.Places = append(sc.Places, lid)
				sc.unitOf[lid] = u
				lid++
			}
		}
		if err := bulk.Insert(ctx, tx, "units", []string{"id", "school_id", "parent_id", "campus_id", "name", "kind", "sort_order"}, units); err != nil {
			return err
		}
		if err := bulk.Insert(ctx, tx, "people", []string{"id", "school_id", "unit_id", "staff_no", "name"}, people); err != nil {
			return err
		}
		if err := bulk.Insert(ctx, tx, "places", []string{"id", "school_id", "campus_id", "name", "level", "place_type", "unit_id"}, places); err != nil {
			return err
		}
		for u, p := range heads {
			if _, err := tx.ExecContext(ctx, `UPDATE units SET head_person_id = $1 WHERE id = $2`, p, u); err != nil {
				return err
			}
		}
		return s.reporters(ctx, tx)
	})
}

// reporters writes the first school's reporter accounts. They cannot log
// in ('!' is no password hash): the create benchmark acts as them.
func (s *seeder) reporters(ctx context.Context, tx *sql.Tx) error {
	sc := s.res.Schools[0]
	id, err := bulk.NextID(ctx, tx, "accounts")
	if err != nil {
		return err
	}
	var accounts, grants [][]any
	now := s.o.Now.UnixMilli()
	for i := range min(s.o.Reporters, len(sc.People)) {
		person := sc.People[i*len(sc.People)/max(1, s.o.Reporters)]
		accounts = append(accounts, []any{id, fmt.Sprintf("%s_rep%03d", s.o.CodePrefix, i), fmt.Sprintf("上报人%03d", i), "!", sc.ID, person, now, now})
		grants = append(grants, []any{id, "grid_member", sc.ID, "school", 0})
		s.res.Reporters = append(s.res.Reporters, Reporter{AccountID: id, PersonID: person})
		id++
	}
	if len(accounts) == 0 {
		return nil
	}
	if err := bulk.Insert(ctx, tx, "accounts", []string{"id", "username", "display_name", "password_hash", "school_id", "person_id", "created_at", "password_changed_at"}, accounts); err != nil {
		return err
	}
	return bulk.Insert(ctx, tx, "role_grants", []string{"account_id", "role", "school_id", "scope_kind", "scope_id"}, grants)
}
