package inspection

import (
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/rules"
)

// An inspection at a place that answers the "rules on the wall" question
// (RUL-5.2) records a posting check of every rule required there.
func TestSubmitRecordsRulePostings(t *testing.T) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			rs := rules.NewService(f.db, func() time.Time { return now })
			r, err := rs.CreateRule(f.ctx, auth.System(), f.school, rules.Rule{Code: "SS", Title: "学生宿舍安全管理制度", Area: "FIRE",
				EffectiveOn: "2020-01-01", PlaceIDs: []int64{f.dorm}})
			if err != nil {
				t.Fatal(err)
			}
			missing := func() []rules.Missing {
				ms, err := rules.MissingPostings(f.ctx, f.db.Read(), f.school)
				if err != nil {
					t.Fatal(err)
				}
				return ms
			}
			if ms := missing(); len(ms) != 1 || ms[0].SeenMissing {
				t.Fatalf("before any inspection: %+v", ms)
			}

			sub := f.dormForm("form-post-001", 0)
			setResult(&sub, "FIRE-1.1", ResultPass) // a failed FIRE-1.1 needs a photo
			asked := false
			for i, an := range sub.Answers {
				if an.QuestionCode == "RUL-5.2" {
					sub.Answers[i].Result, sub.Answers[i].Note, asked = ResultFail, "未上墙", true
				}
			}
			if !asked {
				t.Fatal("the dormitory form does not ask RUL-5.2")
			}
			if _, err := f.svc.Submit(f.ctx, f.inspector, f.school, sub); err != nil {
				t.Fatal(err)
			}
			if ms := missing(); len(ms) != 1 || !ms[0].SeenMissing || ms[0].RuleID != r.ID || ms[0].LastCheckedOn != "2026-03-14" {
				t.Fatalf("after a failed answer: %+v", ms)
			}

			second := f.dormForm("form-post-002", 0)
			setResult(&second, "FIRE-1.1", ResultPass)
			if _, err := f.svc.Submit(f.ctx, f.inspector, f.school, second); err != nil {
				t.Fatal(err)
			}
			if ms := missing(); len(ms) != 0 {
				t.Fatalf("after a passed answer: %+v", ms)
			}
			var n int
			if err := f.db.Read().QueryRowContext(f.ctx, `SELECT COUNT(*) FROM rule_postings WHERE source = 'inspection' AND actor_id = $1`, f.inspector.AccountID).Scan(&n); err != nil || n != 2 {
				t.Fatalf("%d inspection postings (%v), want 2", n, err)
			}
		})
	}
}
