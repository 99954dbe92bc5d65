package checklist

import (
	"context"
	"fmt"
	"testing"
	"time"

	"safecampus/internal/sqldb"
	"safecampus/internal/testkit"
)

// catalogueCodes is REQUIREMENTS.md's list of check items, written out
// by hand so a code dropped from builtin.go fails the test.
var catalogueCodes = []string{
	"RESP-1", "RESP-2", "RESP-3", "RESP-4",
	"FIRE-1", "FIRE-2", "FIRE-3", "FIRE-4", "FIRE-5", "FIRE-6", "FIRE-7",
	"FIRE-8", "FIRE-9", "FIRE-10", "FIRE-11", "FIRE-12", "FIRE-13", "FIRE-14",
	"LOG-1", "LOG-2", "LOG-3", "LOG-4", "LOG-5", "LOG-6",
	"LAB-1", "LAB-2", "LAB-3", "LAB-4",
	"SEC-1", "SEC-2", "SEC-3", "SEC-4", "SEC-5", "SEC-6", "SEC-7", "SEC-8",
	"TRA-1", "TRA-2", "TRA-3",
	"RUL-1", "RUL-2", "RUL-3", "RUL-4", "RUL-5",
	"EDU-1", "EDU-2", "EDU-3", "EDU-4", "EDU-5", "EDU-6",
}

var t0 = time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)

func seeded(t *testing.T, dialect string) *sqldb.DB {
	t.Helper()
	db := testkit.OpenDB(t, dialect)
	if err := EnsureBuiltins(context.Background(), db, t0); err != nil {
		t.Fatalf("EnsureBuiltins: %v", err)
	}
	return db
}

func TestCatalogueCodes(t *testing.T) {
	if len(catalogueCodes) != 50 {
		t.Fatalf("the catalogue has 50 codes, the list here %d", len(catalogueCodes))
	}
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			db := seeded(t, dialect)
			items, err := listItems(context.Background(), db.Read(), 0)
			if err != nil {
				t.Fatal(err)
			}
			byCode := map[string]Item{}
			for _, it := range items {
				byCode[it.Code] = it
			}
			if len(items) != len(catalogueCodes) {
				t.Errorf("library has %d built-in items, want %d", len(items), len(catalogueCodes))
			}
			for i, code := range catalogueCodes {
				it, ok := byCode[code]
				if !ok {
					t.Errorf("%s missing from the library", code)
					continue
				}
				if items[i].Code != code {
					t.Errorf("item %d is %s, want %s (notice order)", i, items[i].Code, code)
				}
				if it.Title == "" || len(it.Questions) == 0 {
					t.Errorf("%s has no title or no question", code)
				}
				for j, q := range it.Questions {
					if want := fmt.Sprintf("%s.%d", code, j+1); q.Code != want || q.Text == "" {
						t.Errorf("%s question %d = %q %q, want code %s", code, j, q.Code, q.Text, want)
					}
				}
			}
			fire4 := byCode["FIRE-4"]
			want := []string{"消防泵房泵机开关是否设在自动位置", "消防水泵能否正常启动", "水泵压力表是否正常", "消防水箱水位是否符合标准"}
			if len(fire4.Questions) != len(want) {
				t.Fatalf("FIRE-4 has %d questions, want 4", len(fire4.Questions))
			}
			for i, q := range fire4.Questions {
				if q.Text != want[i] || q.Code != fmt.Sprintf("FIRE-4.%d", i+1) {
					t.Errorf("FIRE-4 question %d = %s %s", i, q.Code, q.Text)
				}
			}
			if fire4.PlaceTypes[0] != "pump_room" || !fire4.PhotoRequiredOnFail {
				t.Errorf("FIRE-4 attributes = %v photo %v", fire4.PlaceTypes, fire4.PhotoRequiredOnFail)
			}
			if byCode["FIRE-7"].DefaultLevel != LevelMajor || byCode["LAB-2"].DefaultLevel != LevelMajor {
				t.Error("FIRE-7 and LAB-2 default to major hazards")
			}
		})
	}
}
