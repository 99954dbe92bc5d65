package web

import (
	"net/http"
	"strconv"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/org"
)

// postChoice is one special-post checkbox of the person form.
type postChoice struct {
	Code    string
	Label   string
	Checked bool
}

// personFormPage prepares the person form with its choices. The service
// decides again on save; checking here too keeps a staff member from even
// seeing a form they could not submit.
func (s *Server) personFormPage(r *http.Request, title string, in org.Person) (*page, error) {
	a, school := actorFrom(r.Context()), schoolFrom(r.Context()).ID
	if !auth.Can(a, auth.PermPeopleManage, auth.SchoolScope(school)) {
		return nil, apperr.ForbiddenErr(string(auth.PermPeopleManage))
	}
	units, err := s.Org.ListUnits(r.Context(), a, school)
	if err != nil {
		return nil, err
	}
	checked := map[string]bool{}
	for _, c := range in.SpecialPosts {
		checked[c] = true
	}
	posts := make([]postChoice, 0, len(org.SpecialPosts))
	for _, sp := range org.SpecialPosts {
		posts = append(posts, postChoice{string(sp.Code), sp.Label, checked[string(sp.Code)]})
	}
	p := s.newPage(r, title)
	p.Form = in
	p.Data = map[string]any{"Units": unitChoices(units), "Posts": posts}
	return p, nil
}

func (s *Server) personNew(w http.ResponseWriter, r *http.Request) error {
	if _, err := requireSchool(r); err != nil {
		return err
	}
	var in org.Person
	if id, err := parseQueryID(r, "unit"); err == nil {
		in.UnitID = id
	}
	p, err := s.personFormPage(r, "新建人员", in)
	if err != nil {
		return err
	}
	return s.render(w, r, "person_form", p)
}

func (s *Server) personEdit(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	in, err := s.Org.FindPerson(r.Context(), actorFrom(r.Context()), school, id)
	if err != nil {
		return err
	}
	p, err := s.personFormPage(r, "编辑人员", in)
	if err != nil {
		return err
	}
	return s.render(w, r, "person_form", p)
}

func personFromForm(r *http.Request) (org.Person, error) {
	in := org.Person{
		Name:      r.PostFormValue("name"),
		StaffNo:   r.PostFormValue("staff_no"),
		Post:      r.PostFormValue("post"),
		Phone:     r.PostFormValue("phone"),
		HireDate:  r.PostFormValue("hire_date"),
		BirthDate: r.PostFormValue("birth_date"),
	}
	in.SpecialPosts = r.PostForm["special_posts"]
	var err error
	in.UnitID, err = formID(r, "unit_id")
	return in, err
}

func (s *Server) personCreate(w http.ResponseWriter, r *http.Request) error {
	return s.personSave(w, r, 0)
}

func (s *Server) personUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.personSave(w, r, id)
}

func (s *Server) personSave(w http.ResponseWriter, r *http.Request, id int64) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	a := actorFrom(r.Context())
	if id != 0 {
		// Another school's id (or one the actor cannot see) is not found
		// before anything else is said about the submitted form.
		if _, err := s.Org.FindPerson(r.Context(), a, school, id); err != nil {
			return err
		}
	}
	in, err := personFromForm(r)
	in.ID = id
	if err == nil {
		in, err = s.Org.SavePerson(r.Context(), a, school, in)
	}
	if err != nil {
		title := "新建人员"
		if id != 0 {
			title = "编辑人员"
		}
		p, perr := s.personFormPage(r, title, in)
		if perr != nil {
			return perr
		}
		return s.formInvalid(w, r, err, "person_form", p)
	}
	return s.redirectf(w, r, "/people/"+strconv.FormatInt(in.ID, 10), "人员“%s”已保存。", in.Name)
}
