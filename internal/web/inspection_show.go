package web

import (
	"net/http"

	"safecampus/internal/apperr"
	"safecampus/internal/inspection"
)

// inspectionItemGroup is the answers of one check item on the detail page.
type inspectionItemGroup struct {
	ItemCode, AreaLabel string
	Answers             []inspection.AnswerRecord
}

func groupAnswers(as []inspection.AnswerRecord) []inspectionItemGroup {
	var out []inspectionItemGroup
	for _, a := range as {
		if n := len(out); n == 0 || out[n-1].ItemCode != a.ItemCode {
			out = append(out, inspectionItemGroup{ItemCode: a.ItemCode, AreaLabel: a.AreaLabel()})
		}
		out[len(out)-1].Answers = append(out[len(out)-1].Answers, a)
	}
	return out
}

// loadInspection finds the inspection of the path for the page; a draft
// has no record page yet (its inspector continues it in the form).
func (s *Server) loadInspection(r *http.Request) (inspection.Inspection, error) {
	school, err := requireSchool(r)
	if err != nil {
		return inspection.Inspection{}, err
	}
	in, err := s.Inspection.Find(r.Context(), actorFrom(r.Context()), school, optID(r.PathValue("id")))
	if err != nil {
		return in, err
	}
	if in.Status != inspection.StatusSubmitted {
		return in, apperr.NotFoundf("inspection.not_found", "检查记录不存在。")
	}
	return in, nil
}

// inspectionShow is the record of one inspection: answers by item, the
// failed questions with their photos, the findings and the history.
func (s *Server) inspectionShow(w http.ResponseWriter, r *http.Request) error {
	in, err := s.loadInspection(r)
	if err != nil {
		return err
	}
	hist, err := s.history(r, "inspection", in.ID)
	if err != nil {
		return err
	}
	p := s.newPage(r, "检查记录")
	p.Data = map[string]any{"In": in, "Groups": groupAnswers(in.Answers), "Failed": in.Failed(), "History": hist}
	return s.render(w, r, "inspection_show", p)
}

// inspectionPrint is the same record laid out for an A4 sheet.
func (s *Server) inspectionPrint(w http.ResponseWriter, r *http.Request) error {
	in, err := s.loadInspection(r)
	if err != nil {
		return err
	}
	p := s.newPage(r, "检查记录")
	p.Data = map[string]any{"In": in, "Groups": groupAnswers(in.Answers), "Failed": in.Failed(), "School": schoolFrom(r.Context()).Name}
	return s.render(w, r, "inspection_print", p)
}
