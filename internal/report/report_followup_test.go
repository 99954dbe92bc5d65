package report

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/campaign"
	"safecampus/internal/compliance"
	"safecampus/internal/org"
	"safecampus/internal/patrol"
	"safecampus/internal/testkit"
)

// Sentences of 存在的问题 that hold whatever the report's figures.
const (
	trainingProblem = "教育培训、持证上岗和应急演练情况尚未纳入系统管理，数据暂缺。"
	// Only 按时报送 has its data in the small fixture; the other 12 rules
	// find no record of their kind.
	awaitingProblem = "制度落实评估的13项规则中，有12项所需数据尚未纳入系统，暂无法评估（不计为未达标）。"
)

// problems is the numbered list under （一）存在的问题 without its numbers,
// failing t when the numbers do not run 1, 2, 3 ….
func problems(t *testing.T, blocks []Block) []string {
	t.Helper()
	var out []string
	for _, b := range blocks {
		if b.Kind == BlockHeading && b.Text == "（二）下一步工作" {
			break
		}
		if b.Kind != BlockParagraph {
			continue
		}
		n, text, _ := strings.Cut(b.Text, ". ")
		if n != itoa(len(out)+1) {
			t.Errorf("problem %q numbered %s, want %d", text, n, len(out)+1)
		}
		out = append(out, text)
	}
	return out
}

// gridWalk gives school a grid with one office place (target 1/day), its
// check point and one patrol at 10:00 on each of days.
func gridWalk(s *small, school int64, office *auth.Actor, grid, place string, days ...string) {
	clock := func() time.Time { return s.now }
	o, ps, sys := org.NewService(s.db, clock), patrol.NewService(s.db, clock), auth.System()
	pl, err := o.SavePlace(s.ctx, sys, school, org.Place{Name: place, Level: org.PlaceBuilding, Type: "office"})
	s.must(err)
	g, err := o.SaveGrid(s.ctx, sys, school, org.Grid{Name: grid})
	s.must(err)
	s.must(o.SetGridPlaces(s.ctx, sys, school, g.ID, []int64{pl.ID}))
	_, err = ps.EnableCheckPoint(s.ctx, office, school, pl.ID)
	s.must(err)
	for _, d := range days {
		s.now = shanghai(d, 10, 0)
		_, err := ps.Record(s.ctx, office, school, patrol.Patrol{ClientID: fmt.Sprintf("w-%d-%s", pl.ID, d), PlaceID: pl.ID})
		s.must(err)
	}
	s.now = pinned
}

func TestProblemsNameWeakGridsAndFailingRules(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			s := newSmall(t, d)
			id := patrolCampaign(s)
			// 北区网格 meets its target on all 5 finished days: 100.0%.
			// Total: 3+5 = 8 of 10+5 = 15 place-days, 53.3%.
			gridWalk(s, s.school, s.office, "北区网格", "图书馆", "2026-02-25", "2026-02-26", "2026-02-27", "2026-02-28", "2026-03-01")
			r, err := s.svc.Build(s.ctx, s.office, s.school, id)
			if err != nil {
				t.Fatal(err)
			}
			want := []string{
				// 西区 20.0% before 东区 40.0%: worst first, not tree order.
				"网格巡查覆盖不到位，专项整治期间全校巡查达标率53.3%，2个网格巡查达标率低于80%：西区网格（20.0%）、东区网格（40.0%）。",
				"1处场所设有巡查目标但尚未设置巡查点（东区网格1处），巡查无法在系统中记录。",
				"制度落实评估中1项规则未达标：“按时报送”为0/2，未达标记录2条。",
				trainingProblem,
				awaitingProblem,
			}
			got := problems(t, r.Sections[10].Blocks)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("problems:\n got %q\nwant %q", got, want)
			}
			html, err := s.svc.Generate(s.ctx, s.office, s.school, id, FormatHTML, HTMLOptions{})
			if err != nil {
				t.Fatal(err)
			}
			text := plain(string(html.Body))
			section := text[strings.Index(text, squash("十一、存在的问题和下一步工作")):strings.Index(text, squash("十二、数据来源与核验"))]
			for _, w := range []string{want[0], want[1], want[2],
				"督促西区网格、东区网格的网格长按场所每日巡查次数目标组织扫码巡查",
				"为设有巡查目标但尚未设置巡查点的场所设置巡查点并张贴巡查二维码",
				"对“按时报送”规则逐条核查未达标记录"} {
				if !strings.Contains(section, squash(w)) {
					t.Errorf("the HTML's section 十一 lacks %q:\n%s", w, section)
				}
			}
			if strings.Contains(section, "北区网格") {
				t.Error("section 十一 names 北区网格, whose coverage is 100.0%")
			}
		})
	}
}

func TestProblemsSayNothingWhenNothingIsWeak(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			s := newSmall(t, d)
			cs := campaign.NewService(s.db, func() time.Time { return pinned })
			c, err := cs.SaveCampaign(s.ctx, auth.System(), s.other, campaign.Campaign{Name: "春季开学巡查专项整治", StartsOn: "2026-02-25", EndsOn: "2026-03-31", ReportDueOn: "2026-03-31"})
			s.must(err)
			r, err := s.svc.Build(s.ctx, s.otherOffice, s.other, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			// No grid: the patrol section has no data, so no weakness.
			if got, want := problems(t, r.Sections[10].Blocks), []string{trainingProblem, awaitingProblem}; strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("no grid:\n got %q\nwant %q", got, want)
			}
			// 4 of 5 days is 80.0%: at the line, not below it.
			gridWalk(s, s.other, s.otherOffice, "南区网格", "教学楼", "2026-02-25", "2026-02-26", "2026-02-28", "2026-03-01")
			gridWalk(s, s.other, s.otherOffice, "北区网格", "图书馆", "2026-02-25", "2026-02-26", "2026-02-27", "2026-02-28", "2026-03-01")
			if r, err = s.svc.Build(s.ctx, s.otherOffice, s.other, c.ID); err != nil {
				t.Fatal(err)
			}
			if g := r.Patrol.Grids[0]; g.Name != "南区网格" || g.Rate() != "80.0%" {
				t.Fatalf("fixture: %s %s, want 南区网格 80.0%%", g.Name, g.Rate())
			}
			got := problems(t, r.Sections[10].Blocks)
			if want := []string{trainingProblem, awaitingProblem}; strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("nothing weak:\n got %q\nwant %q", got, want)
			}
			for _, b := range r.Sections[10].Blocks {
				for _, bad := range []string{"网格", "巡查点", "项规则未达标"} {
					if strings.Contains(b.Text, bad) {
						t.Errorf("nothing weak, yet %q says %q", b.Text, bad)
					}
				}
			}
		})
	}
}

// weakReport is a report with only patrol coverage and a scorecard.
func weakReport(grids []GridCoverage, statuses ...compliance.Status) *Report {
	r := &Report{Patrol: PatrolCoverage{From: "2026-02-01", To: "2026-02-28", Days: 28, Grids: grids}}
	for i, st := range statuses {
		r.Compliance.Rules = append(r.Compliance.Rules, compliance.Rule{Name: fmt.Sprintf("规则%d", i+1)})
		r.Compliance.Results = append(r.Compliance.Results, compliance.Result{Status: st, Value: "1/2", Failures: make([]compliance.Ref, i)})
	}
	return r
}

func TestWeakPointsFromFigures(t *testing.T) {
	grid := func(name string, met, required int) GridCoverage {
		return GridCoverage{Name: name, Places: 1, Required: required, Met: met, Patrols: met}
	}
	grids := []GridCoverage{grid("甲", 700, 1000), grid("乙", 100, 1000), grid("丙", 500, 1000), grid("丁", 0, 1000),
		grid("戊", 300, 1000), grid("己", 600, 1000), grid("庚", 200, 1000), grid("辛", 900, 1000)}
	for _, c := range []struct {
		name string
		r    *Report
		want []string // problems, without the training one that always holds
		step string   // a step that must be there, if any
	}{
		{"seven weak: the five worst, worst first", weakReport(grids),
			[]string{"网格巡查覆盖不到位，专项整治期间全校巡查达标率41.3%，7个网格巡查达标率低于80%，其中最低的5个为：丁（0.0%）、乙（10.0%）、庚（20.0%）、戊（30.0%）、丙（50.0%）。"},
			"督促丁、乙、庚、戊、丙等网格的网格长按场所每日巡查次数目标组织扫码巡查"},
		// 1599/2000 is 79.95%, shown as 80.0%: not called below 80%.
		{"rounding at the line", weakReport([]GridCoverage{grid("甲", 1599, 2000), grid("乙", 1598, 2000)}),
			[]string{"网格巡查覆盖不到位，专项整治期间全校巡查达标率79.9%，1个网格巡查达标率低于80%：乙（79.9%）。"}, "督促乙的网格长"},
		// No patrol at all is the patrol section's "no data", not 0%.
		{"no patrol recorded", weakReport([]GridCoverage{{Name: "甲", Places: 1, Required: 28, Unpointed: 2}}), nil, ""},
		{"failing and awaiting rules", weakReport(nil, compliance.StatusPass, compliance.StatusFail, compliance.StatusNoData, compliance.StatusPending, compliance.StatusFail),
			[]string{"制度落实评估中2项规则未达标：“规则2”为1/2，未达标记录1条；“规则5”为1/2，未达标记录4条。",
				"制度落实评估的5项规则中，有1项所需数据尚未纳入系统，暂无法评估（不计为未达标）。"},
			"对“规则2”“规则5”规则逐条核查未达标记录"},
		{"all rules pass", weakReport(nil, compliance.StatusPass, compliance.StatusPending, compliance.StatusNA), nil, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			blocks := problemBlocks(c.r)
			got := problems(t, blocks)
			var rest []string
			for _, p := range got {
				if p != trainingProblem {
					rest = append(rest, p)
				}
			}
			if strings.Join(rest, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("problems:\n got %q\nwant %q", rest, c.want)
			}
			steps, all := 0, ""
			for _, b := range blocks {
				if b.Kind == BlockParagraph {
					steps++
					all += b.Text
				}
			}
			if !strings.Contains(all, c.step) {
				t.Errorf("no step %q in %q", c.step, all)
			}
			// Every problem brings one step, and the last step (巩固…)
			// stands alone.
			if want := len(got) + 1; steps-len(got) != want {
				t.Errorf("%d steps for %d problems, want %d", steps-len(got), len(got), want)
			}
		})
	}
}
