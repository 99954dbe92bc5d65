package checklist

import (
	"slices"
	"testing"

	"safecampus/internal/apperr"
	"safecampus/internal/testkit"
)

func fieldOf(err error) string {
	if e := apperr.As(err); len(e.Fields) > 0 {
		return e.Fields[0].Field
	}
	return ""
}

func TestSchoolItems(t *testing.T) {
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			builtin := f.item(t, f.school, "FIRE-4")

			// A school edits a built-in item: its own version 2, unseen by
			// the other school.
			edit := builtin
			edit.Title = "消防泵房（本校）"
			edit.Questions = append(edit.Questions, Question{Text: "泵房内是否堆放杂物"})
			saved, err := f.svc.SaveItem(f.ctx, f.admin, f.school, edit)
			if err != nil {
				t.Fatal(err)
			}
			if saved.SchoolID != f.school || saved.Version != 2 || saved.ReplacesID != builtin.ID || len(saved.Questions) != 5 || saved.Questions[4].Code != "FIRE-4.5" {
				t.Errorf("school version = %+v", saved)
			}
			if got := f.item(t, f.other, "FIRE-4"); got.ID != builtin.ID || got.Title == edit.Title {
				t.Errorf("the other school sees %q (id %d), want the built-in item", got.Title, got.ID)
			}
			lib, err := f.svc.ListItems(f.ctx, f.staff, f.school)
			if err != nil {
				t.Fatal(err)
			}
			if n := len(lib); n != 50 || !slices.ContainsFunc(lib, func(it Item) bool { return it.ID == saved.ID }) {
				t.Errorf("library has %d items, want 50 with the school's FIRE-4", n)
			}
			if f.count(t, `SELECT COUNT(*) FROM audit_log WHERE school_id = $1 AND action = 'check_item.update' AND entity_id = $2`, f.school, saved.ID) != 1 {
				t.Error("the edit has no audit entry")
			}
			// Saving the same text again stores nothing.
			before := f.count(t, `SELECT COUNT(*) FROM check_items`)
			if _, err := f.svc.SaveItem(f.ctx, f.admin, f.school, saved); err != nil {
				t.Fatal(err)
			}
			if f.count(t, `SELECT COUNT(*) FROM check_items`) != before {
				t.Error("an unchanged edit stored a version")
			}
			// Editing the school's own version retires it.
			saved.Title = "消防泵房（第三版）"
			v3, err := f.svc.SaveItem(f.ctx, f.admin, f.school, saved)
			if err != nil || v3.Version != 3 {
				t.Fatalf("third version: %+v %v", v3, err)
			}
			if old, _ := FindItemVersion(f.ctx, f.db.Read(), f.school, saved.ID); old.Current {
				t.Error("version 2 is still current")
			}
			if _, err := FindItemVersion(f.ctx, f.db.Read(), f.other, saved.ID); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("another school reads the school's version: %v", err)
			}
			// A stale edit (of version 2) is refused.
			saved.Title = "过期的修改"
			if _, err := f.svc.SaveItem(f.ctx, f.admin, f.school, saved); !apperr.Is(err, apperr.Conflict) {
				t.Errorf("stale edit: %v, want conflict", err)
			}

			own := Item{Code: "xj-1", Area: AreaSec, Title: "夜间值班", PlaceTypes: []string{"gate"},
				Questions: []Question{{Text: "值班人员是否在岗"}, {Text: " "}, {Text: "值班记录是否完整"}}}
			created, err := f.svc.SaveItem(f.ctx, f.admin, f.school, own)
			if err != nil {
				t.Fatal(err)
			}
			if created.Code != "XJ-1" || len(created.Questions) != 2 || created.Questions[1].Code != "XJ-1.2" || created.DefaultLevel != LevelGeneral {
				t.Errorf("created = %+v", created)
			}
			if _, err := findItem(f.ctx, f.db.Read(), f.other, "XJ-1"); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("the other school finds XJ-1: %v", err)
			}

			invalid := []struct {
				name  string
				in    Item
				field string
			}{
				{"built-in code", Item{Code: "FIRE-1", Area: AreaFire, Title: "x", Questions: []Question{{Text: "q"}}}, "code"},
				{"own code taken", Item{Code: "XJ-1", Area: AreaSec, Title: "x", Questions: []Question{{Text: "q"}}}, "code"},
				{"bad code", Item{Code: "X 1", Area: AreaSec, Title: "x", Questions: []Question{{Text: "q"}}}, "code"},
				{"no area", Item{Code: "XJ-2", Title: "x", Questions: []Question{{Text: "q"}}}, "area"},
				{"no title", Item{Code: "XJ-2", Area: AreaSec, Questions: []Question{{Text: "q"}}}, "title"},
				{"no question", Item{Code: "XJ-2", Area: AreaSec, Title: "x"}, "questions"},
				{"bad place type", Item{Code: "XJ-2", Area: AreaSec, Title: "x", PlaceTypes: []string{"moon"}, Questions: []Question{{Text: "q"}}}, "place_types"},
				{"bad level", Item{Code: "XJ-2", Area: AreaSec, Title: "x", DefaultLevel: "huge", Questions: []Question{{Text: "q"}}}, "default_level"},
			}
			for _, c := range invalid {
				_, err := f.svc.SaveItem(f.ctx, f.admin, f.school, c.in)
				if !apperr.Is(err, apperr.Invalid) || fieldOf(err) != c.field {
					t.Errorf("%s: %v (field %q), want invalid %s", c.name, err, fieldOf(err), c.field)
				}
			}
		})
	}
}

func TestItemsForInspection(t *testing.T) {
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			pump, err := f.svc.ItemsForInspection(f.ctx, nil, f.school, 0, "pump_room")
			if err != nil {
				t.Fatal(err)
			}
			codes := codesOf(pump)
			if !slices.Contains(codes, "FIRE-4") || !slices.Contains(codes, "RESP-1") || slices.Contains(codes, "LOG-4") {
				t.Errorf("pump room items = %v; want FIRE-4 and RESP-1 (everywhere), not LOG-4", codes)
			}
			if len(pump[slices.Index(codes, "FIRE-4")].Questions) != 4 {
				t.Error("FIRE-4 comes without its questions")
			}

			if err := f.svc.SetItemDisabled(f.ctx, f.admin, f.school, "FIRE-4", true); err != nil {
				t.Fatal(err)
			}
			got, _ := f.svc.ItemsForInspection(f.ctx, f.db.Read(), f.school, 0, "pump_room")
			if slices.Contains(codesOf(got), "FIRE-4") {
				t.Error("a disabled item is still asked")
			}
			got, _ = f.svc.ItemsForInspection(f.ctx, nil, f.other, 0, "pump_room")
			if !slices.Contains(codesOf(got), "FIRE-4") {
				t.Error("disabling in one school disabled it in another")
			}
			lib, _ := f.svc.ListItems(f.ctx, f.admin, f.school)
			if i := slices.IndexFunc(lib, func(it Item) bool { return it.Code == "FIRE-4" }); i < 0 || !lib[i].Disabled {
				t.Error("the library does not show FIRE-4 as disabled")
			}
			if err := f.svc.SetItemDisabled(f.ctx, f.admin, f.school, "NOPE-1", true); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("disable unknown code: %v", err)
			}

			// Item sets: members in order, disabled ones dropped.
			set, err := f.svc.SaveSet(f.ctx, f.admin, f.school, ItemSet{Name: "泵房检查表"})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.svc.SaveSet(f.ctx, f.admin, f.school, ItemSet{Name: "泵房检查表"}); fieldOf(err) != "name" {
				t.Errorf("duplicate set name: %v", err)
			}
			if err := f.svc.SetSetItems(f.ctx, f.admin, f.school, set.ID, []string{"LOG-1", "NOPE-1"}); fieldOf(err) != "codes" {
				t.Errorf("unknown code in set: %v", err)
			}
			if err := f.svc.SetSetItems(f.ctx, f.admin, f.school, set.ID, []string{"log-1", "FIRE-4", "FIRE-1", "LOG-1"}); err != nil {
				t.Fatal(err)
			}
			found, err := f.svc.FindSet(f.ctx, f.staff, f.school, set.ID)
			if err != nil || !slices.Equal(found.Codes, []string{"LOG-1", "FIRE-4", "FIRE-1"}) {
				t.Errorf("set codes = %v, %v", found.Codes, err)
			}
			got, err = f.svc.ItemsForInspection(f.ctx, nil, f.school, set.ID, "gate")
			if err != nil || !slices.Equal(codesOf(got), []string{"LOG-1", "FIRE-1"}) {
				t.Errorf("set items = %v, %v; want LOG-1, FIRE-1 (FIRE-4 disabled, place type ignored)", codesOf(got), err)
			}
			if _, err := f.svc.ItemsForInspection(f.ctx, nil, f.other, set.ID, ""); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("another school's set: %v, want not found", err)
			}
			if _, err := f.svc.FindSet(f.ctx, f.otherAdmin, f.other, set.ID); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("FindSet of another school: %v", err)
			}
			if err := f.svc.SetSetActive(f.ctx, f.admin, f.school, set.ID, false); err != nil {
				t.Fatal(err)
			}
			sets, _ := f.svc.ListSets(f.ctx, f.admin, f.school)
			if len(sets) != 1 || sets[0].Active || sets[0].ItemCount != 3 {
				t.Errorf("sets = %+v", sets)
			}
		})
	}
}

func TestPermissions(t *testing.T) {
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			item := Item{Code: "XJ-1", Area: AreaSec, Title: "x", Questions: []Question{{Text: "q"}}}
			calls := map[string]func() error{
				"save item":   func() error { _, err := f.svc.SaveItem(f.ctx, f.staff, f.school, item); return err },
				"disable":     func() error { return f.svc.SetItemDisabled(f.ctx, f.staff, f.school, "FIRE-1", true) },
				"save set":    func() error { _, err := f.svc.SaveSet(f.ctx, f.staff, f.school, ItemSet{Name: "x"}); return err },
				"set items":   func() error { return f.svc.SetSetItems(f.ctx, f.staff, f.school, 1, nil) },
				"set active":  func() error { return f.svc.SetSetActive(f.ctx, f.staff, f.school, 1, false) },
				"import":      func() error { _, err := f.svc.PreviewImport(f.ctx, f.staff, f.school, "x", nil); return err },
				"commit":      func() error { _, err := f.svc.CommitImport(f.ctx, f.staff, f.school, "x", nil); return err },
				"other admin": func() error { _, err := f.svc.SaveItem(f.ctx, f.otherAdmin, f.school, item); return err },
				"other list":  func() error { _, err := f.svc.ListItems(f.ctx, f.otherAdmin, f.school); return err },
			}
			for name, call := range calls {
				if err := call(); !apperr.Is(err, apperr.Forbidden) {
					t.Errorf("%s: %v, want forbidden", name, err)
				}
			}
			if _, err := f.svc.ListItems(f.ctx, f.staff, f.school); err != nil {
				t.Errorf("staff reads the library: %v", err)
			}
			if n := f.count(t, `SELECT COUNT(*) FROM check_items WHERE school_id IS NOT NULL`); n != 0 {
				t.Errorf("forbidden calls stored %d items", n)
			}
		})
	}
}
