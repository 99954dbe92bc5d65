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
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/config"
	"safecampus/internal/org"
	"safecampus/internal/sqldb"
	"safecampus/internal/web"
)

// App is a running SafeCampus.
type App struct {
	Config config.Config
	DB     *sqldb.DB
	Auth   *auth.Service
	Org    *org.Service
	Web    *web.Server
	Log    *slog.Logger
	Now    func() time.Time
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
	a := &App{Config: cfg, DB: db, Log: log, Now: now}
	a.Auth = auth.NewService(db, now)
	a.Org = org.NewService(db, now)
	a.Web, err = web.New(db, a.Auth, a.Org, log, now)
	if err != nil {
		db.Close()
		return nil, err
	}
	a.Web.Secure = cfg.SecureCookies
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
