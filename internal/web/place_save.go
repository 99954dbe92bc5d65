package web

import (
	"fmt"
	"net/http"
	"strings"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/org"
)

// placeFormPage prepares the place form with its choices.
func (s *Server) placeFormPage(r *http.Request, title string, pl org.Place) (*page, error) {
	a, school := actorFrom(r.Context()), schoolFrom(r.Context()).ID
	if !auth.Can(a, auth.PermOrgManage, auth.SchoolScope(school)) {
		return nil, apperr.ForbiddenErr(string(auth.PermOrgManage))
	}
	places, err := s.Org.ListPlaces(r.Context(), a, school, org.PlaceFilter{})
	if err != nil {
		return nil, err
	}
	// Only buildings and floors can hold other places.
	parents := places[:0:0]
	for _, x := range places {
		if x.Level != org.PlaceArea && x.ID != pl.ID {
			parents = append(parents, x)
		}
	}
	campuses, err := s.Org.ListCampuses(r.Context(), a, school)
	if err != nil {
		return nil, err
	}
	units, err := s.Org.ListUnits(r.Context(), a, school)
	if err != nil {
		return nil, err
	}
	people, err := s.Org.PersonOptions(r.Context(), a, school)
	if err != nil {
		return nil, err
	}
	p := s.newPage(r, title)
	p.Form = pl
	p.Data = map[string]any{"Parents": parents, "Campuses": campuses, "Units": units, "People": people,
		"Levels": placeLevelOptions(), "Types": placeTypeOptions()}
	return p, nil
}

// placeNew opens an empty form; ?parent=ID starts a floor or room under
// that place, with the level and type a child of it most likely has.
func (s *Server) placeNew(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	pl := org.Place{Level: org.PlaceBuilding, Type: "teaching_building"}
	if pid, err := parseQueryID(r, "parent"); err == nil && pid > 0 {
		if parent, err := s.Org.FindPlace(r.Context(), actorFrom(r.Context()), school, pid); err == nil {
			pl.ParentID, pl.CampusID, pl.Type, pl.UnitID, pl.ResponsiblePersonID = parent.ID, parent.CampusID, parent.Type, parent.UnitID, parent.ResponsiblePersonID
			pl.Level = org.PlaceArea
			if parent.Level == org.PlaceBuilding {
				pl.Level = org.PlaceFloor
			}
		}
	}
	p, err := s.placeFormPage(r, "新建场所", pl)
	if err != nil {
		return err
	}
	return s.render(w, r, "place_form", p)
}

func (s *Server) placeEdit(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	pl, err := s.Org.FindPlace(r.Context(), actorFrom(r.Context()), school, id)
	if err != nil {
		return err
	}
	p, err := s.placeFormPage(r, "编辑场所", pl)
	if err != nil {
		return err
	}
	return s.render(w, r, "place_form", p)
}

func placeFromForm(r *http.Request) (org.Place, error) {
	var pl org.Place
	var fields []apperr.FieldError
	for name, dst := range map[string]*int64{"parent_id": &pl.ParentID, "campus_id": &pl.CampusID, "unit_id": &pl.UnitID, "responsible_person_id": &pl.ResponsiblePersonID} {
		v, err := formID(r, name)
		if err != nil {
			fields = append(fields, apperr.As(err).Fields...)
		}
		*dst = v
	}
	pl.Name = r.PostFormValue("name")
	pl.Code = r.PostFormValue("code")
	pl.Level = org.PlaceLevel(strings.TrimSpace(r.PostFormValue("level")))
	pl.Type = org.PlaceType(strings.TrimSpace(r.PostFormValue("place_type")))
	if len(fields) > 0 {
		return pl, apperr.Fields("place.invalid", fields)
	}
	return pl, nil
}

func (s *Server) placeCreate(w http.ResponseWriter, r *http.Request) error {
	return s.placeSave(w, r, 0)
}

func (s *Server) placeUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.placeSave(w, r, id)
}

func (s *Server) placeSave(w http.ResponseWriter, r *http.Request, id int64) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	pl, err := placeFromForm(r)
	pl.ID = id
	if err == nil {
		pl, err = s.Org.SavePlace(r.Context(), actorFrom(r.Context()), school, pl)
	}
	if err != nil {
		title := "新建场所"
		if id != 0 {
			title = "编辑场所"
		}
		p, perr := s.placeFormPage(r, title, pl)
		if perr != nil {
			return perr
		}
		return s.formInvalid(w, r, err, "place_form", p)
	}
	return s.redirectf(w, r, fmt.Sprintf("/places/%d", pl.ID), "场所“%s”已保存。", pl.Name)
}
