package ledger

import (
	"context"
	"os"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// benchDB opens the database named by SAFECAMPUS_BENCH_DB (made by
// cmd/seed, see docs/benchmarks.md) and returns the seeded school's id;
// the benchmark is skipped without it, so `go test` stays fast.
func benchDB(b *testing.B) (*sqldb.DB, int64) {
	path := os.Getenv("SAFECAMPUS_BENCH_DB")
	if path == "" {
		b.Skip("SAFECAMPUS_BENCH_DB is not set (see docs/benchmarks.md)")
	}
	ctx := context.Background()
	db, err := sqldb.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	code := os.Getenv("SAFECAMPUS_BENCH_SCHOOL")
	if code == "" {
		code = "bench"
	}
	var school int64
	if err := db.Read().QueryRowContext(ctx, `SELECT id FROM schools WHERE code = $1`, code).Scan(&school); err != nil {
		b.Fatalf("school %s: %v", code, err)
	}
	return db, school
}

// BenchmarkList measures the ledger's first page, a deep page and
// filtered pages on the seeded database.
func BenchmarkList(b *testing.B) {
	db, school := benchDB(b)
	svc := NewService(db, time.Now)
	a := &auth.Actor{AccountID: 1, Grants: []auth.Grant{{Role: auth.RoleSchoolAdmin, SchoolID: school, ScopeKind: auth.ScopeSchool}}}
	ctx := context.Background()
	first, err := svc.List(ctx, a, school, Filter{}, Page{})
	if err != nil || first.Next == nil {
		b.Fatalf("first page: %v", err)
	}
	var unit, busy, rare int64
	db.Read().QueryRowContext(ctx, `SELECT id FROM units WHERE school_id = $1 AND parent_id IS NULL ORDER BY id LIMIT 1`, school).Scan(&unit)
	// The inspector filter at both ends: the busiest inspector, and a
	// person who only ever co-inspected (the page then finds few rows).
	db.Read().QueryRowContext(ctx, `SELECT inspector_person_id FROM inspections WHERE school_id = $1
		GROUP BY inspector_person_id ORDER BY count(*) DESC LIMIT 1`, school).Scan(&busy)
	db.Read().QueryRowContext(ctx, `SELECT person_id FROM inspection_coinspectors WHERE school_id = $1
		GROUP BY person_id ORDER BY count(*), person_id LIMIT 1`, school).Scan(&rare)
	cases := []struct {
		name string
		f    Filter
		pg   Page
	}{
		{"first", Filter{}, Page{}},
		{"second", Filter{}, *first.Next},
		{"kind+result", Filter{Kind: "unannounced", Result: "fail"}, Page{}},
		{"area+month", Filter{Area: "LAB", From: time.Now().AddDate(0, -2, 0).Format("2006-01-02"), To: time.Now().AddDate(0, -1, 0).Format("2006-01-02")}, Page{}},
		{"unit", Filter{UnitID: unit}, Page{}},
		{"inspector-rare", Filter{InspectorPersonID: rare}, Page{}},
		{"inspector-busy+fail", Filter{InspectorPersonID: busy, Result: "fail"}, Page{}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := svc.List(ctx, a, school, c.f, c.pg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
