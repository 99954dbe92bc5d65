package demo

import (
	"context"
	"testing"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/checklist"
	"safecampus/internal/inspection"
	"safecampus/internal/org"
	"safecampus/internal/photo"
	"safecampus/internal/testkit"
)

// TestDemoInspections loads the demo at a pinned clock with a photo store
// and checks what the ledger and the rhythm page will show: every demo
// inspection stored once, a finding (with its photo file) per failed
// question, the leaders' and a unit's rhythm rows settled, the late unit
// check marked late, and the unannounced visit in progress hidden from the
// unit it visits.
func TestDemoInspections(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			ctx := context.Background()
			db := testkit.OpenDB(t, d)
			now := func() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) }
			store := photo.NewStore(t.TempDir(), now)
			au := auth.NewService(db, now)
			res, err := Load(ctx, db, au, org.NewService(db, now), "", WithPhotoStore(store))
			if err != nil {
				t.Fatal(err)
			}
			q := db.Read()
			count := func(query string, args ...any) int {
				t.Helper()
				var n int
				if err := q.QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
					t.Fatalf("%s: %v", query, err)
				}
				return n
			}
			wantFails := 0
			for _, di := range demoInspections {
				wantFails += di.fails
			}
			if n := count(`SELECT COUNT(*) FROM inspections WHERE status = 'submitted' AND school_id = $1`, res.SchoolID); n != len(demoInspections) {
				t.Errorf("submitted inspections = %d, want %d", n, len(demoInspections))
			}
			if n := count(`SELECT COUNT(DISTINCT kind) FROM inspections WHERE status = 'submitted'`); n != len(inspection.Kinds) {
				t.Errorf("kinds used = %d, want all %d", n, len(inspection.Kinds))
			}
			if n := count(`SELECT COUNT(*) FROM findings`); n != wantFails {
				t.Errorf("findings = %d, want %d", n, wantFails)
			}
			if n := count(`SELECT SUM(failed_count) FROM inspections WHERE status = 'submitted'`); n != wantFails {
				t.Errorf("failed answers = %d, want %d", n, wantFails)
			}
			rows, err := q.QueryContext(ctx, `SELECT ph.file_name FROM findings f JOIN photos ph ON ph.owner_kind = 'answer' AND ph.owner_id = f.answer_id`)
			if err != nil {
				t.Fatal(err)
			}
			files := 0
			for rows.Next() {
				var name string
				if err := rows.Scan(&name); err != nil {
					t.Fatal(err)
				}
				f, err := store.Open(name)
				if err != nil {
					t.Errorf("photo file %s: %v", name, err)
					continue
				}
				f.Close()
				files++
			}
			rows.Close()
			if files != wantFails {
				t.Errorf("findings with a photo file = %d, want %d", files, wantFails)
			}
			// The rhythm: both leaders' rows and February's rows of three
			// units done; 学生处's January row settled late.
			if n := count(`SELECT COUNT(*) FROM due_inspections d JOIN inspection_plans p ON p.id = d.plan_id
				WHERE p.rule IN ('rhythm_principal', 'rhythm_supervisor') AND d.status = 'done'`); n != 2 {
				t.Errorf("leaders' rows done = %d, want 2", n)
			}
			if n := count(`SELECT COUNT(*) FROM due_inspections d JOIN inspection_plans p ON p.id = d.plan_id JOIN units u ON u.id = d.owner_unit_id
				WHERE p.rule = 'rhythm_unit' AND d.status = 'late' AND d.period = '2026-01' AND u.name = '学生处'`); n != 1 {
				t.Error("学生处's January self-inspection is not marked late")
			}
			if n := count(`SELECT COUNT(*) FROM inspections WHERE late AND period = '2026-01' AND kind = 'unit_monthly'`); n != 1 {
				t.Error("the late unit check is not recorded late in its period")
			}
			if n := count(`SELECT COUNT(*) FROM due_inspections d JOIN inspection_plans p ON p.id = d.plan_id
				WHERE p.rule = 'rhythm_unit' AND d.status = 'done' AND d.period = '2026-02'`); n != 3 {
				t.Errorf("units' February rows done = %d, want 3 (教务处, 后勤管理处, 安全保卫处)", n)
			}
			// Drafts: the grid member's shows in their list; the unannounced
			// visit of 学生食堂 stays hidden from 后勤管理处's head.
			cl := checklist.NewService(db, now)
			svc := inspection.NewService(db, cl, now)
			insp, _ := au.FindAccountByUsername(ctx, auth.System(), "inspector")
			inspector, _ := au.LoadActor(ctx, insp.ID)
			if ds, err := svc.MyDrafts(ctx, inspector, res.SchoolID); err != nil || len(ds) != 1 {
				t.Errorf("inspector's drafts = %v, %v", ds, err)
			}
			var visit int64
			if err := q.QueryRowContext(ctx, `SELECT id FROM inspections WHERE status = 'draft' AND kind = 'unannounced'`).Scan(&visit); err != nil {
				t.Fatal(err)
			}
			head, _ := au.FindAccountByUsername(ctx, auth.System(), "unithead")
			unithead, _ := au.LoadActor(ctx, head.ID)
			if _, err := svc.Find(ctx, unithead, res.SchoolID, visit); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("unit head sees the unannounced visit in progress: %v", err)
			}
		})
	}
}
