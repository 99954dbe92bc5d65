package web

import (
	"net/http"
	"strings"

	"safecampus/internal/apperr"
	"safecampus/internal/org"
)

// memberFromForm reads the fields of the add and edit member forms.
func memberFromForm(r *http.Request) (org.LeadingGroupMember, error) {
	m := org.LeadingGroupMember{
		Position: org.Position(strings.TrimSpace(r.PostFormValue("position"))),
		Duty:     r.PostFormValue("duty"),
	}
	var fields []apperr.FieldError
	var err error
	if m.PersonID, err = formID(r, "person_id"); err != nil {
		fields = append(fields, apperr.As(err).Fields...)
	}
	if m.SortOrder, err = formInt(r, "sort_order"); err != nil {
		fields = append(fields, apperr.As(err).Fields...)
	}
	if len(fields) > 0 {
		return m, apperr.Fields("leading_group_member.invalid", fields)
	}
	return m, nil
}

// memberFormFailed re-renders the leading group page (422) with the failed
// form's errors beside it; other errors pass through.
func (s *Server) memberFormFailed(w http.ResponseWriter, r *http.Request, err error, d leadingGroupData) error {
	if !apperr.Is(err, apperr.Invalid) {
		return err
	}
	p, perr := s.leadingGroupPage(r, d)
	if perr != nil {
		return perr
	}
	return s.formInvalid(w, r, err, "leading_group", p)
}

func (s *Server) leadingGroupMemberAdd(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	gid, err := pathID(r, "id")
	if err != nil {
		return err
	}
	m, err := memberFromForm(r)
	if err == nil {
		m, err = s.Org.AddLeadingGroupMember(r.Context(), actorFrom(r.Context()), school, gid, m)
	}
	if err != nil {
		return s.memberFormFailed(w, r, err, leadingGroupData{ErrGroup: gid, AddForm: m})
	}
	return s.redirect(w, r, "/leading-group", "已添加领导小组成员。")
}

func (s *Server) leadingGroupMemberUpdate(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	gid, err := pathID(r, "id")
	if err != nil {
		return err
	}
	mid, err := pathID(r, "mid")
	if err != nil {
		return err
	}
	m, err := memberFromForm(r)
	m.ID = mid
	if err == nil {
		_, err = s.Org.UpdateLeadingGroupMember(r.Context(), actorFrom(r.Context()), school, gid, m)
	}
	if err != nil {
		return s.memberFormFailed(w, r, err, leadingGroupData{ErrMember: mid})
	}
	return s.redirect(w, r, "/leading-group", "已更新领导小组成员。")
}

func (s *Server) leadingGroupMemberDelete(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	gid, err := pathID(r, "id")
	if err != nil {
		return err
	}
	mid, err := pathID(r, "mid")
	if err != nil {
		return err
	}
	if err := s.Org.RemoveLeadingGroupMember(r.Context(), actorFrom(r.Context()), school, gid, mid); err != nil {
		return err
	}
	return s.redirect(w, r, "/leading-group", "已移出领导小组成员。")
}
