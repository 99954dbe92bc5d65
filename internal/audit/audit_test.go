package audit_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"safecampus/internal/audit"
	"safecampus/internal/sqldb"
	"safecampus/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

var t0 = time.Date(2026, 3, 1, 8, 30, 0, 123456789, time.UTC)

// appendN writes n entries to school's chain with a pinned clock.
func appendN(t *testing.T, db *sqldb.DB, school int64, n int) []audit.Entry {
	t.Helper()
	ctx := context.Background()
	var out []audit.Entry
	for i := 0; i < n; i++ {
		err := db.Transact(ctx, func(tx *sqldb.Tx) error {
			e, err := audit.Append(ctx, tx, t0.Add(time.Duration(i)*time.Minute), audit.Record{
				SchoolID: school, ActorID: 7, Action: "unit.update", Entity: "unit", EntityID: int64(i + 1),
				Before: map[string]any{"name": "旧名称", "n": i}, After: map[string]any{"name": "新名称<&>", "n": i + 1, "z": []int{1, 2}},
			})
			out = append(out, e)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func TestChainVerifiesAndIsSameOnEveryDatabase(t *testing.T) {
	heads := map[string]string{}
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			db := testkit.OpenDB(t, d)
			es := appendN(t, db, 1, 5)
			appendN(t, db, 2, 3)
			rep, err := audit.Verify(context.Background(), db.Read(), audit.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !rep.OK() || rep.Entries != 8 {
				t.Fatalf("report %+v", rep)
			}
			if rep.Heads[1].Seq != 5 || rep.Heads[1].Hash != es[4].Hash || rep.Heads[2].Seq != 3 {
				t.Fatalf("heads %+v", rep.Heads)
			}
			if es[1].PrevHash != es[0].Hash || es[0].PrevHash != audit.Genesis {
				t.Fatal("entries are not linked")
			}
			heads[d] = es[4].Hash
		})
	}
	if len(heads) == 2 && heads["sqlite"] != heads["postgres"] {
		t.Fatalf("the same entries hash differently: %v", heads)
	}
}

func TestVerifyNamesTamperedEntry(t *testing.T) {
	cases := []struct {
		name    string
		tamper  string // SQL run against the log; $1 is the target entry id
		target  int    // index of the entry to tamper with
		wantID  bool   // the problem names the entry id
		wantMsg string
	}{
		{"content changed", `UPDATE audit_log SET after_data = '{"name":"篡改"}' WHERE id = $1`, 2, true, "changed"},
		{"actor changed", `UPDATE audit_log SET actor_id = 99 WHERE id = $1`, 1, true, "changed"},
		{"time changed", `UPDATE audit_log SET at = at + 1000 WHERE id = $1`, 3, true, "changed"},
		{"entry deleted", `DELETE FROM audit_log WHERE id = $1`, 2, false, "missing"},
		{"tail deleted", `DELETE FROM audit_log WHERE id = $1`, 4, false, "removed from the end"},
	}
	for _, d := range testkit.Dialects {
		for _, c := range cases {
			t.Run(d+"/"+c.name, func(t *testing.T) {
				ctx := context.Background()
				db := testkit.OpenDB(t, d)
				es := appendN(t, db, 1, 5)
				if _, err := db.Raw().ExecContext(ctx, c.tamper, es[c.target].ID); err != nil {
					t.Fatal(err)
				}
				rep, err := audit.Verify(ctx, db.Read(), audit.Options{})
				if err != nil {
					t.Fatal(err)
				}
				if rep.OK() || len(rep.Problems) != 1 {
					t.Fatalf("want exactly one problem, got %+v", rep.Problems)
				}
				p := rep.Problems[0]
				if c.wantID && p.EntryID != es[c.target].ID {
					t.Fatalf("problem names entry %d, want %d", p.EntryID, es[c.target].ID)
				}
				if !c.wantID && c.target < 4 && p.EntryID != es[c.target+1].ID {
					t.Fatalf("a deletion should be reported at the next entry %d, got %d", es[c.target+1].ID, p.EntryID)
				}
				if !strings.Contains(p.Reason, c.wantMsg) {
					t.Fatalf("reason %q lacks %q", p.Reason, c.wantMsg)
				}
			})
		}
	}
}

func TestVerifyHead(t *testing.T) {
	ctx := context.Background()
	db := testkit.OpenDB(t, "sqlite")
	es := appendN(t, db, 1, 4)
	rep, err := audit.Verify(ctx, db.Read(), audit.Options{Head: es[2].Hash})
	if err != nil || rep.HeadFound == nil || rep.HeadFound.Seq != 3 {
		t.Fatalf("head not found: %+v %v", rep.HeadFound, err)
	}
	rep, _ = audit.Verify(ctx, db.Read(), audit.Options{Head: strings.Repeat("a", 64)})
	if rep.HeadFound != nil {
		t.Fatal("an unknown head must not be found")
	}
	// Tamper before the head: the head is no longer proven.
	if _, err := db.Raw().ExecContext(ctx, `UPDATE audit_log SET action = 'x' WHERE id = $1`, es[1].ID); err != nil {
		t.Fatal(err)
	}
	rep, _ = audit.Verify(ctx, db.Read(), audit.Options{Head: es[2].Hash})
	if rep.HeadFound != nil || rep.OK() {
		t.Fatal("a head after a tampered entry must not verify")
	}
}

func TestCanonical(t *testing.T) {
	tests := []struct {
		in      any
		want    string
		wantErr bool
	}{
		{map[string]any{"b": 1, "a": "x"}, `{"a":"x","b":1}`, false},
		{nil, `null`, false},
		{map[string]any{"s": "<&>"}, `{"s":"<&>"}`, false},
		{struct {
			Z int64  `json:"z"`
			A string `json:"a"`
		}{9007199254740993, "中"}, `{"a":"中","z":9007199254740993}`, false},
		{map[string]any{"f": 1.5}, "", true},
	}
	for _, tt := range tests {
		got, err := audit.Canonical(tt.in)
		if (err != nil) != tt.wantErr {
			t.Fatalf("Canonical(%v) err = %v", tt.in, err)
		}
		if !tt.wantErr && string(got) != tt.want {
			t.Errorf("Canonical(%v) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
