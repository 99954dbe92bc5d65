package benchseed

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"os"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/hazard"
	"safecampus/internal/photo"
	"safecampus/internal/sqldb"
)

// BenchmarkReport50 creates hazards with one photo each the way POST
// /hazards/report does — photo.Store.Put (sniff, check, strip or
// re-encode, write and fsync), then hazard.Service.Report with the stored
// file (one transaction: number, hazard, timeline, photo row, audit
// entries) — from 50 concurrent clients, on the database named by
// SAFECAMPUS_BENCH_DB: a COPY of one seeded by `seed -hazards` (it writes).
// The photo is SAFECAMPUS_BENCH_PHOTO (a JPEG file) or a generated
// 4032×3024 phone-sized JPEG, what a browser that cannot shrink photos
// sends. It reports creates per second and the p50, p95 and p99 of
// one whole create, and the p99 of its database part.
//
//	SAFECAMPUS_BENCH_DB=/tmp/hz.db go test ./internal/hazard/benchseed -run X -bench Report50 -benchtime 500x
func BenchmarkReport50(b *testing.B) { report50(b, "phone") }

// BenchmarkReport50Small is BenchmarkReport50 with what the page sends: it
// shrinks a photo in the browser to at most 1600 px, JPEG quality 0.85
// (hazard.js), so a 1600×1200 JPEG at quality 85 without EXIF.
func BenchmarkReport50Small(b *testing.B) { report50(b, "small") }

// BenchmarkReport50DB is the database part alone: the report with the
// photo row of an already stored file, from 50 clients.
func BenchmarkReport50DB(b *testing.B) { report50(b, "db") }

func report50(b *testing.B, mode string) {
	path := os.Getenv("SAFECAMPUS_BENCH_DB")
	if path == "" {
		b.Skip("SAFECAMPUS_BENCH_DB is not set (a copy of a database seeded with `seed -hazards`)")
	}
	ctx := context.Background()
	db, err := sqldb.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var school int64
	if err := db.Read().QueryRowContext(ctx, `SELECT id FROM schools WHERE code = $1`, Defaults().CodePrefix+"001").Scan(&school); err != nil {
		b.Fatalf("no seeded school: %v", err)
	}
	actors, places := benchActors(b, db, school)
	var pic []byte
	switch mode {
	case "phone":
		pic = benchPhoto(b, 4032, 3024)
	case "small":
		pic = benchPhotoQ(b, 1600, 1200, 85)
	}
	if os.Getenv("GOGC") == "" {
		// The server's collector pace (cmd/safecampus/serve.go, decision 0028).
		defer debug.SetGCPercent(debug.SetGCPercent(200))
	}
	store := photo.NewStore(b.TempDir(), time.Now)
	svc := hazard.NewService(db, store, time.Now)
	put := func(n int64) (photo.Saved, error) {
		if pic == nil {
			return photo.Saved{FileName: fmt.Sprintf("2026/11/bench%032d.jpg", n), SHA256: "bench", Width: 1600, Height: 1200, Bytes: 250_000}, nil
		}
		return store.Put(bytes.NewReader(pic), 0)
	}

	const clients = 50
	run := time.Now().UnixNano()
	var next atomic.Int64
	total, dbPart, photoPart := make([][]time.Duration, clients), make([][]time.Duration, clients), make([][]time.Duration, clients)
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
				s := time.Now()
				saved, err := put(n + run%1_000_000*1_000_000)
				if err != nil {
					b.Error(err)
					return
				}
				d := time.Now()
				_, err = svc.Report(ctx, a, school, hazard.ReportInput{PlaceID: places[int(n)%len(places)], Area: "FIRE",
					Description: "楼道内电动自行车充电，疏散通道被占用", NewPhotos: []photo.Saved{saved}, ClientID: fmt.Sprintf("bench%x-%d", run, n)})
				if err != nil {
					b.Error(err)
					return
				}
				total[c] = append(total[c], time.Since(s))
				dbPart[c] = append(dbPart[c], time.Since(d))
				photoPart[c] = append(photoPart[c], d.Sub(s))
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(t0)
	b.StopTimer()
	all, dbs, photos := slices.Concat(total...), slices.Concat(dbPart...), slices.Concat(photoPart...)
	if len(all) == 0 {
		return
	}
	slices.Sort(all)
	slices.Sort(dbs)
	slices.Sort(photos)
	pct := func(xs []time.Duration, p int) float64 { return float64(xs[len(xs)*p/100].Microseconds()) / 1000 }
	b.ReportMetric(float64(len(all))/elapsed.Seconds(), "creates/s")
	b.ReportMetric(pct(all, 50), "p50-ms")
	b.ReportMetric(pct(all, 95), "p95-ms")
	b.ReportMetric(pct(all, 99), "p99-ms")
	b.ReportMetric(pct(dbs, 50), "db-p50-ms")
	b.ReportMetric(pct(dbs, 99), "db-p99-ms")
	if pic != nil {
		b.ReportMetric(pct(photos, 50), "photo-p50-ms")
		b.ReportMetric(pct(photos, 99), "photo-p99-ms")
		b.ReportMetric(float64(len(pic))/1e6, "photo-MB")
	}
}

// benchActors are the seeded reporter accounts of school, and its places.
func benchActors(b *testing.B, db *sqldb.DB, school int64) ([]*auth.Actor, []int64) {
	ctx := context.Background()
	var actors []*auth.Actor
	rows, err := db.Read().QueryContext(ctx, `SELECT id, person_id FROM accounts WHERE school_id = $1 AND person_id IS NOT NULL AND password_hash = '!' ORDER BY id`, school)
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		var acc, person int64
		rows.Scan(&acc, &person)
		actors = append(actors, &auth.Actor{AccountID: acc, PersonID: person, DisplayName: "压测上报人",
			Grants: []auth.Grant{{Role: auth.RoleGridMember, SchoolID: school, ScopeKind: auth.ScopeSchool}}})
	}
	rows.Close()
	var places []int64
	rows, err = db.Read().QueryContext(ctx, `SELECT id FROM places WHERE school_id = $1 AND active ORDER BY id`, school)
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		places = append(places, id)
	}
	rows.Close()
	if len(actors) == 0 || len(places) == 0 {
		b.Fatalf("seeded school %d lacks reporters (%d) or places (%d)", school, len(actors), len(places))
	}
	return actors, places
}

// benchPhoto is SAFECAMPUS_BENCH_PHOTO, or a w×h JPEG at quality 90 with
// gradients and sensor-like noise: at 4032×3024 the size and decoding
// cost of a 12-megapixel phone photo (≈ 3.6 MB), not a flat image that
// compresses to nothing.
func benchPhoto(b *testing.B, w, h int) []byte { return benchPhotoQ(b, w, h, 90) }

// benchPhotoQ is benchPhoto at JPEG quality q.
func benchPhotoQ(b *testing.B, w, h, q int) []byte {
	if p := os.Getenv("SAFECAMPUS_BENCH_PHOTO"); p != "" {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		return data
	}
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(1, 2))
	for y := range h {
		for x := range w {
			n := r.IntN(24)
			m.SetRGBA(x, y, color.RGBA{uint8(x*200/w + n), uint8(y*180/h + n), uint8((x+y)*120/(w+h) + 40 + n), 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: q}); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkPhotoPut is the photo part of one create alone, on one
// goroutine, for a phone photo and a 1600×1200 one; PhotoProcess is the
// decoding and re-encoding without writing the file.
//
//	go test ./internal/hazard/benchseed -run X -bench 'Photo(Put|Process)'
func BenchmarkPhotoPut(b *testing.B) {
	for _, sz := range [][2]int{{4032, 3024}, {1600, 1200}} {
		b.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(b *testing.B) {
			pic := benchPhoto(b, sz[0], sz[1])
			store := photo.NewStore(b.TempDir(), time.Now)
			for b.Loop() {
				if _, err := store.Put(bytes.NewReader(pic), 0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkPhotoProcess(b *testing.B) {
	for _, sz := range [][2]int{{4032, 3024}, {1600, 1200}} {
		b.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(b *testing.B) {
			pic := benchPhoto(b, sz[0], sz[1])
			store := photo.NewStore(b.TempDir(), time.Now)
			for b.Loop() {
				if _, err := store.Process(bytes.NewReader(pic), 0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
