package web

import "net/http"

// home lists the user's own tasks. Until inspections and hazards exist
// there is nothing due, and the page says so instead of showing samples.
func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	p := s.newPage(r, "首页")
	p.Data = map[string]any{"Tasks": []struct{ Title, URL string }{}}
	return s.render(w, r, "home", p)
}
