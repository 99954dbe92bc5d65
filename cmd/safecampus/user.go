package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"safecampus/internal/app"
	"safecampus/internal/auth"
	"safecampus/internal/config"
)

const userUsage = `Usage: safecampus user <add|list|reset-password|disable|enable> [flags]

  add            --username U --name 姓名 --role ROLE [--school CODE] [--scope-kind K --scope-id N] [--password P]
  list           [--school CODE]   (without --school: accounts outside schools)
  reset-password --username U [--password P]   (random when omitted; printed once)
  disable        --username U
  enable         --username U

Roles: ` + "system_admin, school_admin, principal_leader, supervising_leader, unit_head, grid_leader, grid_member, security_guard, lab_manager, staff, authority_viewer"

func cmdUser(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(e.stderr, userUsage)
		if len(args) == 0 {
			return errors.New("user: expected a subcommand")
		}
		return nil
	}
	sub := args[0]
	cfg := config.Defaults()
	fs := newFlags(e, "user "+sub, "user "+sub+" [flags]")
	cfg.RegisterData(fs)
	username := fs.String("username", "", "login `name`")
	name := fs.String("name", "", "display `name` (姓名)")
	role := fs.String("role", "", "`role` to grant")
	schoolCode := fs.String("school", "", "school `code`")
	scopeKind := fs.String("scope-kind", "", "scope of the role: school, campus, unit, grid, authority (default: the role's widest)")
	scopeID := fs.Int64("scope-id", 0, "campus, unit, grid or authority `ID` of the scope")
	password := fs.String("password", "", "`password` (random when omitted)")
	switch sub {
	case "add", "list", "reset-password", "disable", "enable":
	default:
		fmt.Fprintln(e.stderr, userUsage)
		return fmt.Errorf("user: unknown subcommand %q", sub)
	}
	a, err := openApp(ctx, e, fs, &cfg, args[1:])
	if err != nil {
		return err
	}
	defer a.Close()
	sys := auth.System() // the command line works with the database's own authority
	var school int64
	if *schoolCode != "" {
		sc, err := a.Org.FindSchoolByCode(ctx, sys, *schoolCode)
		if err != nil {
			return err
		}
		school = sc.ID
	}
	switch sub {
	case "add":
		return userAdd(ctx, e, a, sys, school, *username, *name, *role, *scopeKind, *scopeID, *password)
	case "list":
		accs, err := a.Auth.ListAccounts(ctx, sys, school)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tUSERNAME\tNAME\tSTATUS\tROLES")
		for _, acc := range accs {
			st := "active"
			if acc.Disabled {
				st = "disabled"
			}
			var roles []string
			for _, g := range acc.Grants {
				roles = append(roles, fmt.Sprintf("%s@%s:%d", g.Role, g.ScopeKind, g.ScopeID))
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", acc.ID, acc.Username, acc.DisplayName, st, strings.Join(roles, ","))
		}
		return tw.Flush()
	default:
		if *username == "" {
			return errors.New("--username: required")
		}
		acc, err := a.Auth.FindAccountByUsername(ctx, sys, *username)
		if err != nil {
			return err
		}
		switch sub {
		case "reset-password":
			pw, err := a.Auth.ResetPassword(ctx, sys, acc.ID, *password)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "password of %s reset; new password: %s (must be changed at next login)\n", acc.Username, pw)
		case "disable", "enable":
			if err := a.Auth.SetDisabled(ctx, sys, acc.ID, sub == "disable"); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "account %s %sd\n", acc.Username, sub)
		}
		return nil
	}
}

func userAdd(ctx context.Context, e env, a *app.App, sys *auth.Actor, school int64, username, name, role, scopeKind string, scopeID int64, password string) error {
	if username == "" || name == "" || role == "" {
		return errors.New("user add: --username, --name and --role are required")
	}
	r := auth.Role(role)
	if !r.Valid() {
		return fmt.Errorf("--role: unknown role %q", role)
	}
	kind := auth.ScopeKind(scopeKind)
	if kind == "" {
		kind = r.AllowedScopes()[0]
	}
	g := auth.Grant{Role: r, ScopeKind: kind, ScopeID: scopeID}
	switch kind {
	case auth.ScopeSystem, auth.ScopeAuthority:
		school = 0
	default:
		if school == 0 {
			return fmt.Errorf("--school: required for role %s at scope %s", r, kind)
		}
		g.SchoolID = school
	}
	acc, pw, err := a.Auth.CreateAccount(ctx, sys, auth.NewAccount{Username: username, DisplayName: name, Password: password, SchoolID: school, Grants: []auth.Grant{g}, MustChange: password == ""})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "account %s (id %d) created with role %s; password: %s\n", acc.Username, acc.ID, r, pw)
	return nil
}
