package ledger

import (
	"strings"
	"testing"
	"time"
)

// TestLedgerQueryPlan asserts that SQLite answers the default ledger page
// (and the next page) by walking the inspections_ledger index backwards,
// without sorting: the page costs the same with 10 or 10 million rows.
func TestLedgerQueryPlan(t *testing.T) {
	f := newFixture(t, "sqlite")
	v, err := resolveVisibility(f.ctx, f.db.Read(), f.office(), f.school)
	if err != nil || !v.all {
		t.Fatalf("office visibility %+v, %v", v, err)
	}
	plan := func(q string, args []any) string {
		t.Helper()
		rows, err := f.db.Read().QueryContext(f.ctx, "EXPLAIN QUERY PLAN "+q, args...)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			out = append(out, detail)
		}
		return strings.Join(out, "\n")
	}
	for _, pg := range []Page{{Limit: defaultLimit}, {Limit: defaultLimit, AfterSubmittedAt: at("2026-03-20 10:00"), AfterID: 9}} {
		b := newBuilder(f.school)
		b.addVisibility(v)
		q := listSQL(b, pg)
		all := plan(q, b.args)
		if !strings.Contains(all, "inspections_ledger") {
			t.Errorf("page %+v does not use inspections_ledger:\n%s", pg, all)
		}
		if strings.Contains(all, "TEMP B-TREE") {
			t.Errorf("page %+v sorts instead of walking the index:\n%s", pg, all)
		}
	}
	// A person's inspections are read by id from the two person indexes and
	// sorted: a person with few inspections no longer walks the whole
	// ledger index (13 ms a page on 33 000 inspections).
	b := newBuilder(f.school)
	if err := b.addFilter(f.ctx, f.db.Read(), f.school, Filter{InspectorPersonID: f.stranger}, time.UTC); err != nil {
		t.Fatal(err)
	}
	b.addVisibility(v)
	b.byID = true // as List sets it on SQLite
	all := plan(listSQL(b, Page{Limit: defaultLimit}), b.args)
	if !strings.Contains(all, "SEARCH i USING INTEGER PRIMARY KEY") || strings.Contains(all, "inspections_ledger") ||
		!strings.Contains(all, "inspections_inspector") || !strings.Contains(all, "inspection_coinspectors_person") {
		t.Errorf("inspector filter does not read the person's inspections by id:\n%s", all)
	}
	// The page's co-inspectors are looked up by inspection (primary key),
	// not by scanning the school's co-inspections.
	b = &sqlBuilder{args: []any{f.school}}
	if all := plan(coInspectorSQL(b, []int64{f.i1, f.i2}), b.args); strings.Contains(all, "inspection_coinspectors_person") {
		t.Errorf("co-inspector lookup scans by school:\n%s", all)
	}
}
