package web

import "net/http"

// homeTask is one line of the user's task list.
type homeTask struct {
	Title, URL string
	Overdue    bool
}

// home lists the user's own tasks: the inspections they (or the unit they
// head) still owe, open ones first, then missed ones that a late
// inspection can still settle.
func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	p := s.newPage(r, "首页")
	tasks := []homeTask{}
	dues, err := s.Plans.MyDues(r.Context(), p.Actor, p.School.ID, 50)
	if err != nil {
		return err
	}
	for _, d := range dues {
		tasks = append(tasks, homeTask{Title: d.Title(), URL: d.URL(), Overdue: d.Missed()})
	}
	data := map[string]any{"Tasks": tasks}
	if err := s.homeHazardBlocks(r.Context(), p, data); err != nil {
		return err
	}
	p.Data = data
	return s.render(w, r, "home", p)
}
