// Command safecampus runs and administers SafeCampus (校园安全专项整治管理系统).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "safecampus:", err)
		}
		var ec exitCode
		if errors.As(err, &ec) {
			os.Exit(int(ec))
		}
		os.Exit(1)
	}
}

// exitCode lets a command fail with a specific status (audit verify uses 2
// for a broken chain, so scripts can tell it from a usage error).
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// env bundles what every subcommand receives instead of globals.
type env struct {
	getenv func(string) string
	stdout io.Writer
	stderr io.Writer
}

type command struct {
	summary string
	run     func(ctx context.Context, e env, args []string) error
}

func commands() map[string]command {
	return map[string]command{
		"serve":      {"run the web server", cmdServe},
		"migrate":    {"create or upgrade the database schema", cmdMigrate},
		"demo":       {"load the demo school into an empty database", cmdDemo},
		"user":       {"manage accounts: add, list, reset-password, disable, enable", cmdUser},
		"audit":      {"verify the hash-chained audit log: audit verify", cmdAudit},
		"export":     {"write people or units of a school to an .xlsx file", cmdExport},
		"backup":     {"copy the SQLite database safely (or print the pg_dump command)", cmdBackup},
		"checklist":  {"print the check-item library: checklist list [--json]", cmdChecklist},
		"compliance": {"evaluate the measurable rules for a period: compliance --period 2026-Q1 [--json]", cmdCompliance},
		"report":     {"write a campaign's report to the authority: report --campaign ID --out FILE.pdf|.docx|.html|.xlsx", cmdReport},
		"version":    {"print the version", cmdVersion},
	}
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	e := env{getenv: getenv, stdout: stdout, stderr: stderr}
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout, cmds)
		if len(args) == 0 {
			return errors.New("no command given")
		}
		return nil
	}
	c, ok := cmds[args[0]]
	if !ok {
		usage(stderr, cmds)
		return fmt.Errorf("unknown command %q", args[0])
	}
	return c.run(ctx, e, args[1:])
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "SafeCampus 校园安全专项整治管理系统\n\nUsage: safecampus <command> [flags]\n\nCommands:")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'safecampus <command> --help' for a command's flags.")
}

// newFlags returns a flag set that prints its usage to e.stderr and
// returns errors instead of exiting.
func newFlags(e env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: safecampus %s\n\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// flagsSet reports which flags were given on the command line.
func flagsSet(fs *flag.FlagSet) map[string]bool {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set
}
