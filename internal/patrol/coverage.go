package patrol

import (
	"context"
	"sort"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/sqldb"
)

// MaxCoverageDays bounds one coverage matrix.
const MaxCoverageDays = 62

// Cell is one grid on one day: Met of its Total counted places reached
// their target.
type Cell struct {
	Day   string
	Met   int
	Total int
}

// Class is the colour of the cell: ok (all met), warn (at least half),
// bad (fewer), "" (nothing to count).
func (c Cell) Class() string {
	switch {
	case c.Total == 0:
		return ""
	case c.Met == c.Total:
		return "ok"
	case 2*c.Met >= c.Total:
		return "warn"
	}
	return "bad"
}

// PlaceCoverage is one counted place of a grid: its target and its patrol
// count on each day of the matrix.
type PlaceCoverage struct {
	PlaceID int64
	Name    string
	Type    org.PlaceType
	Target  int
	Counts  []int // one per day of the matrix
}

// Met reports whether the place met its target on day index i.
func (p PlaceCoverage) Met(i int) bool { return p.Counts[i] >= p.Target }

// Row is one grid of the matrix.
type Row struct {
	GridID    int64
	GridName  string
	Depth     int
	Cells     []Cell
	Places    []PlaceCoverage
	Unpointed []string // places with a target but no active check point
}

// Matrix is the grid × day coverage table.
type Matrix struct {
	From, To string
	Days     []string
	Rows     []Row
}

// Coverage computes the matrix for the grid gridID and its sub-grids (all
// active grids when 0) from fromDay to toDay inclusive ('YYYY-MM-DD', the
// school's days).
func (s *Service) Coverage(ctx context.Context, a *auth.Actor, school, gridID int64, fromDay, toDay string) (Matrix, error) {
	if !holds(a, auth.PermLedgerView, school) {
		return Matrix{}, apperr.ForbiddenErr(string(auth.PermLedgerView))
	}
	days, err := DayRange(fromDay, toDay)
	if err != nil {
		return Matrix{}, err
	}
	q := s.DB.Read()
	grids, err := coverageGrids(ctx, q, school, gridID)
	if err != nil {
		return Matrix{}, err
	}
	gps, err := coveragePlaces(ctx, q, school)
	if err != nil {
		return Matrix{}, err
	}
	tm, err := targetMap(ctx, q, school)
	if err != nil {
		return Matrix{}, err
	}
	counts, err := dayCounts(ctx, q, school, days[0], days[len(days)-1])
	if err != nil {
		return Matrix{}, err
	}
	return Matrix{From: days[0], To: days[len(days)-1], Days: days, Rows: buildRows(days, grids, gps, tm, counts)}, nil
}

// DayRange lists the days from..to inclusive, refusing bad or long ranges.
func DayRange(from, to string) ([]string, error) {
	f, err1 := time.Parse(dayLayout, from)
	t, err2 := time.Parse(dayLayout, to)
	switch {
	case err1 != nil || err2 != nil:
		return nil, apperr.Invalidf("patrol.days", "日期格式应为 2026-03-01。")
	case t.Before(f):
		return nil, apperr.Invalidf("patrol.days", "结束日期不能早于开始日期。")
	case t.Sub(f) >= MaxCoverageDays*24*time.Hour:
		return nil, apperr.Invalidf("patrol.days", "一次最多查看 %d 天。", MaxCoverageDays)
	}
	var out []string
	for d := f; !d.After(t); d = d.AddDate(0, 0, 1) {
		out = append(out, d.Format(dayLayout))
	}
	return out, nil
}

type gridRow struct {
	id, parent int64
	name       string
}

type gridPlace struct {
	grid, place    int64
	name           string
	typ            org.PlaceType
	active, points bool
}

type placeDay struct {
	place int64
	day   string
}

// buildRows is the whole coverage rule, free of the database.
func buildRows(days []string, grids []gridRow, gps []gridPlace, targets map[org.PlaceType]int, counts map[placeDay]int) []Row {
	byGrid := map[int64][]gridPlace{}
	for _, gp := range gps {
		byGrid[gp.grid] = append(byGrid[gp.grid], gp)
	}
	var rows []Row
	for _, g := range gridTree(grids) {
		r := Row{GridID: g.row.id, GridName: g.row.name, Depth: g.depth, Cells: make([]Cell, len(days))}
		for i, d := range days {
			r.Cells[i].Day = d
		}
		for _, gp := range byGrid[g.row.id] {
			target := targets[gp.typ]
			if !gp.active || target <= 0 {
				continue
			}
			if !gp.points {
				r.Unpointed = append(r.Unpointed, gp.name)
				continue
			}
			pc := PlaceCoverage{PlaceID: gp.place, Name: gp.name, Type: gp.typ, Target: target, Counts: make([]int, len(days))}
			for i, d := range days {
				pc.Counts[i] = counts[placeDay{gp.place, d}]
				r.Cells[i].Total++
				if pc.Met(i) {
					r.Cells[i].Met++
				}
			}
			r.Places = append(r.Places, pc)
		}
		rows = append(rows, r)
	}
	return rows
}

type treeGrid struct {
	row   gridRow
	depth int
}

// gridTree orders grids parent first; a grid whose parent is not in the
// list starts a tree of its own.
func gridTree(grids []gridRow) []treeGrid {
	present := map[int64]bool{}
	kids := map[int64][]gridRow{}
	for _, g := range grids {
		present[g.id] = true
		kids[g.parent] = append(kids[g.parent], g)
	}
	var roots []gridRow
	for _, g := range grids {
		if g.parent == 0 || !present[g.parent] {
			roots = append(roots, g)
		}
	}
	sort.Slice(roots, func(i, j int) bool { return roots[i].id < roots[j].id })
	var out []treeGrid
	var walk func(g gridRow, depth int)
	walk = func(g gridRow, depth int) {
		out = append(out, treeGrid{g, depth})
		for _, k := range kids[g.id] {
			if depth < 64 {
				walk(k, depth+1)
			}
		}
	}
	for _, r := range roots {
		walk(r, 0)
	}
	return out
}

// coverageGrids returns the active grids of the school, or the grid gridID
// (active or not) with its active descendants.
func coverageGrids(ctx context.Context, q sqldb.Querier, school, gridID int64) ([]gridRow, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, COALESCE(parent_id, 0), name, active FROM grids WHERE school_id = $1 ORDER BY id`, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var all []gridRow
	found := false
	for rows.Next() {
		var g gridRow
		var active bool
		if err := rows.Scan(&g.id, &g.parent, &g.name, &active); err != nil {
			return nil, err
		}
		if g.id == gridID {
			found = true
		} else if !active {
			continue
		}
		all = append(all, g)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if gridID == 0 {
		return all, nil
	}
	if !found {
		return nil, apperr.NotFoundf("grid.not_found", "网格不存在。")
	}
	in := map[int64]bool{gridID: true}
	var out []gridRow
	// Ids grow downwards far more often than not, but a re-parented grid
	// can have a smaller id than its parent: repeat until nothing changes.
	for changed := true; changed; {
		changed = false
		for _, g := range all {
			if !in[g.id] && in[g.parent] {
				in[g.id], changed = true, true
			}
		}
	}
	for _, g := range all {
		if in[g.id] {
			if g.id == gridID {
				g.parent = 0 // the chosen grid is the matrix's root
			}
			out = append(out, g)
		}
	}
	return out, nil
}

func coveragePlaces(ctx context.Context, q sqldb.Querier, school int64) ([]gridPlace, error) {
	rows, err := q.QueryContext(ctx, `SELECT gp.grid_id, p.id, p.name, p.place_type, p.active, COALESCE(cp.active, FALSE)
		FROM grid_places gp JOIN places p ON p.id = gp.place_id LEFT JOIN check_points cp ON cp.place_id = p.id
		WHERE gp.school_id = $1 ORDER BY p.id`, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []gridPlace
	for rows.Next() {
		var g gridPlace
		if err := rows.Scan(&g.grid, &g.place, &g.name, &g.typ, &g.active, &g.points); err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

func dayCounts(ctx context.Context, q sqldb.Querier, school int64, from, to string) (map[placeDay]int, error) {
	rows, err := q.QueryContext(ctx, `SELECT place_id, day, COUNT(*) FROM patrols WHERE school_id = $1 AND day >= $2 AND day <= $3 GROUP BY place_id, day`, school, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[placeDay]int{}
	for rows.Next() {
		var k placeDay
		var n int
		if err := rows.Scan(&k.place, &k.day, &n); err != nil {
			return nil, err
		}
		out[k] = n
	}
	return out, rows.Err()
}
