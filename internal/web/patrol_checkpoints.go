package web

import (
	"net/http"
	"net/url"
	"strconv"

	"safecampus/internal/org"
	"safecampus/internal/patrol"
)

// checkpointFilter reads ?building= and ?grid= (either may be empty).
func checkpointFilter(r *http.Request) patrol.CheckPointFilter {
	var f patrol.CheckPointFilter
	if id, err := parseQueryID(r, "building"); err == nil && id > 0 {
		f.BuildingID = id
	}
	if id, err := parseQueryID(r, "grid"); err == nil && id > 0 {
		f.GridID = id
	}
	return f
}

// checkpointQuery is the filter as a query string, for links and returns.
func checkpointQuery(f patrol.CheckPointFilter) string {
	v := url.Values{}
	if f.BuildingID != 0 {
		v.Set("building", strconv.FormatInt(f.BuildingID, 10))
	}
	if f.GridID != 0 {
		v.Set("grid", strconv.FormatInt(f.GridID, 10))
	}
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

// checkpointList is the management page: the school's places with and
// without check points, filtered by building or grid.
func (s *Server) checkpointList(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	a := actorFrom(r.Context())
	f := checkpointFilter(r)
	entries, err := s.Patrol.ListCheckPoints(r.Context(), a, school, f)
	if err != nil {
		return err
	}
	places, err := s.Org.ListPlaces(r.Context(), a, school, org.PlaceFilter{})
	if err != nil {
		return err
	}
	var buildings []org.Place
	for _, p := range places {
		if p.Level == org.PlaceBuilding && p.Active {
			buildings = append(buildings, p)
		}
	}
	grids, err := s.Org.ListGrids(r.Context(), a, school)
	if err != nil {
		return err
	}
	pointed := 0
	for _, e := range entries {
		if e.Point.Usable() {
			pointed++
		}
	}
	p := s.newPage(r, "检查点")
	p.Form = f
	p.Data = map[string]any{"Entries": entries, "Buildings": buildings, "Grids": grids, "Pointed": pointed,
		"Query": checkpointQuery(f), "Filtered": f != (patrol.CheckPointFilter{})}
	return s.render(w, r, "patrol_checkpoints", p)
}

// checkpointSet enables (active=true) or disables a place's check point.
func (s *Server) checkpointSet(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	a := actorFrom(r.Context())
	msg, args := "检查点已停用，原二维码扫码将提示“该检查点已停用”。", []any(nil)
	if r.PostFormValue("active") == "true" {
		cp, err := s.Patrol.EnableCheckPoint(r.Context(), a, school, id)
		if err != nil {
			return err
		}
		msg, args = "已为“%s”启用检查点（%s）。", []any{cp.PlaceName, cp.ShortCode()}
	} else if err := s.Patrol.DisableCheckPoint(r.Context(), a, school, id); err != nil {
		return err
	}
	// Back to the list as it was filtered; only ids are carried over.
	back, _ := url.ParseQuery(r.PostFormValue("back"))
	q := patrol.CheckPointFilter{}
	q.BuildingID, _ = strconv.ParseInt(back.Get("building"), 10, 64)
	q.GridID, _ = strconv.ParseInt(back.Get("grid"), 10, 64)
	return s.redirectf(w, r, "/checkpoints"+checkpointQuery(q), msg, args...)
}

// checkpointQR serves the QR image of one check point; its permission is
// the check point's (organisation managers of its school).
func (s *Server) checkpointQR(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	cp, err := s.Patrol.FindCheckPoint(r.Context(), actorFrom(r.Context()), school, id)
	if err != nil {
		return err
	}
	png, err := patrol.QRPNG(s.qrURL(r, cp.Token), 512)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "private, max-age=300")
	_, err = w.Write(png)
	return err
}
