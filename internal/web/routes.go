package web

import "net/http"

// Handler returns the whole user interface. Reading this function shows
// every route: the access rule of each is decided by the service it calls
// (auth.Can), and every route is in the route × role scenario test.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		mux.Handle(rt.Pattern, rt.Handler)
	}
	mux.Handle("/", s.public(func(w http.ResponseWriter, r *http.Request) error { return errNotFound }))

	// CrossOriginProtection refuses cross-site state-changing requests by
	// their Sec-Fetch-Site/Origin headers; the session's CSRF token covers
	// browsers that send neither.
	return securityHeaders(http.NewCrossOriginProtection().Handler(mux))
}

// Route is one entry of the route table.
type Route struct {
	Pattern string
	Handler http.Handler
}

// Routes lists every route pattern; the route × role scenario test checks
// that each one has scenarios.
func (s *Server) Routes() []string {
	var out []string
	for _, rt := range s.routes() {
		out = append(out, rt.Pattern)
	}
	return out
}

// routes is the whole route table of the user interface.
func (s *Server) routes() []Route {
	return []Route{
		{"GET /healthz", s.wrap(s.healthz)},
		{"GET /static/{hash}/{name...}", s.wrap(s.assets.serve)},

		{"GET /login", s.public(s.loginForm)},
		{"POST /login", s.public(s.loginSubmit)},
		{"POST /logout", s.authed(s.logout)},
		{"POST /lang", s.wrap(s.setLang)},

		{"GET /{$}", s.authed(s.home)},
		{"GET /account/password", s.authed(s.passwordForm)},
		{"POST /account/password", s.authed(s.passwordSubmit)},
		{"POST /school/select", s.authed(s.schoolSelect)},

		{"GET /units", s.authed(s.unitList)},
		{"GET /units/new", s.authed(s.unitNew)},
		{"POST /units/new", s.authed(s.unitCreate)},
		{"GET /units/{id}", s.authed(s.unitShow)},
		{"GET /units/{id}/edit", s.authed(s.unitEdit)},
		{"POST /units/{id}/edit", s.authed(s.unitUpdate)},
		{"POST /units/{id}/active", s.authed(s.unitSetActive)},

		{"GET /campuses", s.authed(s.campusList)},
		{"GET /campuses/new", s.authed(s.campusNew)},
		{"POST /campuses/new", s.authed(s.campusCreate)},
		{"GET /campuses/{id}/edit", s.authed(s.campusEdit)},
		{"POST /campuses/{id}/edit", s.authed(s.campusUpdate)},
		{"POST /campuses/{id}/active", s.authed(s.campusSetActive)},
	}
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	if err := s.DB.Raw().PingContext(r.Context()); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, err := w.Write([]byte("ok\n"))
	return err
}
