package patrol

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/org"
	"safecampus/internal/testkit"
)

// TestCoverage builds patrols by hand and checks the whole matrix.
//
// 校园网格: 南大门 (gate, 5/day), 行政楼 (office, 1/day), 体育馆 (other,
// 1/day, no check point → unpointed). 实验区网格: 实验楼 (lab building,
// 5/day), 化学实验室 (lab, 5/day).
func TestCoverage(t *testing.T) {
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			for _, p := range []string{"南大门", "行政楼", "实验楼", "化学实验室"} {
				if _, err := f.svc.EnableCheckPoint(f.ctx, f.actor["office"], f.school, f.place[p]); err != nil {
					t.Fatal(err)
				}
			}
			n := 0
			patrol := func(place string, at time.Time, times int) {
				t.Helper()
				for i := 0; i < times; i++ {
					n++
					f.clock.set(at.Add(time.Duration(i) * time.Minute))
					if _, err := f.svc.Record(f.ctx, f.actor["guard"], f.school, Patrol{ClientID: fmt.Sprintf("c-%d", n), PlaceID: f.place[place]}); err != nil {
						t.Fatal(err)
					}
				}
			}
			// 03-01: gate 4 by day + 1 at 23:30 Beijing (15:30 UTC) = 5 → met;
			// office 1 → met. Lab building 5, chem lab 4 → 1 of 2.
			patrol("南大门", beijing("2026-03-01", 8, 0), 4)
			patrol("南大门", beijing("2026-03-01", 23, 30), 1)
			patrol("行政楼", beijing("2026-03-01", 9, 0), 1)
			patrol("实验楼", beijing("2026-03-01", 10, 0), 5)
			patrol("化学实验室", beijing("2026-03-01", 10, 0), 4)
			// 03-02 00:10 Beijing is 03-01 16:10 UTC but counts for 03-02.
			patrol("南大门", beijing("2026-03-02", 0, 10), 5)
			// 03-03: nothing at all.

			m, err := f.svc.Coverage(f.ctx, f.actor["principal"], f.school, 0, "2026-03-01", "2026-03-03")
			if err != nil {
				t.Fatal(err)
			}
			want := []string{
				"校园网格 0 2/2:ok 1/2:warn 0/2:bad unpointed=体育馆",
				"实验区网格 1 1/2:warn 0/2:bad 0/2:bad unpointed=",
			}
			if got := render(m); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Fatalf("matrix:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			gate := m.Rows[0].Places[0]
			if gate.Name != "南大门" || gate.Target != 5 || fmt.Sprint(gate.Counts) != "[5 5 0]" {
				t.Errorf("gate detail = %+v", gate)
			}

			// A school target: offices once is not enough any more; the
			// lab building is not counted at all (0).
			if err := f.svc.SetTargets(f.ctx, f.actor["office"], f.school, map[org.PlaceType]int{"office": 2, "laboratory": 0}); err != nil {
				t.Fatal(err)
			}
			m, err = f.svc.Coverage(f.ctx, f.actor["principal"], f.school, f.grid["实验区网格"], "2026-03-01", "2026-03-02")
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(render(m), "\n"); got != "实验区网格 0 - - unpointed=" {
				t.Errorf("lab grid with laboratory target 0: %s", got)
			}
			m, _ = f.svc.Coverage(f.ctx, f.actor["principal"], f.school, f.grid["校园网格"], "2026-03-01", "2026-03-01")
			if got := strings.Join(render(m), "\n"); got != "校园网格 0 1/2:warn unpointed=体育馆\n实验区网格 1 - unpointed=" {
				t.Errorf("campus grid with office target 2: %s", got)
			}

			// Refusals.
			if _, err := f.svc.Coverage(f.ctx, f.actor["guard"], f.school, 0, "2026-03-01", "2026-03-01"); !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("guard: %v", err)
			}
			if _, err := f.svc.Coverage(f.ctx, f.actor["principal"], f.school, 0, "2026-03-02", "2026-03-01"); !apperr.Is(err, apperr.Invalid) {
				t.Errorf("reversed range: %v", err)
			}
			if _, err := f.svc.Coverage(f.ctx, f.actor["principal"], f.school, 0, "2026-01-01", "2026-03-31"); !apperr.Is(err, apperr.Invalid) {
				t.Errorf("long range: %v", err)
			}
			if _, err := f.svc.Coverage(f.ctx, f.actor["otheradmin"], f.other, f.grid["校园网格"], "2026-03-01", "2026-03-01"); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("other school's grid: %v", err)
			}
		})
	}
}

// render writes a matrix as "grid depth met/total:class … unpointed=…".
func render(m Matrix) []string {
	var out []string
	for _, r := range m.Rows {
		s := fmt.Sprintf("%s %d", r.GridName, r.Depth)
		for _, c := range r.Cells {
			if c.Total == 0 {
				s += " -"
			} else {
				s += fmt.Sprintf(" %d/%d:%s", c.Met, c.Total, c.Class())
			}
		}
		out = append(out, s+" unpointed="+strings.Join(r.Unpointed, ","))
	}
	return out
}

func TestTargets(t *testing.T) {
	f := newFixture(t, "sqlite")
	ts, err := f.svc.Targets(f.ctx, f.actor["staff"], f.school)
	if err != nil {
		t.Fatal(err)
	}
	got := map[org.PlaceType]int{}
	for _, x := range ts {
		got[x.Type] = x.PerDay
	}
	for typ, want := range map[org.PlaceType]int{"gate": 5, "student_dormitory": 5, "laboratory": 5, "warehouse": 5, "power_room": 5,
		"fire_control_room": 5, "cctv_room": 5, "canteen": 5, "underground_garage": 5, "office": 1, "elevator": 1, "other": 1} {
		if got[typ] != want {
			t.Errorf("default %s = %d, want %d", typ, got[typ], want)
		}
	}
	tests := []struct {
		name  string
		actor string
		in    map[org.PlaceType]int
		want  apperr.Kind
	}{
		{"guard may not", "guard", map[org.PlaceType]int{"gate": 3}, apperr.Forbidden},
		{"negative", "office", map[org.PlaceType]int{"gate": -1}, apperr.Invalid},
		{"too many", "office", map[org.PlaceType]int{"gate": 49}, apperr.Invalid},
		{"unknown type", "office", map[org.PlaceType]int{"spaceship": 1}, apperr.Invalid},
	}
	for _, tt := range tests {
		if err := f.svc.SetTargets(f.ctx, f.actor[tt.actor], f.school, tt.in); !apperr.Is(err, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
	}
	// Setting a default value changes nothing and writes nothing.
	if err := f.svc.SetTargets(f.ctx, f.actor["office"], f.school, map[org.PlaceType]int{"gate": 5}); err != nil || f.auditCount("patrol_targets.update") != 0 {
		t.Fatalf("no-op set: %v, %d audit entries", err, f.auditCount("patrol_targets.update"))
	}
	if err := f.svc.SetTargets(f.ctx, f.actor["office"], f.school, map[org.PlaceType]int{"gate": 8}); err != nil || f.auditCount("patrol_targets.update") != 1 {
		t.Fatalf("set: %v, %d audit entries", err, f.auditCount("patrol_targets.update"))
	}
	ts, _ = f.svc.Targets(f.ctx, f.actor["staff"], f.school)
	if ts[len(ts)-1].Type != "other" || func() Target {
		for _, x := range ts {
			if x.Type == "gate" {
				return x
			}
		}
		return Target{}
	}() != (Target{Type: "gate", PerDay: 8, Default: 5, Custom: true}) {
		t.Errorf("targets after set: %+v", ts)
	}
}

func TestCellClass(t *testing.T) {
	for _, tt := range []struct {
		c    Cell
		want string
	}{{Cell{Met: 0, Total: 0}, ""}, {Cell{Met: 3, Total: 3}, "ok"}, {Cell{Met: 2, Total: 4}, "warn"}, {Cell{Met: 1, Total: 4}, "bad"}, {Cell{Met: 0, Total: 1}, "bad"}} {
		if got := tt.c.Class(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.c, got, tt.want)
		}
	}
}
