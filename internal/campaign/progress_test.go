package campaign

import (
	"testing"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/task"
	"safecampus/internal/testkit"
)

// TestCompute pins the day and checks every figure by hand.
func TestCompute(t *testing.T) {
	c := Campaign{Name: "整治", StartsOn: "2020-01-01", EndsOn: "2020-12-31", ReportDueOn: "2020-12-20"}
	phases := []Phase{
		{ID: 1, Name: "一", StartsOn: "2020-01-01", EndsOn: "2020-01-10"},
		{ID: 2, Name: "二", StartsOn: "2020-01-11", EndsOn: "2020-09-30"},
		{ID: 3, Name: "三", StartsOn: "2020-10-01", EndsOn: "2020-12-31"},
	}
	ms := []Milestone{
		{ID: 1, Name: "a", DueOn: "2020-01-10", Status: MilestoneDone},
		{ID: 2, Name: "b", DueOn: "2020-01-31", Status: MilestoneOpen}, // late on 2020-02-01
		{ID: 3, Name: "c", DueOn: "2020-02-01", Status: MilestoneOpen}, // due today: not late
		{ID: 4, Name: "d", DueOn: "2020-03-31", Status: MilestoneDone},
		{ID: 5, Name: "e", DueOn: "2020-12-20", Status: MilestoneOpen},
	}
	p := Compute(c, phases, ms, "2020-02-01")
	// 2020 is a leap year: 366 days; 2020-02-01 is day 32.
	if p.ElapsedPct != 32*100/366 || p.State != "进行中" || p.Done != 2 || p.Total != 5 {
		t.Errorf("campaign: %d%% %s %d/%d", p.ElapsedPct, p.State, p.Done, p.Total)
	}
	if !p.HasReportDue || p.ReportDaysLeft != 323 {
		t.Errorf("report days left %d, want 323", p.ReportDaysLeft)
	}
	if len(p.Late) != 1 || p.Late[0].ID != 2 || p.Late[0].DaysLeft != -1 {
		t.Errorf("late: %+v", p.Late)
	}
	want := []struct {
		done, total, late, pct int
		state                  string
	}{
		{1, 1, 0, 100, "已结束"},
		{1, 3, 1, 22 * 100 / 264, "进行中"}, // 2020-01-11..09-30 is 264 days; 22 of them passed
		{0, 1, 0, 0, "未开始"},
	}
	for i, w := range want {
		g := p.Phases[i]
		if g.Done != w.done || g.Total != w.total || g.Late != w.late || g.ElapsedPct != w.pct || g.State != w.state {
			t.Errorf("phase %s: %d/%d late %d %d%% %s, want %+v", g.Name, g.Done, g.Total, g.Late, g.ElapsedPct, g.State, w)
		}
	}
	if len(p.Unphased) != 0 {
		t.Errorf("unphased: %+v", p.Unphased)
	}
	after := Compute(c, phases[:1], ms, "2021-01-05")
	if after.State != "已结束" || after.ReportDaysLeft != -16 || len(after.Late) != 3 || len(after.Unphased) != 4 {
		t.Errorf("after: %s, report %d, late %d, unphased %d", after.State, after.ReportDaysLeft, len(after.Late), len(after.Unphased))
	}
}

// TestMilestoneTasksAndOverview walks a milestone through its life on both
// databases: each responsible unit gets a task; a unit taken off has its
// task cancelled; done needs evidence and closes the tasks; the overview
// (at the school's day, a pinned clock) shows it late before, done after.
func TestMilestoneTasksAndOverview(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			a, b := f.addUnit("安全保卫处"), f.addUnit("后勤管理处")
			c := f.campaign()
			_, err := f.svc.SavePhase(f.ctx, f.office, f.school, Phase{CampaignID: c.ID, Name: "排查整治阶段", StartsOn: "2020-01-01", EndsOn: "2020-09-30"})
			f.must(err)
			m, err := f.svc.SaveMilestone(f.ctx, f.office, f.school, Milestone{CampaignID: c.ID, Name: "新一轮专项排查整治",
				StartsOn: "2020-01-01", DueOn: "2020-03-31", Deliverables: "部门自查报告", UnitIDs: []int64{a, b, a}})
			f.must(err)
			tasks, err := task.List(f.ctx, f.db.Read(), task.Filter{SchoolID: f.school, SourceKind: task.SourceMilestone, SourceID: m.ID})
			f.must(err)
			if len(tasks) != 2 || tasks[0].DueOn != "2020-03-31" || tasks[0].Title != "新一轮专项排查整治" || tasks[0].Status != task.StatusOpen {
				t.Fatalf("tasks: %+v", tasks)
			}
			m.UnitIDs, m.DueOn = []int64{a}, "2020-04-15"
			_, err = f.svc.SaveMilestone(f.ctx, f.office, f.school, m)
			f.must(err)
			byUnit := map[int64]task.Task{}
			tasks, _ = task.List(f.ctx, f.db.Read(), task.Filter{SchoolID: f.school, SourceKind: task.SourceMilestone, SourceID: m.ID})
			for _, x := range tasks {
				byUnit[x.OwnerUnitID] = x
			}
			if byUnit[a].Status != task.StatusOpen || byUnit[a].DueOn != "2020-04-15" || byUnit[b].Status != task.StatusCancelled {
				t.Errorf("after edit: %+v", byUnit)
			}

			f.now = time.Date(2020, 4, 15, 16, 30, 0, 0, time.UTC) // 2020-04-16 00:30 in Beijing: one day late
			p, err := f.svc.Overview(f.ctx, f.office, f.school, c.ID)
			f.must(err)
			if len(p.Late) != 1 || p.Late[0].DaysLeft != -1 || p.Phases[0].Late != 1 || p.Today != "2020-04-16" {
				t.Errorf("overview late: today %s, %+v", p.Today, p.Late)
			}
			if len(p.Phases[0].Milestones) != 1 || len(p.Phases[0].Milestones[0].Units) != 1 || p.Phases[0].Milestones[0].Units[0].UnitName != "安全保卫处" {
				t.Errorf("milestone units: %+v", p.Phases[0].Milestones)
			}
			if err := f.svc.SetMilestoneStatus(f.ctx, f.office, f.school, m.ID, true, " "); !apperr.Is(err, apperr.Invalid) {
				t.Errorf("done without evidence: %v", err)
			}
			f.must(f.svc.SetMilestoneStatus(f.ctx, f.office, f.school, m.ID, true, "各部门自查报告已归档（安保〔2020〕5号）"))
			got, err := task.Get(f.ctx, f.db.Read(), f.school, byUnit[a].ID)
			f.must(err)
			if got.Status != task.StatusDone {
				t.Errorf("unit task after milestone done: %s", got.Status)
			}
			p, err = f.svc.Overview(f.ctx, f.office, f.school, c.ID)
			f.must(err)
			if len(p.Late) != 0 || p.Done != 1 || p.Phases[0].Milestones[0].EvidenceNote == "" {
				t.Errorf("overview after done: late %d, done %d", len(p.Late), p.Done)
			}
			if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'campaign_milestone.done' AND entity_id = $1`, m.ID); n != 1 {
				t.Errorf("done audit entries: %d", n)
			}
		})
	}
}
