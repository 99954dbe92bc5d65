package web

import (
	"net/http"
	"strconv"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/org"
)

// requireSystemAdmin guards the pages above schools: only a system admin
// creates tenants and the authorities over them.
func requireSystemAdmin(r *http.Request) error {
	if !actorFrom(r.Context()).IsSystemAdmin() {
		return apperr.ForbiddenErr(string(auth.PermSchoolManage))
	}
	return nil
}

func (s *Server) schoolList(w http.ResponseWriter, r *http.Request) error {
	if err := requireSystemAdmin(r); err != nil {
		return err
	}
	a := actorFrom(r.Context())
	schools, err := s.Org.ListSchools(r.Context(), a)
	if err != nil {
		return err
	}
	auths, err := s.Org.ListAuthorities(r.Context(), a)
	if err != nil {
		return err
	}
	p := s.newPage(r, "学校")
	p.Data = map[string]any{"Schools": schools, "Authorities": auths}
	return s.render(w, r, "school_list", p)
}

func (s *Server) schoolNew(w http.ResponseWriter, r *http.Request) error {
	if err := requireSystemAdmin(r); err != nil {
		return err
	}
	p := s.newPage(r, "新建学校")
	p.Form = org.School{Timezone: "Asia/Shanghai"}
	return s.render(w, r, "school_form", p)
}

func (s *Server) schoolCreate(w http.ResponseWriter, r *http.Request) error {
	if err := requireSystemAdmin(r); err != nil {
		return err
	}
	in := org.School{Code: r.PostFormValue("code"), Name: r.PostFormValue("name"), Timezone: r.PostFormValue("timezone")}
	sc, err := s.Org.CreateSchool(r.Context(), actorFrom(r.Context()), in)
	if err != nil {
		p := s.newPage(r, "新建学校")
		p.Form = in
		return s.formInvalid(w, r, err, "school_form", p)
	}
	return s.redirectf(w, r, "/schools", "学校“%s”已创建。可在页面顶部切换到该学校，建立校区、单位和账号。", sc.Name)
}

// authorityForm is what the authority form shows and reads back.
type authorityForm struct {
	Name    string
	Checked map[int64]bool
}

func (s *Server) authorityFormPage(r *http.Request, f authorityForm) (*page, error) {
	schools, err := s.Org.ListSchools(r.Context(), actorFrom(r.Context()))
	if err != nil {
		return nil, err
	}
	p := s.newPage(r, "新建主管部门")
	p.Form = f
	p.Data = map[string]any{"Schools": schools}
	return p, nil
}

func (s *Server) authorityNew(w http.ResponseWriter, r *http.Request) error {
	if err := requireSystemAdmin(r); err != nil {
		return err
	}
	p, err := s.authorityFormPage(r, authorityForm{})
	if err != nil {
		return err
	}
	return s.render(w, r, "authority_form", p)
}

func (s *Server) authorityCreate(w http.ResponseWriter, r *http.Request) error {
	if err := requireSystemAdmin(r); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return apperr.Invalidf("request.bad_form", "表单格式有误。")
	}
	f := authorityForm{Name: r.PostFormValue("name"), Checked: map[int64]bool{}}
	in := org.Authority{Name: f.Name}
	for _, v := range r.PostForm["school_ids"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			continue
		}
		if !f.Checked[id] {
			f.Checked[id] = true
			in.SchoolIDs = append(in.SchoolIDs, id)
		}
	}
	au, err := s.Org.CreateAuthority(r.Context(), actorFrom(r.Context()), in)
	if err != nil {
		p, perr := s.authorityFormPage(r, f)
		if perr != nil {
			return perr
		}
		return s.formInvalid(w, r, err, "authority_form", p)
	}
	return s.redirectf(w, r, "/schools", "主管部门“%s”已创建。", au.Name)
}
