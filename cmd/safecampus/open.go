package main

import (
	"context"
	"flag"
	"io"
	"time"

	"safecampus/internal/app"
	"safecampus/internal/config"
)

// openApp parses the data flags of a subcommand and opens the application
// (migrating the schema), for commands that work on stored data.
func openApp(ctx context.Context, e env, fs *flag.FlagSet, cfg *config.Config, args []string) (*app.App, error) {
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	cfg.ApplyEnv(e.getenv, flagsSet(fs))
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return app.Open(ctx, *cfg, app.NewLogger(io.Discard, "error"), time.Now)
}
