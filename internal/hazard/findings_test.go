package hazard

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/checklist"
	"safecampus/internal/inspection"
	"safecampus/internal/sqldb"
	"safecampus/internal/testkit"
)

// TestFromFindings: submitting an inspection with two failed questions
// creates two confirmed hazards in the same transaction, with the
// finding's fields, its answer photo as the photo before, and
// findings.hazard_id set.
func TestFromFindings(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			if err := checklist.EnsureBuiltins(f.ctx, f.db, now); err != nil {
				t.Fatal(err)
			}
			ins := inspection.NewService(f.db, checklist.NewService(f.db, f.now), f.now)
			ins.OnSubmitted = func(ctx context.Context, tx *sqldb.Tx, at time.Time, school, id int64) error {
				_, err := f.svc.FromFindings(ctx, tx, at, school, id)
				return err
			}
			inspector := f.actor("inspector", f.school, f.pGrid, auth.Grant{Role: auth.RoleGridMember, SchoolID: f.school, ScopeKind: auth.ScopeSchool})
			var img bytes.Buffer
			_ = png.Encode(&img, image.NewGray(image.Rect(0, 0, 20, 10)))
			saved, err := f.svc.PhotoStore.Put(&img, 0)
			if err != nil {
				t.Fatal(err)
			}
			ph, err := ins.AddPendingPhoto(f.ctx, inspector, f.school, saved)
			if err != nil {
				t.Fatal(err)
			}
			items, err := ins.Checklist.ItemsForInspection(f.ctx, f.db.Read(), f.school, 0, "student_dormitory")
			if err != nil {
				t.Fatal(err)
			}
			sub := inspection.Submission{ClientID: "insp-000001", Kind: inspection.KindGridPatrol, PlaceID: f.place1, Signature: "冯磊"}
			for _, it := range items {
				for _, q := range it.Questions {
					an := inspection.Answer{QuestionCode: q.Code, Result: inspection.ResultPass}
					switch q.Code {
					case "RESP-1.1":
						an.Result, an.Note = inspection.ResultFail, "责任书未签"
					case "FIRE-1.1":
						an.Result, an.Note, an.PhotoIDs = inspection.ResultFail, "楼道内充电", []int64{ph}
					}
					sub.Answers = append(sub.Answers, an)
				}
			}
			got, err := ins.Submit(f.ctx, inspector, f.school, sub)
			if err != nil {
				t.Fatal(err)
			}
			hs, _, err := f.svc.List(f.ctx, f.office, f.school, Filter{})
			if err != nil || len(hs) != 2 {
				t.Fatalf("%d hazards: %v", len(hs), err)
			}
			var fire *Hazard
			for i := range hs {
				h, err := f.svc.Get(f.ctx, f.office, f.school, hs[i].ID) // List carries the list's fields only
				if err != nil {
					t.Fatal(err)
				}
				if h.Source != SourceInspection || h.InspectionID != got.ID || h.Status != StatusConfirmed || h.PlaceID != f.place1 ||
					h.UnitID != f.unit1 || h.FoundByAccountID != inspector.AccountID || h.FoundByPersonID != f.pGrid || h.Category == "" {
					t.Fatalf("hazard from finding: %+v", h)
				}
				if h.ItemCode == "FIRE-1" {
					fire = h
				}
			}
			if fire == nil || fire.Area != "FIRE" || fire.Number != "2026-FIRE-0001" || fire.Description == "" || fire.FindingID == 0 {
				t.Fatalf("FIRE-1 hazard: %+v", fire)
			}
			if n := f.count(`SELECT COUNT(*) FROM findings WHERE inspection_id = $1 AND hazard_id IS NOT NULL`, got.ID); n != 2 {
				t.Fatalf("%d findings linked", n)
			}
			before, _, _, err := f.svc.Photos(f.ctx, f.head1, f.school, fire.ID)
			if err != nil || len(before) != 1 || before[0].ID != ph {
				t.Fatalf("photos before: %v %v", before, err)
			}
			if name, err := f.svc.PhotoFile(f.ctx, f.head1, f.school, fire.ID, ph); err != nil || name != saved.FileName {
				t.Fatalf("photo file: %q %v", name, err)
			}
			// A retried submission and a second call create nothing new.
			if _, err := ins.Submit(f.ctx, inspector, f.school, sub); err != nil {
				t.Fatal(err)
			}
			err = f.db.Transact(f.ctx, func(tx *sqldb.Tx) error {
				n, err := f.svc.FromFindings(f.ctx, tx, now, f.school, got.ID)
				if n != 0 {
					t.Errorf("second FromFindings created %d", n)
				}
				return err
			})
			if err != nil || f.count(`SELECT COUNT(*) FROM hazards`) != 2 {
				t.Fatalf("after retry: %v, %d hazards", err, f.count(`SELECT COUNT(*) FROM hazards`))
			}
		})
	}
}
