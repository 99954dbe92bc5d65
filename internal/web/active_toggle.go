package web

import (
	"context"
	"net/http"

	"safecampus/internal/auth"
)

// setActiveFunc is a service method that deactivates or reactivates one
// record of a school.
type setActiveFunc func(ctx context.Context, a *auth.Actor, school, id int64, active bool) error

// activeToggle handles a POST …/{id}/active route: the form's active=true
// reactivates, anything else deactivates; the service decides who may.
// back returns where to go afterwards, label names the record kind (单位).
func (s *Server) activeToggle(set setActiveFunc, label string, back func(id int64) string) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		school, err := requireSchool(r)
		if err != nil {
			return err
		}
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		active := r.PostFormValue("active") == "true"
		if err := set(r.Context(), actorFrom(r.Context()), school, id, active); err != nil {
			return err
		}
		msg := label + "已停用。"
		if active {
			msg = label + "已启用。"
		}
		return s.redirect(w, r, back(id), msg)
	}
}

// to returns a back function that always goes to path.
func to(path string) func(int64) string { return func(int64) string { return path } }
