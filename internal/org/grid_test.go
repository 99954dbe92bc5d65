package org

import (
	"encoding/json"
	"testing"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/testkit"
)

func (f *pgFixture) saveGrid(t *testing.T, g Grid) Grid {
	t.Helper()
	saved, err := f.svc.SaveGrid(f.ctx, f.admin, f.school, g)
	if err != nil {
		t.Fatalf("save grid %s: %v", g.Name, err)
	}
	return saved
}

// lastAudit returns the before and after data of the newest entry about a grid.
func (f *pgFixture) lastAudit(t *testing.T, id int64) (action, before, after string) {
	t.Helper()
	err := f.db.Read().QueryRowContext(f.ctx, `SELECT action, before_data, after_data FROM audit_log WHERE school_id = $1 AND entity = 'grid' AND entity_id = $2 ORDER BY seq DESC LIMIT 1`,
		f.school, id).Scan(&action, &before, &after)
	if err != nil {
		t.Fatal(err)
	}
	return action, before, after
}

func TestGrids(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newPGFixture(t, d)
			root := f.saveGrid(t, Grid{Name: "主校区网格", LeaderPersonID: f.person})
			mid := f.saveGrid(t, Grid{Name: "教学区网格", ParentID: root.ID})
			leaf := f.saveGrid(t, Grid{Name: "实验楼网格", ParentID: mid.ID, Description: "实验楼全部楼层"})
			if root.LeaderName != "赵强" || mid.ParentName != "主校区网格" || !leaf.Active {
				t.Errorf("saved grids lack names: %+v %+v", root, mid)
			}
			otherGrid, err := f.svc.SaveGrid(f.ctx, auth.System(), f.other, Grid{Name: "外校网格"})
			if err != nil {
				t.Fatal(err)
			}

			invalid := []struct {
				name  string
				in    Grid
				field string
			}{
				{"name required", Grid{}, "name"},
				{"duplicate name", Grid{Name: "教学区网格"}, "name"},
				{"parent of another school", Grid{Name: "x", ParentID: otherGrid.ID}, "parent_id"},
				{"leader of another school", Grid{Name: "x", LeaderPersonID: f.otherPerson}, "leader_person_id"},
				{"own parent", Grid{ID: mid.ID, Name: "教学区网格", ParentID: mid.ID}, "parent_id"},
				{"cycle through a descendant", Grid{ID: root.ID, Name: "主校区网格", ParentID: leaf.ID}, "parent_id"},
			}
			for _, c := range invalid {
				_, err := f.svc.SaveGrid(f.ctx, f.admin, f.school, c.in)
				if got := fieldOf(err); got != c.field {
					t.Errorf("%s: field %q (err %v), want %q", c.name, got, err, c.field)
				}
			}
			if _, err := f.svc.SaveGrid(f.ctx, f.admin, f.school, Grid{ID: otherGrid.ID, Name: "改"}); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("update other school's grid: %v, want not found", err)
			}
			if _, err := f.svc.FindGrid(f.ctx, f.admin, f.school, otherGrid.ID); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("find other school's grid: %v, want not found", err)
			}

			// Members: duplicates collapse, a second call replaces the set.
			if err := f.svc.SetGridMembers(f.ctx, f.admin, f.school, mid.ID, []int64{f.person2, f.person, f.person2, f.retired}); err != nil {
				t.Fatal(err)
			}
			g, err := f.svc.FindGrid(f.ctx, f.staff, f.school, mid.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(g.Members) != 3 || g.MemberCount != 3 {
				t.Fatalf("members = %+v (count %d), want 3", g.Members, g.MemberCount)
			}
			if err := f.svc.SetGridMembers(f.ctx, f.admin, f.school, mid.ID, []int64{f.person2, f.retired}); err != nil {
				t.Fatal(err)
			}
			action, before, after := f.lastAudit(t, mid.ID)
			wantBefore := idsJSON("person_ids", f.person, f.person2, f.retired)
			wantAfter := idsJSON("person_ids", f.person2, f.retired)
			if action != "grid.set_members" || before != wantBefore || after != wantAfter {
				t.Errorf("members audit = %s %s → %s, want %s → %s", action, before, after, wantBefore, wantAfter)
			}

			// Places.
			b := f.savePlace(t, Place{Name: "实验楼", Level: PlaceBuilding, Type: "laboratory", CampusID: f.campus})
			lab := f.savePlace(t, Place{Name: "化学实验室", Level: PlaceArea, Type: "laboratory", ParentID: b.ID})
			if err := f.svc.SetGridPlaces(f.ctx, f.admin, f.school, leaf.ID, []int64{lab.ID, b.ID}); err != nil {
				t.Fatal(err)
			}
			if err := f.svc.SetGridPlaces(f.ctx, f.admin, f.school, leaf.ID, []int64{lab.ID}); err != nil {
				t.Fatal(err)
			}
			g, _ = f.svc.FindGrid(f.ctx, f.admin, f.school, leaf.ID)
			if len(g.Places) != 1 || g.Places[0].Name != "化学实验室" {
				t.Errorf("places = %+v, want only 化学实验室", g.Places)
			}
			if _, before, after := f.lastAudit(t, leaf.ID); before != idsJSON("place_ids", b.ID, lab.ID) || after != idsJSON("place_ids", lab.ID) {
				t.Errorf("places audit = %s → %s", before, after)
			}

			// Ids of another school are refused and change nothing.
			otherPlace, err := f.svc.SavePlace(f.ctx, auth.System(), f.other, Place{Name: "外校楼", Level: PlaceBuilding, Type: "office"})
			if err != nil {
				t.Fatal(err)
			}
			refused := []struct {
				name  string
				run   func() error
				kind  apperr.Kind
				field string
			}{
				{"member of another school", func() error {
					return f.svc.SetGridMembers(f.ctx, f.admin, f.school, mid.ID, []int64{f.person, f.otherPerson})
				}, apperr.Invalid, "person_ids"},
				{"unknown person id", func() error { return f.svc.SetGridMembers(f.ctx, f.admin, f.school, mid.ID, []int64{-3}) }, apperr.Invalid, "person_ids"},
				{"place of another school", func() error {
					return f.svc.SetGridPlaces(f.ctx, f.admin, f.school, leaf.ID, []int64{otherPlace.ID})
				}, apperr.Invalid, "place_ids"},
				{"grid of another school", func() error {
					return f.svc.SetGridMembers(f.ctx, f.admin, f.school, otherGrid.ID, []int64{f.person})
				}, apperr.NotFound, ""},
				{"staff sets members", func() error { return f.svc.SetGridMembers(f.ctx, f.staff, f.school, mid.ID, nil) }, apperr.Forbidden, ""},
				{"staff sets places", func() error { return f.svc.SetGridPlaces(f.ctx, f.staff, f.school, leaf.ID, nil) }, apperr.Forbidden, ""},
				{"staff saves", func() error { _, err := f.svc.SaveGrid(f.ctx, f.staff, f.school, Grid{Name: "z"}); return err }, apperr.Forbidden, ""},
				{"staff deactivates", func() error { return f.svc.SetGridActive(f.ctx, f.staff, f.school, leaf.ID, false) }, apperr.Forbidden, ""},
				{"deactivate with active sub-grid", func() error { return f.svc.SetGridActive(f.ctx, f.admin, f.school, mid.ID, false) }, apperr.Invalid, ""},
			}
			for _, c := range refused {
				err := c.run()
				if !apperr.Is(err, c.kind) || (c.field != "" && fieldOf(err) != c.field) {
					t.Errorf("%s: %v, want %v %s", c.name, err, c.kind, c.field)
				}
			}
			if g, _ := f.svc.FindGrid(f.ctx, f.admin, f.school, mid.ID); len(g.Members) != 2 {
				t.Errorf("refused change altered members: %+v", g.Members)
			}

			// The list is a tree with counts.
			list, err := f.svc.ListGrids(f.ctx, f.staff, f.school)
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != 3 || list[1].ID != mid.ID || list[1].Depth != 1 || list[1].MemberCount != 2 || list[2].PlaceCount != 1 || list[2].Depth != 2 {
				t.Errorf("list = %+v", list)
			}

			// The diagram nests the grids and leaves out inactive people.
			diagram, err := f.svc.GridDiagram(f.ctx, f.staff, f.school)
			if err != nil {
				t.Fatal(err)
			}
			if len(diagram) != 1 || len(diagram[0].Children) != 1 || len(diagram[0].Children[0].Children) != 1 {
				t.Fatalf("diagram shape wrong: %+v", diagram)
			}
			dm := diagram[0].Children[0]
			if len(dm.Members) != 1 || dm.Members[0].Name != "冯磊" || diagram[0].LeaderName != "赵强" {
				t.Errorf("diagram grid = %+v", dm.Grid)
			}
			if lp := dm.Children[0].Places; len(lp) != 1 || lp[0].Name != "化学实验室" {
				t.Errorf("diagram places = %+v", lp)
			}

			// Deactivating the leaf drops it from the diagram.
			if err := f.svc.SetGridActive(f.ctx, f.admin, f.school, leaf.ID, false); err != nil {
				t.Fatal(err)
			}
			diagram, _ = f.svc.GridDiagram(f.ctx, f.admin, f.school)
			if len(diagram) != 1 || len(diagram[0].Children[0].Children) != 0 {
				t.Errorf("inactive grid still in diagram")
			}
			if got := fmtList(f.auditActions(t, "grid", leaf.ID)); got != "[grid.create grid.set_places grid.set_places grid.set_active]" {
				t.Errorf("leaf audit = %s", got)
			}
			if got := fmtList(f.auditActions(t, "grid", root.ID)); got != "[grid.create]" {
				t.Errorf("refused changes were audited: %s", got)
			}
		})
	}
}

func idsJSON(key string, ids ...int64) string {
	b, _ := json.Marshal(map[string][]int64{key: uniqueSorted(ids)})
	return string(b)
}
