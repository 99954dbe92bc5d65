package web

import (
	"fmt"
	"net/http"

	"safecampus/internal/apperr"
	"safecampus/internal/rules"
)

// meetingList lists the safety meetings (RUL-3), the most recent first.
func (s *Server) meetingList(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	list, err := s.Rules.ListMeetings(r.Context(), actorFrom(r.Context()), school)
	if err != nil {
		return err
	}
	today, err := s.Rules.Today(r.Context(), school)
	if err != nil {
		return err
	}
	p := s.newPage(r, "安全会议")
	p.Data = map[string]any{"Meetings": list, "Today": today}
	return s.render(w, r, "meeting_list", p)
}

// meetingShow is one meeting: record, attendees, decisions and their
// tasks, and for managers the form adding a decision.
func (s *Server) meetingShow(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	m, err := s.Rules.FindMeeting(r.Context(), actorFrom(r.Context()), school, id)
	if err != nil {
		return err
	}
	p, err := s.meetingShowPage(r, m, rules.Decision{})
	if err != nil {
		return err
	}
	return s.render(w, r, "meeting_show", p)
}

func (s *Server) meetingShowPage(r *http.Request, m rules.Meeting, d rules.Decision) (*page, error) {
	ctx, a, school := r.Context(), actorFrom(r.Context()), schoolFrom(r.Context()).ID
	data := map[string]any{"Meeting": m}
	if today, err := s.Rules.Today(ctx, school); err == nil {
		data["Today"] = today
	} else {
		return nil, err
	}
	if rules.MayManage(a, school) && m.Held() {
		units, err := s.Org.ListUnits(ctx, a, school)
		if err != nil {
			return nil, err
		}
		people, err := s.Org.PersonOptions(ctx, a, school)
		if err != nil {
			return nil, err
		}
		data["Units"], data["People"] = units, people
	}
	p := s.newPage(r, m.Title)
	p.Form, p.Data = d, data
	return p, nil
}

// meetingDecisionAdd records a decision of a held meeting, which puts it on
// the work list with its owner and deadline.
func (s *Server) meetingDecisionAdd(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	d := rules.Decision{Text: r.PostFormValue("text"), DueOn: r.PostFormValue("due_on")}
	var fields []apperr.FieldError
	if d.OwnerUnitID, err = formID(r, "owner_unit_id"); err != nil {
		fields = append(fields, apperr.As(err).Fields...)
	}
	if d.OwnerPersonID, err = formID(r, "owner_person_id"); err != nil {
		fields = append(fields, apperr.As(err).Fields...)
	}
	ctx, a := r.Context(), actorFrom(r.Context())
	if len(fields) > 0 {
		err = apperr.Fields("decision.invalid", fields)
	} else {
		_, err = s.Rules.AddDecision(ctx, a, school, id, d)
	}
	if err != nil {
		if !apperr.Is(err, apperr.Invalid) || len(apperr.As(err).Fields) == 0 {
			return err
		}
		m, ferr := s.Rules.FindMeeting(ctx, a, school, id)
		if ferr != nil {
			return ferr
		}
		p, perr := s.meetingShowPage(r, m, d)
		if perr != nil {
			return perr
		}
		return s.formInvalid(w, r, err, "meeting_show", p)
	}
	return s.redirect(w, r, fmt.Sprintf("/meetings/%d", id), "决定事项已录入，并已列入工作清单。")
}
