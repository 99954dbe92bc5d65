package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/rules"
)

// meetingFormPage prepares the meeting form for rule managers only.
func (s *Server) meetingFormPage(r *http.Request, title string, m rules.Meeting) (*page, error) {
	ctx, a, school := r.Context(), actorFrom(r.Context()), schoolFrom(r.Context()).ID
	if !auth.Can(a, auth.PermRulesManage, auth.SchoolScope(school)) {
		return nil, apperr.ForbiddenErr(string(auth.PermRulesManage))
	}
	people, err := s.Org.PersonOptions(ctx, a, school)
	if err != nil {
		return nil, err
	}
	attending := map[int64]bool{}
	for _, id := range m.AttendeeIDs {
		attending[id] = true
	}
	var kinds []option
	for _, k := range rules.MeetingKinds {
		kinds = append(kinds, option{k.Code, k.Label})
	}
	p := s.newPage(r, title)
	p.Form = m
	p.Data = map[string]any{"People": people, "Attending": attending, "Kinds": kinds}
	return p, nil
}

func (s *Server) meetingNew(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	today, err := s.Rules.Today(r.Context(), school)
	if err != nil {
		return err
	}
	p, err := s.meetingFormPage(r, "安排安全会议", rules.Meeting{Kind: "regular", ScheduledOn: today})
	if err != nil {
		return err
	}
	return s.render(w, r, "meeting_form", p)
}

func (s *Server) meetingEdit(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	a := actorFrom(r.Context())
	if !auth.Can(a, auth.PermRulesManage, auth.SchoolScope(school)) {
		return apperr.ForbiddenErr(string(auth.PermRulesManage))
	}
	m, err := s.Rules.FindMeeting(r.Context(), a, school, id)
	if err != nil {
		return err
	}
	p, err := s.meetingFormPage(r, "编辑会议（登记召开情况）", m)
	if err != nil {
		return err
	}
	return s.render(w, r, "meeting_form", p)
}

func (s *Server) meetingCreate(w http.ResponseWriter, r *http.Request) error {
	return s.meetingSave(w, r, 0)
}

func (s *Server) meetingUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.meetingSave(w, r, id)
}

func (s *Server) meetingSave(w http.ResponseWriter, r *http.Request, id int64) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	m := rules.Meeting{ID: id, Kind: strings.TrimSpace(r.PostFormValue("kind")), Title: r.PostFormValue("title"), ScheduledOn: r.PostFormValue("scheduled_on"),
		HeldOn: r.PostFormValue("held_on"), Location: r.PostFormValue("location"), Situation: r.PostFormValue("situation"), Minutes: r.PostFormValue("minutes")}
	var fields []apperr.FieldError
	if m.ChairPersonID, err = formID(r, "chair_person_id"); err != nil {
		fields = append(fields, apperr.As(err).Fields...)
	}
	for _, v := range r.PostForm["attendee_id"] {
		pid, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil || pid <= 0 {
			fields = append(fields, apperr.FieldError{Field: "attendees", Message: "所选参会人员无效。"})
			break
		}
		m.AttendeeIDs = append(m.AttendeeIDs, pid)
	}
	if len(fields) > 0 {
		err = apperr.Fields("meeting.invalid", fields)
	} else {
		m, err = s.Rules.SaveMeeting(r.Context(), actorFrom(r.Context()), school, m)
	}
	if err != nil {
		if !apperr.Is(err, apperr.Invalid) {
			return err
		}
		title := "安排安全会议"
		if id != 0 {
			title = "编辑会议（登记召开情况）"
		}
		p, perr := s.meetingFormPage(r, title, m)
		if perr != nil {
			return perr
		}
		return s.formInvalid(w, r, err, "meeting_form", p)
	}
	return s.redirectf(w, r, fmt.Sprintf("/meetings/%d", m.ID), "会议“%s”已保存。", m.Title)
}
