package main

import (
	"context"
	"fmt"
	"runtime/debug"
	"time"

	"safecampus/internal/app"
	"safecampus/internal/config"
)

func cmdServe(ctx context.Context, e env, args []string) error {
	cfg := config.Defaults()
	fs := newFlags(e, "serve", "serve [--data DIR] [--db URL] [--addr HOST:PORT] [--demo]")
	cfg.RegisterServe(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg.ApplyEnv(e.getenv, flagsSet(fs))
	if err := cfg.Validate(); err != nil {
		return err
	}
	log := app.NewLogger(e.stderr, cfg.LogLevel)
	if e.getenv("GOMEMLIMIT") == "" {
		// A soft limit keeps the heap small after bursts (argon2id holds
		// 19 MiB per login); the operator's GOMEMLIMIT wins when set.
		debug.SetMemoryLimit(48 << 20)
	}
	a, err := app.Open(ctx, cfg, log, time.Now)
	if err != nil {
		return err
	}
	defer a.Close()
	if cfg.Demo {
		if err := loadDemoIfEmpty(ctx, e, a); err != nil {
			return err
		}
	}
	pw, err := a.EnsureAdmin(ctx)
	if err != nil {
		return err
	}
	// Loading the demo (or migrating) builds and drops tens of megabytes of
	// temporary objects; hand those pages back to the OS before serving so
	// a fresh server's resident memory reflects what it keeps.
	debug.FreeOSMemory()
	if e.getenv("GOGC") == "" {
		// Collect when the heap has tripled rather than doubled: a page
		// view allocates ~200 KB and the live heap is small, so the default
		// spent 10–14 % of a busy server's CPU in the collector. The soft
		// limit above still bounds the heap (decision 0028).
		debug.SetGCPercent(200)
	}
	if pw != "" && cfg.AdminPassword != "" {
		fmt.Fprintln(e.stdout, "管理员账号已创建 / admin account created: username admin, password from SAFECAMPUS_ADMIN_PASSWORD")
	} else if pw != "" {
		fmt.Fprintf(e.stdout, "管理员账号已创建 / admin account created:\n  用户名 username: admin\n  密码 password: %s\n  (shown once; change it after logging in)\n", pw)
	}
	return a.Serve(ctx, func(addr string) {
		log.Info("listening", "addr", addr, "db", a.DB.Dialect.String(), "source", a.DB.Source)
		fmt.Fprintf(e.stdout, "SafeCampus 已启动: http://%s/\n", addr)
	})
}
