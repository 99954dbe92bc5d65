package inspection

import (
	"strings"
	"sync"
	"testing"

	"safecampus/internal/apperr"
)

func TestSubmitStoresEverything(t *testing.T) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			ph := f.upload(f.inspector)
			sub := f.dormForm("form-0000001", ph)
			got, err := f.svc.Submit(f.ctx, f.inspector, f.school, sub)
			if err != nil {
				t.Fatal(err)
			}
			if got.Duplicate || got.Result != ResultFail || got.FailedCount != 2 || got.AnswerCount != len(sub.Answers) || got.Period != "2026-03" || got.Late {
				t.Errorf("Submit = %+v", got)
			}
			in, err := f.svc.Find(f.ctx, f.inspector, f.school, got.ID)
			if err != nil {
				t.Fatal(err)
			}
			if in.Status != StatusSubmitted || in.UnitID != f.unitA || in.PlaceName != "1号宿舍楼" || in.Signature != "冯磊" || in.InspectorName != "冯磊" {
				t.Errorf("inspection = %+v", in)
			}
			if len(in.Answers) != len(sub.Answers) || len(in.Findings) != 2 {
				t.Fatalf("%d answers, %d findings", len(in.Answers), len(in.Findings))
			}
			var fire AnswerRecord
			for _, a := range in.Answers {
				if a.QuestionCode == "FIRE-1.1" {
					fire = a
				}
			}
			if fire.ItemCode != "FIRE-1" || fire.Area != "FIRE" || fire.QuestionText == "" || fire.Note != "楼道内充电" || len(fire.PhotoIDs) != 1 || fire.PhotoIDs[0] != ph {
				t.Errorf("FIRE-1.1 answer = %+v", fire)
			}
			for _, fd := range in.Findings {
				if fd.Level == "" || (fd.ItemCode == "FIRE-1" && len(fd.PhotoIDs) != 1) {
					t.Errorf("finding = %+v", fd)
				}
			}
			if n := f.count(`SELECT COUNT(*) FROM findings WHERE inspection_id = $1 AND place_id = $2 AND unit_id = $3`, got.ID, f.dorm, f.unitA); n != 2 {
				t.Errorf("findings with place and unit = %d", n)
			}
			if len(in.CoInspectors) != 1 || in.CoInspectors[0].Name != "王芳" {
				t.Errorf("co-inspectors = %+v", in.CoInspectors)
			}
			if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE entity = 'inspection' AND entity_id = $1 AND action = 'inspection.submit'`, got.ID); n != 1 {
				t.Errorf("audit entries = %d", n)
			}
			// The co-inspector may read it now; the second unit's head may not.
			if _, err := f.svc.Find(f.ctx, f.co, f.school, got.ID); err != nil {
				t.Errorf("co-inspector: %v", err)
			}
			if _, err := f.svc.Find(f.ctx, f.headB, f.school, got.ID); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("other unit head: %v", err)
			}
			if _, err := f.svc.Find(f.ctx, f.inspector, f.other, got.ID); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("through another school: %v", err)
			}
		})
	}
}

func TestSubmitIsIdempotent(t *testing.T) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			sub := f.dormForm("retry-000001", f.upload(f.inspector))
			first, err := f.svc.Submit(f.ctx, f.inspector, f.school, sub)
			if err != nil {
				t.Fatal(err)
			}
			again, err := f.svc.Submit(f.ctx, f.inspector, f.school, sub)
			if err != nil || again.ID != first.ID || !again.Duplicate || again.FailedCount != first.FailedCount {
				t.Fatalf("retry = %+v, %v (first %+v)", again, err, first)
			}
			// A double tap: several submissions of one form at once.
			twin := f.dormForm("tap-00000001", 0)
			twin.Answers = twin.Answers[:3]
			var wg sync.WaitGroup
			ids := make([]int64, 6)
			errs := make([]error, 6)
			for i := range ids {
				wg.Add(1)
				go func() {
					defer wg.Done()
					r, err := f.svc.Submit(f.ctx, f.inspector, f.school, twin)
					ids[i], errs[i] = r.ID, err
				}()
			}
			wg.Wait()
			for i := range ids {
				if errs[i] != nil || ids[i] != ids[0] {
					t.Errorf("concurrent submit %d = %d, %v (want %d)", i, ids[i], errs[i], ids[0])
				}
			}
			for _, cid := range []string{"retry-000001", "tap-00000001"} {
				if n := f.count(`SELECT COUNT(*) FROM inspections WHERE client_id = $1`, cid); n != 1 {
					t.Errorf("%s stored %d times", cid, n)
				}
			}
			if n := f.count(`SELECT COUNT(*) FROM inspection_answers WHERE inspection_id = $1`, first.ID); n != len(sub.Answers) {
				t.Errorf("answers = %d, want %d", n, len(sub.Answers))
			}
			// Someone else cannot take over (or read through) a used client id.
			if _, err := f.svc.Submit(f.ctx, f.office, f.school, sub); !apperr.Is(err, apperr.Conflict) {
				t.Errorf("other account reusing client id: %v", err)
			}
		})
	}
}

func TestSubmitRefuses(t *testing.T) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			mine := f.upload(f.inspector)
			theirs := f.upload(f.office)
			tests := []struct {
				name  string
				edit  func(s *Submission)
				actor string
				kind  apperr.Kind
				msg   string
			}{
				{"unknown question", func(s *Submission) { s.Answers[0].QuestionCode = "FIRE-99.9" }, "", apperr.Invalid, "FIRE-99.9"},
				{"question of another place type", func(s *Submission) { s.Answers[0].QuestionCode = "FIRE-4.1" }, "", apperr.Invalid, "FIRE-4.1"},
				{"bad result", func(s *Submission) { s.Answers[1].Result = "maybe" }, "", apperr.Invalid, "合格"},
				{"duplicate answer", func(s *Submission) { s.Answers[1].QuestionCode = s.Answers[0].QuestionCode }, "", apperr.Invalid, "重复"},
				{"place of another school", func(s *Submission) { s.PlaceID = f.foreign }, "", apperr.NotFound, "场所不存在"},
				{"deactivated place", func(s *Submission) { s.PlaceID = f.closed; s.Answers = s.Answers[:1] }, "", apperr.Invalid, "已停用"},
				{"co-inspector of another school", func(s *Submission) { s.CoInspectors = []int64{f.pForeign} }, "", apperr.Invalid, "同行检查人"},
				{"failed physical item without photo", func(s *Submission) { setPhotos(s, "FIRE-1.1", nil) }, "", apperr.Invalid, "拍照"},
				{"someone else's photo", func(s *Submission) { setPhotos(s, "FIRE-1.1", []int64{theirs}) }, "", apperr.Invalid, "照片"},
				{"unsigned", func(s *Submission) { s.Signature = " " }, "", apperr.Invalid, "签名"},
				{"no kind", func(s *Submission) { s.Kind = "" }, "", apperr.Invalid, "检查类型"},
				{"bad client id", func(s *Submission) { s.ClientID = "x" }, "", apperr.Invalid, "表单标识"},
				{"no answers", func(s *Submission) { s.Answers = nil }, "", apperr.Invalid, "至少"},
				{"staff may not inspect", nil, "staff", apperr.Forbidden, ""},
				{"grid member outside their grid", func(s *Submission) { s.PlaceID = f.lab; s.Answers = s.Answers[:1] }, "grid_only", apperr.Forbidden, ""},
			}
			for i, tc := range tests {
				t.Run(tc.name, func(t *testing.T) {
					cid := "refused-" + strings.Repeat("0", 4) + string(rune('a'+i))
					sub := f.dormForm(cid, mine)
					if tc.edit != nil {
						tc.edit(&sub)
					}
					a := f.inspector
					switch tc.actor {
					case "staff":
						a = f.staff
					case "grid_only":
						a = f.gridOnly
					}
					_, err := f.svc.Submit(f.ctx, a, f.school, sub)
					if e := apperr.As(err); err == nil || e.Kind != tc.kind || !strings.Contains(e.Message+fieldMsgs(e), tc.msg) {
						t.Fatalf("err = %v (%q %s), want %v containing %q", err, e.Message, fieldMsgs(e), tc.kind, tc.msg)
					}
					if n := f.count(`SELECT COUNT(*) FROM inspections WHERE client_id = $1`, sub.ClientID); n != 0 {
						t.Errorf("refused submission left %d rows", n)
					}
				})
			}
			if n := f.count(`SELECT COUNT(*) FROM photos WHERE owner_kind = 'pending'`); n != 2 {
				t.Errorf("pending photos = %d, want both still pending", n)
			}
			// The grid member may inspect the place in their grid.
			ok := f.dormForm("grid-ok-0001", 0)
			setPhotos(&ok, "FIRE-1.1", nil)
			setResult(&ok, "FIRE-1.1", ResultPass)
			if _, err := f.svc.Submit(f.ctx, f.gridOnly, f.school, ok); err != nil {
				t.Errorf("grid member in their grid: %v", err)
			}
		})
	}
}

func setPhotos(s *Submission, code string, ids []int64) {
	for i := range s.Answers {
		if s.Answers[i].QuestionCode == code {
			s.Answers[i].PhotoIDs = ids
		}
	}
}

func setResult(s *Submission, code, r string) {
	for i := range s.Answers {
		if s.Answers[i].QuestionCode == code {
			s.Answers[i].Result = r
		}
	}
}

func fieldMsgs(e *apperr.Error) string {
	var b strings.Builder
	for _, f := range e.Fields {
		b.WriteString(f.Message)
	}
	return b.String()
}
