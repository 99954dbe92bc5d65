package web

import (
	"net/http"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/org"
)

// leadingGroupData is what leading_group.html shows: every group of the
// school with its members by position and the units its members miss.
type leadingGroupData struct {
	Groups    []lgGroupView
	People    []org.PersonOption
	Positions []option
	// Which form failed, so its errors and input show beside it.
	ErrGroup  int64
	ErrMember int64
	AddForm   org.LeadingGroupMember
}

type lgGroupView struct {
	org.LeadingGroup
	Sections  []lgSection
	Uncovered []org.Unit
}

type lgSection struct {
	Label   string
	Members []org.LeadingGroupMember
}

func positionOptions() []option {
	var out []option
	for _, p := range org.Positions {
		out = append(out, option{string(p), p.Label()})
	}
	return out
}

// leadingGroupPage loads the page; the handlers that fail a member form
// re-render it with that form's errors.
func (s *Server) leadingGroupPage(r *http.Request, d leadingGroupData) (*page, error) {
	school, err := requireSchool(r)
	if err != nil {
		return nil, err
	}
	a := actorFrom(r.Context())
	groups, err := s.Org.ListLeadingGroups(r.Context(), a, school)
	if err != nil {
		return nil, err
	}
	for _, g := range groups {
		gv := lgGroupView{LeadingGroup: g, Sections: []lgSection{
			{"组长", g.Leaders()}, {"副组长", g.Deputies()}, {"成员", g.Ordinary()},
		}}
		if gv.Uncovered, err = s.Org.MembersCoverAllUnits(r.Context(), school, g.ID); err != nil {
			return nil, err
		}
		d.Groups = append(d.Groups, gv)
	}
	if auth.Can(a, auth.PermOrgManage, auth.SchoolScope(school)) {
		if d.People, err = s.Org.PersonOptions(r.Context(), a, school); err != nil {
			return nil, err
		}
	}
	if d.AddForm.Position == "" {
		d.AddForm.Position = org.PositionMember
	}
	d.Positions = positionOptions()
	p := s.newPage(r, "领导小组")
	p.Data = d
	return p, nil
}

func (s *Server) leadingGroupShow(w http.ResponseWriter, r *http.Request) error {
	p, err := s.leadingGroupPage(r, leadingGroupData{})
	if err != nil {
		return err
	}
	return s.render(w, r, "leading_group", p)
}

// leadingGroupFormData carries the choices of leading_group_form.html.
type leadingGroupFormData struct {
	Units   []org.Unit
	People  []org.PersonOption
	History []historyEntry
}

func (s *Server) leadingGroupFormPage(r *http.Request, title string, g org.LeadingGroup) (*page, error) {
	a, school := actorFrom(r.Context()), schoolFrom(r.Context()).ID
	if !auth.Can(a, auth.PermOrgManage, auth.SchoolScope(school)) {
		return nil, apperr.ForbiddenErr(string(auth.PermOrgManage))
	}
	var d leadingGroupFormData
	var err error
	if d.Units, err = s.Org.ListUnits(r.Context(), a, school); err != nil {
		return nil, err
	}
	if d.People, err = s.Org.PersonOptions(r.Context(), a, school); err != nil {
		return nil, err
	}
	if g.ID != 0 {
		if d.History, err = s.history(r, "leading_group", g.ID); err != nil {
			return nil, err
		}
	}
	p := s.newPage(r, title)
	p.Form, p.Data = g, d
	return p, nil
}

func (s *Server) leadingGroupNew(w http.ResponseWriter, r *http.Request) error {
	if _, err := requireSchool(r); err != nil {
		return err
	}
	p, err := s.leadingGroupFormPage(r, "新建领导小组", org.LeadingGroup{Name: "安全专项整治工作领导小组", Active: true})
	if err != nil {
		return err
	}
	return s.render(w, r, "leading_group_form", p)
}

func (s *Server) leadingGroupEdit(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	g, err := s.Org.FindLeadingGroup(r.Context(), actorFrom(r.Context()), school, id)
	if err != nil {
		return err
	}
	p, err := s.leadingGroupFormPage(r, "编辑领导小组", g)
	if err != nil {
		return err
	}
	return s.render(w, r, "leading_group_form", p)
}

func (s *Server) leadingGroupCreate(w http.ResponseWriter, r *http.Request) error {
	return s.leadingGroupSave(w, r, 0)
}

func (s *Server) leadingGroupUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.leadingGroupSave(w, r, id)
}

func (s *Server) leadingGroupSave(w http.ResponseWriter, r *http.Request, id int64) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	g := org.LeadingGroup{ID: id, Name: r.PostFormValue("name"), OfficeLocation: r.PostFormValue("office_location"),
		Active: id == 0 || r.PostFormValue("active") == "true"}
	var fields []apperr.FieldError
	for name, dst := range map[string]*int64{"office_unit_id": &g.OfficeUnitID, "office_director_person_id": &g.OfficeDirectorPersonID} {
		v, ferr := formID(r, name)
		if ferr != nil {
			fields = append(fields, apperr.As(ferr).Fields...)
		}
		*dst = v
	}
	if len(fields) > 0 {
		err = apperr.Fields("leading_group.invalid", fields)
	} else {
		g, err = s.Org.SaveLeadingGroup(r.Context(), actorFrom(r.Context()), school, g)
	}
	if err != nil {
		title := "新建领导小组"
		if id != 0 {
			title = "编辑领导小组"
		}
		p, perr := s.leadingGroupFormPage(r, title, g)
		if perr != nil {
			return perr
		}
		return s.formInvalid(w, r, err, "leading_group_form", p)
	}
	return s.redirectf(w, r, "/leading-group", "“%s”已保存。", g.Name)
}
