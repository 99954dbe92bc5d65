package web

import (
	"net/http"
	"strconv"
	"strings"
)

// inboxList shows the signed-in account's own notifications, newest
// first, keyset-paged by ?before=<id>.
func (s *Server) inboxList(w http.ResponseWriter, r *http.Request) error {
	before, _ := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	items, next, err := s.Notify.Inbox(r.Context(), actorFrom(r.Context()), before)
	if err != nil {
		return err
	}
	p := s.newPage(r, "收件箱")
	p.Data = map[string]any{"Items": items, "Next": next, "Paged": before > 0}
	return s.render(w, r, "inbox", p)
}

// inboxRead marks one notification read and opens what it is about
// (only paths inside the app: a stored link never leads elsewhere).
func (s *Server) inboxRead(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	link, err := s.Notify.MarkRead(r.Context(), actorFrom(r.Context()), id)
	if err != nil {
		return err
	}
	// "//host" and "/\host" would leave the site in a browser.
	if r.PostFormValue("open") != "true" || !strings.HasPrefix(link, "/") || strings.HasPrefix(link, "//") || strings.HasPrefix(link, "/\\") {
		link = "/inbox"
	}
	return s.redirect(w, r, link, "")
}

func (s *Server) inboxReadAll(w http.ResponseWriter, r *http.Request) error {
	n, err := s.Notify.MarkAllRead(r.Context(), actorFrom(r.Context()))
	if err != nil {
		return err
	}
	if n > 0 {
		return s.redirectf(w, r, "/inbox", "已将 %d 条通知标为已读。", n)
	}
	return s.redirect(w, r, "/inbox", "没有未读通知。")
}
