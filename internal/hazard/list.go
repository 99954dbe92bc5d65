package hazard

import (
	"context"
	"strconv"
	"strings"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// Filter narrows the hazard list. Zero values do not filter.
type Filter struct {
	Status        []Status
	Level, Area   string
	UnitID        int64
	ResponsibleID int64
	// AcceptorID keeps hazards whose named acceptor is this person;
	// NoAcceptor those with none named (the office accepts them). Both set:
	// either — "waiting for me" for an office member who is also named.
	AcceptorID         int64
	NoAcceptor         bool
	PlaceID            int64
	Overdue, Listed    *bool
	Query              string    // part of the number or the description
	FoundFrom, FoundTo time.Time // found_at in [FoundFrom, FoundTo)
	After              int64     // keyset cursor: only ids below it
	Limit              int       // default 50, at most 200
}

// List returns hazards of school matching f, newest first, and the cursor
// of the next page (0 at the end). Each hazard carries what a list shows
// (listCols: number, source, found at, place, area, level, description,
// unit, responsible person, deadline, status, listed, overdue, version);
// Get reads the whole record. The office, leaders, authority viewers
// and school-wide grid leaders see the whole school; unit heads their
// units and the units below; grid leaders the places of their grids;
// everyone also sees what they reported or are named on.
func (s *Service) List(ctx context.Context, a *auth.Actor, school int64, f Filter) ([]Hazard, int64, error) {
	if !auth.CanSomewhere(a, auth.PermHazardView, school) && !auth.CanSomewhere(a, auth.PermHazardReport, school) {
		return nil, 0, apperr.ForbiddenErr(string(auth.PermHazardView))
	}
	q := s.DB.Read()
	query, args, limit, err := listQuery(ctx, q, a, school, f)
	if err != nil {
		return nil, 0, err
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := make([]Hazard, 0, limit+1)
	for rows.Next() {
		out = append(out, Hazard{})
		if err := scanListRow(rows, &out[len(out)-1]); err != nil {
			return nil, 0, err
		}
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	var next int64
	if len(out) > limit {
		out = out[:limit]
		next = out[limit-1].ID
	}
	return out, next, nil
}

// listQuery is List's SQL and arguments (TestListQueryPlan checks which
// index SQLite walks for it) and the page size. Each filter has an index
// that yields the school's rows newest first without a sort, alone and
// with a status (migration 0003, docs/benchmarks.md "Hazards").
func listQuery(ctx context.Context, q sqldb.Querier, a *auth.Actor, school int64, f Filter) (string, []any, int, error) {
	var w where
	w.add("h.school_id = " + w.arg(school))
	if !auth.Can(a, auth.PermHazardView, auth.SchoolScope(school)) {
		cond, err := scopeCondition(ctx, q, a, school, &w)
		if err != nil {
			return "", nil, 0, err
		}
		w.add(cond)
	}
	if len(f.Status) > 0 {
		ph := make([]string, len(f.Status))
		for i, st := range f.Status {
			ph[i] = w.arg(string(st))
		}
		w.add("h.status IN (" + strings.Join(ph, ", ") + ")")
	}
	if f.Level != "" {
		w.add("h.level = " + w.arg(f.Level))
	}
	if f.Area != "" {
		w.add("h.area = " + w.arg(f.Area))
	}
	if f.UnitID != 0 {
		w.add("h.unit_id = " + w.arg(f.UnitID))
	}
	if f.ResponsibleID != 0 {
		w.add("h.responsible_person_id = " + w.arg(f.ResponsibleID))
	}
	switch {
	case f.AcceptorID != 0 && f.NoAcceptor:
		w.add("(h.acceptor_person_id = " + w.arg(f.AcceptorID) + " OR h.acceptor_person_id IS NULL)")
	case f.AcceptorID != 0:
		w.add("h.acceptor_person_id = " + w.arg(f.AcceptorID))
	case f.NoAcceptor:
		w.add("h.acceptor_person_id IS NULL")
	}
	if f.PlaceID != 0 {
		w.add("h.place_id = " + w.arg(f.PlaceID))
	}
	if f.Overdue != nil {
		w.add("h.overdue = " + w.arg(*f.Overdue))
	}
	if f.Listed != nil {
		w.add("h.listed = " + w.arg(*f.Listed))
	}
	if t := strings.TrimSpace(f.Query); t != "" {
		p := w.arg("%" + t + "%")
		w.add("(h.number LIKE " + p + " OR h.description LIKE " + p + ")")
	}
	if !f.FoundFrom.IsZero() {
		w.add("h.found_at >= " + w.arg(f.FoundFrom.UnixMilli()))
	}
	if !f.FoundTo.IsZero() {
		w.add("h.found_at < " + w.arg(f.FoundTo.UnixMilli()))
	}
	if f.After > 0 {
		w.add("h.id < " + w.arg(f.After))
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 200)
	return `SELECT ` + listCols + listJoins + ` WHERE ` + strings.Join(w.conds, " AND ") +
		` ORDER BY h.id DESC LIMIT ` + strconv.Itoa(limit+1), w.args, limit, nil
}

// where collects numbered conditions and their arguments.
type where struct {
	conds []string
	args  []any
}

func (w *where) arg(v any) string {
	w.args = append(w.args, v)
	return "$" + strconv.Itoa(len(w.args))
}

func (w *where) add(cond string) { w.conds = append(w.conds, cond) }

// scopeCondition is the part of the school a narrowly scoped actor sees,
// as one OR condition. Subtrees of units, grids and places are resolved
// here into id lists so the list query itself stays flat.
func scopeCondition(ctx context.Context, q sqldb.Querier, a *auth.Actor, school int64, w *where) (string, error) {
	or := []string{"h.found_by_account_id = " + w.arg(a.AccountID)}
	if p := a.PersonID; p != 0 {
		ph := w.arg(p)
		or = append(or, "h.responsible_person_id = "+ph, "h.acceptor_person_id = "+ph, "h.supervisor_person_id = "+ph, "h.found_by_person_id = "+ph)
	}
	units := append(a.ScopeIDs(auth.PermHazardView, school, auth.ScopeUnit), a.ScopeIDs(auth.PermHazardRectify, school, auth.ScopeUnit)...)
	if a.PersonID != 0 {
		headed, err := ids(ctx, q, `SELECT id FROM units WHERE school_id = $1 AND head_person_id = $2`, school, a.PersonID)
		if err != nil {
			return "", err
		}
		units = append(units, headed...)
	}
	if len(units) > 0 {
		sub, err := subtree(ctx, q, "units", school, units)
		if err != nil {
			return "", err
		}
		in := idList(sub)
		or = append(or, "h.unit_id IN ("+in+")", "pl.unit_id IN ("+in+")")
	}
	if grids := a.ScopeIDs(auth.PermHazardView, school, auth.ScopeGrid); len(grids) > 0 {
		sub, err := subtree(ctx, q, "grids", school, grids)
		if err != nil {
			return "", err
		}
		roots, err := ids(ctx, q, `SELECT place_id FROM grid_places WHERE school_id = $1 AND grid_id IN (`+idList(sub)+`)`, school)
		if err != nil {
			return "", err
		}
		if len(roots) > 0 {
			places, err := subtree(ctx, q, "places", school, roots)
			if err != nil {
				return "", err
			}
			or = append(or, "h.place_id IN ("+idList(places)+")")
		}
	}
	if campuses := a.ScopeIDs(auth.PermHazardView, school, auth.ScopeCampus); len(campuses) > 0 {
		in := idList(campuses)
		or = append(or, "pl.campus_id IN ("+in+")")
	}
	return "(" + strings.Join(or, " OR ") + ")", nil
}

// subtree is roots and every row below them in a table with parent_id.
func subtree(ctx context.Context, q sqldb.Querier, table string, school int64, roots []int64) ([]int64, error) {
	return ids(ctx, q, `WITH RECURSIVE sub(id, n) AS (
			SELECT id, 0 FROM `+table+` WHERE school_id = $1 AND id IN (`+idList(roots)+`)
			UNION SELECT t.id, sub.n + 1 FROM `+table+` t JOIN sub ON t.parent_id = sub.id WHERE sub.n < 64
		) SELECT DISTINCT id FROM sub`, school)
}

// idList renders ids for an IN list; ids are integers, never user text.
func idList(xs []int64) string {
	if len(xs) == 0 {
		return "0"
	}
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.FormatInt(x, 10)
	}
	return strings.Join(parts, ", ")
}
