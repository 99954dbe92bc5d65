package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"safecampus/internal/apperr"
	"safecampus/internal/campaign"
)

// milestoneFormPage is the milestone form with the school's units to
// choose the responsible ones from; only the office reaches it.
func (s *Server) milestoneFormPage(r *http.Request, title string, m campaign.Milestone) (*page, error) {
	ctx, a, school := r.Context(), actorFrom(r.Context()), schoolFrom(r.Context()).ID
	if !campaign.CanManage(a, school) {
		return nil, apperr.ForbiddenErr("campaign.manage")
	}
	c, err := s.Campaigns.FindCampaign(ctx, a, school, m.CampaignID)
	if err != nil {
		return nil, err
	}
	units, err := s.Org.ListUnits(ctx, a, school)
	if err != nil {
		return nil, err
	}
	chosen := map[int64]bool{}
	for _, id := range m.UnitIDs {
		chosen[id] = true
	}
	p := s.newPage(r, title)
	p.Form = m
	p.Data = map[string]any{"Campaign": c, "Units": units, "Chosen": chosen}
	return p, nil
}

// milestoneOf reads {id} and {mid}: a milestone of another campaign is not found.
func (s *Server) milestoneOf(r *http.Request, school int64) (campaign.Milestone, error) {
	cid, err := pathID(r, "id")
	if err != nil {
		return campaign.Milestone{}, err
	}
	mid, err := pathID(r, "mid")
	if err != nil {
		return campaign.Milestone{}, err
	}
	m, err := s.Campaigns.FindMilestone(r.Context(), actorFrom(r.Context()), school, mid)
	if err == nil && m.CampaignID != cid {
		err = apperr.NotFoundf("milestone.not_found", "时间节点不存在。")
	}
	return m, err
}

func (s *Server) milestoneNew(w http.ResponseWriter, r *http.Request) error {
	if _, err := requireSchool(r); err != nil {
		return err
	}
	cid, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p, err := s.milestoneFormPage(r, "添加时间节点", campaign.Milestone{CampaignID: cid})
	if err != nil {
		return err
	}
	return s.render(w, r, "campaign_milestone_form", p)
}

func (s *Server) milestoneEdit(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	if !campaign.CanManage(actorFrom(r.Context()), school) {
		return apperr.ForbiddenErr("campaign.manage")
	}
	m, err := s.milestoneOf(r, school)
	if err != nil {
		return err
	}
	p, err := s.milestoneFormPage(r, "编辑时间节点", m)
	if err != nil {
		return err
	}
	return s.render(w, r, "campaign_milestone_form", p)
}

func (s *Server) milestoneCreate(w http.ResponseWriter, r *http.Request) error {
	cid, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.milestoneSave(w, r, campaign.Milestone{CampaignID: cid})
}

func (s *Server) milestoneUpdate(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	if !campaign.CanManage(actorFrom(r.Context()), school) {
		return apperr.ForbiddenErr("campaign.manage")
	}
	m, err := s.milestoneOf(r, school)
	if err != nil {
		return err
	}
	return s.milestoneSave(w, r, m)
}

func (s *Server) milestoneSave(w http.ResponseWriter, r *http.Request, m campaign.Milestone) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	m.Name, m.StartsOn, m.DueOn, m.Deliverables = r.PostFormValue("name"), r.PostFormValue("starts_on"), r.PostFormValue("due_on"), r.PostFormValue("deliverables")
	m.UnitIDs, err = campaignFormIDs(r, "unit_id")
	if err == nil {
		m, err = s.Campaigns.SaveMilestone(r.Context(), actorFrom(r.Context()), school, m)
	}
	if err != nil {
		if !apperr.Is(err, apperr.Invalid) {
			return err
		}
		p, perr := s.milestoneFormPage(r, map[bool]string{true: "添加时间节点", false: "编辑时间节点"}[m.ID == 0], m)
		if perr != nil {
			return perr
		}
		return s.formInvalid(w, r, err, "campaign_milestone_form", p)
	}
	return s.redirectf(w, r, fmt.Sprintf("/campaigns/%d", m.CampaignID), "时间节点“%s”已保存，责任部门的工作清单已更新。", m.Name)
}

// milestoneStatus marks a milestone done (with its evidence) or open again.
func (s *Server) milestoneStatus(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	if !campaign.CanManage(actorFrom(r.Context()), school) {
		return apperr.ForbiddenErr("campaign.manage")
	}
	m, err := s.milestoneOf(r, school)
	if err != nil {
		return err
	}
	done := r.PostFormValue("done") == "true"
	if err := s.Campaigns.SetMilestoneStatus(r.Context(), actorFrom(r.Context()), school, m.ID, done, r.PostFormValue("evidence_note")); err != nil {
		if e := apperr.As(err); e.Kind == apperr.Invalid && len(e.Fields) > 0 {
			return apperr.Invalidf(e.Code, "%s", e.Fields[0].Message)
		}
		return err
	}
	msg := map[bool]string{true: "时间节点已标记为完成。", false: "时间节点已重新打开。"}[done]
	return s.redirect(w, r, fmt.Sprintf("/campaigns/%d", m.CampaignID), msg)
}

// campaignFormIDs reads repeated numeric form values (checkboxes).
func campaignFormIDs(r *http.Request, name string) ([]int64, error) {
	var out []int64
	for _, v := range r.PostForm[name] {
		id, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil || id <= 0 {
			return nil, apperr.Fields("form.invalid", []apperr.FieldError{{Field: name, Message: "选项无效。"}})
		}
		out = append(out, id)
	}
	return out, nil
}
