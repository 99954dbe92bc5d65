package hazard

import (
	"reflect"
	"testing"

	"safecampus/internal/apperr"
	"safecampus/internal/testkit"
)

// Record must read exactly what the single-part methods read, for every
// member of the cast, and refuse those who may not see the hazard.
func TestRecordMatchesItsParts(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			id := f.hazardAt(StatusRectifying, LevelMajor)
			if _, err := f.svc.Apply(f.ctx, f.office, f.school, id, Step{Action: ActList, Note: "学校挂牌督办", Version: f.version(id)}); err != nil {
				t.Fatal(err)
			}
			f.pendingExtension(id)
			before := f.insert(`INSERT INTO photos (school_id, owner_kind, owner_id, file_name, sha256, width, height, bytes, uploaded_by, created_at)
				VALUES ($1, 'hazard_before', $2, '2026/03/before.jpg', 'x', 10, 10, 10, $3, 0) RETURNING id`, f.school, id, f.reporter.AccountID)
			seen := 0
			for _, m := range f.cast {
				rec, err := f.svc.Record(f.ctx, m.actor, f.school, id)
				if !m.visible {
					if !apperr.Is(err, apperr.NotFound) {
						t.Fatalf("%s may not see the hazard but Record gave %v, %v", m.name, rec, err)
					}
					continue
				}
				if err != nil {
					t.Fatalf("%s: %v", m.name, err)
				}
				seen++
				h, err := f.svc.Get(f.ctx, m.actor, f.school, id)
				if err != nil || !reflect.DeepEqual(rec.Hazard, h) {
					t.Fatalf("%s: hazard %+v, Get %+v (%v)", m.name, rec.Hazard, h, err)
				}
				evs, _ := f.svc.Timeline(f.ctx, m.actor, f.school, id)
				acts, _ := f.svc.Actions(f.ctx, m.actor, h)
				b, a, p, _ := f.svc.Photos(f.ctx, m.actor, f.school, id)
				exts, _ := f.svc.Extensions(f.ctx, m.actor, f.school, id)
				plan, _ := f.svc.PlanOf(f.ctx, m.actor, f.school, id)
				ls, _ := f.svc.Listings(f.ctx, m.actor, f.school, id)
				got := []any{rec.Timeline, rec.Actions, rec.Before, rec.After, rec.Progress, rec.Extensions, rec.Plan, rec.Listings}
				want := []any{evs, acts, b, a, p, exts, plan, ls}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s: Record\n%+v\nparts\n%+v", m.name, got, want)
				}
				if len(rec.Timeline) != 1 || len(rec.Before) != 1 || rec.Before[0].ID != before || len(rec.Extensions) != 1 ||
					rec.Plan == nil || len(rec.Listings) != 1 {
					t.Fatalf("%s: the record lacks what was stored: %+v", m.name, rec)
				}
			}
			if seen < 3 {
				t.Fatalf("only %d of the cast saw the hazard", seen)
			}
			if _, err := f.svc.Record(f.ctx, f.otherAdmin, f.school, id); !apperr.Is(err, apperr.NotFound) && !apperr.Is(err, apperr.Forbidden) {
				t.Fatalf("another school's admin read the record: %v", err)
			}
		})
	}
}

// timelineNames reads only the school's units and people, and only those
// the events name.
func TestTimelineNamesStayInTheSchool(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			foreignUnit := f.insert(`INSERT INTO units (school_id, name, kind) VALUES ($1, '外校保卫处', 'office') RETURNING id`, f.other)
			evs := []Event{
				{Data: map[string]any{"unit_id": float64(f.unit1), "responsible_person_id": float64(f.pResp)}},
				{Data: map[string]any{"unit_id": float64(foreignUnit), "acceptor_person_id": float64(f.pOther), "supervisor_person_id": float64(0)}},
			}
			n, err := timelineNames(f.ctx, f.db.Read(), f.school, evs)
			if err != nil {
				t.Fatal(err)
			}
			if n.Units[f.unit1] != "后勤管理处" || n.People[f.pResp] == "" {
				t.Fatalf("names of the school: %+v", n)
			}
			if _, ok := n.Units[foreignUnit]; ok {
				t.Fatalf("another school's unit was named: %+v", n)
			}
			if _, ok := n.People[f.pOther]; ok || len(n.People) != 1 || len(n.Units) != 1 {
				t.Fatalf("names beyond the school's referenced ids: %+v", n)
			}
		})
	}
}
