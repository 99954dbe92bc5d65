package hazard

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"strings"
	"testing"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/photo"
	"safecampus/internal/testkit"
)

// TestNumbering: YYYY-AREA-NNNN per school, year (in the school's zone)
// and area.
func TestNumbering(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			report := func(area string, at time.Time) string {
				t.Helper()
				f.clk = at
				h, err := f.svc.Report(f.ctx, f.reporter, f.school, ReportInput{PlaceID: f.place1, Area: area, Description: "消防通道堵塞"})
				if err != nil {
					t.Fatal(err)
				}
				return h.Number
			}
			// 2026-12-31 23:30 in Shanghai is still 2026; 00:30 the next day is 2027.
			lastEvening := time.Date(2026, 12, 31, 15, 30, 0, 0, time.UTC)
			got := []string{report("FIRE", now), report("FIRE", now), report("", now), report("LAB", now),
				report("FIRE", lastEvening), report("FIRE", lastEvening.Add(time.Hour))}
			want := []string{"2026-FIRE-0001", "2026-FIRE-0002", "2026-GEN-0001", "2026-LAB-0001", "2026-FIRE-0003", "2027-FIRE-0001"}
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Fatalf("numbers %v, want %v", got, want)
			}
			f.clk = now
			other := f.actor("other_reporter", f.other, f.pOther, f.otherAdmin.Grants[0])
			h, err := f.svc.Report(f.ctx, other, f.other, ReportInput{PlaceID: f.foreignPlace, Area: "FIRE", Description: "他校隐患"})
			if err != nil || h.Number != "2026-FIRE-0001" {
				t.Fatalf("other school's first number: %v %v", h, err)
			}
		})
	}
}

// TestReportIdempotent: the same client id stores one hazard; another
// account's reuse of it is a conflict; bad input stores nothing.
func TestReportIdempotent(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			in := ReportInput{PlaceID: f.place1, Description: "配电箱未上锁", ClientID: "report-abc123", PhotoIDs: []int64{f.pendingPhoto(f.reporter)}}
			a, err := f.svc.Report(f.ctx, f.reporter, f.school, in)
			if err != nil {
				t.Fatal(err)
			}
			b, err := f.svc.Report(f.ctx, f.reporter, f.school, in)
			if err != nil || b.ID != a.ID || b.Number != a.Number {
				t.Fatalf("retry: %v %v", b, err)
			}
			if n := f.count(`SELECT COUNT(*) FROM hazards`); n != 1 {
				t.Fatalf("%d hazards after a retry", n)
			}
			if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'hazard.report'`); n != 1 {
				t.Fatalf("%d report audit entries", n)
			}
			if _, err := f.svc.Report(f.ctx, f.staff, f.school, in); !apperr.Is(err, apperr.Conflict) {
				t.Fatalf("someone else's client id: %v", err)
			}
			audit := f.count(`SELECT COUNT(*) FROM audit_log`)
			for _, bad := range []ReportInput{
				{PlaceID: f.place1, ClientID: "report-empty1"},
				{PlaceID: f.foreignPlace, Description: "x", ClientID: "report-foreign"},
				{PlaceID: f.place1, Description: "x", ClientID: "bad id!"},
				{PlaceID: f.place1, Description: "x", PhotoIDs: []int64{f.pendingPhoto(f.staff)}},
			} {
				if _, err := f.svc.Report(f.ctx, f.reporter, f.school, bad); !apperr.Is(err, apperr.Invalid) {
					t.Fatalf("%+v: %v", bad, err)
				}
			}
			if f.count(`SELECT COUNT(*) FROM hazards`) != 1 || f.count(`SELECT COUNT(*) FROM audit_log`) != audit || f.count(`SELECT COUNT(*) FROM hazard_counters WHERE last > 1`) != 0 {
				t.Fatal("bad input stored something")
			}
			if _, err := f.svc.Report(f.ctx, f.authority, f.school, ReportInput{PlaceID: f.place1, Description: "x"}); !apperr.Is(err, apperr.Forbidden) {
				t.Fatalf("authority viewer reported: %v", err)
			}
		})
	}
}

// TestReportAnonymous: through a place's QR token, photo optional, lands
// as reported; a file that is not an image stores nothing; the throttle
// allows a few per address.
func TestReportAnonymous(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			f.exec(`INSERT INTO check_points (school_id, place_id, token, created_at) VALUES ($1, $2, 'tok-dorm-1', 0)`, f.school, f.place1)
			f.exec(`INSERT INTO check_points (school_id, place_id, token, active, created_at) VALUES ($1, $2, 'tok-off', FALSE, 0)`, f.school, f.place2)
			var img bytes.Buffer
			if err := png.Encode(&img, image.NewGray(image.Rect(0, 0, 40, 30))); err != nil {
				t.Fatal(err)
			}
			num, err := f.svc.ReportAnonymous(f.ctx, "tok-dorm-1", AnonymousInput{Description: "宿舍楼3楼安全出口指示灯不亮", Contact: "13900000000", Photo: &img})
			if err != nil || num != "2026-GEN-0001" {
				t.Fatalf("anonymous report: %q %v", num, err)
			}
			var id int64
			var status, source, contact string
			if err := f.db.Raw().QueryRowContext(f.ctx, `SELECT id, status, source, reporter_contact FROM hazards WHERE number = $1`, num).Scan(&id, &status, &source, &contact); err != nil {
				t.Fatal(err)
			}
			if status != string(StatusReported) || source != SourceAnonymous || contact != "13900000000" {
				t.Fatalf("stored %s %s %s", status, source, contact)
			}
			if b, _, _, err := f.svc.Photos(f.ctx, f.office, f.school, id); err != nil || len(b) != 1 {
				t.Fatalf("anonymous photo: %v %v", b, err)
			}
			before := f.count(`SELECT COUNT(*) FROM hazards`)
			if _, err := f.svc.ReportAnonymous(f.ctx, "tok-dorm-1", AnonymousInput{Description: "x", Photo: strings.NewReader("not an image")}); !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("not an image: %v", err)
			}
			if _, err := f.svc.ReportAnonymous(f.ctx, "tok-off", AnonymousInput{Description: "x"}); !apperr.Is(err, apperr.NotFound) {
				t.Fatalf("inactive token: %v", err)
			}
			if _, err := f.svc.ReportAnonymous(f.ctx, "tok-dorm-1", AnonymousInput{}); !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("empty description: %v", err)
			}
			if f.count(`SELECT COUNT(*) FROM hazards`) != before {
				t.Fatal("a refused anonymous report stored a hazard")
			}
			for i := 0; i < anonLimit; i++ {
				if !f.svc.AllowAnonymous("10.0.0.1") {
					t.Fatalf("report %d refused", i+1)
				}
			}
			if f.svc.AllowAnonymous("10.0.0.1") || !f.svc.AllowAnonymous("10.0.0.2") {
				t.Fatal("throttle is not per address")
			}
			f.clk = now.Add(anonWindow)
			if !f.svc.AllowAnonymous("10.0.0.1") {
				t.Fatal("throttle did not expire")
			}
		})
	}
}

// A report with photos stored by the same request is one transaction: the
// hazard, its photo rows (linked, with their upload audit entries) and the
// hazard's own entries commit together, and a refused report leaves none.
func TestReportWithNewPhotosIsOneCommit(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			saved := func(n int) []photo.Saved {
				out := make([]photo.Saved, n)
				for i := range out {
					out[i] = photo.Saved{FileName: fmt.Sprintf("2026/03/%032x.jpg", f.seq*100+i+1), SHA256: "ab", Width: 1600, Height: 1200, Bytes: 1000}
				}
				f.seq++
				return out
			}
			uploads := f.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'photo.upload'`)
			writes := f.db.Writes()
			h, err := f.svc.Report(f.ctx, f.reporter, f.school, ReportInput{PlaceID: f.place1, Description: "配电箱门未关", NewPhotos: saved(2)})
			if err != nil {
				t.Fatal(err)
			}
			if n := f.db.Writes() - writes; n != 1 {
				t.Fatalf("a report with two new photos took %d transactions, want 1", n)
			}
			before, _, _, err := f.svc.Photos(f.ctx, f.office, f.school, h.ID)
			if err != nil || len(before) != 2 {
				t.Fatalf("photos before: %v %v", before, err)
			}
			if n := f.count(`SELECT COUNT(*) FROM photos WHERE owner_kind = 'hazard_before' AND owner_id = $1 AND uploaded_by = $2`, h.ID, f.reporter.AccountID); n != 2 {
				t.Fatalf("%d photo rows linked to the hazard and uploaded by the reporter, want 2", n)
			}
			if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'photo.upload'`) - uploads; n != 2 {
				t.Fatalf("%d photo.upload audit entries, want 2", n)
			}
			// Refused (too many photos, or no description): nothing stored.
			for _, in := range []ReportInput{
				{PlaceID: f.place1, Description: "太多照片", NewPhotos: saved(6), PhotoIDs: []int64{f.pendingPhoto(f.reporter), f.pendingPhoto(f.reporter), f.pendingPhoto(f.reporter), f.pendingPhoto(f.reporter)}},
				{PlaceID: f.place1, Description: " ", NewPhotos: saved(1)},
			} {
				before := f.count(`SELECT COUNT(*) FROM photos`)
				if _, err := f.svc.Report(f.ctx, f.reporter, f.school, in); !apperr.Is(err, apperr.Invalid) {
					t.Fatalf("refused report: %v", err)
				}
				if n := f.count(`SELECT COUNT(*) FROM photos`); n != before {
					t.Fatalf("a refused report left %d photo rows, had %d", n, before)
				}
			}
		})
	}
}
