package web

import (
	"net/http"
	"strings"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/org"
)

// unitFormPage prepares the unit form with its choices.
func (s *Server) unitFormPage(r *http.Request, title string, u org.Unit) (*page, error) {
	a, school := actorFrom(r.Context()), schoolFrom(r.Context()).ID
	if !auth.Can(a, auth.PermOrgManage, auth.SchoolScope(school)) {
		return nil, apperr.ForbiddenErr(string(auth.PermOrgManage))
	}
	units, err := s.Org.ListUnits(r.Context(), a, school)
	if err != nil {
		return nil, err
	}
	campuses, err := s.Org.ListCampuses(r.Context(), a, school)
	if err != nil {
		return nil, err
	}
	people, err := s.Org.PersonOptions(r.Context(), a, school)
	if err != nil {
		return nil, err
	}
	p := s.newPage(r, title)
	p.Form = u
	p.Data = map[string]any{"Units": units, "Campuses": campuses, "People": people, "Kinds": unitKindOptions()}
	return p, nil
}

func (s *Server) unitNew(w http.ResponseWriter, r *http.Request) error {
	if _, err := requireSchool(r); err != nil {
		return err
	}
	u := org.Unit{Kind: org.UnitOffice}
	if pid, err := parseQueryID(r, "parent"); err == nil {
		u.ParentID = pid
	}
	p, err := s.unitFormPage(r, "新建单位", u)
	if err != nil {
		return err
	}
	return s.render(w, r, "unit_form", p)
}

func (s *Server) unitEdit(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	u, err := s.Org.FindUnit(r.Context(), actorFrom(r.Context()), school, id)
	if err != nil {
		return err
	}
	p, err := s.unitFormPage(r, "编辑单位", u)
	if err != nil {
		return err
	}
	return s.render(w, r, "unit_form", p)
}

func unitFromForm(r *http.Request) (org.Unit, error) {
	var u org.Unit
	var err error
	var fields []apperr.FieldError
	collect := func(dst *int64, name string, f func(*http.Request, string) (int64, error)) {
		v, e := f(r, name)
		if e != nil {
			fields = append(fields, apperr.As(e).Fields...)
		}
		*dst = v
	}
	collect(&u.ParentID, "parent_id", formID)
	collect(&u.CampusID, "campus_id", formID)
	collect(&u.HeadPersonID, "head_person_id", formID)
	collect(&u.SortOrder, "sort_order", formInt)
	u.Name = r.PostFormValue("name")
	u.Code = r.PostFormValue("code")
	u.Kind = org.UnitKind(strings.TrimSpace(r.PostFormValue("kind")))
	if len(fields) > 0 {
		err = apperr.Fields("unit.invalid", fields)
	}
	return u, err
}

func (s *Server) unitCreate(w http.ResponseWriter, r *http.Request) error {
	return s.unitSave(w, r, 0)
}

func (s *Server) unitUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.unitSave(w, r, id)
}

func (s *Server) unitSave(w http.ResponseWriter, r *http.Request, id int64) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	u, err := unitFromForm(r)
	u.ID = id
	if err == nil {
		u, err = s.Org.SaveUnit(r.Context(), actorFrom(r.Context()), school, u)
	}
	if err != nil {
		title := "新建单位"
		if id != 0 {
			title = "编辑单位"
		}
		p, perr := s.unitFormPage(r, title, u)
		if perr != nil {
			return perr
		}
		return s.formInvalid(w, r, err, "unit_form", p)
	}
	return s.redirectf(w, r, "/units", "单位“%s”已保存。", u.Name)
}
