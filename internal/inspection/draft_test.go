package inspection

import (
	"testing"

	"safecampus/internal/apperr"
)

func TestDraftsAndUnannouncedVisits(t *testing.T) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			sub := f.dormForm("visit-000001", f.upload(f.inspector))
			sub.Kind = KindUnannounced
			half := sub
			half.Answers = append([]Answer(nil), sub.Answers[:2]...)
			half.Answers = append(half.Answers, Answer{QuestionCode: "NOT-A-CODE"}) // drafts hold anything the form had
			saved, err := f.svc.SaveDraft(f.ctx, f.inspector, f.school, half)
			if err != nil || !saved.Changed || saved.Status != StatusDraft {
				t.Fatalf("SaveDraft = %+v, %v", saved, err)
			}
			again, err := f.svc.SaveDraft(f.ctx, f.inspector, f.school, half)
			if err != nil || again.Changed || again.ID != saved.ID {
				t.Errorf("same draft again = %+v, %v", again, err)
			}
			if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE entity = 'inspection' AND entity_id = $1`, saved.ID); n != 1 {
				t.Errorf("draft audit entries = %d, want 1 (unchanged saves write nothing)", n)
			}
			d, err := f.svc.FindDraft(f.ctx, f.inspector, f.school, half.ClientID)
			if err != nil || len(d.Answers) != 3 || d.Answers[0].QuestionCode != half.Answers[0].QuestionCode || d.Kind != KindUnannounced {
				t.Errorf("FindDraft = %+v, %v", d, err)
			}
			if n := f.count(`SELECT COUNT(*) FROM inspection_answers`); n != 0 {
				t.Errorf("a draft wrote %d answer rows", n)
			}
			drafts, err := f.svc.MyDrafts(f.ctx, f.inspector, f.school)
			if err != nil || len(drafts) != 1 || drafts[0].PlaceName != "1号宿舍楼" {
				t.Errorf("MyDrafts = %+v, %v", drafts, err)
			}
			// Until submitted, the visit is hidden from the inspected unit,
			// even from the office, and the draft from everyone else.
			for _, a := range []struct {
				name string
				err  error
			}{
				{"unit head", firstErr(f.svc.Find(f.ctx, f.headA, f.school, saved.ID))},
				{"office", firstErr(f.svc.Find(f.ctx, f.office, f.school, saved.ID))},
				{"co-inspector", firstErr(f.svc.Find(f.ctx, f.co, f.school, saved.ID))},
				{"unit head's draft lookup", firstErr(f.svc.FindDraft(f.ctx, f.headA, f.school, half.ClientID))},
			} {
				if !apperr.Is(a.err, apperr.NotFound) {
					t.Errorf("%s sees the draft: %v", a.name, a.err)
				}
			}
			if drafts, _ := f.svc.MyDrafts(f.ctx, f.headA, f.school); len(drafts) != 0 {
				t.Errorf("unit head lists %d drafts", len(drafts))
			}
			got, err := f.svc.Submit(f.ctx, f.inspector, f.school, sub)
			if err != nil || got.ID != saved.ID {
				t.Fatalf("Submit = %+v, %v (draft row %d)", got, err, saved.ID)
			}
			if n := f.count(`SELECT COUNT(*) FROM inspections WHERE draft <> '' OR status <> 'submitted'`); n != 0 {
				t.Errorf("%d rows still drafts", n)
			}
			if _, err := f.svc.Find(f.ctx, f.headA, f.school, got.ID); err != nil {
				t.Errorf("unit head after submission: %v", err)
			}
			if _, err := f.svc.Find(f.ctx, f.headB, f.school, got.ID); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("other unit's head after submission: %v", err)
			}
			// A late autosave cannot reopen a submitted form.
			late, err := f.svc.SaveDraft(f.ctx, f.inspector, f.school, half)
			if err != nil || late.Status != StatusSubmitted || late.Changed {
				t.Errorf("autosave after submit = %+v, %v", late, err)
			}
			if _, err := f.svc.FindDraft(f.ctx, f.inspector, f.school, half.ClientID); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("FindDraft after submit: %v", err)
			}
		})
	}
}

func firstErr[T any](_ T, err error) error { return err }

func TestSubmitLinksDueAndRecordsLate(t *testing.T) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			planID := f.insert(`INSERT INTO inspection_plans (school_id, name, kind, recurrence, start_date, assignee_unit_id, created_at)
				VALUES ($1, '月度自查', 'grid_patrol', 'monthly', '2026-01-01', $2, 0) RETURNING id`, f.school, f.unitA)
			feb := f.insert(`INSERT INTO due_inspections (school_id, plan_id, period, owner_unit_id, starts_on, due_on, status, created_at)
				VALUES ($1, $2, '2026-02', $3, '2026-02-01', '2026-02-28', 'missed', 0) RETURNING id`, f.school, planID, f.unitA)
			mar := f.insert(`INSERT INTO due_inspections (school_id, plan_id, period, owner_unit_id, starts_on, due_on, status, created_at)
				VALUES ($1, $2, '2026-03', $3, '2026-03-01', '2026-03-31', 'open', 0) RETURNING id`, f.school, planID, f.unitA)

			// After the period closed: recorded as late, not refused.
			sub := f.dormForm("late-0000001", f.upload(f.inspector))
			sub.DueID = feb
			got, err := f.svc.Submit(f.ctx, f.inspector, f.school, sub)
			if err != nil || !got.Late || got.Period != "2026-02" {
				t.Fatalf("late submit = %+v, %v", got, err)
			}
			if n := f.count(`SELECT COUNT(*) FROM due_inspections WHERE id = $1 AND status = 'late' AND inspection_id = $2`, feb, got.ID); n != 1 {
				t.Error("February's due row is not marked late")
			}
			// Without a due id, the inspector's unit's open row for this month is found.
			sub = f.dormForm("ontime-00001", f.upload(f.inspector))
			got, err = f.svc.Submit(f.ctx, f.inspector, f.school, sub)
			if err != nil || got.Late || got.Period != "2026-03" {
				t.Fatalf("on-time submit = %+v, %v", got, err)
			}
			if n := f.count(`SELECT COUNT(*) FROM inspections WHERE id = $1 AND due_id = $2`, got.ID, mar); n != 1 {
				t.Error("the inspection does not record the due row it fulfilled")
			}
			if n := f.count(`SELECT COUNT(*) FROM due_inspections WHERE id = $1 AND status = 'done'`, mar); n != 1 {
				t.Error("March's due row is not done")
			}
			if _, err := f.svc.Submit(f.ctx, f.inspector, f.other, Submission{ClientID: "other-000001", DueID: feb}); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("due of another school: %v", err)
			}
		})
	}
}

func TestPhotoAccess(t *testing.T) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			ph := f.upload(f.inspector)
			if _, err := f.svc.PhotoFile(f.ctx, f.inspector, f.school, ph); err != nil {
				t.Errorf("uploader, pending: %v", err)
			}
			for _, a := range []struct {
				name string
				err  error
			}{
				{"office, pending", firstErr(f.svc.PhotoFile(f.ctx, f.office, f.school, ph))},
				{"other school", firstErr(f.svc.PhotoFile(f.ctx, f.inspector, f.other, ph))},
			} {
				if !apperr.Is(a.err, apperr.NotFound) {
					t.Errorf("%s: %v", a.name, a.err)
				}
			}
			if _, err := f.svc.AddPendingPhoto(f.ctx, f.staff, f.school, f.photoSaved()); !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("staff upload: %v", err)
			}
			if _, err := f.svc.Submit(f.ctx, f.inspector, f.school, f.dormForm("photo-000001", ph)); err != nil {
				t.Fatal(err)
			}
			for _, a := range []struct {
				name string
				ok   bool
				err  error
			}{
				{"inspector", true, firstErr(f.svc.PhotoFile(f.ctx, f.inspector, f.school, ph))},
				{"office", true, firstErr(f.svc.PhotoFile(f.ctx, f.office, f.school, ph))},
				{"inspected unit's head", true, firstErr(f.svc.PhotoFile(f.ctx, f.headA, f.school, ph))},
				{"other unit's head", false, firstErr(f.svc.PhotoFile(f.ctx, f.headB, f.school, ph))},
				{"staff", false, firstErr(f.svc.PhotoFile(f.ctx, f.staff, f.school, ph))},
			} {
				if a.ok != (a.err == nil) || (!a.ok && !apperr.Is(a.err, apperr.NotFound)) {
					t.Errorf("%s: %v", a.name, a.err)
				}
			}
		})
	}
}
