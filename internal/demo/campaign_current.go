package demo

import (
	"fmt"
	"time"

	"safecampus/internal/campaign"
)

// CurrentCampaignName is the demo's campaign of the demo clock's year,
// e.g. "2026年校园安全专项整治".
func CurrentCampaignName(year int) string { return fmt.Sprintf("%d年校园安全专项整治", year) }

// loadCurrentCampaign adds a campaign over the demo clock's year with the
// notice's three phases, milestones and a report due date. The notice's
// own campaign (2019-11 → 2020-12, loadCampaign) lies years before the
// demo's inspections and hazards, so a report over it is empty; this one
// holds them, so the demo's report shows real figures. The year is that
// of four weeks before now, the oldest demo inspection, so that early in
// January the campaign still holds every one of them.
func (l *loader) loadCurrentCampaign() {
	if l.err != nil {
		return
	}
	y := l.org.Now().In(demoLocation()).AddDate(0, 0, -28).Year()
	day := func(m, d int) string {
		return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	}
	svc := campaign.NewService(l.org.DB, l.org.Now)
	c, err := svc.SaveCampaign(l.ctx, l.sys, l.school, campaign.Campaign{
		Name: CurrentCampaignName(y), Authority: "市卫健委办公室",
		StartsOn: day(1, 1), EndsOn: day(12, 31), ReportDueOn: day(12, 20),
		Description: fmt.Sprintf("参照《江苏省南通卫生高等职业技术学校校园安全生产专项整治工作实施方案》的三个阶段，%d年继续开展校园安全专项整治，"+
			"巩固整治成果，完善长效工作机制。校园安全生产专项整治办公室于%d年12月20日前将工作情况报告报送市卫健委办公室。", y, y),
	})
	if l.err = err; err != nil {
		return
	}
	for _, ph := range []campaign.Phase{
		{Name: "学习动员阶段", StartsOn: day(1, 1), EndsOn: day(1, 31),
			Description: "学习上级部署要求，分析学校校园安全短板弱项，召开专题会议进行动员部署。"},
		{Name: "排查整治阶段", StartsOn: day(2, 1), EndsOn: day(9, 30),
			Description: "开展全覆盖拉网式安全隐患大检查、大排查、大整治，边排查边整治；梳理需在政策、制度层面研究的事项。"},
		{Name: "督查落实“回头看”阶段", StartsOn: day(10, 1), EndsOn: day(12, 31),
			Description: "采取专项巡查、明查暗访、随机抽查、回头督查等方式，对突出问题和重大隐患的整改实施跟踪督办、闭环管理。"},
	} {
		ph.CampaignID = c.ID
		if _, l.err = svc.SavePhase(l.ctx, l.sys, l.school, ph); l.err != nil {
			return
		}
	}
	for _, m := range []struct {
		name, starts, due, deliverables, evidence string
		units                                     []string
	}{
		{"完成学习动员部署", "", day(1, 31), "召开专项整治动员部署会，印发年度工作方案。", "1月召开动员部署会，会议纪要已归档。", []string{"安全保卫处"}},
		{"完成第一轮全覆盖排查", day(2, 1), day(4, 30), "各系部、处室完成本单位全覆盖自查，建立问题清单和整改清单。", "", []string{"安全保卫处", "后勤管理处", "实验实训中心", "海安校区"}},
		{"完成问题隐患集中整治", day(5, 1), day(9, 30), "对排查出的问题隐患集中整治，重大隐患挂牌督办。", "", []string{"安全保卫处", "后勤管理处"}},
	} {
		if l.err != nil {
			return
		}
		var units []int64
		for _, u := range m.units {
			units = append(units, l.unit[u])
		}
		saved, err := svc.SaveMilestone(l.ctx, l.sys, l.school, campaign.Milestone{CampaignID: c.ID, Name: m.name, StartsOn: m.starts, DueOn: m.due,
			Deliverables: m.deliverables, UnitIDs: units})
		if l.err = err; err != nil || m.evidence == "" {
			continue
		}
		l.err = svc.SetMilestoneStatus(l.ctx, l.sys, l.school, saved.ID, true, m.evidence)
	}
}
