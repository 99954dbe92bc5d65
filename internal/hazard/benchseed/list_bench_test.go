package benchseed

import (
	"context"
	"os"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/hazard"
	"safecampus/internal/sqldb"
)

// BenchmarkList is the query part of the hazard list and of a hazard's
// page (Get + Timeline + Photos) as the office of the first seeded school,
// on SAFECAMPUS_BENCH_DB (read only; see BenchmarkReport50).
//
//	SAFECAMPUS_BENCH_DB=/tmp/hbench/safecampus.db go test ./internal/hazard/benchseed -run X -bench List
func BenchmarkList(b *testing.B) {
	path := os.Getenv("SAFECAMPUS_BENCH_DB")
	if path == "" {
		b.Skip("SAFECAMPUS_BENCH_DB is not set (a database seeded with `seed -hazards`)")
	}
	ctx := context.Background()
	db, err := sqldb.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var school, unit int64
	if err := db.Read().QueryRowContext(ctx, `SELECT id FROM schools WHERE code = $1`, Defaults().CodePrefix+"001").Scan(&school); err != nil {
		b.Fatalf("no seeded school: %v", err)
	}
	db.Read().QueryRowContext(ctx, `SELECT id FROM units WHERE school_id = $1 ORDER BY id LIMIT 1 OFFSET 4`, school).Scan(&unit)
	office := &auth.Actor{AccountID: 1, Grants: []auth.Grant{{Role: auth.RoleSchoolAdmin, SchoolID: school, ScopeKind: auth.ScopeSchool}}}
	svc := hazard.NewService(db, nil, time.Now)
	yes := true
	st := func(ss ...hazard.Status) []hazard.Status { return ss }
	filters := []struct {
		name string
		f    hazard.Filter
	}{
		{"all", hazard.Filter{}},
		{"status", hazard.Filter{Status: st(hazard.StatusRectifying)}},
		{"open", hazard.Filter{Status: hazard.OpenStatuses}},
		{"level", hazard.Filter{Level: hazard.LevelMajor}},
		{"level+open", hazard.Filter{Level: hazard.LevelMajor, Status: hazard.OpenStatuses}},
		{"unit", hazard.Filter{UnitID: unit}},
		{"unit+status", hazard.Filter{UnitID: unit, Status: st(hazard.StatusClosed)}},
		{"overdue", hazard.Filter{Overdue: &yes}},
		{"overdue+unit", hazard.Filter{Overdue: &yes, UnitID: unit}},
		{"area+level+status", hazard.Filter{Area: "LAB", Level: hazard.LevelGeneral, Status: st(hazard.StatusAssigned)}},
	}
	for _, c := range filters {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				rows, _, err := svc.List(ctx, office, school, c.f)
				if err != nil || len(rows) == 0 {
					b.Fatalf("%d rows, %v", len(rows), err)
				}
			}
		})
	}
	var id int64
	db.Read().QueryRowContext(ctx, `SELECT MAX(id) FROM hazards WHERE school_id = $1 AND status = 'closed'`, school).Scan(&id)
	b.Run("page", func(b *testing.B) {
		for b.Loop() {
			if _, err := svc.Get(ctx, office, school, id); err != nil {
				b.Fatal(err)
			}
			if _, err := svc.Timeline(ctx, office, school, id); err != nil {
				b.Fatal(err)
			}
			if _, _, _, err := svc.Photos(ctx, office, school, id); err != nil {
				b.Fatal(err)
			}
		}
	})
}
