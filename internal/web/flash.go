package web

import (
	"fmt"
	"net/http"
	"net/url"
)

// Flash messages are translated when they are set, not when they are
// shown: the POST that sets the cookie carries the same lang cookie as the
// GET it redirects to, and at that point a message with values is still a
// format plus its arguments. So the English dictionary holds the formats
// ("已上报隐患 %s，等待专项整治办公室确认。"), the Chinese the user sees is
// unchanged, and the cookie stays plain text — no format string or
// encoding is ever read back from the browser. newPage still runs the
// cookie text through p.T, for flashes set elsewhere (the session-expired
// notice in serveError).

// redirectf sends the browser to to with a one-time message built from a
// constant Chinese format (translated to the user's language first) and
// its arguments. The English format must use the same verbs in the same
// order (flash_test.go checks). Arguments are values — a number, a name
// the user typed — and are not translated; a Chinese label among them
// should be passed through translate by the caller.
func (s *Server) redirectf(w http.ResponseWriter, r *http.Request, to, format string, args ...any) error {
	s.setFlash(w, fmt.Sprintf(translate(lang(r), format), args...))
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// setFlash stores the (already translated) message for the next page.
func (s *Server) setFlash(w http.ResponseWriter, text string) {
	http.SetCookie(w, &http.Cookie{Name: "flash", Value: url.QueryEscape(text), Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.Secure, MaxAge: 60})
}
