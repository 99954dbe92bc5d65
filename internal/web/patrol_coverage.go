package web

import (
	"net/http"
	"strings"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/patrol"
)

// coverageDays is the default window of the coverage page: the last 7
// days of the school's calendar, today included.
const coverageDays = 7

// patrolCoverage shows the grid × day matrix (?grid=&from=&to=).
func (s *Server) patrolCoverage(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	a := actorFrom(r.Context())
	q := r.URL.Query()
	today := patrol.DayKey(s.Now(), schoolFrom(r.Context()).Location())
	to := strings.TrimSpace(q.Get("to"))
	if to == "" {
		to = today
	}
	from := strings.TrimSpace(q.Get("from"))
	if from == "" {
		if t, err := time.Parse("2006-01-02", to); err == nil {
			from = t.AddDate(0, 0, -(coverageDays - 1)).Format("2006-01-02")
		}
	}
	var gridID int64
	if id, err := parseQueryID(r, "grid"); err == nil && id > 0 {
		gridID = id
	}
	m, err := s.Patrol.Coverage(r.Context(), a, school, gridID, from, to)
	if err != nil {
		return err
	}
	grids, err := s.Org.ListGrids(r.Context(), a, school)
	if err != nil {
		return err
	}
	p := s.newPage(r, "巡查覆盖")
	p.Form = map[string]any{"GridID": gridID, "From": m.From, "To": m.To}
	// Today is still under way: its cells are shown without a verdict.
	p.Data = map[string]any{"Matrix": m, "Grids": grids, "Labels": dayLabels(m.Days), "Today": today}
	return s.render(w, r, "patrol_coverage", p)
}

// dayLabels shows 'YYYY-MM-DD' as a short Chinese date with the weekday.
func dayLabels(days []string) []string {
	week := []string{"日", "一", "二", "三", "四", "五", "六"}
	out := make([]string, len(days))
	for i, d := range days {
		if t, err := time.Parse("2006-01-02", d); err == nil {
			out[i] = t.Format("1月2日") + " 周" + week[t.Weekday()]
		}
	}
	return out
}

// patrolCoverageDetail drills into one cell: the grid's places on one day
// with their target and count, and that day's patrols there.
func (s *Server) patrolCoverageDetail(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	a := actorFrom(r.Context())
	gridID, err := parseQueryID(r, "grid")
	if err != nil || gridID <= 0 {
		return apperr.NotFoundf("grid.not_found", "网格不存在。")
	}
	day := strings.TrimSpace(r.URL.Query().Get("day"))
	m, err := s.Patrol.Coverage(r.Context(), a, school, gridID, day, day)
	if err != nil {
		return err
	}
	row := m.Rows[0] // the chosen grid; its sub-grids have rows of their own
	list, err := s.Patrol.ListPatrols(r.Context(), a, school, patrol.PatrolFilter{GridID: gridID, Day: day})
	if err != nil {
		return err
	}
	p := s.newPage(r, row.GridName+" · "+day)
	p.Data = map[string]any{"Row": row, "Cell": row.Cells[0], "Day": day, "Label": dayLabels([]string{day})[0], "Patrols": list}
	return s.render(w, r, "patrol_coverage_detail", p)
}
