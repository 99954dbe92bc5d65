package web

import (
	"context"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/hazard"
)

// homeHazardLimit bounds each hazard block of the home page.
const homeHazardLimit = 20

// homeHazard is one hazard line on the home page.
type homeHazard struct {
	URL, Number, Description, Unit, Deadline string
	Major, Listed, Overdue                   bool
}

// homeHazardBlocks adds the hazard blocks to the home page's data:
// open major hazards for the school's leaders, the office and the leading
// group (they stay there until closed, issue 4 §4), and the user's own
// hazards to rectify and to accept. Each block is one indexed list query,
// and only for users it concerns.
func (s *Server) homeHazardBlocks(ctx context.Context, p *page, data map[string]any) error {
	a, school := p.Actor, p.School.ID
	if a == nil || school == 0 || s.Hazard == nil {
		return nil
	}
	today := schoolToday(p, s.Now())
	lines := func(f hazard.Filter) ([]homeHazard, error) {
		f.Limit = homeHazardLimit
		hs, _, err := s.Hazard.List(ctx, a, school, f)
		if apperr.Is(err, apperr.Forbidden) {
			return nil, nil // no hazard rights here: no blocks, still a home page
		}
		if err != nil {
			return nil, err
		}
		var out []homeHazard
		for i := range hs {
			h := &hs[i]
			out = append(out, homeHazard{URL: hazardURL(h.ID), Number: h.Number, Description: h.Description, Unit: h.UnitName,
				Deadline: chineseDate(h.Deadline), Major: h.Major(), Listed: h.Listed, Overdue: hazardOverdue(h, today)})
		}
		return out, nil
	}
	office := auth.Can(a, auth.PermHazardManage, auth.SchoolScope(school))
	leads, err := s.leadsSchool(ctx, a, school)
	if err != nil {
		return err
	}
	if office || leads {
		if data["MajorHazards"], err = lines(hazard.Filter{Level: hazard.LevelMajor, Status: hazard.OpenStatuses}); err != nil {
			return err
		}
	}
	if a.PersonID != 0 {
		if data["ToRectify"], err = lines(hazard.Filter{ResponsibleID: a.PersonID,
			Status: []hazard.Status{hazard.StatusAssigned, hazard.StatusRectifying}}); err != nil {
			return err
		}
	}
	// Waiting for the user's acceptance: hazards naming them as acceptor,
	// and for the office those naming nobody.
	if a.PersonID != 0 || office {
		if data["ToAccept"], err = lines(hazard.Filter{Status: []hazard.Status{hazard.StatusSubmitted}, AcceptorID: a.PersonID, NoAcceptor: office}); err != nil {
			return err
		}
	}
	return nil
}

// leadsSchool reports whether a is one of the school's leaders: a
// principal or supervising leader, or a member of its leading group.
func (s *Server) leadsSchool(ctx context.Context, a *auth.Actor, school int64) (bool, error) {
	for _, g := range a.Grants {
		if g.SchoolID == school && (g.Role == auth.RolePrincipalLeader || g.Role == auth.RoleSupervisor) {
			return true, nil
		}
	}
	if a.PersonID == 0 {
		return false, nil
	}
	var n int
	err := s.DB.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM leading_group_members m JOIN leading_groups g ON g.id = m.group_id
		WHERE m.school_id = $1 AND m.person_id = $2 AND g.active`, school, a.PersonID).Scan(&n)
	return n > 0, err
}
