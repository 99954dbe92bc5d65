package main

import (
	"context"
	"fmt"

	"safecampus/internal/app"
	"safecampus/internal/config"
	"safecampus/internal/demo"
)

// loadDemoIfEmpty loads the demo school into a database with no schools
// and prints the demo logins.
func loadDemoIfEmpty(ctx context.Context, e env, a *app.App) error {
	empty, err := demo.IsEmpty(ctx, a.DB)
	if err != nil || !empty {
		return err
	}
	res, err := demo.Load(ctx, a.DB, a.Auth, a.Org, a.Config.AdminPassword, demo.WithPhotoStore(a.Photos))
	if err != nil {
		return fmt.Errorf("load demo data: %w", err)
	}
	printDemoLogins(e, res)
	return nil
}

func printDemoLogins(e env, res *demo.Result) {
	fmt.Fprintf(e.stdout, "演示数据已载入 / demo school loaded: %s\n演示账号 / demo logins (shown once):\n", res.SchoolName)
	for _, c := range res.Logins {
		fmt.Fprintf(e.stdout, "  %-16s %-14s %s\n", c.Username, c.Password, c.Role)
	}
}

func cmdDemo(ctx context.Context, e env, args []string) error {
	cfg := config.Defaults()
	fs := newFlags(e, "demo", "demo [--data DIR] [--db URL]   (loads the demo school into a database that has no school yet)")
	cfg.RegisterData(fs)
	a, err := openApp(ctx, e, fs, &cfg, args)
	if err != nil {
		return err
	}
	defer a.Close()
	empty, err := demo.IsEmpty(ctx, a.DB)
	if err != nil {
		return err
	}
	if !empty {
		return fmt.Errorf("the database %s already holds a school; the demo is loaded only into an empty database", a.DB.Source)
	}
	res, err := demo.Load(ctx, a.DB, a.Auth, a.Org, a.Config.AdminPassword, demo.WithPhotoStore(a.Photos))
	if err != nil {
		return fmt.Errorf("load demo data: %w", err)
	}
	printDemoLogins(e, res)
	return nil
}
