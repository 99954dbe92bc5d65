package lists

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/checklist"
	"safecampus/internal/sqldb"
)

// Rate is a share as a fraction of whole numbers; the audit log's
// canonical JSON has no floats, and neither do these figures.
type Rate struct{ Num, Den int64 }

// PerMille is the rate in ‰, rounded half up; -1 when Den is 0.
func (r Rate) PerMille() int64 {
	if r.Den == 0 {
		return -1
	}
	return (2*1000*r.Num + r.Den) / (2 * r.Den)
}

// Percent is the rate as a percentage with one decimal (85.7%), or "—"
// when nothing was found.
func (r Rate) Percent() string {
	pm := r.PerMille()
	if pm < 0 {
		return "—"
	}
	return fmt.Sprintf("%d.%d%%", pm/10, pm%10)
}

// Figures are the statistics of one group of hazards over one period
// (docs/decisions/0019-hazard-statistics.md defines each).
type Figures struct {
	Found, FoundGeneral, FoundMajor             int64 // confirmed hazards found in the period
	Pending                                     int64 // reports found in the period, not yet confirmed
	Rectified, RectifiedGeneral, RectifiedMajor int64 // closed (accepted) within the period, whenever found
	ClosedOfFound                               int64 // found in the period and closed by its end
	Rate                                        Rate  // ClosedOfFound / Found
	Listed, Delisted, ListedAtEnd               int64 // major hazards listed / delisted in the period; still listed at its end
	OverdueAtEnd, OverdueDuring                 int64 // open past the deadline at the period's end; at any moment in it
}

// Group is the figures of one level or area.
type Group struct {
	Key, Label string
	Figures
}

// Statistics are a school's hazard statistics for one quarter or year.
type Statistics struct {
	SchoolID   int64
	SchoolName string
	Timezone   string
	Period     StatPeriod
	Total      Figures
	ByLevel    []Group // general, major
	ByArea     []Group // the notice's areas in order, then 其他
	ComputedAt time.Time
}

// RateDefinition is the rectification rate's definition as the page and
// the export state it.
const RateDefinition = "整改率 = 本期发现的隐患中截至期末已验收销号的数量 ÷ 本期发现的隐患数量（不含待确认和已驳回的报告），按千分比取整后以百分数显示（保留一位小数）。"

// MayViewStatistics reports whether a sees school-wide hazard figures:
// they need hazard.view for the whole school, since a unit head's or grid
// leader's partial view would give figures that look like the school's.
func MayViewStatistics(a *auth.Actor, school int64) bool {
	return auth.Can(a, auth.PermHazardView, auth.SchoolScope(school))
}

// HazardStatistics computes the figures of period key (2026-Q1 or 2026)
// for school, in the school's time zone.
func (s *Service) HazardStatistics(ctx context.Context, a *auth.Actor, school int64, key string) (Statistics, error) {
	return s.statistics(ctx, s.reader(false), a, school, key)
}

func (s *Service) statistics(ctx context.Context, q sqldb.Querier, a *auth.Actor, school int64, key string) (Statistics, error) {
	if !MayViewStatistics(a, school) {
		return Statistics{}, apperr.ForbiddenErr(string(auth.PermHazardView))
	}
	p, err := ParseStatPeriod(key)
	if err != nil {
		return Statistics{}, err
	}
	st := Statistics{SchoolID: school, Period: p, ComputedAt: s.Now().UTC()}
	err = q.QueryRowContext(ctx, `SELECT name, timezone FROM schools WHERE id = $1`, school).Scan(&st.SchoolName, &st.Timezone)
	if err == sql.ErrNoRows {
		return st, apperr.NotFoundf("school.not_found", "学校不存在。")
	} else if err != nil {
		return st, err
	}
	loc, err := schoolLocation(ctx, q, school)
	if err != nil {
		return st, err
	}
	start, end := p.bounds(loc)
	rows, err := statRows(ctx, q, school, start, end, loc)
	if err != nil {
		return st, err
	}
	listings, err := statListings(ctx, q, school, end)
	if err != nil {
		return st, err
	}
	tally(&st, rows, listings, start, end)
	return st, nil
}

// statRow is what the figures need of one hazard.
type statRow struct {
	area, level, status string
	found               int64
	closed              int64 // 0 when not closed (a reopened hazard counts as open)
	overdueFrom         int64 // the first instant past the deadline; 0 without one
}

// statRows reads the hazards that matter for [start, end): found before
// its end, not rejected, and not closed before its start.
func statRows(ctx context.Context, q sqldb.Querier, school, start, end int64, loc *time.Location) ([]statRow, error) {
	rows, err := q.QueryContext(ctx, `SELECT area, level, status, found_at, COALESCE(closed_at, 0), deadline FROM hazards
		WHERE school_id = $1 AND found_at < $2 AND status <> 'rejected' AND (status <> 'closed' OR closed_at >= $3)`, school, end, start)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []statRow
	for rows.Next() {
		var r statRow
		var deadline string
		if err := rows.Scan(&r.area, &r.level, &r.status, &r.found, &r.closed, &deadline); err != nil {
			return nil, err
		}
		if r.status != "closed" {
			r.closed = 0
		}
		if d, err := time.ParseInLocation(time.DateOnly, deadline, loc); err == nil {
			r.overdueFrom = d.AddDate(0, 0, 1).UnixMilli()
		}
		r.area = areaKey(r.area)
		out = append(out, r)
	}
	return out, rows.Err()
}

// statListing is one listing of a major hazard (hazard_listings).
type statListing struct {
	hazardID         int64
	area, level      string
	listed, delisted int64 // delisted 0 while still listed
}

func statListings(ctx context.Context, q sqldb.Querier, school, end int64) ([]statListing, error) {
	rows, err := q.QueryContext(ctx, `SELECT l.hazard_id, h.area, h.level, l.listed_at, COALESCE(l.delisted_at, 0)
		FROM hazard_listings l JOIN hazards h ON h.id = l.hazard_id WHERE l.school_id = $1 AND l.listed_at < $2`, school, end)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []statListing
	for rows.Next() {
		var l statListing
		if err := rows.Scan(&l.hazardID, &l.area, &l.level, &l.listed, &l.delisted); err != nil {
			return nil, err
		}
		l.area = areaKey(l.area)
		out = append(out, l)
	}
	return out, rows.Err()
}

// tally computes every figure from the rows: a pure function of the data
// and the period's bounds [start, end).
func tally(st *Statistics, rows []statRow, listings []statListing, start, end int64) {
	levels := []string{checklist.LevelGeneral, checklist.LevelMajor}
	byLevel, byArea := map[string]*Figures{}, map[string]*Figures{}
	for _, l := range levels {
		byLevel[l] = &Figures{}
	}
	var areas []string
	for _, a := range checklist.Areas {
		areas = append(areas, string(a))
	}
	areas = append(areas, otherArea)
	for _, a := range areas {
		byArea[a] = &Figures{}
	}
	groups := func(area, level string) []*Figures {
		out := []*Figures{&st.Total, byArea[area]}
		if f, ok := byLevel[level]; ok {
			out = append(out, f)
		}
		return out
	}
	for _, r := range rows {
		for _, f := range groups(r.area, r.level) {
			count(f, r, start, end)
		}
	}
	for _, h := range listedHazards(listings, start, end) {
		for _, f := range groups(h.area, h.level) {
			f.Listed += b2i(h.listedIn)
			f.Delisted += b2i(h.delistedIn)
			f.ListedAtEnd += b2i(h.atEnd)
		}
	}
	for _, l := range levels {
		st.ByLevel = append(st.ByLevel, Group{Key: l, Label: levelLabel(l), Figures: *byLevel[l]})
	}
	for _, a := range areas {
		st.ByArea = append(st.ByArea, Group{Key: a, Label: areaLabel(a), Figures: *byArea[a]})
	}
	finish(&st.Total)
	for i := range st.ByLevel {
		finish(&st.ByLevel[i].Figures)
	}
	for i := range st.ByArea {
		finish(&st.ByArea[i].Figures)
	}
}

// count adds hazard r to f.
func count(f *Figures, r statRow, start, end int64) {
	inPeriod := func(t int64) bool { return t >= start && t < end }
	if r.status == "reported" {
		if inPeriod(r.found) {
			f.Pending++
		}
		return
	}
	major := r.level == checklist.LevelMajor
	if inPeriod(r.found) {
		f.Found++
		if major {
			f.FoundMajor++
		} else {
			f.FoundGeneral++
		}
		if r.closed != 0 && r.closed < end {
			f.ClosedOfFound++
		}
	}
	if r.closed != 0 && inPeriod(r.closed) {
		f.Rectified++
		if major {
			f.RectifiedMajor++
		} else {
			f.RectifiedGeneral++
		}
	}
	if r.overdueFrom == 0 {
		return
	}
	// Overdue from overdueFrom (or from when it was found, if later)
	// until it is closed: does that stretch meet the period, and does it
	// cover the period's last moment?
	from := max(r.overdueFrom, r.found)
	closed := r.closed
	if closed == 0 {
		closed = end + 1 // still open: past any end
	}
	if from < end && closed > start && from < closed {
		f.OverdueDuring++
	}
	if from < end && closed >= end {
		f.OverdueAtEnd++
	}
}

// listedHazard is what the listings of one hazard amount to in a period.
type listedHazard struct {
	area, level                 string
	listedIn, delistedIn, atEnd bool
}

// listedHazards folds listings per hazard: a hazard listed twice in a
// quarter counts once as listed.
func listedHazards(listings []statListing, start, end int64) []listedHazard {
	idx := map[int64]int{}
	var out []listedHazard
	for _, l := range listings {
		i, ok := idx[l.hazardID]
		if !ok {
			i = len(out)
			idx[l.hazardID] = i
			out = append(out, listedHazard{area: l.area, level: l.level})
		}
		h := &out[i]
		h.listedIn = h.listedIn || (l.listed >= start && l.listed < end)
		h.delistedIn = h.delistedIn || (l.delisted >= start && l.delisted < end)
		h.atEnd = h.atEnd || (l.listed < end && (l.delisted == 0 || l.delisted >= end))
	}
	return out
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func finish(f *Figures) { f.Rate = Rate{Num: f.ClosedOfFound, Den: f.Found} }
