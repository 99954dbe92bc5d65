package web

import (
	"net/http"
	"strings"

	"safecampus/internal/plan"
)

// periodGroup is one optgroup of the period picker.
type periodGroup struct {
	Label   string
	Periods []plan.Period
}

// rhythmPeriod reads ?period=, defaulting to the current quarter in the
// school's calendar.
func (s *Server) rhythmPeriod(r *http.Request) (plan.Period, error) {
	key := strings.TrimSpace(r.URL.Query().Get("period"))
	if key == "" {
		return plan.PeriodOf(plan.Quarter, s.Now(), schoolFrom(r.Context()).Location()), nil
	}
	return plan.ParsePeriod(key)
}

// periodChoices lists recent half-years, quarters and months (newest
// first), always including the chosen period.
func (s *Server) periodChoices(r *http.Request, chosen plan.Period) []periodGroup {
	loc := schoolFrom(r.Context()).Location()
	groups := []periodGroup{{Label: "半年"}, {Label: "季度"}, {Label: "月"}}
	counts := []int{4, 6, 12}
	for i, k := range []plan.PeriodKind{plan.HalfYear, plan.Quarter, plan.Month} {
		seen := false
		for p, n := plan.PeriodOf(k, s.Now(), loc), 0; n < counts[i]; p, n = p.Prev(), n+1 {
			groups[i].Periods = append(groups[i].Periods, p)
			seen = seen || p.Key == chosen.Key
		}
		if !seen && chosen.Kind == k {
			groups[i].Periods = append([]plan.Period{chosen}, groups[i].Periods...)
		}
	}
	return groups
}

// rhythmPage is the RUL-4 compliance table of one period: who owed which
// inspection and whether it was done on time, late or missed.
func (s *Server) rhythmPage(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	per, err := s.rhythmPeriod(r)
	if err != nil {
		return err
	}
	c, err := s.Plans.RhythmCompliance(r.Context(), actorFrom(r.Context()), school, per.Key)
	if err != nil {
		return err
	}
	p := s.newPage(r, "检查频次")
	p.Data = map[string]any{"C": c, "Choices": s.periodChoices(r, c.Period), "Prev": c.Period.Prev(), "Next": c.Period.Next()}
	return s.render(w, r, "plan_rhythm", p)
}

// rhythmExport downloads the same table as .xlsx.
func (s *Server) rhythmExport(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	per, err := s.rhythmPeriod(r)
	if err != nil {
		return err
	}
	dw := &downloadWriter{w: w, name: plan.RhythmFileName(per)}
	n, err := s.Plans.ExportRhythm(r.Context(), actorFrom(r.Context()), school, per.Key, dw)
	if err != nil && dw.started {
		s.Log.Error("export interrupted", "kind", "rhythm", "rows", n, "err", err)
		return nil
	}
	return err
}
