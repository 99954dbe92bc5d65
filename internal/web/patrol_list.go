package web

import (
	"net/http"
	"strings"

	"safecampus/internal/org"
	"safecampus/internal/patrol"
)

// patrolList shows recent patrol records (?day=&place=&person=&grid=).
// Ledger viewers see the school's; inspectors their own (the service
// decides).
func (s *Server) patrolList(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	a := actorFrom(r.Context())
	f := patrol.PatrolFilter{Day: strings.TrimSpace(r.URL.Query().Get("day"))}
	for name, dst := range map[string]*int64{"place": &f.PlaceID, "person": &f.PersonID, "grid": &f.GridID} {
		if id, err := parseQueryID(r, name); err == nil && id > 0 {
			*dst = id
		}
	}
	list, err := s.Patrol.ListPatrols(r.Context(), a, school, f)
	if err != nil {
		return err
	}
	places, err := s.Org.ListPlaces(r.Context(), a, school, org.PlaceFilter{})
	if err != nil {
		return err
	}
	p := s.newPage(r, "巡查记录")
	p.Form = f
	p.Data = map[string]any{"Patrols": list, "Places": places, "Max": patrol.MaxList, "Full": len(list) >= patrol.MaxList,
		"All": patrol.MayViewCoverage(a, school), "Filtered": f != (patrol.PatrolFilter{})}
	return s.render(w, r, "patrol_list", p)
}
