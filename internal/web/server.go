// Package web is the server-rendered user interface: the route table
// (routes.go), one file per page action, embedded templates and static
// files. Handlers return errors; serveError renders every one of them.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/checklist"
	"safecampus/internal/inspection"
	"safecampus/internal/ledger"
	"safecampus/internal/org"
	"safecampus/internal/patrol"
	"safecampus/internal/photo"
	"safecampus/internal/plan"
	"safecampus/internal/sqldb"
)

// Server holds what the pages need. It has no package-level state.
type Server struct {
	DB   *sqldb.DB
	Auth *auth.Service
	Org  *org.Service
	// Checklist is the check-item library; New sets it, app.Open may
	// replace it with the application's instance.
	Checklist *checklist.Service
	// Patrol holds QR check points, patrols and coverage; New sets it.
	Patrol *patrol.Service
	// Inspection records inspections; New sets it. Photos stores photo
	// files; app.Open sets it (DataDir/photos) — without it uploads fail.
	Inspection *inspection.Service
	Photos     *photo.Store
	// Plans holds inspection plans, due inspections and the rhythm
	// compliance table; New sets it.
	Plans *plan.Service
	// Ledger reads the inspection ledger (台账) and exports it; New sets it.
	Ledger *ledger.Service
	Log    *slog.Logger
	Now    func() time.Time
	Secure bool // cookies marked Secure (served over TLS)

	views  *views
	assets *assets
}

// New builds the web server and parses every template once.
func New(db *sqldb.DB, a *auth.Service, o *org.Service, log *slog.Logger, now func() time.Time) (*Server, error) {
	s := &Server{DB: db, Auth: a, Org: o, Log: log, Now: now}
	s.Checklist = checklist.NewService(db, now)
	s.Patrol = patrol.NewService(db, now)
	s.Inspection = inspection.NewService(db, s.Checklist, now)
	s.Plans = plan.NewService(db, now)
	s.Ledger = ledger.NewService(db, now)
	var err error
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	if s.views, err = parseViews(s.assets); err != nil {
		return nil, err
	}
	return s, nil
}

// handler is a page action: it returns an error instead of writing one.
type handler func(w http.ResponseWriter, r *http.Request) error

// ctxKey types the request context keys of this package.
type ctxKey int

const (
	actorKey ctxKey = iota
	sessionKey
	schoolKey
)

func actorFrom(ctx context.Context) *auth.Actor {
	a, _ := ctx.Value(actorKey).(*auth.Actor)
	return a
}

func sessionFrom(ctx context.Context) auth.Session {
	s, _ := ctx.Value(sessionKey).(auth.Session)
	return s
}

// schoolFrom returns the school the request works in (0 when the actor has
// none, e.g. a system admin before any school exists).
func schoolFrom(ctx context.Context) org.School {
	s, _ := ctx.Value(schoolKey).(org.School)
	return s
}

type orgSchool = org.School
