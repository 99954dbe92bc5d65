package web

import (
	"net/http"

	"safecampus/internal/lists"
	"safecampus/internal/plan"
	"safecampus/internal/task"
)

// listsWorkRow is a work-list row as the page shows it.
type listsWorkRow struct {
	Kind, Unit, Person, Title, Source, Place, Period, DueOn, Status, StatusClass string
	InspectionID                                                                 int64
	// TaskID is set on an open task's row: the page offers 完成 / 取消,
	// which the task service allows to its owner, the unit head and the office.
	TaskID int64
}

func listsStatusClass(s string) string {
	switch s {
	case "overdue":
		return "bad"
	case "done":
		return "ok"
	case "late":
		return "warn"
	}
	return ""
}

// workList is the work list (工作清单): campaign tasks and inspections due,
// by unit and person. Without any filter it shows the current month.
func (s *Server) workList(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	f := listsFilter(r)
	if r.URL.RawQuery == "" {
		m := plan.PeriodOf(plan.Month, s.Now(), schoolFrom(r.Context()).Location())
		f.From, f.To = m.Start, m.End
	}
	items, truncated, err := s.Lists.WorkList(r.Context(), actorFrom(r.Context()), school, f)
	kinds := listsLabelled(lists.WorkKinds, f.Kind, func(k string) string { return lists.WorkItem{Kind: k}.KindLabel() })
	lp, err := s.newListsPage(r, "工作清单", "/lists/work", f, listsLabelled(lists.WorkStatuses, f.Status, lists.WorkStatusLabel), kinds, err)
	if err != nil {
		return err
	}
	rows := make([]listsWorkRow, len(items))
	for i, it := range items {
		rows[i] = listsWorkRow{Kind: it.KindLabel(), Unit: it.UnitName, Person: it.Person, Title: it.Title, Source: it.Source, Place: it.Place,
			Period: it.Period, DueOn: it.DueOn, Status: it.StatusLabel(), StatusClass: listsStatusClass(it.Status), InspectionID: it.InspectionID}
		if it.Kind == lists.KindTask && (it.Status == task.StatusOpen || it.Status == "overdue") {
			rows[i].TaskID = it.ID
		}
	}
	lp.data["Rows"], lp.data["Truncated"] = rows, truncated
	return s.renderList(w, r, "lists_work", lp)
}
