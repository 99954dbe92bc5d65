package web

import (
	"net/http"
	"strings"

	"safecampus/internal/compliance"
)

// compliancePeriod reads ?period=, defaulting to the current quarter in
// the school's calendar.
func (s *Server) compliancePeriod(r *http.Request) (compliance.Period, error) {
	key := strings.TrimSpace(r.URL.Query().Get("period"))
	if key == "" {
		key = compliance.CurrentQuarter(s.Now(), schoolFrom(r.Context()).Location())
	}
	return compliance.ParsePeriod(key)
}

// complianceScorecard is the scorecard: the rules as columns, the school
// and each unit the viewer may see as rows, every cell a link to its
// drill-down.
func (s *Server) complianceScorecard(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	per, err := s.compliancePeriod(r)
	if err != nil {
		return err
	}
	card, err := s.Compliance.Scorecard(r.Context(), actorFrom(r.Context()), school, per.Key)
	if err != nil {
		return err
	}
	today := s.Now().In(schoolFrom(r.Context()).Location()).Format("2006-01-02")
	p := s.newPage(r, "合规评分卡")
	p.Data = map[string]any{"Card": card, "Choices": compliance.Choices(today, card.Period),
		"Legend": []compliance.Status{compliance.StatusPass, compliance.StatusFail, compliance.StatusNoData, compliance.StatusPending, compliance.StatusNA}}
	return s.render(w, r, "compliance_scorecard", p)
}

// complianceExport downloads the scorecard of the period as .xlsx.
func (s *Server) complianceExport(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	per, err := s.compliancePeriod(r)
	if err != nil {
		return err
	}
	dw := &downloadWriter{w: w, name: compliance.ExportFileName(per), ascii: compliance.ExportASCIIName(per)}
	n, err := s.Compliance.ExportScorecard(r.Context(), actorFrom(r.Context()), school, per.Key, dw)
	if err != nil && dw.started {
		// Half a file is already on its way; all that is left is to log.
		s.Log.Error("export interrupted", "kind", "compliance", "rows", n, "err", err)
		return nil
	}
	return err
}
