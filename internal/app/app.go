// Package app is the composition root: configuration → database →
// services → HTTP handler. Nothing else wires dependencies together.
package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/campaign"
	"safecampus/internal/checklist"
	"safecampus/internal/compliance"
	"safecampus/internal/config"
	"safecampus/internal/dashboard"
	"safecampus/internal/hazard"
	"safecampus/internal/inspection"
	"safecampus/internal/ledger"
	"safecampus/internal/lists"
	"safecampus/internal/lookback"
	"safecampus/internal/notify"
	"safecampus/internal/org"
	"safecampus/internal/photo"
	"safecampus/internal/plan"
	"safecampus/internal/report"
	"safecampus/internal/scheduler"
	"safecampus/internal/sqldb"
	"safecampus/internal/task"
	"safecampus/internal/web"
)

// App is a running SafeCampus.
type App struct {
	Config    config.Config
	DB        *sqldb.DB
	Auth      *auth.Service
	Org       *org.Service
	Checklist *checklist.Service
	Plans     *plan.Service
	// Inspection records inspections; Photos keeps their photo files
	// under DataDir/photos.
	Inspection *inspection.Service
	Photos     *photo.Store
	Ledger     *ledger.Service // the inspection ledger (台账): lists, detail, export
	// Hazards keeps hazards and their workflow; a submitted inspection's
	// findings become hazards through Inspection.OnSubmitted.
	Hazards *hazard.Service
	// Notify is the inbox and channel settings; Dispatcher sends the
	// outbox (WeCom, DingTalk, e-mail) in the background of Serve.
	Notify     *notify.Service
	Dispatcher *notify.Dispatcher
	Web        *web.Server
	Log        *slog.Logger
	Now        func() time.Time
	// Campaigns holds campaigns, phases, milestones and mobilisation
	// notices; Tasks the work-list tasks (工作清单) milestones create.
	Campaigns *campaign.Service
	Tasks     *task.Service
	// Lists reads the four lists (RESP-3) and the hazard statistics.
	Lists *lists.Service
	// Compliance evaluates the notice's measurable rules.
	Compliance *compliance.Service
	// Reports builds, renders and records the campaign report to the
	// authority; it shares Campaigns, Lists and Org.
	Reports *report.Service
	// Dashboard keeps each school's dashboard figures (school_figures)
	// fresh; Serve runs its refresher (decision 0024).
	Dashboard *dashboard.Service
	// Lookback is the look-back (回头看): draws of closed hazards and
	// their re-checks; a failed one reopens through Hazards.
	Lookback *lookback.Service
}

// Open opens (creating when needed) the database, migrates it and builds
// every service.
func Open(ctx context.Context, cfg config.Config, log *slog.Logger, now func() time.Time) (*App, error) {
	if cfg.UsesSQLite() {
		if err := os.MkdirAll(cfg.DataDir, 0o750); err != nil {
			return nil, fmt.Errorf("--data: cannot create %s: %w", cfg.DataDir, err)
		}
	}
	db, err := sqldb.Open(ctx, cfg.DatabaseTarget())
	if err != nil {
		return nil, err
	}
	if applied, err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate: %w", err)
	} else if len(applied) > 0 {
		log.Info("schema migrated", "applied", applied)
	}
	if err := checklist.EnsureBuiltins(ctx, db, now()); err != nil {
		db.Close()
		return nil, fmt.Errorf("check-item catalogue: %w", err)
	}
	a := &App{Config: cfg, DB: db, Log: log, Now: now}
	a.Auth = auth.NewService(db, now)
	a.Org = org.NewService(db, now)
	a.Plans = plan.NewService(db, now)
	a.Checklist = checklist.NewService(db, now)
	a.Inspection = inspection.NewService(db, a.Checklist, now)
	a.Ledger = ledger.NewService(db, now)
	a.Notify = notify.NewService(db, now)
	a.Campaigns = campaign.NewService(db, now)
	a.Tasks = task.NewService(db, now)
	a.Lists = lists.NewService(db, now)
	a.Compliance = compliance.NewService(db, now)
	a.Reports = report.NewService(db, now)
	a.Reports.Org, a.Reports.Campaigns, a.Reports.Lists = a.Org, a.Campaigns, a.Lists
	a.Dispatcher = &notify.Dispatcher{DB: db, Now: now, Log: log, AppURL: cfg.PublicURL}
	a.Photos = photo.NewStore(filepath.Join(cfg.DataDir, "photos"), now)
	a.Hazards = hazard.NewService(db, a.Photos, now)
	a.Inspection.OnSubmitted = func(ctx context.Context, tx *sqldb.Tx, at time.Time, school, inspectionID int64) error {
		_, err := a.Hazards.FromFindings(ctx, tx, at, school, inspectionID)
		return err
	}
	if a.Inspection.Owners == nil {
		a.Inspection.Owners = map[string]inspection.OwnerCheck{}
	}
	for _, kind := range []string{hazard.OwnerBefore, hazard.OwnerProgress, hazard.OwnerAfter} {
		a.Inspection.Owners[kind] = a.Hazards.CanSeePhoto
	}
	a.Lookback = lookback.NewService(db, a.Hazards, a.Auth.LoadActor, now)
	a.Inspection.Owners[lookback.OwnerCheck] = a.Lookback.CanSeePhoto
	a.Web, err = web.New(db, a.Auth, a.Org, log, now)
	if err != nil {
		db.Close()
		return nil, err
	}
	a.Web.Secure = cfg.SecureCookies
	a.Web.PublicURL = cfg.PublicURL
	a.Web.Plans = a.Plans
	a.Web.Ledger = a.Ledger
	a.Web.Lists = a.Lists
	a.Web.Compliance = a.Compliance
	a.Web.Reports = a.Reports
	a.Dashboard = a.Web.Dashboard
	a.Web.Notify = a.Notify
	a.Web.Campaigns, a.Web.Tasks = a.Campaigns, a.Tasks
	a.Web.Checklist = a.Checklist
	a.Web.Inspection, a.Web.Photos = a.Inspection, a.Photos
	a.Web.Hazard = a.Hazards // one service: the anonymous-report throttle is shared
	a.Web.Lookback = a.Lookback
	return a, nil
}

// Close releases the database.
func (a *App) Close() error { return a.DB.Close() }

// EnsureAdmin creates the first account, "admin", when there is none, and
// returns its password (empty when accounts already existed).
func (a *App) EnsureAdmin(ctx context.Context) (string, error) {
	n, err := a.Auth.CountAccounts(ctx)
	if err != nil || n > 0 {
		return "", err
	}
	_, pw, err := a.Auth.CreateAccount(ctx, auth.System(), auth.NewAccount{
		Username: "admin", DisplayName: "系统管理员", Password: a.Config.AdminPassword,
		Grants: []auth.Grant{{Role: auth.RoleSystemAdmin, ScopeKind: auth.ScopeSystem}},
	})
	return pw, err
}

// Serve listens on the configured address until ctx ends, then lets
// in-flight requests finish. ready, if not nil, receives the bound address.
func (a *App) Serve(ctx context.Context, ready func(addr string)) error {
	ln, err := net.Listen("tcp", a.Config.Addr)
	if err != nil {
		return fmt.Errorf("--addr: cannot listen on %s: %w", a.Config.Addr, err)
	}
	srv := &http.Server{
		Handler:           a.Web.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(a.Log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	// The scheduler stops with the server, before the caller closes the
	// database; schedDone is waited for on every way out of Serve.
	schedCtx, stopSched := context.WithCancel(ctx)
	schedDone := make(chan struct{})
	go func() {
		defer close(schedDone)
		scheduler.Run(schedCtx, a.Plans, scheduler.ActiveSchools(a.DB), a.Now, scheduler.DefaultEvery, a.Log)
	}()
	// Photo files are written before their row commits; a crash or a
	// rolled-back request can leave a file no row points at. Sweep those
	// (older than a day, so an upload in flight is never touched) hourly.
	go a.sweepPhotos(schedCtx, time.Hour)
	defer func() { stopSched(); <-schedDone }()
	// Outbound notifications leave from the outbox after their transaction
	// committed, never inside a request; the loop stops with the scheduler.
	notifyDone := make(chan struct{})
	go func() {
		defer close(notifyDone)
		a.Dispatcher.Run(schedCtx, notify.DefaultEvery)
	}()
	defer func() { stopSched(); <-notifyDone }()
	// Dashboard figures of the current quarter are recomputed in the
	// background when a school's data changed, so the authority page reads
	// stored rows; it stops with the scheduler.
	figuresDone := make(chan struct{})
	go func() {
		defer close(figuresDone)
		a.Dashboard.Run(schedCtx, dashboard.DefaultRefreshEvery, a.Log)
	}()
	defer func() { stopSched(); <-figuresDone }()
	if ready != nil {
		ready(ln.Addr().String())
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	a.Log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), a.Config.ShutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// NewLogger returns a text logger at level.
func NewLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level))
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}

func (a *App) sweepPhotos(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if n, err := a.Photos.Sweep(ctx, a.DB.Read(), 24*time.Hour); err != nil && ctx.Err() == nil {
			a.Log.Error("photo sweep", "err", err)
		} else if n > 0 {
			a.Log.Info("photo sweep removed orphan files", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
