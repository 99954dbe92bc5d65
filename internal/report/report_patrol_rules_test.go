package report

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/campaign"
	"safecampus/internal/org"
	"safecampus/internal/patrol"
	"safecampus/internal/testkit"
)

// shanghai is a wall-clock time of the small fixture's schools (UTC+8).
func shanghai(day string, hh, mm int) time.Time {
	d, _ := time.Parse(time.DateOnly, day)
	return time.Date(d.Year(), d.Month(), d.Day(), hh, mm, 0, 0, time.FixedZone("CST", 8*3600))
}

// patrolCampaign gives the small school two grids and patrols, and a
// campaign 2026-02-25 → 03-31 whose report (due 02-27) was never made;
// another campaign's report (due 02-28) is missing too. At the pinned
// clock (03-02, 17:00 in the school) the finished days are 02-25..03-01:
//
//	东区网格: 行政楼 (office, 1/day): met 02-25 (1) and 02-27 (2) → 2 of 5
//	          days, 40.0%, 3 patrols; 体育馆 has no check point.
//	西区网格: 南大门 (gate, 5/day): 5 on 02-26 (met), 3 on 02-28 → 1 of 5,
//	          20.0%, 8 patrols.
//
// Patrols on 02-24 (before the campaign) and today do not count.
func patrolCampaign(s *small) int64 {
	clock := func() time.Time { return s.now }
	o, ps, sys := org.NewService(s.db, clock), patrol.NewService(s.db, clock), auth.System()
	place := map[string]int64{}
	for _, p := range []struct {
		name string
		typ  org.PlaceType
	}{{"行政楼", "office"}, {"体育馆", "other"}, {"南大门", "gate"}} {
		pl, err := o.SavePlace(s.ctx, sys, s.school, org.Place{Name: p.name, Level: org.PlaceBuilding, Type: p.typ})
		s.must(err)
		place[p.name] = pl.ID
	}
	for _, g := range []struct {
		name   string
		places []int64
	}{{"东区网格", []int64{place["行政楼"], place["体育馆"]}}, {"西区网格", []int64{place["南大门"]}}} {
		grid, err := o.SaveGrid(s.ctx, sys, s.school, org.Grid{Name: g.name})
		s.must(err)
		s.must(o.SetGridPlaces(s.ctx, sys, s.school, grid.ID, g.places))
	}
	for _, p := range []string{"行政楼", "南大门"} {
		_, err := ps.EnableCheckPoint(s.ctx, s.office, s.school, place[p])
		s.must(err)
	}
	n := 0
	walk := func(name string, at time.Time, times int) {
		for i := range times {
			n++
			s.now = at.Add(time.Duration(i) * time.Minute)
			_, err := ps.Record(s.ctx, s.office, s.school, patrol.Patrol{ClientID: fmt.Sprintf("p-%d", n), PlaceID: place[name]})
			s.must(err)
		}
	}
	walk("行政楼", shanghai("2026-02-24", 9, 0), 1)
	walk("行政楼", shanghai("2026-02-25", 9, 0), 1)
	walk("行政楼", shanghai("2026-02-27", 9, 0), 2)
	walk("行政楼", shanghai("2026-03-02", 9, 0), 1)
	walk("南大门", shanghai("2026-02-26", 0, 10), 5) // 02-25 16:10 UTC: the school's 02-26
	walk("南大门", shanghai("2026-02-28", 8, 0), 3)
	s.now = pinned
	cs := campaign.NewService(s.db, clock)
	c, err := cs.SaveCampaign(s.ctx, sys, s.school, campaign.Campaign{Name: "春季开学巡查专项整治", StartsOn: "2026-02-25", EndsOn: "2026-03-31", ReportDueOn: "2026-02-27"})
	s.must(err)
	_, err = cs.SaveCampaign(s.ctx, sys, s.school, campaign.Campaign{Name: "寒假专项整治", StartsOn: "2026-01-05", EndsOn: "2026-02-28", ReportDueOn: "2026-02-28"})
	s.must(err)
	return c.ID
}

// plain is the text of HTML or WordprocessingML without tags and spaces.
func plain(markup string) string {
	return squash(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(markup, ""))
}

func TestReportPatrolAndCompliance(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			s := newSmall(t, d)
			id := patrolCampaign(s)
			r, err := s.svc.Build(s.ctx, s.office, s.school, id)
			if err != nil {
				t.Fatal(err)
			}
			pc := r.Patrol
			got := fmt.Sprintf("%s..%s %d", pc.From, pc.To, pc.Days)
			for _, g := range append(pc.Grids, pc.Total()) {
				got += fmt.Sprintf("|%s %d %d/%d %s %d %d", g.Name, g.Places, g.Met, g.Required, g.Rate(), g.Patrols, g.Unpointed)
			}
			if want := "2026-02-25..2026-03-01 5|东区网格 1 2/5 40.0% 3 1|西区网格 1 1/5 20.0% 8 0|合计 2 3/10 30.0% 11 1"; got != want {
				t.Errorf("coverage:\n got %s\nwant %s", got, want)
			}
			sentence := "2026年2月25日至2026年3月1日（共5天），全校2个网格纳入巡查统计的场所2处，应达到每日巡查目标10场所·日，实际达标3场所·日，达标率30.0%；上述场所共记录巡查11次。"
			if CoverageSentence(pc) != sentence {
				t.Errorf("coverage sentence %q", CoverageSentence(pc))
			}
			// Patrols were recorded before the campaign began: counted
			// from its first day, no "recorded since" note.
			if pc.RecordedFrom != "" {
				t.Errorf("recorded from %q, want the campaign's start", pc.RecordedFrom)
			}
			for _, b := range patrolBlocks(r) {
				if strings.Contains(b.Text, "起在系统中记录巡查") {
					t.Errorf("a 'recorded since' note although patrols predate the campaign: %q", b.Text)
				}
			}
			if k := r.Compliance.Period.Key; k != "2026-02-25/P35D" {
				t.Errorf("compliance period %q, want the campaign's dates", k)
			}
			// The report rule fails on both missing reports; the sentence
			// counts that failure.
			var report []string
			for _, b := range r.Sections[8].Blocks {
				if b.Table != nil {
					for _, row := range b.Table.Rows {
						if row[0] == "按时报送" {
							report = row
						}
					}
				}
			}
			if strings.Join(report, "|") != "按时报送|未达标|0/2|报送期限前生成报告（提前 7 天提醒）|2" {
				t.Errorf("scorecard row of 按时报送: %q", report)
			}
			// Everything else awaits data: no meeting, rhythm, deadline or
			// posted rule is recorded, and nothing passes.
			cs := ComplianceSentence(r.Compliance)
			if cs != "以专项整治期间（2026年2月25日至3月31日）为评估周期，学校层面13项制度落实规则中，达标0项，未达标1项，暂无数据12项。" {
				t.Errorf("compliance sentence %q", cs)
			}
			if r.Sections[3].Title != "四、网格巡查覆盖情况" || r.Sections[8].Title != "九、制度落实情况" || r.Sections[11].Title != "十二、数据来源与核验" {
				t.Errorf("sections %q", SectionTitles)
			}

			// The HTML page and the Word file carry the sentences and rows.
			rows := []string{sentence, "东区网格15240.0%31", "西区网格15120.0%80", "合计210330.0%111", "按时报送未达标0/2", "未达标的规则：", "按时报送（2条）", cs,
				"2026年3月2日当日巡查尚在进行，未计入统计。", "另有1处场所设有巡查目标但尚未设置巡查点"}
			html, err := s.svc.Generate(s.ctx, s.office, s.school, id, FormatHTML, HTMLOptions{})
			if err != nil {
				t.Fatal(err)
			}
			docx, err := s.svc.Generate(s.ctx, s.office, s.school, id, FormatDOCX, HTMLOptions{})
			if err != nil {
				t.Fatal(err)
			}
			for name, text := range map[string]string{"html": plain(string(html.Body)), "docx": plain(string(unzip(t, docx.Body)["word/document.xml"]))} {
				for _, w := range rows {
					if !strings.Contains(text, squash(w)) {
						t.Errorf("%s lacks %q", name, w)
					}
				}
			}

			// The other school: no grid, then a grid with a point but no
			// patrol — no data, never 0%.
			noGrid := "网格巡查覆盖（尚未设置网格）：暂无数据。"
			noPatrol := "网格巡查覆盖（2026年1月1日至2026年3月1日系统中没有巡查记录）：暂无数据。"
			if got := patrolText(t, s); got != noGrid {
				t.Errorf("no grids: %q", got)
			}
			o, sys := org.NewService(s.db, func() time.Time { return pinned }), auth.System()
			pl, err := o.SavePlace(s.ctx, sys, s.other, org.Place{Name: "外校大门", Level: org.PlaceArea, Type: "gate"})
			s.must(err)
			g, err := o.SaveGrid(s.ctx, sys, s.other, org.Grid{Name: "外校网格"})
			s.must(err)
			s.must(o.SetGridPlaces(s.ctx, sys, s.other, g.ID, []int64{pl.ID}))
			_, err = patrol.NewService(s.db, func() time.Time { return pinned }).EnableCheckPoint(s.ctx, s.otherOffice, s.other, pl.ID)
			s.must(err)
			if got := patrolText(t, s); got != noPatrol {
				t.Errorf("no patrols: %q", got)
			}
		})
	}
}

// patrolText is the patrol section of the other school's report as one
// block's text (or every block's, when it is not a single block).
func patrolText(t *testing.T, s *small) string {
	t.Helper()
	r, err := s.svc.Build(s.ctx, s.otherOffice, s.other, s.otherCamp)
	if err != nil {
		t.Fatal(err)
	}
	var parts []string
	for _, b := range r.Sections[3].Blocks {
		parts = append(parts, b.Kind+":"+b.Text)
	}
	if len(parts) == 1 && strings.HasPrefix(parts[0], BlockNoData+":") {
		return strings.TrimPrefix(parts[0], BlockNoData+":")
	}
	return strings.Join(parts, " / ")
}
