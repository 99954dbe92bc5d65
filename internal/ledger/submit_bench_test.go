package ledger

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/checklist"
	"safecampus/internal/inspection"
)

// BenchmarkSubmit50 submits inspections of 30 answers (no photos) through
// the inspection service, inspection.Service.Submit, from 50 concurrent
// clients on the database named by SAFECAMPUS_BENCH_DB — a COPY of a
// seeded one: it writes (see docs/benchmarks.md). It reports submissions
// per second and the p99 latency of one submission.
//
//	go test ./internal/ledger -run X -bench Submit50 -benchtime 10000x
func BenchmarkSubmit50(b *testing.B) {
	db, school := benchDB(b)
	ctx := context.Background()
	cl := checklist.NewService(db, time.Now)
	svc := inspection.NewService(db, cl, time.Now)

	// The seeded inspector accounts and places, and 30 question codes that
	// apply to the first place.
	var actors []*auth.Actor
	rows, err := db.Read().QueryContext(ctx, `SELECT a.id, a.person_id FROM accounts a WHERE a.school_id = $1 AND a.person_id IS NOT NULL ORDER BY a.id`, school)
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		var acc, person int64
		rows.Scan(&acc, &person)
		actors = append(actors, &auth.Actor{AccountID: acc, PersonID: person,
			Grants: []auth.Grant{{Role: auth.RoleGridMember, SchoolID: school, ScopeKind: auth.ScopeSchool}}})
	}
	rows.Close()
	var place int64
	var placeType string
	if err := db.Read().QueryRowContext(ctx, `SELECT id, place_type FROM places WHERE school_id = $1 ORDER BY id LIMIT 1`, school).Scan(&place, &placeType); err != nil || len(actors) == 0 {
		b.Fatalf("seeded school lacks places or inspectors: %v", err)
	}
	items, err := cl.ItemsForInspection(ctx, db.Read(), school, 0, placeType)
	if err != nil {
		b.Fatal(err)
	}
	var answers []inspection.Answer
	for _, it := range items {
		for _, q := range it.Questions {
			if len(answers) < 30 {
				answers = append(answers, inspection.Answer{QuestionCode: q.Code, Result: inspection.ResultPass})
			}
		}
	}
	if len(answers) < 30 {
		b.Fatalf("only %d questions apply to a %s", len(answers), placeType)
	}
	answers[7].Result, answers[12].Result = inspection.ResultNA, inspection.ResultNA

	const clients = 50
	run := time.Now().UnixNano()
	var next atomic.Int64
	lat := make([][]time.Duration, clients)
	var wg sync.WaitGroup
	b.ResetTimer()
	t0 := time.Now()
	for c := range clients {
		wg.Go(func() {
			a := actors[c%len(actors)]
			for {
				n := next.Add(1)
				if n > int64(b.N) {
					return
				}
				sub := inspection.Submission{ClientID: fmt.Sprintf("bench%x-%d", run, n), Kind: inspection.KindGridPatrol,
					PlaceID: place, Answers: answers, Signature: "压测"}
				s := time.Now()
				if _, err := svc.Submit(ctx, a, school, sub); err != nil {
					b.Error(err)
					return
				}
				lat[c] = append(lat[c], time.Since(s))
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(t0)
	b.StopTimer()
	all := slices.Concat(lat...)
	slices.Sort(all)
	if len(all) == 0 {
		return
	}
	b.ReportMetric(float64(len(all))/elapsed.Seconds(), "submits/s")
	b.ReportMetric(float64(all[len(all)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(all[len(all)/2].Microseconds())/1000, "p50-ms")
}
