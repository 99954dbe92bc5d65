package main

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"safecampus/internal/audit"
	"safecampus/internal/config"
)

func cmdAudit(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] != "verify" {
		fmt.Fprintln(e.stderr, "Usage: safecampus audit verify [--data DIR] [--db URL] [--school ID] [--head HASH]")
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return nil
		}
		return errors.New("audit: expected the subcommand verify")
	}
	cfg := config.Defaults()
	fs := newFlags(e, "audit verify", "audit verify [--data DIR] [--db URL] [--school ID] [--head HASH]")
	cfg.RegisterData(fs)
	school := fs.Int64("school", -1, "verify only this school's chain (`ID`; 0 is the system chain)")
	head := fs.String("head", "", "also prove the chain is intact up to the entry with this `HASH` (as printed in a report)")
	a, err := openApp(ctx, e, fs, &cfg, args[1:])
	if err != nil {
		return err
	}
	defer a.Close()
	opt := audit.Options{Head: *head}
	if *school >= 0 {
		opt.SchoolID = school
	}
	rep, err := audit.Verify(ctx, a.DB.Read(), opt)
	if err != nil {
		return err
	}
	if !rep.OK() {
		for _, p := range rep.Problems {
			fmt.Fprintf(e.stdout, "BROKEN %s\n", p)
		}
		fmt.Fprintf(e.stdout, "audit chain verification FAILED after reading %d entries\n", rep.Entries)
		return exitCode(2)
	}
	ids := make([]int64, 0, len(rep.Heads))
	for id := range rep.Heads {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		h := rep.Heads[id]
		fmt.Fprintf(e.stdout, "chain school=%d entries=%d head=%s\n", id, h.Seq, h.Hash)
	}
	if *head != "" {
		if rep.HeadFound == nil {
			fmt.Fprintf(e.stdout, "head %s NOT FOUND in any intact chain\n", *head)
			return exitCode(2)
		}
		fmt.Fprintf(e.stdout, "head %s found: school=%d seq=%d, every entry up to it is intact\n", *head, rep.HeadFound.SchoolID, rep.HeadFound.Seq)
	}
	fmt.Fprintf(e.stdout, "audit chain OK: %d entries verified\n", rep.Entries)
	return nil
}
