package web

import (
	"net/http"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/org"
)

func (s *Server) campusList(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	cs, err := s.schoolCampuses(r.Context(), actorFrom(r.Context()), school)
	if err != nil {
		return err
	}
	p := s.newPage(r, "校区")
	p.Data = map[string]any{"Campuses": cs}
	return s.render(w, r, "campus_list", p)
}

func (s *Server) campusFormPage(r *http.Request, title string, c org.Campus) (*page, error) {
	if !auth.Can(actorFrom(r.Context()), auth.PermOrgManage, auth.SchoolScope(schoolFrom(r.Context()).ID)) {
		return nil, apperr.ForbiddenErr(string(auth.PermOrgManage))
	}
	p := s.newPage(r, title)
	p.Form = c
	return p, nil
}

func (s *Server) campusNew(w http.ResponseWriter, r *http.Request) error {
	if _, err := requireSchool(r); err != nil {
		return err
	}
	p, err := s.campusFormPage(r, "新建校区", org.Campus{})
	if err != nil {
		return err
	}
	return s.render(w, r, "campus_form", p)
}

func (s *Server) campusEdit(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	c, err := s.Org.FindCampus(r.Context(), actorFrom(r.Context()), school, id)
	if err != nil {
		return err
	}
	p, err := s.campusFormPage(r, "编辑校区", c)
	if err != nil {
		return err
	}
	return s.render(w, r, "campus_form", p)
}

func (s *Server) campusCreate(w http.ResponseWriter, r *http.Request) error {
	return s.campusSave(w, r, 0)
}

func (s *Server) campusUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.campusSave(w, r, id)
}

func (s *Server) campusSave(w http.ResponseWriter, r *http.Request, id int64) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	c := org.Campus{ID: id, Name: r.PostFormValue("name"), Address: r.PostFormValue("address")}
	c, err = s.Org.SaveCampus(r.Context(), actorFrom(r.Context()), school, c)
	if err != nil {
		p, perr := s.campusFormPage(r, "校区", c)
		if perr != nil {
			return perr
		}
		return s.formInvalid(w, r, err, "campus_form", p)
	}
	return s.redirectf(w, r, "/campuses", "校区“%s”已保存。", c.Name)
}
