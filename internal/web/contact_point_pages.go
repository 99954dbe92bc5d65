package web

import (
	"net/http"
	"strconv"
	"strings"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/org"
)

// contactPointsData is what contact_points.html shows: each leader with a
// checkbox per unit, and a form to link a leader not yet listed.
type contactPointsData struct {
	Leaders   []cpLeader
	New       cpLeader
	People    []org.PersonOption // people not yet listed as leaders
	ErrLeader int64              // the leader whose form failed
	NewFailed bool
}

type cpLeader struct {
	PersonID int64
	Name     string
	Post     string
	Units    []org.UnitRef // linked units, for readers
	Choices  []cpUnit      // every unit, for managers
}

type cpUnit struct {
	ID      int64
	Name    string
	Depth   int
	Active  bool
	Checked bool
}

// cpUnitChoices lists the units as checkboxes; a deactivated unit is offered only
// while it is still linked, so saving the form does not drop it unseen.
func cpUnitChoices(units []org.Unit, checked []int64) []cpUnit {
	on := map[int64]bool{}
	for _, id := range checked {
		on[id] = true
	}
	var out []cpUnit
	for _, u := range units {
		if u.Active || on[u.ID] {
			out = append(out, cpUnit{u.ID, u.Name, u.Depth, u.Active, on[u.ID]})
		}
	}
	return out
}

// contactPointsPage builds the page; failed is the leader whose submitted
// set (submitted) replaces the stored one in their form.
func (s *Server) contactPointsPage(r *http.Request, failed int64, newForm bool, submitted []int64) (*page, error) {
	school, err := requireSchool(r)
	if err != nil {
		return nil, err
	}
	a := actorFrom(r.Context())
	leaders, err := s.Org.ListContactPoints(r.Context(), a, school)
	if err != nil {
		return nil, err
	}
	d := contactPointsData{ErrLeader: failed, NewFailed: newForm}
	manage := auth.Can(a, auth.PermOrgManage, auth.SchoolScope(school))
	var units []org.Unit
	var people []org.PersonOption
	if manage {
		if units, err = s.Org.ListUnits(r.Context(), a, school); err != nil {
			return nil, err
		}
		if people, err = s.Org.PersonOptions(r.Context(), a, school); err != nil {
			return nil, err
		}
	}
	listed := map[int64]bool{}
	for _, l := range leaders {
		listed[l.LeaderPersonID] = true
		v := cpLeader{PersonID: l.LeaderPersonID, Name: l.LeaderName, Post: l.LeaderPost, Units: l.Units}
		ids := submitted
		if newForm || failed != l.LeaderPersonID {
			ids = nil
			for _, u := range l.Units {
				ids = append(ids, u.ID)
			}
		}
		if manage {
			v.Choices = cpUnitChoices(units, ids)
		}
		d.Leaders = append(d.Leaders, v)
	}
	for _, p := range people {
		if !listed[p.ID] {
			d.People = append(d.People, p)
		}
	}
	if newForm {
		d.New.PersonID = failed
		d.New.Choices = cpUnitChoices(units, submitted)
	} else {
		d.New.Choices = cpUnitChoices(units, nil)
	}
	p := s.newPage(r, "联系点")
	p.Data = d
	return p, nil
}

func (s *Server) contactPointsShow(w http.ResponseWriter, r *http.Request) error {
	p, err := s.contactPointsPage(r, 0, false, nil)
	if err != nil {
		return err
	}
	return s.render(w, r, "contact_points", p)
}

// contactPointsSave replaces one leader's units (the leader's own form, or
// the form that adds a leader).
func (s *Server) contactPointsSave(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	leader, err := formID(r, "leader_person_id")
	newForm := r.PostFormValue("new") == "1"
	var ids []int64
	for _, v := range r.PostForm["unit_id"] {
		id, perr := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if perr != nil || id <= 0 {
			err = apperr.Fields("contact_point.invalid", []apperr.FieldError{{Field: "unit_ids", Message: "所选单位无效。"}})
			break
		}
		ids = append(ids, id)
	}
	if err == nil {
		err = s.Org.SetLeaderUnits(r.Context(), actorFrom(r.Context()), school, leader, ids)
	}
	if err != nil {
		if !apperr.Is(err, apperr.Invalid) {
			return err
		}
		p, perr := s.contactPointsPage(r, leader, newForm, ids)
		if perr != nil {
			return perr
		}
		return s.formInvalid(w, r, err, "contact_points", p)
	}
	return s.redirect(w, r, "/contact-points", "联系点已保存。")
}
