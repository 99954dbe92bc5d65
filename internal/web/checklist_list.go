package web

import (
	"net/http"
	"strings"

	"safecampus/internal/checklist"
)

// areaGroup is one area of the library page with its items.
type areaGroup struct {
	Area  checklist.Area
	Label string
	Items []checklist.Item
}

// groupByArea splits a library in catalogue order into its areas.
func groupByArea(items []checklist.Item) []areaGroup {
	var out []areaGroup
	for _, a := range checklist.Areas {
		g := areaGroup{Area: a, Label: a.Label()}
		for _, it := range items {
			if it.Area == a {
				g.Items = append(g.Items, it)
			}
		}
		if len(g.Items) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// checklistList shows the school's check-item library grouped by area.
func (s *Server) checklistList(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	items, err := s.Checklist.ListItems(r.Context(), actorFrom(r.Context()), school)
	if err != nil {
		return err
	}
	area := checklist.Area(r.URL.Query().Get("area"))
	if area != "" {
		shown := items[:0:0]
		for _, it := range items {
			if it.Area == area {
				shown = append(shown, it)
			}
		}
		items = shown
	}
	p := s.newPage(r, "检查项库")
	p.Data = map[string]any{"Groups": groupByArea(items), "Areas": checklist.Areas, "Area": area, "Count": len(items)}
	return s.render(w, r, "checklist_list", p)
}

// checklistSetDisabled switches an item off for the school, or on again.
func (s *Server) checklistSetDisabled(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	code := strings.ToUpper(r.PathValue("code"))
	disabled := r.PostFormValue("disabled") == "true"
	if err := s.Checklist.SetItemDisabled(r.Context(), actorFrom(r.Context()), school, code, disabled); err != nil {
		return err
	}
	msg := "检查项 %s 已停用，新的检查不再询问该项。"
	if !disabled {
		msg = "检查项 %s 已启用。"
	}
	return s.redirectf(w, r, "/checklist#"+code, msg, code)
}

// checklistExport downloads the school's enabled library (setID 0) or one
// item set as .xlsx in the layout the import reads.
func (s *Server) checklistExport(w http.ResponseWriter, r *http.Request) error {
	return s.checklistDownload(w, r, 0)
}

func (s *Server) checklistSetExport(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.checklistDownload(w, r, id)
}

func (s *Server) checklistDownload(w http.ResponseWriter, r *http.Request, setID int64) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	day := s.Now().In(schoolFrom(r.Context()).Location()).Format("2006-01-02")
	dw := &downloadWriter{w: w, name: "检查项_" + day + ".xlsx", ascii: "checklist_" + day + ".xlsx"}
	n, err := s.Checklist.ExportSet(r.Context(), actorFrom(r.Context()), school, setID, dw)
	if err != nil && dw.started {
		s.Log.Error("checklist export interrupted", "set", setID, "rows", n, "err", err)
		return nil
	}
	return err
}
