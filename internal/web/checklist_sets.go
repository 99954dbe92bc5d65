package web

import (
	"fmt"
	"net/http"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/checklist"
)

func (s *Server) checklistSetList(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	sets, err := s.Checklist.ListSets(r.Context(), actorFrom(r.Context()), school)
	if err != nil {
		return err
	}
	p := s.newPage(r, "检查表")
	p.Data = map[string]any{"Sets": sets}
	return s.render(w, r, "checklist_set_list", p)
}

// checklistSetShow shows a set's items; managers also get the forms that
// rename it and choose its items from the library.
func (s *Server) checklistSetShow(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	a := actorFrom(r.Context())
	set, err := s.Checklist.FindSet(r.Context(), a, school, id)
	if err != nil {
		return err
	}
	lib, err := s.Checklist.ListItems(r.Context(), a, school)
	if err != nil {
		return err
	}
	chosen := map[string]bool{}
	for _, c := range set.Codes {
		chosen[c] = true
	}
	byCode := map[string]checklist.Item{}
	for _, it := range lib {
		byCode[it.Code] = it
	}
	var members []checklist.Item
	for _, c := range set.Codes {
		if it, ok := byCode[c]; ok {
			members = append(members, it)
		}
	}
	hist, err := s.history(r, "item_set", id)
	if err != nil {
		return err
	}
	p := s.newPage(r, set.Name)
	p.Form = set
	p.Data = map[string]any{"Set": set, "Members": members, "Groups": groupByArea(lib), "Chosen": chosen, "History": hist}
	return s.render(w, r, "checklist_set_show", p)
}

func (s *Server) checklistSetNew(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	if !auth.Can(actorFrom(r.Context()), auth.PermChecklistManage, auth.SchoolScope(school)) {
		return apperr.ForbiddenErr(string(auth.PermChecklistManage))
	}
	p := s.newPage(r, "新建检查表")
	p.Form = checklist.ItemSet{}
	return s.render(w, r, "checklist_set_form", p)
}

func (s *Server) checklistSetCreate(w http.ResponseWriter, r *http.Request) error {
	return s.checklistSetSave(w, r, 0)
}

func (s *Server) checklistSetUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.checklistSetSave(w, r, id)
}

func (s *Server) checklistSetSave(w http.ResponseWriter, r *http.Request, id int64) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	set := checklist.ItemSet{ID: id, Name: r.PostFormValue("name"), Description: r.PostFormValue("description")}
	saved, err := s.Checklist.SaveSet(r.Context(), actorFrom(r.Context()), school, set)
	if err != nil {
		title := "新建检查表"
		if id != 0 {
			title = "编辑检查表"
		}
		p := s.newPage(r, title)
		p.Form = set
		return s.formInvalid(w, r, err, "checklist_set_form", p)
	}
	return s.redirectf(w, r, fmt.Sprintf("/checklist/sets/%d", saved.ID), "检查表“%s”已保存。", saved.Name)
}

// checklistSetItems replaces a set's items with the ticked ones, in the
// library's order.
func (s *Server) checklistSetItems(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return apperr.Invalidf("form.invalid", "表单无法读取。")
	}
	if err := s.Checklist.SetSetItems(r.Context(), actorFrom(r.Context()), school, id, r.PostForm["code"]); err != nil {
		if e := apperr.As(err); e.Kind == apperr.Invalid && len(e.Fields) > 0 {
			return apperr.Invalidf(e.Code, "%s", e.Fields[0].Message)
		}
		return err
	}
	return s.redirect(w, r, fmt.Sprintf("/checklist/sets/%d", id), "检查表的检查项已更新。")
}
