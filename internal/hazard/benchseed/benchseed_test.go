package benchseed

import (
	"context"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/hazard"
	"safecampus/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// TestSeedSmall seeds three small schools on each database, reads the
// first through the hazard service, and reports a new hazard there: its
// number must continue the seeded counters, and the ids the seeder chose
// must not collide with the service's inserts.
func TestSeedSmall(t *testing.T) {
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			db := testkit.OpenDB(t, dialect)
			ctx := context.Background()
			o := Defaults()
			o.Schools, o.Hazards, o.Units, o.Places, o.People, o.Reporters, o.PerTx = 3, 900, 12, 20, 30, 5, 400
			o.Now = time.Date(2026, 3, 1, 2, 0, 0, 0, time.UTC)
			res, err := Seed(ctx, db, o)
			if err != nil {
				t.Fatal(err)
			}
			count := func(q string, args ...any) int {
				var n int
				if err := db.Read().QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
				return n
			}
			if n := count(`SELECT COUNT(*) FROM hazards`); n != 900 || res.Hazards != 900 {
				t.Fatalf("%d hazards (result %d), want 900", n, res.Hazards)
			}
			if n := count(`SELECT COUNT(*) FROM hazard_events`); n != res.Events || n < 900 {
				t.Fatalf("%d events, result says %d", n, res.Events)
			}
			if n := count(`SELECT COUNT(*) FROM hazards h WHERE version <> (SELECT COUNT(*) FROM hazard_events e WHERE e.hazard_id = h.id)`); n != 0 {
				t.Fatalf("%d hazards whose version is not their number of steps", n)
			}
			if n := count(`SELECT COUNT(DISTINCT status) FROM hazards`); n != 7 {
				t.Fatalf("%d statuses, want all 7", n)
			}
			school := res.Schools[0].ID
			office := &auth.Actor{AccountID: res.Schools[0].Office, Grants: []auth.Grant{{Role: auth.RoleSchoolAdmin, SchoolID: school, ScopeKind: auth.ScopeSchool}}}
			svc := hazard.NewService(db, nil, func() time.Time { return o.Now })
			yes := true
			rows, _, err := svc.List(ctx, office, school, hazard.Filter{Status: []hazard.Status{hazard.StatusRectifying, hazard.StatusAssigned}, Overdue: &yes, Limit: 5})
			if err != nil || len(rows) == 0 || !rows[0].Overdue {
				t.Fatalf("overdue list: %d rows, %v", len(rows), err)
			}
			if _, err := svc.Get(ctx, office, school, rows[0].ID); err != nil {
				t.Fatal(err)
			}
			rep := res.Reporters[0]
			a := &auth.Actor{AccountID: rep.AccountID, PersonID: rep.PersonID, Grants: []auth.Grant{{Role: auth.RoleGridMember, SchoolID: school, ScopeKind: auth.ScopeSchool}}}
			for range 3 {
				h, err := svc.Report(ctx, a, school, hazard.ReportInput{PlaceID: res.Schools[0].Places[0], Area: "FIRE", Description: "压测后上报"})
				if err != nil {
					t.Fatalf("report after seeding: %v", err)
				}
				if n := count(`SELECT COUNT(*) FROM hazards WHERE school_id = $1 AND number = $2`, school, h.Number); n != 1 {
					t.Fatalf("number %s taken twice", h.Number)
				}
			}
		})
	}
}
