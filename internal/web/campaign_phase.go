package web

import (
	"fmt"
	"net/http"

	"safecampus/internal/apperr"
	"safecampus/internal/campaign"
)

// phaseFormPage loads the campaign a phase form belongs to; only the
// office reaches it, and a campaign of another school is not found.
func (s *Server) phaseFormPage(r *http.Request, title string, ph campaign.Phase) (*page, error) {
	ctx, a, school := r.Context(), actorFrom(r.Context()), schoolFrom(r.Context()).ID
	if !campaign.CanManage(a, school) {
		return nil, apperr.ForbiddenErr("campaign.manage")
	}
	c, err := s.Campaigns.FindCampaign(ctx, a, school, ph.CampaignID)
	if err != nil {
		return nil, err
	}
	p := s.newPage(r, title)
	p.Form = ph
	p.Data = map[string]any{"Campaign": c}
	return p, nil
}

// phaseOf reads {id} and {pid} and returns the phase, not found when it is
// not a phase of that campaign.
func (s *Server) phaseOf(r *http.Request, school int64) (campaign.Phase, error) {
	cid, err := pathID(r, "id")
	if err != nil {
		return campaign.Phase{}, err
	}
	pid, err := pathID(r, "pid")
	if err != nil {
		return campaign.Phase{}, err
	}
	ph, err := s.Campaigns.FindPhase(r.Context(), actorFrom(r.Context()), school, pid)
	if err == nil && ph.CampaignID != cid {
		err = apperr.NotFoundf("phase.not_found", "阶段不存在。")
	}
	return ph, err
}

func (s *Server) phaseNew(w http.ResponseWriter, r *http.Request) error {
	if _, err := requireSchool(r); err != nil {
		return err
	}
	cid, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p, err := s.phaseFormPage(r, "添加阶段", campaign.Phase{CampaignID: cid})
	if err != nil {
		return err
	}
	return s.render(w, r, "campaign_phase_form", p)
}

func (s *Server) phaseEdit(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	if !campaign.CanManage(actorFrom(r.Context()), school) {
		return apperr.ForbiddenErr("campaign.manage")
	}
	ph, err := s.phaseOf(r, school)
	if err != nil {
		return err
	}
	p, err := s.phaseFormPage(r, "编辑阶段", ph)
	if err != nil {
		return err
	}
	return s.render(w, r, "campaign_phase_form", p)
}

func (s *Server) phaseCreate(w http.ResponseWriter, r *http.Request) error {
	cid, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.phaseSave(w, r, campaign.Phase{CampaignID: cid})
}

func (s *Server) phaseUpdate(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	if !campaign.CanManage(actorFrom(r.Context()), school) {
		return apperr.ForbiddenErr("campaign.manage")
	}
	ph, err := s.phaseOf(r, school)
	if err != nil {
		return err
	}
	return s.phaseSave(w, r, ph)
}

func (s *Server) phaseSave(w http.ResponseWriter, r *http.Request, ph campaign.Phase) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	ph.Name, ph.StartsOn, ph.EndsOn = r.PostFormValue("name"), r.PostFormValue("starts_on"), r.PostFormValue("ends_on")
	ph.Description, ph.Note = r.PostFormValue("description"), r.PostFormValue("note")
	saved, err := s.Campaigns.SavePhase(r.Context(), actorFrom(r.Context()), school, ph)
	if err != nil {
		if !apperr.Is(err, apperr.Invalid) {
			return err
		}
		p, perr := s.phaseFormPage(r, map[bool]string{true: "添加阶段", false: "编辑阶段"}[ph.ID == 0], ph)
		if perr != nil {
			return perr
		}
		return s.formInvalid(w, r, err, "campaign_phase_form", p)
	}
	return s.redirectf(w, r, fmt.Sprintf("/campaigns/%d", saved.CampaignID), "阶段“%s”已保存。", saved.Name)
}
