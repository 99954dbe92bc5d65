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
	"safecampus/internal/campaign"
	"safecampus/internal/checklist"
	"safecampus/internal/compliance"
	"safecampus/internal/dashboard"
	"safecampus/internal/escalation"
	"safecampus/internal/hazard"
	"safecampus/internal/inspection"
	"safecampus/internal/ledger"
	"safecampus/internal/lists"
	"safecampus/internal/lookback"
	"safecampus/internal/notify"
	"safecampus/internal/org"
	"safecampus/internal/patrol"
	"safecampus/internal/photo"
	"safecampus/internal/plan"
	"safecampus/internal/report"
	"safecampus/internal/rules"
	"safecampus/internal/sqldb"
	"safecampus/internal/task"
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
	// Hazard keeps hazards and their workflow; New sets it (without a
	// photo store: app.Open gives it the application's, tests their own).
	Hazard *hazard.Service
	// Escalation holds the school's hazard settings (escalation delays,
	// longest extension) for the office; New sets it.
	Escalation *escalation.Service
	// Rules is the rules register, policy items and safety meetings; New sets it.
	Rules *rules.Service
	// Notify is the inbox and the outbound channel settings; New sets it.
	Notify *notify.Service
	// Campaigns holds campaigns, phases, milestones and mobilisation
	// notices; Tasks the work-list tasks (工作清单). New sets both.
	Campaigns *campaign.Service
	Tasks     *task.Service
	// Lists reads the four lists (RESP-3) and the hazard statistics; New sets it.
	Lists *lists.Service
	// Lookback is the look-back (回头看): draws and re-checks; New sets it,
	// app.Open replaces it with one over the application's hazard service.
	Lookback *lookback.Service
	// Compliance evaluates the measurable rules (scorecard, drill-downs,
	// parameters); New sets it.
	Compliance *compliance.Service
	// Reports builds, renders and records the campaign report to the
	// authority (HTML, PDF, .docx, xlsx annex); New sets it.
	Reports *report.Service
	// Dashboard serves the leaders' and the authority dashboards from
	// stored per-school figures; New sets it, app.Open runs its refresher.
	Dashboard *dashboard.Service
	Log       *slog.Logger
	Now       func() time.Time
	Secure    bool   // cookies marked Secure (served over TLS)
	PublicURL string // --public-url: base of QR codes; "" means the request's Host

	views   *views
	assets  *assets
	recent  recentReads // per-account reads every page needs (recent_reads.go)
	lists   recentReads // hazard list pages per account and filter (hazard_reads.go)
	selects recentReads // a hazard page's people options per school and selection (hazard_show.go)
}

// New builds the web server and parses every template once.
func New(db *sqldb.DB, a *auth.Service, o *org.Service, log *slog.Logger, now func() time.Time) (*Server, error) {
	s := &Server{DB: db, Auth: a, Org: o, Log: log, Now: now, lists: recentReads{max: hazardListsKept}, selects: recentReads{max: hazardSelectsKept}}
	s.Checklist = checklist.NewService(db, now)
	s.Patrol = patrol.NewService(db, now)
	s.Inspection = inspection.NewService(db, s.Checklist, now)
	s.Plans = plan.NewService(db, now)
	s.Ledger = ledger.NewService(db, now)
	s.Hazard = hazard.NewService(db, nil, now)
	s.Escalation = escalation.NewService(db, now)
	s.Rules = rules.NewService(db, now)
	s.Compliance = compliance.NewService(db, now)
	s.Notify = notify.NewService(db, now)
	s.Campaigns = campaign.NewService(db, now)
	s.Tasks = task.NewService(db, now)
	s.Lists = lists.NewService(db, now)
	s.Reports = report.NewService(db, now)
	s.Dashboard = dashboard.NewService(db, now)
	s.Lookback = lookback.NewService(db, s.Hazard, a.LoadActor, now)
	var err error
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	s.assets.addFile(reportStyle, report.StyleSheet())
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
