package web

import (
	"net/http"

	"safecampus/internal/apperr"
	"safecampus/internal/patrol"
)

// labelsPerSheet is 3 × 4 labels on one A4 page (print CSS in app.css).
const labelsPerSheet = 12

// checkpointLabels is the printable A4 sheet of QR labels of one building
// (and everything in it) or one grid.
func (s *Server) checkpointLabels(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	a := actorFrom(r.Context())
	f := checkpointFilter(r)
	f.Pointed = true
	var title string
	switch {
	case f.BuildingID != 0 && f.GridID == 0:
		pl, err := s.Org.FindPlace(r.Context(), a, school, f.BuildingID)
		if err != nil {
			return err
		}
		title = pl.Name
	case f.GridID != 0 && f.BuildingID == 0:
		g, err := s.Org.FindGrid(r.Context(), a, school, f.GridID)
		if err != nil {
			return err
		}
		title = g.Name
	default:
		return apperr.Invalidf("labels.scope", "请选择一个楼栋或一个网格再打印二维码标签。")
	}
	entries, err := s.Patrol.ListCheckPoints(r.Context(), a, school, f)
	if err != nil {
		return err
	}
	var sheets [][]patrol.Entry
	for i := 0; i < len(entries); i += labelsPerSheet {
		sheets = append(sheets, entries[i:min(i+labelsPerSheet, len(entries))])
	}
	p := s.newPage(r, "检查点二维码标签")
	p.Data = map[string]any{"Title": title, "Sheets": sheets, "Count": len(entries), "Back": "/checkpoints" + checkpointQuery(checkpointFilter(r))}
	return s.render(w, r, "patrol_labels", p)
}
