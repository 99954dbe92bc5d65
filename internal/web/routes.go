package web

import "net/http"

// Handler returns the whole user interface. Reading this function shows
// every route: the access rule of each is decided by the service it calls
// (auth.Can), and every route is in the route × role scenario test.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /healthz", s.wrap(s.healthz))
	mux.Handle("GET /static/{hash}/{name...}", s.wrap(s.assets.serve))

	mux.Handle("GET /login", s.public(s.loginForm))
	mux.Handle("POST /login", s.public(s.loginSubmit))
	mux.Handle("POST /logout", s.authed(s.logout))
	mux.Handle("POST /lang", s.wrap(s.setLang))

	mux.Handle("GET /{$}", s.authed(s.home))
	mux.Handle("GET /account/password", s.authed(s.passwordForm))
	mux.Handle("POST /account/password", s.authed(s.passwordSubmit))
	mux.Handle("POST /school/select", s.authed(s.schoolSelect))

	mux.Handle("GET /units", s.authed(s.unitList))
	mux.Handle("GET /units/new", s.authed(s.unitNew))
	mux.Handle("POST /units/new", s.authed(s.unitCreate))
	mux.Handle("GET /units/{id}", s.authed(s.unitShow))
	mux.Handle("GET /units/{id}/edit", s.authed(s.unitEdit))
	mux.Handle("POST /units/{id}/edit", s.authed(s.unitUpdate))
	mux.Handle("POST /units/{id}/active", s.authed(s.unitSetActive))

	mux.Handle("GET /campuses", s.authed(s.campusList))
	mux.Handle("GET /campuses/new", s.authed(s.campusNew))
	mux.Handle("POST /campuses/new", s.authed(s.campusCreate))
	mux.Handle("GET /campuses/{id}/edit", s.authed(s.campusEdit))
	mux.Handle("POST /campuses/{id}/edit", s.authed(s.campusUpdate))
	mux.Handle("POST /campuses/{id}/active", s.authed(s.campusSetActive))

	mux.Handle("/", s.public(func(w http.ResponseWriter, r *http.Request) error { return errNotFound }))

	// CrossOriginProtection refuses cross-site state-changing requests by
	// their Sec-Fetch-Site/Origin headers; the session's CSRF token covers
	// browsers that send neither.
	return securityHeaders(http.NewCrossOriginProtection().Handler(mux))
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	if err := s.DB.Raw().PingContext(r.Context()); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, err := w.Write([]byte("ok\n"))
	return err
}
