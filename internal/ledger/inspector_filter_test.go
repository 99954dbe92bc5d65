package ledger

import (
	"slices"
	"testing"

	"safecampus/internal/testkit"
)

// TestInspectorFilterPages pages through one person's inspections two at a
// time. On SQLite that filter reads the rows by id and sorts them (listSQL,
// rowFromByID) instead of walking the ledger index, so the order, the ties
// on submitted_at and the cursor must come out the same as the walk's.
func TestInspectorFilterPages(t *testing.T) {
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			// The stranger did edge1 and edge2; make them co-inspector of two
			// of the five inspections that share one submitted_at, the first
			// of them together with 王主任 (a person made before them).
			for _, c := range [][2]int64{{f.ties[0], f.stranger}, {f.ties[3], f.stranger}, {f.ties[0], f.head}} {
				if _, err := f.db.Raw().ExecContext(f.ctx, `INSERT INTO inspection_coinspectors (school_id, inspection_id, person_id) VALUES ($1, $2, $3)`,
					f.school, c[0], c[1]); err != nil {
					t.Fatal(err)
				}
			}
			co := map[int64][]string{}
			want := []int64{f.edge2, f.edge1, f.ties[3], f.ties[0]}
			var got []int64
			pg := Page{Limit: 2}
			for pages := 0; ; pages++ {
				if pages > 5 {
					t.Fatal("pagination does not end")
				}
				res, err := f.svc.List(f.ctx, f.office(), f.school, Filter{InspectorPersonID: f.stranger}, pg)
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, ids(res.Rows)...)
				for _, r := range res.Rows {
					co[r.ID] = r.CoInspectors
				}
				if res.Next == nil {
					break
				}
				pg = ParsePage(res.Next.Token())
				pg.Limit = 2
			}
			if !slices.Equal(got, want) {
				t.Errorf("pages joined = %v, want %v", got, want)
			}
			// Each row carries its co-inspectors, in person order.
			if !slices.Equal(co[f.ties[0]], []string{"王主任", "赵无关"}) || !slices.Equal(co[f.ties[3]], []string{"赵无关"}) || co[f.edge1] != nil {
				t.Errorf("co-inspectors: %v", co)
			}
			// Combined with another filter and with a unit head's visibility.
			res, err := f.svc.List(f.ctx, f.office(), f.school, Filter{InspectorPersonID: f.stranger, Kind: "random", From: "2026-04-01"}, Page{})
			if err != nil || !slices.Equal(ids(res.Rows), []int64{f.edge2}) {
				t.Errorf("inspector+kind+from: %v, %v", ids(res.Rows), err)
			}
		})
	}
}
