package checklist

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// ItemSet is a school's named list of item codes (a checklist for one kind
// of inspection). It follows the current version of each item.
type ItemSet struct {
	ID          int64    `json:"id"`
	SchoolID    int64    `json:"school_id"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Active      bool     `json:"active"`
	Codes       []string `json:"codes"` // filled by FindSet

	ItemCount int `json:"-"` // filled by ListSets
}

// ListSets returns the school's item sets with their item counts.
func (s *Service) ListSets(ctx context.Context, a *auth.Actor, school int64) ([]ItemSet, error) {
	if err := require(a, auth.PermOrgView, school); err != nil {
		return nil, err
	}
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT st.id, st.school_id, st.name, st.description, st.active,
		(SELECT COUNT(*) FROM item_set_items x WHERE x.set_id = st.id)
		FROM item_sets st WHERE st.school_id = $1 ORDER BY st.active DESC, st.name, st.id`, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ItemSet
	for rows.Next() {
		var st ItemSet
		if err := rows.Scan(&st.ID, &st.SchoolID, &st.Name, &st.Description, &st.Active, &st.ItemCount); err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

// FindSet returns one of the school's item sets with its codes in order.
func (s *Service) FindSet(ctx context.Context, a *auth.Actor, school, id int64) (ItemSet, error) {
	if err := require(a, auth.PermOrgView, school); err != nil {
		return ItemSet{}, err
	}
	return findSet(ctx, s.DB.Read(), school, id)
}

func findSet(ctx context.Context, q sqldb.Querier, school, id int64) (ItemSet, error) {
	var st ItemSet
	err := q.QueryRowContext(ctx, `SELECT id, school_id, name, description, active FROM item_sets WHERE id = $1 AND school_id = $2`, id, school).
		Scan(&st.ID, &st.SchoolID, &st.Name, &st.Description, &st.Active)
	if errors.Is(err, sql.ErrNoRows) {
		return st, apperr.NotFoundf("item_set.not_found", "检查表不存在。")
	}
	if err != nil {
		return st, err
	}
	st.Codes, err = setCodes(ctx, q, school, id)
	st.ItemCount = len(st.Codes)
	return st, err
}

// SaveSet creates (st.ID == 0) or renames/describes an item set. Its items
// are set with SetSetItems.
func (s *Service) SaveSet(ctx context.Context, a *auth.Actor, school int64, st ItemSet) (ItemSet, error) {
	if err := require(a, auth.PermChecklistManage, school); err != nil {
		return ItemSet{}, err
	}
	var fe fieldErrs
	st.Name, st.Description = strings.TrimSpace(st.Name), strings.TrimSpace(st.Description)
	if st.Name == "" {
		fe.add("name", "请填写检查表名称。")
	} else if utf8.RuneCountInString(st.Name) > 100 {
		fe.add("name", "检查表名称过长（最多 100 个字）。")
	}
	if utf8.RuneCountInString(st.Description) > 500 {
		fe.add("description", "说明过长（最多 500 个字）。")
	}
	if err := fe.err("item_set.invalid"); err != nil {
		return ItemSet{}, err
	}
	err := s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		return saveSet(ctx, tx, school, &st)
	})
	return st, err
}

func saveSet(ctx context.Context, tx *sqldb.Tx, school int64, st *ItemSet) (audit.Record, error) {
	rec := audit.Record{SchoolID: school, Entity: "item_set", Action: "item_set.create"}
	var taken int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM item_sets WHERE school_id = $1 AND name = $2`, school, st.Name).Scan(&taken)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return rec, err
	}
	if taken != 0 && taken != st.ID {
		return rec, apperr.Fields("item_set.name_taken", []apperr.FieldError{{Field: "name", Message: "已有同名的检查表。"}})
	}
	st.SchoolID = school
	if st.ID == 0 {
		st.Active = true
		err := tx.QueryRowContext(ctx, `INSERT INTO item_sets (school_id, name, description, active) VALUES ($1, $2, $3, TRUE) RETURNING id`,
			school, st.Name, st.Description).Scan(&st.ID)
		rec.EntityID, rec.After = st.ID, st
		return rec, err
	}
	old, err := findSet(ctx, tx, school, st.ID)
	if err != nil {
		return rec, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE item_sets SET name = $3, description = $4 WHERE id = $1 AND school_id = $2`,
		st.ID, school, st.Name, st.Description); err != nil {
		return rec, err
	}
	st.Active, st.Codes = old.Active, old.Codes
	rec.Action, rec.EntityID, rec.Before, rec.After = "item_set.update", st.ID, old, st
	return rec, nil
}

// SetSetItems replaces the items of a set by code, in the given order.
// Every code must be in the school's library.
func (s *Service) SetSetItems(ctx context.Context, a *auth.Actor, school, id int64, codes []string) error {
	if err := require(a, auth.PermChecklistManage, school); err != nil {
		return err
	}
	return s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		return setSetItems(ctx, tx, school, id, codes)
	})
}

func setSetItems(ctx context.Context, tx *sqldb.Tx, school, id int64, codes []string) (audit.Record, error) {
	rec := audit.Record{SchoolID: school, Entity: "item_set", EntityID: id, Action: "item_set.items"}
	old, err := findSet(ctx, tx, school, id)
	if err != nil {
		return rec, err
	}
	lib, err := listItems(ctx, tx, school)
	if err != nil {
		return rec, err
	}
	known := map[string]bool{}
	for _, it := range lib {
		known[it.Code] = true
	}
	var clean []string
	seen := map[string]bool{}
	for _, c := range codes {
		c = strings.ToUpper(strings.TrimSpace(c))
		if c == "" || seen[c] {
			continue
		}
		if !known[c] {
			return rec, apperr.Fields("item_set.unknown_code", []apperr.FieldError{{Field: "codes", Message: fmt.Sprintf("检查项 %s 不在本校检查项库中。", c)}})
		}
		seen[c] = true
		clean = append(clean, c)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM item_set_items WHERE set_id = $1 AND school_id = $2`, id, school); err != nil {
		return rec, err
	}
	for i, c := range clean {
		if _, err := tx.ExecContext(ctx, `INSERT INTO item_set_items (school_id, set_id, code, sort_order) VALUES ($1, $2, $3, $4)`,
			school, id, c, i+1); err != nil {
			return rec, err
		}
	}
	rec.Before = map[string]any{"codes": old.Codes}
	rec.After = map[string]any{"codes": clean}
	return rec, nil
}

// SetSetActive switches a set on or off; an inactive set is not offered
// for new plans or inspections.
func (s *Service) SetSetActive(ctx context.Context, a *auth.Actor, school, id int64, active bool) error {
	if err := require(a, auth.PermChecklistManage, school); err != nil {
		return err
	}
	return s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		old, err := findSet(ctx, tx, school, id)
		if err != nil {
			return audit.Record{}, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE item_sets SET active = $3 WHERE id = $1 AND school_id = $2`, id, school, active); err != nil {
			return audit.Record{}, err
		}
		return audit.Record{SchoolID: school, Entity: "item_set", EntityID: id, Action: "item_set.active",
			Before: map[string]any{"active": old.Active}, After: map[string]any{"active": active}}, nil
	})
}
