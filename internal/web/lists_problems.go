package web

import (
	"net/http"

	"safecampus/internal/lists"
)

// listsProblemRow is a problem-list row as the page shows it.
type listsProblemRow struct {
	Kind, Number, Link, Found, Place, Area, Level, Description string
	Unit, Responsible, Deadline, Status                        string
	Hazard, Major, Overdue, Listed                             bool
}

func (s *Server) listsProblemRows(p *page, ps []lists.Problem) []listsProblemRow {
	loc := p.School.Location()
	out := make([]listsProblemRow, len(ps))
	for i, x := range ps {
		v := listsProblemRow{Kind: x.KindLabel(), Number: x.Number, Found: x.FoundAt.In(loc).Format("2006-01-02 15:04"), Place: x.Place,
			Area: x.AreaLabel(), Level: x.LevelLabel(), Description: x.Description, Unit: x.UnitName, Responsible: x.Responsible,
			Deadline: x.Deadline, Status: x.StatusLabel(), Hazard: x.Kind == lists.KindHazard, Major: x.Level == "major",
			Overdue: x.Overdue, Listed: x.Listed}
		if v.Hazard {
			v.Link = "/hazards/" + listsID(x.ID)
		} else {
			v.Number, v.Link = "检查记录 #"+listsID(x.InspectionID), "/inspections/"+listsID(x.InspectionID)
		}
		out[i] = v
	}
	return out
}

// problemList is the problem list (问题清单): every hazard and every
// inspection finding not (yet) a hazard, newest first.
func (s *Server) problemList(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	f := listsFilter(r)
	ps, truncated, err := s.Lists.ProblemList(r.Context(), actorFrom(r.Context()), school, f)
	kinds := listsLabelled(lists.ProblemKinds, f.Kind, func(k string) string { return lists.Problem{Kind: k}.KindLabel() })
	lp, err := s.newListsPage(r, "问题清单", "/lists/problems", f, listsLabelled(lists.ProblemStatuses, f.Status, lists.ProblemStatusLabel), kinds, err)
	if err != nil {
		return err
	}
	lp.data["Rows"], lp.data["Truncated"] = s.listsProblemRows(lp.p, ps), truncated
	return s.renderList(w, r, "lists_problems", lp)
}
