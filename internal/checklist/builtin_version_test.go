package checklist

import (
	"context"
	"testing"

	"safecampus/internal/sqldb"
	"safecampus/internal/testkit"
)

func TestEnsureBuiltinsVersions(t *testing.T) {
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			f := newFixture(t, dialect)
			rows := func() int { return f.count(t, `SELECT COUNT(*) FROM check_items`) }
			seeds := func() int {
				return f.count(t, `SELECT COUNT(*) FROM audit_log WHERE school_id = 0 AND action = 'check_item.seed'`)
			}
			items, questions, entries := rows(), f.count(t, `SELECT COUNT(*) FROM check_questions`), seeds()
			if items != 50 || entries != 1 {
				t.Fatalf("first seed: %d items, %d seed entries; want 50 and 1", items, entries)
			}
			if err := EnsureBuiltins(ctx, f.db, t0); err != nil {
				t.Fatal(err)
			}
			if rows() != items || f.count(t, `SELECT COUNT(*) FROM check_questions`) != questions || seeds() != entries {
				t.Fatal("a second EnsureBuiltins stored something")
			}

			// The code changes FIRE-4's last question: version 2 appears,
			// version 1 stays for the inspections that used it.
			v1 := f.item(t, f.school, "FIRE-4")
			changed := Builtins()
			for i := range changed {
				if changed[i].Code == "FIRE-4" {
					changed[i].Questions[3].Text = "消防水箱水位是否符合设计标准"
				}
			}
			err := f.db.Transact(ctx, func(tx *sqldb.Tx) error { return ensureBuiltins(ctx, tx, changed, t0) })
			if err != nil {
				t.Fatal(err)
			}
			v2 := f.item(t, f.school, "FIRE-4")
			if v2.Version != 2 || v2.ReplacesID != v1.ID || v2.Questions[3].Text != "消防水箱水位是否符合设计标准" || !v2.Builtin() {
				t.Errorf("after the change FIRE-4 = v%d replaces %d %q", v2.Version, v2.ReplacesID, v2.Questions[3].Text)
			}
			old, err := FindItemVersion(ctx, f.db.Read(), f.school, v1.ID)
			if err != nil || old.Current || old.Questions[3].Text != "消防水箱水位是否符合标准" {
				t.Errorf("version 1 = %+v, %v; want kept, not current, old text", old, err)
			}
			if rows() != items+1 || seeds() != entries+1 {
				t.Errorf("after the change: %d rows, %d seed entries", rows(), seeds())
			}
			if n := f.count(t, `SELECT COUNT(*) FROM check_items WHERE code = 'FIRE-4' AND current`); n != 1 {
				t.Errorf("%d current FIRE-4 rows, want 1", n)
			}
		})
	}
}
