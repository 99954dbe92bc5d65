package lookback

import (
	"slices"
	"strings"
	"testing"

	"safecampus/internal/apperr"
	"safecampus/internal/hazard"
)

// TestDrawReproducible: the same seed and filter over the same population
// draw the same hazards in the same order; another seed draws others. The
// seed, filter, population and size are stored with the draw.
func TestDrawReproducible(t *testing.T) {
	dialects(t, func(t *testing.T, f *fixture) {
		pop := f.population(50)
		f.closed("LAB", hazard.LevelGeneral, f.unit2, "2026-06-30") // outside the filter
		in := func(seed int64) DrawInput {
			return DrawInput{Filter: Filter{Area: "FIRE", Count: 10}, Seed: seed, InspectorIDs: []int64{f.pZhao, f.pFeng}, DueOn: "2026-10-31"}
		}
		a, err := f.svc.Create(f.ctx, f.office, f.school, in(7))
		if err != nil {
			t.Fatal(err)
		}
		b, err := f.svc.Create(f.ctx, f.office, f.school, in(7))
		if err != nil {
			t.Fatal(err)
		}
		c, err := f.svc.Create(f.ctx, f.office, f.school, in(8))
		if err != nil {
			t.Fatal(err)
		}
		da, db, dc := f.drawOf(a.ID), f.drawOf(b.ID), f.drawOf(c.ID)
		if len(da) != 10 || !slices.Equal(da, db) {
			t.Fatalf("seed 7 twice: %v vs %v", da, db)
		}
		if slices.Equal(da, dc) {
			t.Fatalf("seed 8 drew the same hazards as seed 7: %v", dc)
		}
		if want := Sample(pop, 7, 10); !slices.Equal(da, want) {
			t.Fatalf("stored draw %v, Sample gives %v", da, want)
		}
		if a.Seed != 7 || a.Population != 50 || a.Drawn != 10 || a.FilterJSON != `{"area":"FIRE","count":10}` || a.DueOn != "2026-10-31" {
			t.Fatalf("stored draw %+v", a)
		}
		// Round robin over the inspectors by person id.
		first, second := min(f.pFeng, f.pZhao), max(f.pFeng, f.pZhao)
		if n := f.count(`SELECT COUNT(*) FROM lookback_checks WHERE draw_id = $1 AND inspector_person_id = $2`, a.ID, first); n != 5 {
			t.Fatalf("first inspector has %d re-checks, want 5", n)
		}
		if who := f.count(`SELECT inspector_person_id FROM lookback_checks WHERE draw_id = $1 ORDER BY id LIMIT 1 OFFSET 1`, a.ID); int64(who) != second {
			t.Fatalf("second re-check went to person %d, want %d", who, second)
		}
		// The draw's audit entry names what was drawn.
		if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'lookback.draw' AND entity_id = $1`, a.ID); n != 1 {
			t.Fatalf("%d audit entries for the draw", n)
		}
		// A fresh seed when none is given.
		d, err := f.svc.Create(f.ctx, f.office, f.school, in(0))
		if err != nil || d.Seed <= 0 {
			t.Fatalf("generated seed: %+v, %v", d, err)
		}
	})
}

// TestDrawSizesAndFilters: a share rounds up, a count above the population
// draws all of it, and area, level, unit and closing days narrow the
// population.
func TestDrawSizesAndFilters(t *testing.T) {
	dialects(t, func(t *testing.T, f *fixture) {
		f.population(12)
		major := f.closed("FIRE", hazard.LevelMajor, f.unit2, "2026-09-15")
		f.closed("LAB", hazard.LevelGeneral, f.unit2, "2026-09-20")
		base := DrawInput{InspectorIDs: []int64{f.pFeng}, DueOn: "2026-10-31", Seed: 1}
		cases := []struct {
			name       string
			flt        Filter
			pop, drawn int
		}{
			{"share of all 14 rounds up", Filter{Percent: 10}, 14, 2},
			{"count above the population draws all", Filter{Count: 100}, 14, 14},
			{"area", Filter{Area: "LAB", Count: 5}, 1, 1},
			{"level", Filter{Level: hazard.LevelMajor, Count: 5}, 1, 1},
			{"unit", Filter{UnitID: f.unit2, Percent: 100}, 2, 2},
			{"closed between", Filter{ClosedFrom: "2026-09-01", ClosedTo: "2026-09-15", Count: 5}, 1, 1},
			{"closed to is inclusive of its whole day", Filter{ClosedTo: "2026-06-30", Count: 50}, 12, 12},
		}
		for _, c := range cases {
			in := base
			in.Filter = c.flt
			n, err := f.svc.Preview(f.ctx, f.office, f.school, c.flt)
			if err != nil || n != c.pop {
				t.Errorf("%s: preview %d, %v; want %d", c.name, n, err, c.pop)
			}
			d, err := f.svc.Create(f.ctx, f.office, f.school, in)
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
				continue
			}
			if d.Population != c.pop || d.Drawn != c.drawn || len(f.drawOf(d.ID)) != c.drawn {
				t.Errorf("%s: population %d drawn %d, want %d and %d", c.name, d.Population, d.Drawn, c.pop, c.drawn)
			}
		}
		levelDraw := int64(f.count(`SELECT id FROM lookback_draws WHERE filter = $1`, Filter{Level: hazard.LevelMajor, Count: 5}.JSON()))
		if got := f.drawOf(levelDraw); !slices.Equal(got, []int64{major}) {
			t.Fatalf("the major-level draw took %v, want the major hazard %d", got, major)
		}
	})
}

// TestDrawRefused: bad sizes, dates and inspectors, an empty population,
// and anyone but the office are refused with nothing stored.
func TestDrawRefused(t *testing.T) {
	dialects(t, func(t *testing.T, f *fixture) {
		f.population(5)
		ok := DrawInput{Filter: Filter{Count: 2}, InspectorIDs: []int64{f.pFeng}, DueOn: "2026-10-31"}
		with := func(mod func(*DrawInput)) DrawInput {
			in := ok
			in.InspectorIDs = slices.Clone(ok.InspectorIDs)
			mod(&in)
			return in
		}
		otherPerson := f.insert(`INSERT INTO people (school_id, name) VALUES ($1, '外校人') RETURNING id`, f.other)
		cases := []struct {
			name string
			in   DrawInput
			kind apperr.Kind
			msg  string
		}{
			{"share 0", with(func(in *DrawInput) { in.Filter = Filter{Percent: 0} }), apperr.Invalid, "请填写抽取数量或抽取比例。"},
			{"share 101", with(func(in *DrawInput) { in.Filter = Filter{Percent: 101} }), apperr.Invalid, "抽取比例须在 1% 到 100% 之间。"},
			{"negative count", with(func(in *DrawInput) { in.Filter = Filter{Count: -1} }), apperr.Invalid, "抽取数量须在 1 到 500 之间。"},
			{"count and share", with(func(in *DrawInput) { in.Filter = Filter{Count: 2, Percent: 10} }), apperr.Invalid, "请只填写抽取数量或抽取比例中的一项。"},
			{"due yesterday", with(func(in *DrawInput) { in.DueOn = "2026-10-11" }), apperr.Invalid, "复查期限不能早于今天。"},
			{"no inspector", with(func(in *DrawInput) { in.InspectorIDs = nil }), apperr.Invalid, "请至少选择一名复查人员。"},
			{"inspector of another school", with(func(in *DrawInput) { in.InspectorIDs = []int64{otherPerson} }), apperr.Invalid, "所选复查人员不存在或已停用。"},
			{"bad area", with(func(in *DrawInput) { in.Filter.Area = "XYZ" }), apperr.Invalid, "检查领域无效。"},
			{"reversed days", with(func(in *DrawInput) { in.Filter.ClosedFrom, in.Filter.ClosedTo = "2026-09-02", "2026-09-01" }), apperr.Invalid, "销号日期的结束日不能早于开始日。"},
			{"empty population", with(func(in *DrawInput) { in.Filter.Area = "LAB" }), apperr.Invalid, "没有符合条件的已销号隐患，请放宽筛选条件。"},
		}
		for _, c := range cases {
			_, err := f.svc.Create(f.ctx, f.office, f.school, c.in)
			if apperr.KindOf(err) != c.kind || !strings.Contains(apperr.As(err).Message+fieldText(err), c.msg) {
				t.Errorf("%s: got %v, want %v %q", c.name, err, c.kind, c.msg)
			}
		}
		for _, a := range []*struct {
			name string
			err  error
		}{
			{"grid member", errOf(f.svc.Create(f.ctx, f.feng, f.school, ok))},
			{"leader", errOf(f.svc.Create(f.ctx, f.leader, f.school, ok))},
			{"another school's admin", errOf(f.svc.Create(f.ctx, f.otherAdmin, f.school, ok))},
		} {
			if !apperr.Is(a.err, apperr.Forbidden) {
				t.Errorf("%s: %v, want forbidden", a.name, a.err)
			}
		}
		if n := f.count(`SELECT COUNT(*) FROM lookback_draws`) + f.count(`SELECT COUNT(*) FROM lookback_checks`) + f.count(`SELECT COUNT(*) FROM audit_log`); n != 0 {
			t.Fatalf("refused draws stored %d rows", n)
		}
	})
}

func errOf(_ *Draw, err error) error { return err }

func fieldText(err error) string {
	var b strings.Builder
	for _, fe := range apperr.As(err).Fields {
		b.WriteString(fe.Message)
	}
	return b.String()
}
