package main

import (
	"context"
	"fmt"

	"safecampus/internal/config"
)

func cmdMigrate(ctx context.Context, e env, args []string) error {
	cfg := config.Defaults()
	fs := newFlags(e, "migrate", "migrate [--data DIR] [--db URL]")
	cfg.RegisterData(fs)
	a, err := openApp(ctx, e, fs, &cfg, args)
	if err != nil {
		return err
	}
	defer a.Close()
	v, err := a.DB.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "schema is at version %d (%s)\n", v, a.DB.Dialect)
	return nil
}
