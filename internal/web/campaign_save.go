package web

import (
	"fmt"
	"net/http"

	"safecampus/internal/apperr"
	"safecampus/internal/campaign"
)

// campaignFormPage is the campaign form; only the office reaches it.
func (s *Server) campaignFormPage(r *http.Request, title string, c campaign.Campaign) (*page, error) {
	if !campaign.CanManage(actorFrom(r.Context()), schoolFrom(r.Context()).ID) {
		return nil, apperr.ForbiddenErr("campaign.manage")
	}
	p := s.newPage(r, title)
	p.Form = c
	return p, nil
}

func (s *Server) campaignNew(w http.ResponseWriter, r *http.Request) error {
	if _, err := requireSchool(r); err != nil {
		return err
	}
	p, err := s.campaignFormPage(r, "新建专项整治", campaign.Campaign{})
	if err != nil {
		return err
	}
	return s.render(w, r, "campaign_form", p)
}

func (s *Server) campaignEdit(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	a := actorFrom(r.Context())
	if !campaign.CanManage(a, school) {
		return apperr.ForbiddenErr("campaign.manage")
	}
	c, err := s.Campaigns.FindCampaign(r.Context(), a, school, id)
	if err != nil {
		return err
	}
	p, err := s.campaignFormPage(r, "编辑专项整治", c)
	if err != nil {
		return err
	}
	return s.render(w, r, "campaign_form", p)
}

func (s *Server) campaignCreate(w http.ResponseWriter, r *http.Request) error {
	return s.campaignSave(w, r, 0)
}

func (s *Server) campaignUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.campaignSave(w, r, id)
}

func (s *Server) campaignSave(w http.ResponseWriter, r *http.Request, id int64) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	c := campaign.Campaign{ID: id, Name: r.PostFormValue("name"), DocNo: r.PostFormValue("doc_no"), Authority: r.PostFormValue("authority"),
		StartsOn: r.PostFormValue("starts_on"), EndsOn: r.PostFormValue("ends_on"), ReportDueOn: r.PostFormValue("report_due_on"),
		Description: r.PostFormValue("description"), Note: r.PostFormValue("note")}
	saved, err := s.Campaigns.SaveCampaign(r.Context(), actorFrom(r.Context()), school, c)
	if err != nil {
		title := map[bool]string{true: "新建专项整治", false: "编辑专项整治"}[id == 0]
		p, perr := s.campaignFormPage(r, title, c)
		if perr != nil {
			return perr
		}
		return s.formInvalid(w, r, err, "campaign_form", p)
	}
	return s.redirectf(w, r, fmt.Sprintf("/campaigns/%d", saved.ID), "专项整治“%s”已保存。", saved.Name)
}
