package web

import (
	"fmt"
	"net/http"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/campaign"
)

// noticeList shows the notices sent to the user and, to the campaign
// office, every notice with how many recipients have acknowledged it.
func (s *Server) noticeList(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	ctx, a := r.Context(), actorFrom(r.Context())
	mine, err := s.Campaigns.MyNotices(ctx, a, school)
	if err != nil {
		return err
	}
	data := map[string]any{"Mine": mine}
	if campaign.CanManage(a, school) {
		if data["Sent"], err = s.Campaigns.ListNotices(ctx, a, school); err != nil {
			return err
		}
	}
	p := s.newPage(r, "动员通知")
	p.Data = data
	return s.render(w, r, "notice_list", p)
}

// noticeShow shows a notice to a recipient (with the acknowledge button)
// or to the office.
func (s *Server) noticeShow(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	ctx, a := r.Context(), actorFrom(r.Context())
	n, err := s.Campaigns.ReadNotice(ctx, a, school, id)
	if err != nil {
		return err
	}
	recipient, err := s.Campaigns.IsRecipient(ctx, a, id)
	if err != nil {
		return err
	}
	p := s.newPage(r, n.Title)
	p.Data = map[string]any{"N": n, "Recipient": recipient, "Manage": campaign.CanManage(a, school)}
	return s.render(w, r, "notice_show", p)
}

// noticeAck records that the user has read the notice.
func (s *Server) noticeAck(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	changed, err := s.Campaigns.Acknowledge(r.Context(), actorFrom(r.Context()), school, id)
	if err != nil {
		return err
	}
	msg := "已确认阅读。"
	if !changed {
		msg = "您此前已确认阅读该通知。"
	}
	return s.redirect(w, r, fmt.Sprintf("/notices/%d", id), msg)
}

// noticeAcks is the office's view of who has and who has not acknowledged.
func (s *Server) noticeAcks(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	n, rs, err := s.Campaigns.Acknowledgements(r.Context(), actorFrom(r.Context()), school, id)
	if err != nil {
		return err
	}
	p := s.newPage(r, "阅读确认情况")
	p.Data = map[string]any{"N": n, "Recipients": rs, "Pending": n.Recipients - n.Acknowledged}
	return s.render(w, r, "notice_acks", p)
}

// noticeFormPage is the publishing form: campaigns, units and roles to choose.
func (s *Server) noticeFormPage(r *http.Request, n campaign.Notice) (*page, error) {
	ctx, a, school := r.Context(), actorFrom(r.Context()), schoolFrom(r.Context()).ID
	if !campaign.CanManage(a, school) {
		return nil, apperr.ForbiddenErr("campaign.manage")
	}
	cs, err := s.Campaigns.ListCampaigns(ctx, a, school)
	if err != nil {
		return nil, err
	}
	units, err := s.Org.ListUnits(ctx, a, school)
	if err != nil {
		return nil, err
	}
	chosenUnits, chosenRoles := map[int64]bool{}, map[auth.Role]bool{}
	for _, id := range n.UnitIDs {
		chosenUnits[id] = true
	}
	for _, role := range n.Roles {
		chosenRoles[role] = true
	}
	p := s.newPage(r, "发布动员通知")
	p.Form = n
	p.Data = map[string]any{"Campaigns": cs, "Units": units, "Roles": campaign.NoticeRoles, "ChosenUnits": chosenUnits, "ChosenRoles": chosenRoles}
	return p, nil
}

func (s *Server) noticeNew(w http.ResponseWriter, r *http.Request) error {
	if _, err := requireSchool(r); err != nil {
		return err
	}
	cid, _ := parseQueryID(r, "campaign")
	p, err := s.noticeFormPage(r, campaign.Notice{CampaignID: cid})
	if err != nil {
		return err
	}
	return s.render(w, r, "notice_form", p)
}

func (s *Server) noticeCreate(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	n := campaign.Notice{Title: r.PostFormValue("title"), Body: r.PostFormValue("body")}
	for _, v := range r.PostForm["role"] {
		n.Roles = append(n.Roles, auth.Role(v))
	}
	n.CampaignID, err = formID(r, "campaign_id")
	if err == nil {
		n.UnitIDs, err = campaignFormIDs(r, "unit_id")
	}
	if err == nil {
		n, err = s.Campaigns.Publish(r.Context(), actorFrom(r.Context()), school, n)
	}
	if err != nil {
		p, perr := s.noticeFormPage(r, n)
		if perr != nil {
			return perr
		}
		return s.formInvalid(w, r, err, "notice_form", p)
	}
	return s.redirectf(w, r, fmt.Sprintf("/notices/%d/acks", n.ID), "通知已发布给 %d 个账号。", n.Recipients)
}
