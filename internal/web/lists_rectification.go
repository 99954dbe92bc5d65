package web

import (
	"net/http"
	"strconv"

	"safecampus/internal/lists"
)

// listsRectRow is a rectification-list row as the page shows it.
type listsRectRow struct {
	Number, Link, Level, Area, Place, Description, Unit, Responsible string
	Measures, Deadline, Days, Status, Supervisor                     string
	Major, Overdue, Listed                                           bool
}

func listsID(n int64) string { return strconv.FormatInt(n, 10) }

// rectificationList is the rectification list (整改清单): open hazards
// with measures, deadline, responsible person and status, soonest
// deadline first.
func (s *Server) rectificationList(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	f := listsFilter(r)
	rs, truncated, err := s.Lists.RectificationList(r.Context(), actorFrom(r.Context()), school, f)
	lp, err := s.newListsPage(r, "整改清单", "/lists/rectification", f, listsLabelled(lists.RectStatuses, f.Status, lists.ProblemStatusLabel), nil, err)
	if err != nil {
		return err
	}
	rows := make([]listsRectRow, len(rs))
	for i, x := range rs {
		rows[i] = listsRectRow{Number: x.Number, Link: "/hazards/" + listsID(x.ID), Level: x.LevelLabel(), Area: x.AreaLabel(), Place: x.Place,
			Description: x.Description, Unit: x.UnitName, Responsible: x.Responsible, Measures: x.Measures, Deadline: x.Deadline,
			Days: x.DaysText(), Status: x.StatusLabel(), Supervisor: x.Supervisor, Major: x.Level == "major", Overdue: x.Overdue, Listed: x.Listed}
	}
	lp.data["Rows"], lp.data["Truncated"] = rows, truncated
	return s.renderList(w, r, "lists_rectification", lp)
}
