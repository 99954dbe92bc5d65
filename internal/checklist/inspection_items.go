package checklist

import (
	"context"

	"safecampus/internal/apperr"
	"safecampus/internal/sqldb"
)

// ItemsForInspection returns the current, enabled items (with questions)
// an inspection asks: those of the item set when setID is not 0, in the
// set's order, else every item applying to placeType (items without place
// types apply everywhere; placeType "" takes all). q may be a transaction
// so the inspection snapshot and its answers agree.
func (s *Service) ItemsForInspection(ctx context.Context, q sqldb.Querier, school, setID int64, placeType string) ([]Item, error) {
	if q == nil {
		q = s.DB.Read()
	}
	return itemsForInspection(ctx, q, school, setID, placeType)
}

func itemsForInspection(ctx context.Context, q sqldb.Querier, school, setID int64, placeType string) ([]Item, error) {
	if setID != 0 {
		return setItemsForInspection(ctx, q, school, setID)
	}
	items, err := loadItems(ctx, q, effective+enabled, school)
	if err != nil {
		return nil, err
	}
	if placeType == "" {
		return items, nil
	}
	out := items[:0]
	for _, it := range items {
		if appliesTo(it, placeType) {
			out = append(out, it)
		}
	}
	return out, nil
}

func setItemsForInspection(ctx context.Context, q sqldb.Querier, school, setID int64) ([]Item, error) {
	codes, err := setCodes(ctx, q, school, setID)
	if err != nil {
		return nil, err
	}
	items, err := loadItems(ctx, q, effective+enabled+
		` AND i.code IN (SELECT code FROM item_set_items WHERE set_id = $2 AND school_id = $1)`, school, setID)
	if err != nil {
		return nil, err
	}
	byCode := make(map[string]Item, len(items))
	for _, it := range items {
		byCode[it.Code] = it
	}
	out := make([]Item, 0, len(items))
	for _, c := range codes {
		if it, ok := byCode[c]; ok {
			out = append(out, it)
		}
	}
	return out, nil
}

// setCodes returns the codes of a school's item set in order; a set of
// another school is NotFound.
func setCodes(ctx context.Context, q sqldb.Querier, school, setID int64) ([]string, error) {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM item_sets WHERE id = $1 AND school_id = $2`, setID, school).Scan(&n); err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, apperr.NotFoundf("item_set.not_found", "检查表不存在。")
	}
	rows, err := q.QueryContext(ctx, `SELECT code FROM item_set_items WHERE set_id = $1 AND school_id = $2 ORDER BY sort_order, code`, setID, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var codes []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		codes = append(codes, c)
	}
	return codes, rows.Err()
}

// appliesTo reports whether an item is asked at a place of type t.
func appliesTo(it Item, t string) bool {
	if len(it.PlaceTypes) == 0 {
		return true
	}
	for _, p := range it.PlaceTypes {
		if p == t {
			return true
		}
	}
	return false
}
