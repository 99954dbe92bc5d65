package dashboard

import (
	"context"
	"encoding/json"
	"slices"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/figures"
)

// MayView reports whether a may see the leaders' dashboard of school:
// school-wide figures need dashboard.view for the whole school. A unit
// head holds no such right (decision 0024): their unit's figures would
// look like the school's, as with the statistics (decision 0019).
func MayView(a *auth.Actor, school int64) bool {
	return auth.Can(a, auth.PermDashboardView, auth.SchoolScope(school))
}

// MayViewAuthority reports whether a may open the authority dashboard.
func MayViewAuthority(a *auth.Actor) bool {
	if a == nil {
		return false
	}
	for _, g := range a.Grants {
		if auth.RoleHas(g.Role, auth.PermAuthorityView) {
			return true
		}
	}
	return false
}

// Leaders returns the leaders' dashboard of school for a.
func (s *Service) Leaders(ctx context.Context, a *auth.Actor, school int64, sp figures.Span) (Board, error) {
	if !MayView(a, school) {
		return Board{}, apperr.ForbiddenErr(string(auth.PermDashboardView))
	}
	return s.Board(ctx, school, sp)
}

// SchoolBoard is the dashboard of one school reached from the authority
// page: a school a may not see is "not found", whether it exists or not.
func (s *Service) SchoolBoard(ctx context.Context, a *auth.Actor, school int64, sp figures.Span) (Board, error) {
	if !hasDashboardAnywhere(a) {
		return Board{}, apperr.ForbiddenErr(string(auth.PermDashboardView))
	}
	if !MayView(a, school) {
		return Board{}, apperr.NotFoundf("school.not_found", "学校不存在。")
	}
	return s.Board(ctx, school, sp)
}

func hasDashboardAnywhere(a *auth.Actor) bool {
	if a == nil {
		return false
	}
	for _, g := range a.Grants {
		if auth.RoleHas(g.Role, auth.PermDashboardView) {
			return true
		}
	}
	return false
}

// Authority is one authority (主管部门) as the page names it.
type Authority struct {
	ID   int64
	Name string
}

// AuthorityView is the authority dashboard: the authority's schools side
// by side, ranked (rank), with the age of the oldest figures shown.
type AuthorityView struct {
	Authority   Authority
	Authorities []Authority // the ones a may choose from
	Span        figures.Span
	Rows        []Summary
	OldestAt    time.Time // the oldest computation among the rows shown
	Stale       int       // rows shown from an older computation
	Missing     int       // rows with no figures yet
}

// authorities lists what a may choose: a system admin every authority, an
// authority viewer those of their grants.
func (s *Service) authorities(ctx context.Context, a *auth.Actor) ([]Authority, error) {
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT id, name FROM authorities ORDER BY name, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Authority
	for rows.Next() {
		var au Authority
		if err := rows.Scan(&au.ID, &au.Name); err != nil {
			return nil, err
		}
		if a.IsSystemAdmin() || slices.ContainsFunc(a.Grants, func(g auth.Grant) bool { return g.AuthorityID == au.ID }) {
			out = append(out, au)
		}
	}
	return out, rows.Err()
}

// Authority returns the authority dashboard of authority (0: the first a
// may see). Only schools a may see are ever read; an authority a does not
// hold is "not found".
func (s *Service) Authority(ctx context.Context, a *auth.Actor, authority int64, sp figures.Span) (AuthorityView, error) {
	if !MayViewAuthority(a) {
		return AuthorityView{}, apperr.ForbiddenErr(string(auth.PermAuthorityView))
	}
	aus, err := s.authorities(ctx, a)
	if err != nil {
		return AuthorityView{}, err
	}
	v := AuthorityView{Authorities: aus, Span: sp}
	i := slices.IndexFunc(aus, func(x Authority) bool { return x.ID == authority })
	switch {
	case authority == 0 && len(aus) > 0:
		i = 0
	case authority == 0:
		return v, nil // nothing to oversee yet
	case i < 0:
		return v, apperr.NotFoundf("authority.not_found", "主管部门不存在。")
	}
	v.Authority = aus[i]
	all, err := s.snapshot(ctx, v.Authority.ID, sp)
	if err != nil {
		return v, err
	}
	v.Rows = visible(a, all)
	for _, r := range v.Rows {
		switch {
		case r.Missing:
			v.Missing++
			continue
		case r.Stale:
			v.Stale++
		}
		if v.OldestAt.IsZero() || r.ComputedAt.Before(v.OldestAt) {
			v.OldestAt = r.ComputedAt
		}
	}
	return v, nil
}

// SnapshotTTL is how long one authority's ranked rows are reused between
// page views. With the refresher's interval it bounds how old the page may
// be: a change shows within DefaultRefreshEvery + SnapshotTTL (+ the time
// to compute), and the page states the oldest computation it shows.
const SnapshotTTL = 15 * time.Second

type snapKey struct {
	authority int64
	span      string
}

type snap struct {
	rows  []Summary // ranked
	built time.Time
}

// snapshot returns the authority's rows, ranked, reading them anew at most
// every SnapshotTTL (one reader at a time; the others wait for it).
func (s *Service) snapshot(ctx context.Context, authority int64, sp figures.Span) ([]Summary, error) {
	k := snapKey{authority, sp.Key}
	s.snapMu.Lock()
	defer s.snapMu.Unlock()
	if sn, ok := s.snaps[k]; ok && s.Now().Sub(sn.built) < SnapshotTTL && s.Now().Sub(sn.built) >= 0 {
		return sn.rows, nil
	}
	rows, err := s.rows(ctx, authority, sp)
	if err != nil {
		return nil, err
	}
	rank(rows)
	if len(s.snaps) > 64 {
		clear(s.snaps)
	}
	s.snaps[k] = snap{rows: rows, built: s.Now()}
	return rows, nil
}

// visible keeps the rows a may see: all of them for the authority's own
// viewer and the system admin (the same slice), a subset otherwise.
func visible(a *auth.Actor, rows []Summary) []Summary {
	if a.IsSystemAdmin() {
		return rows
	}
	ok := map[int64]bool{}
	for _, g := range a.Grants {
		if auth.RoleHas(g.Role, auth.PermDashboardView) && g.ScopeKind == auth.ScopeSchool {
			ok[g.SchoolID] = true
		}
	}
	n := 0
	for _, r := range rows {
		if ok[r.SchoolID] {
			n++
		}
	}
	if n == len(rows) {
		return rows
	}
	out := make([]Summary, 0, n)
	for _, r := range rows {
		if ok[r.SchoolID] {
			out = append(out, r)
		}
	}
	return out
}

// inlineBudget is how long one authority page may spend computing the
// figures of schools whose stored row is stale or missing; the rest are
// shown from their older row (or as "not yet computed") and left to the
// refresher.
const inlineBudget = 200 * time.Millisecond

// rows reads every school of authority with its stored summary; who may
// see which is decided afterwards (visible).
func (s *Service) rows(ctx context.Context, authority int64, sp figures.Span) ([]Summary, error) {
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT s.id, s.name, s.timezone, COALESCE(h.seq, 0),
			COALESCE(f.day, ''), COALESCE(f.head_seq, -1), COALESCE(f.computed_at, 0), COALESCE(f.summary, '')
		FROM authority_schools x JOIN schools s ON s.id = x.school_id
		LEFT JOIN audit_heads h ON h.school_id = s.id
		LEFT JOIN school_figures f ON f.school_id = s.id AND f.span_key = $2
		WHERE x.authority_id = $1 AND s.active ORDER BY s.id`, authority, sp.Key)
	if err != nil {
		return nil, err
	}
	var out []Summary
	var todo []int
	for rows.Next() {
		var st state
		var id, head, at int64
		var day string
		var summary []byte // RawBytes would do; the decoded row is cached anyway
		if err := rows.Scan(&id, &st.name, &st.tz, &st.head, &day, &head, &at, &summary); err != nil {
			rows.Close()
			return nil, err
		}
		st.today = s.Now().In(location(st.tz)).Format(time.DateOnly)
		sm := s.summary(flightKey{id, sp.Key}, summary, at)
		if sm.Missing {
			sm.SchoolID = id
		} else if !s.fresh(st, day, head, time.UnixMilli(at)) {
			sm.Stale = true
		}
		sm.SchoolName = st.name
		if sm.Missing || sm.Stale {
			todo = append(todo, len(out))
		}
		out = append(out, sm)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	deadline := time.Now().Add(inlineBudget)
	for _, i := range todo {
		if time.Now().After(deadline) || ctx.Err() != nil {
			break
		}
		b, err := s.Refresh(ctx, out[i].SchoolID, sp)
		if err != nil {
			return nil, err
		}
		out[i] = b.Summary()
	}
	return out, nil
}

// summary decodes a stored authority row, or returns the one decoded
// before from the same computation (at): a thousand rows per page view
// would otherwise be a thousand JSON decodes.
func (s *Service) summary(k flightKey, raw []byte, at int64) Summary {
	s.mu.Lock()
	sm, ok := s.sums[k]
	s.mu.Unlock()
	if ok && sm.ComputedAt.UnixMilli() == at {
		return sm
	}
	if len(raw) == 0 || json.Unmarshal(raw, &sm) != nil {
		return Summary{Missing: true}
	}
	sm.ComputedAt = time.UnixMilli(at) // the row's own instant, so the cache check above matches
	s.mu.Lock()
	if len(s.sums) >= sumMax {
		clear(s.sums)
	}
	s.sums[k] = sm
	s.mu.Unlock()
	return sm
}
