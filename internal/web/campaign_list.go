package web

import (
	"net/http"

	"safecampus/internal/campaign"
)

// campaignList shows the school's campaigns with their progress today.
func (s *Server) campaignList(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	ps, err := s.Campaigns.Overviews(r.Context(), actorFrom(r.Context()), school)
	if err != nil {
		return err
	}
	p := s.newPage(r, "专项整治")
	p.Data = map[string]any{"Campaigns": ps}
	return s.render(w, r, "campaign_list", p)
}

// campaignShow is the campaign page: its note, the report due date,
// progress per phase and milestone, and what is late.
func (s *Server) campaignShow(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	a := actorFrom(r.Context())
	pr, err := s.Campaigns.Overview(r.Context(), a, school, id)
	if err != nil {
		return err
	}
	p := s.newPage(r, pr.Campaign.Name)
	manage := campaign.CanManage(a, school)
	var blocks []milestoneBlock
	for _, ph := range pr.Phases {
		blocks = append(blocks, milestoneBlock{p, ph.Milestones, pr.Campaign, manage})
	}
	p.Data = map[string]any{"P": pr, "Manage": manage, "Blocks": blocks, "Unphased": milestoneBlock{p, pr.Unphased, pr.Campaign, manage}}
	return s.render(w, r, "campaign_show", p)
}

// milestoneBlock is what the "milestones" table of the campaign page needs.
type milestoneBlock struct {
	Page     *page
	List     []campaign.MilestoneState
	Campaign campaign.Campaign
	Manage   bool
}
