package web

import (
	"net/http"

	"safecampus/internal/task"
)

// taskStatus marks a work-list task done or cancelled (POST
// /tasks/{id}/status, status=done|cancelled). The task service decides who
// may: the owner person, the head of the owning unit, or the campaign
// office; the page goes back to the work list with a message.
func (s *Server) taskStatus(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	status := r.PostFormValue("status")
	if err := s.Tasks.SetStatus(r.Context(), actorFrom(r.Context()), school, id, status); err != nil {
		return err
	}
	msg := "任务已标记为完成。"
	if status == task.StatusCancelled {
		msg = "任务已取消。"
	}
	return s.redirect(w, r, "/lists/work", msg)
}
