package web

import (
	"net/http"
	"strconv"
	"strings"

	"safecampus/internal/auth"
	"safecampus/internal/lists"
)

// statisticsPeriod reads ?period=, defaulting to the current quarter in
// the school's calendar.
func (s *Server) statisticsPeriod(r *http.Request) (lists.StatPeriod, error) {
	key := strings.TrimSpace(r.URL.Query().Get("period"))
	if key == "" {
		return lists.QuarterOf(s.Now(), schoolFrom(r.Context()).Location()), nil
	}
	return lists.ParseStatPeriod(key)
}

// statisticsChoices are the period picker's options: this year's and last
// year's quarters, and the last three years, newest first.
func (s *Server) statisticsChoices(r *http.Request, chosen lists.StatPeriod) []choice {
	cur := lists.QuarterOf(s.Now(), schoolFrom(r.Context()).Location())
	var out []choice
	seen := false
	for p, i := cur, 0; i < 8; p, i = p.Prev(), i+1 {
		out = append(out, choice{p.Key, p.Label, p.Key == chosen.Key})
		seen = seen || p.Key == chosen.Key
	}
	for y := cur.Year; y > cur.Year-3; y-- {
		p, _ := lists.ParseStatPeriod(strconv.Itoa(y))
		out = append(out, choice{p.Key, p.Label, p.Key == chosen.Key})
		seen = seen || p.Key == chosen.Key
	}
	if !seen {
		out = append([]choice{{chosen.Key, chosen.Label, true}}, out...)
	}
	return out
}

// statisticsPage is the ministry rule's quarterly and annual hazard
// statistics of the school, with the definition of each figure. Only
// school-wide viewers see it (lists.MayViewStatistics).
func (s *Server) statisticsPage(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	per, err := s.statisticsPeriod(r)
	if err != nil {
		return err
	}
	a := actorFrom(r.Context())
	st, err := s.Lists.HazardStatistics(r.Context(), a, school, per.Key)
	if err != nil {
		return err
	}
	p := s.newPage(r, "隐患统计")
	p.Data = map[string]any{"S": st, "Rows": st.StatRows(), "Choices": s.statisticsChoices(r, per), "Prev": per.Prev(), "Next": per.Next(),
		"Definitions": lists.Definitions, "CanExport": auth.Can(a, auth.PermExport, auth.SchoolScope(school))}
	return s.render(w, r, "lists_statistics", p)
}

// statisticsExport downloads the same figures as .xlsx.
func (s *Server) statisticsExport(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	per, err := s.statisticsPeriod(r)
	if err != nil {
		return err
	}
	now, loc := s.Now(), schoolFrom(r.Context()).Location()
	dw := &downloadWriter{w: w, name: lists.ExportFileName(lists.ExportStatistics, now, loc, per.Key),
		ascii: lists.ExportASCIIName(lists.ExportStatistics, now, loc, per.Key)}
	n, err := s.Lists.ExportStatistics(r.Context(), actorFrom(r.Context()), school, per.Key, dw)
	if err != nil && dw.started {
		s.Log.Error("export interrupted", "kind", lists.ExportStatistics, "rows", n, "err", err)
		return nil
	}
	return err
}
