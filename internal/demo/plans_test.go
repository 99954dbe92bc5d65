package demo

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/plan"
	"safecampus/internal/testkit"
)

// TestDemoRhythm loads the demo at a pinned clock (2026-03-02 17:00 in
// Beijing; the rhythm replayed since 2026-01-01) and checks the RUL-4
// compliance table of 2026-Q1 against one written out by hand: who owes
// what for which period. A row's status follows from the inspection that
// settled it, if any: none and past its deadline is missed.
func TestDemoRhythm(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			ctx := context.Background()
			db := testkit.OpenDB(t, d)
			now := func() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) }
			res, err := Load(ctx, db, auth.NewService(db, now), org.NewService(db, now), "")
			if err != nil {
				t.Fatal(err)
			}
			svc := plan.NewService(db, now)
			c, err := svc.RhythmCompliance(ctx, auth.System(), res.SchoolID, "2026-Q1")
			if err != nil {
				t.Fatal(err)
			}
			want := []string{"校领导|姜声扬|主要领导|2026年上半年|2026-06-30", "校领导|张佩武|分管领导|2026年第一季度|2026-03-31"}
			for _, u := range []string{"党政办公室", "安全保卫处", "教务处", "学生处", "后勤管理处", "人事处", "护理系", "医学技术系", "药学系", "基础医学部", "海安校区", "海安校区综合办公室"} {
				want = append(want, u+"|"+u+"|职能部门|2026年1月|2026-01-31", u+"|"+u+"|职能部门|2026年2月|2026-02-28", u+"|"+u+"|职能部门|2026年3月|2026-03-31")
			}
			var got []string
			settled := 0
			for _, r := range c.Rows {
				got = append(got, fmt.Sprintf("%s|%s|%s|%s|%s", r.UnitName, r.OwnerName, r.Role, r.PeriodLabel, r.DueOn))
				wantStatus := plan.StatusOpen
				switch {
				case r.InspectionID != 0 && r.SubmittedAt.Format("2006-01-02") <= r.DueOn:
					wantStatus, settled = plan.StatusDone, settled+1
				case r.InspectionID != 0:
					wantStatus, settled = plan.StatusLate, settled+1
				case r.DueOn < "2026-03-02":
					wantStatus = plan.StatusMissed
				}
				if r.Status != wantStatus {
					t.Errorf("%s %s: status %s, want %s", r.OwnerName, r.Period, r.Status, wantStatus)
				}
				if r.OwnerName == "张佩武" && r.Targets != "安全保卫处、后勤管理处、海安校区" {
					t.Errorf("张佩武's contact units = %q", r.Targets)
				}
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			// Before any inspection settles them: January and February
			// missed for all 12 units, the rest open.
			if settled == 0 && c.Summary != (plan.Summary{Total: 38, Missed: 24, Open: 14}) {
				t.Errorf("summary = %+v", c.Summary)
			}

			// The custom plans owe today's fire control room check and this
			// week's check of each dormitory building, which 何静 (staff
			// account) sees as her tasks.
			var room, dorms int
			if err := db.Read().QueryRowContext(ctx, `SELECT
				(SELECT COUNT(*) FROM due_inspections d JOIN inspection_plans p ON p.id = d.plan_id WHERE p.name = '消防控制室每日巡查' AND d.period = '2026-03-02'),
				(SELECT COUNT(*) FROM due_inspections d JOIN inspection_plans p ON p.id = d.plan_id WHERE p.name = '宿舍楼每周安全检查' AND d.period = '2026-W10')`).Scan(&room, &dorms); err != nil {
				t.Fatal(err)
			}
			if room != 1 || dorms != 3 {
				t.Errorf("custom plan rows: room %d, dormitories %d; want 1 and 3", room, dorms)
			}
			a := auth.NewService(db, now)
			acc, err := a.FindAccountByUsername(ctx, auth.System(), "staff")
			if err != nil {
				t.Fatal(err)
			}
			he, err := a.LoadActor(ctx, acc.ID)
			if err != nil {
				t.Fatal(err)
			}
			tasks, err := svc.MyDues(ctx, he, res.SchoolID, 20)
			if err != nil || len(tasks) != 3 || !strings.HasPrefix(tasks[0].Title(), "2026年第10周 宿舍楼每周安全检查 · ") {
				t.Errorf("何静's tasks = %+v, %v", tasks, err)
			}
		})
	}
}
