package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/org"
)

// gridFormPage prepares the grid form with its choices.
func (s *Server) gridFormPage(r *http.Request, title string, g org.Grid) (*page, error) {
	a, school := actorFrom(r.Context()), schoolFrom(r.Context()).ID
	if !auth.Can(a, auth.PermOrgManage, auth.SchoolScope(school)) {
		return nil, apperr.ForbiddenErr(string(auth.PermOrgManage))
	}
	grids, err := s.Org.ListGrids(r.Context(), a, school)
	if err != nil {
		return nil, err
	}
	people, err := s.Org.PersonOptions(r.Context(), a, school)
	if err != nil {
		return nil, err
	}
	p := s.newPage(r, title)
	p.Form = g
	p.Data = map[string]any{"Grids": grids, "People": people}
	return p, nil
}

func (s *Server) gridNew(w http.ResponseWriter, r *http.Request) error {
	if _, err := requireSchool(r); err != nil {
		return err
	}
	var g org.Grid
	if pid, err := parseQueryID(r, "parent"); err == nil && pid > 0 {
		g.ParentID = pid
	}
	p, err := s.gridFormPage(r, "新建网格", g)
	if err != nil {
		return err
	}
	return s.render(w, r, "grid_form", p)
}

func (s *Server) gridEdit(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	g, err := s.Org.FindGrid(r.Context(), actorFrom(r.Context()), school, id)
	if err != nil {
		return err
	}
	p, err := s.gridFormPage(r, "编辑网格", g)
	if err != nil {
		return err
	}
	return s.render(w, r, "grid_form", p)
}

func (s *Server) gridCreate(w http.ResponseWriter, r *http.Request) error { return s.gridSave(w, r, 0) }

func (s *Server) gridUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.gridSave(w, r, id)
}

func (s *Server) gridSave(w http.ResponseWriter, r *http.Request, id int64) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	g := org.Grid{ID: id, Name: r.PostFormValue("name"), Description: r.PostFormValue("description")}
	var fields []apperr.FieldError
	for name, dst := range map[string]*int64{"parent_id": &g.ParentID, "leader_person_id": &g.LeaderPersonID} {
		v, ferr := formID(r, name)
		if ferr != nil {
			fields = append(fields, apperr.As(ferr).Fields...)
		}
		*dst = v
	}
	if len(fields) > 0 {
		err = apperr.Fields("grid.invalid", fields)
	} else {
		g, err = s.Org.SaveGrid(r.Context(), actorFrom(r.Context()), school, g)
	}
	if err != nil {
		title := "新建网格"
		if id != 0 {
			title = "编辑网格"
		}
		p, perr := s.gridFormPage(r, title, g)
		if perr != nil {
			return perr
		}
		return s.formInvalid(w, r, err, "grid_form", p)
	}
	return s.redirectf(w, r, fmt.Sprintf("/grids/%d", g.ID), "网格“%s”已保存。", g.Name)
}

func (s *Server) gridSetMembers(w http.ResponseWriter, r *http.Request) error {
	return s.gridSetIDs(w, r, "person_id", "网格员已更新。", s.Org.SetGridMembers)
}

func (s *Server) gridSetPlaces(w http.ResponseWriter, r *http.Request) error {
	return s.gridSetIDs(w, r, "place_id", "负责场所已更新。", s.Org.SetGridPlaces)
}

// gridSetIDs replaces one of a grid's sets with the ticked checkboxes.
// Unticking every box submits none, which empties the set.
func (s *Server) gridSetIDs(w http.ResponseWriter, r *http.Request, field, done string,
	set func(ctx context.Context, a *auth.Actor, school, gridID int64, ids []int64) error) error {
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
	var ids []int64
	for _, v := range r.PostForm[field] {
		n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil || n <= 0 {
			return apperr.Invalidf("form.invalid", "选项无效。")
		}
		ids = append(ids, n)
	}
	if err := set(r.Context(), actorFrom(r.Context()), school, id, ids); err != nil {
		return err
	}
	return s.redirect(w, r, fmt.Sprintf("/grids/%d", id), done)
}
