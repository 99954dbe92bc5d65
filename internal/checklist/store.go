package checklist

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"

	"safecampus/internal/sqldb"
)

const itemCols = `i.id, COALESCE(i.school_id, 0), i.code, i.area, i.title, i.place_types, i.photo_required_on_fail,
	i.default_level, i.version, COALESCE(i.replaces_id, 0), i.current, COALESCE(q.id, 0), COALESCE(q.code, ''), COALESCE(q.text, '')`

// loadItems returns the items matching where (over alias i) with their
// questions, in catalogue order. One query: a library is small (tens of
// items, a few hundred questions).
func loadItems(ctx context.Context, q sqldb.Querier, where string, args ...any) ([]Item, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+itemCols+` FROM check_items i LEFT JOIN check_questions q ON q.item_id = i.id
		WHERE `+where+` ORDER BY i.id, q.sort_order, q.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var items []Item
	for rows.Next() {
		var it Item
		var places string
		var qu Question
		if err := rows.Scan(&it.ID, &it.SchoolID, &it.Code, &it.Area, &it.Title, &places, &it.PhotoRequiredOnFail,
			&it.DefaultLevel, &it.Version, &it.ReplacesID, &it.Current, &qu.ID, &qu.Code, &qu.Text); err != nil {
			return nil, err
		}
		if n := len(items); n == 0 || items[n-1].ID != it.ID {
			it.PlaceTypes = splitPlaces(places)
			items = append(items, it)
		}
		if qu.ID != 0 {
			last := &items[len(items)-1]
			last.Questions = append(last.Questions, qu)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sortItems(items)
	return items, nil
}

// insertItem stores one version of an item with its questions and returns
// its id. school 0 stores a built-in item.
func insertItem(ctx context.Context, tx *sqldb.Tx, school int64, it Item, replaces int64, now time.Time) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO check_items (school_id, code, area, title, place_types, photo_required_on_fail,
		default_level, version, replaces_id, current, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, TRUE, $10) RETURNING id`,
		nullID(school), it.Code, string(it.Area), it.Title, strings.Join(it.PlaceTypes, ","), it.PhotoRequiredOnFail,
		it.DefaultLevel, it.Version, nullID(replaces), now.UnixMilli()).Scan(&id)
	if err != nil {
		return 0, err
	}
	for i, qu := range it.Questions {
		if _, err := tx.ExecContext(ctx, `INSERT INTO check_questions (item_id, code, text, sort_order) VALUES ($1, $2, $3, $4)`,
			id, qu.Code, qu.Text, i+1); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// sameContent reports whether two versions say the same thing, so storing
// b over a would be a no-op.
func sameContent(a, b Item) bool {
	if a.Area != b.Area || a.Title != b.Title || a.PhotoRequiredOnFail != b.PhotoRequiredOnFail ||
		a.DefaultLevel != b.DefaultLevel || strings.Join(a.PlaceTypes, ",") != strings.Join(b.PlaceTypes, ",") ||
		len(a.Questions) != len(b.Questions) {
		return false
	}
	for i := range a.Questions {
		if a.Questions[i].Code != b.Questions[i].Code || a.Questions[i].Text != b.Questions[i].Text {
			return false
		}
	}
	return true
}

func splitPlaces(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// sortItems orders items as the notice does: by area, then by the number
// after the area prefix (FIRE-2 before FIRE-10), then by code.
func sortItems(items []Item) {
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if ai, bi := areaIndex(a.Area), areaIndex(b.Area); ai != bi {
			return ai < bi
		}
		an, aok := codeNumber(a.Code)
		bn, bok := codeNumber(b.Code)
		if aok != bok {
			return aok // catalogue-style codes first
		}
		if aok && an != bn {
			return an < bn
		}
		return a.Code < b.Code
	})
}

func areaIndex(a Area) int {
	for i, x := range Areas {
		if x == a {
			return i
		}
	}
	return len(Areas)
}

// codeNumber parses the number of a code like "FIRE-10".
func codeNumber(code string) (int, bool) {
	i := strings.LastIndexByte(code, '-')
	if i < 0 {
		return 0, false
	}
	n, err := strconv.Atoi(code[i+1:])
	return n, err == nil
}
