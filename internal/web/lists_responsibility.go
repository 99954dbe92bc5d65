package web

import (
	"net/http"

	"safecampus/internal/lists"
)

// listsDutyRow is a duty as the page shows it.
type listsDutyRow struct {
	Unit, Person, Kind, Item, Detail, DueOn string
	Overdue                                 bool
}

// responsibilityList is the responsibility list (责任清单): per unit and
// person the number of places, grids, open hazards, tasks and inspections
// due they answer for, and each of them below (up to the page limit).
func (s *Server) responsibilityList(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	f := listsFilter(r)
	res, err := s.Lists.ResponsibilityList(r.Context(), actorFrom(r.Context()), school, f)
	lp, err := s.newListsPage(r, "责任清单", "/lists/responsibility", f, nil, listsLabelled(lists.DutyKinds, f.Kind, lists.DutyLabel), err)
	if err != nil {
		return err
	}
	duties := res.Duties
	truncated := len(duties) > lists.PageLimit
	if truncated {
		duties = duties[:lists.PageLimit]
	}
	rows := make([]listsDutyRow, len(duties))
	for i, d := range duties {
		rows[i] = listsDutyRow{Unit: d.UnitName, Person: d.Person, Kind: d.KindLabel(), Item: d.Item, Detail: d.Detail, DueOn: d.DueOn, Overdue: d.Overdue}
	}
	lp.data["Holders"], lp.data["Rows"], lp.data["Truncated"] = res.Holders, rows, truncated
	return s.renderList(w, r, "lists_responsibility", lp)
}
