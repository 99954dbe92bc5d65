package patrol

import (
	"context"
	"sort"
	"strconv"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/sqldb"
)

// Entry is a place with its check point, if it has one (Point.ID 0).
type Entry struct {
	PlaceID     int64
	ParentID    int64
	PlaceName   string
	PlaceType   org.PlaceType
	PlaceCode   string
	PlaceActive bool
	Depth       int
	GridNames   []string
	Point       CheckPoint
}

// CheckPointFilter narrows ListCheckPoints.
type CheckPointFilter struct {
	BuildingID int64 // the building (any place) and everything below it
	GridID     int64 // the places the grid covers directly
	Pointed    bool  // only places with an active check point on an active place (labels)
}

// ListCheckPoints lists the school's places with their check points, in
// tree order. Tokens are capabilities, so only organisation managers see
// them.
func (s *Service) ListCheckPoints(ctx context.Context, a *auth.Actor, school int64, f CheckPointFilter) ([]Entry, error) {
	if err := require(a, auth.PermOrgManage, auth.SchoolScope(school)); err != nil {
		return nil, err
	}
	q := s.DB.Read()
	args := []any{school}
	with, where := "", ""
	if f.BuildingID != 0 {
		args = append(args, f.BuildingID)
		with = `WITH RECURSIVE sub(id, n) AS (
			SELECT id, 0 FROM places WHERE id = $2 AND school_id = $1
			UNION ALL SELECT p.id, sub.n + 1 FROM places p JOIN sub ON p.parent_id = sub.id WHERE sub.n < 64) `
		where += ` AND p.id IN (SELECT id FROM sub)`
	}
	if f.GridID != 0 {
		args = append(args, f.GridID)
		where += ` AND p.id IN (SELECT place_id FROM grid_places WHERE school_id = $1 AND grid_id = $` + strconv.Itoa(len(args)) + `)`
	}
	if f.Pointed {
		where += ` AND cp.active AND p.active`
	}
	rows, err := q.QueryContext(ctx, with+`SELECT p.id, COALESCE(p.parent_id, 0), p.name, p.place_type, p.code, p.active,
			COALESCE(cp.id, 0), COALESCE(cp.token, ''), COALESCE(cp.active, FALSE), COALESCE(cp.created_at, 0)
		FROM places p LEFT JOIN check_points cp ON cp.place_id = p.id
		WHERE p.school_id = $1`+where+` ORDER BY p.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		var e Entry
		var at int64
		if err := rows.Scan(&e.PlaceID, &e.ParentID, &e.PlaceName, &e.PlaceType, &e.PlaceCode, &e.PlaceActive,
			&e.Point.ID, &e.Point.Token, &e.Point.Active, &at); err != nil {
			return nil, err
		}
		if e.Point.ID != 0 {
			e.Point.SchoolID, e.Point.PlaceID, e.Point.CreatedAt = school, e.PlaceID, time.UnixMilli(at).UTC()
			e.Point.PlaceName, e.Point.PlaceType, e.Point.PlaceCode, e.Point.PlaceActive = e.PlaceName, string(e.PlaceType), e.PlaceCode, e.PlaceActive
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := addGridNames(ctx, q, school, out); err != nil {
		return nil, err
	}
	return treeOrder(out), nil
}

// addGridNames fills each entry's grids (a place may sit in several).
func addGridNames(ctx context.Context, q sqldb.Querier, school int64, es []Entry) error {
	rows, err := q.QueryContext(ctx, `SELECT gp.place_id, g.name FROM grid_places gp JOIN grids g ON g.id = gp.grid_id
		WHERE gp.school_id = $1 AND g.active ORDER BY g.id`, school)
	if err != nil {
		return err
	}
	defer rows.Close()
	names := map[int64][]string{}
	for rows.Next() {
		var id int64
		var n string
		if err := rows.Scan(&id, &n); err != nil {
			return err
		}
		names[id] = append(names[id], n)
	}
	for i := range es {
		es[i].GridNames = names[es[i].PlaceID]
	}
	return rows.Err()
}

// treeOrder puts children right after their parent (depth-first, by id); an
// entry whose parent was filtered out starts a tree of its own.
func treeOrder(es []Entry) []Entry {
	present := map[int64]bool{}
	kids := map[int64][]int{}
	for i, e := range es {
		present[e.PlaceID] = true
		kids[e.ParentID] = append(kids[e.ParentID], i)
	}
	var roots []int
	for i, e := range es {
		if e.ParentID == 0 || !present[e.ParentID] {
			roots = append(roots, i)
		}
	}
	sort.Ints(roots)
	out := make([]Entry, 0, len(es))
	var walk func(i, depth int)
	walk = func(i, depth int) {
		e := es[i]
		e.Depth = depth
		out = append(out, e)
		if depth < 64 {
			for _, k := range kids[e.PlaceID] {
				walk(k, depth+1)
			}
		}
	}
	for _, r := range roots {
		walk(r, 0)
	}
	return out
}
