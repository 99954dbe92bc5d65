package demo

import (
	"fmt"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/campaign"
)

// Texts of the notice (campaign-notice.zh.txt) the demo campaign carries.
const (
	CampaignName      = "校园安全生产专项整治行动"
	investigationName = "排查整治阶段"
	// The notice writes phase 2 as "2019年1月至2020年9月"; see loadCampaign.
	investigationAsWritten = "2019-01-01"
	investigationCorrected = "2020-01-01"
)

// loadCampaign creates the notice's campaign (四、时序安排) with its dates
// as the notice states them. Phase 2 is first saved exactly as written
// (2019年1月 — before the campaign starts and overlapping phase 1); the
// service refuses it, and the demo stores the evident intent, 2020年1月,
// with a note on the phase and on the campaign quoting the notice and the
// refusal. See docs/decisions/0015-campaign-phases.md.
func (l *loader) loadCampaign() {
	if l.err != nil {
		return
	}
	svc := campaign.NewService(l.org.DB, l.org.Now)
	c, err := svc.SaveCampaign(l.ctx, l.sys, l.school, campaign.Campaign{
		Name: CampaignName, Authority: "市卫健委办公室",
		StartsOn: "2019-11-01", EndsOn: "2020-12-31", ReportDueOn: "2020-12-20",
		Description: "依据《江苏省南通卫生高等职业技术学校校园安全生产专项整治工作实施方案》（2020年1月16日印发）。" +
			"此次专项整治行动从2019年11月起至2020年12月结束，分三个阶段进行。校园安全生产专项整治办公室于2020年12月20日前将工作情况报告报送市卫健委办公室。",
	})
	if l.err = err; err != nil {
		return
	}
	study := campaign.Phase{CampaignID: c.ID, Name: "学习动员阶段", StartsOn: "2019-11-20", EndsOn: "2019-12-31",
		Description: "深入学习有关会议和事故调查报告精神，分析学校校园安全短板弱项，召开专题会议，对全校专项整治工作进行全面动员部署。"}
	if _, l.err = svc.SavePhase(l.ctx, l.sys, l.school, study); l.err != nil {
		return
	}
	investigation := campaign.Phase{CampaignID: c.ID, Name: investigationName, StartsOn: investigationAsWritten, EndsOn: "2020-09-30",
		Description: "在全校组织开展全覆盖拉网式的安全隐患大检查、大排查、大整治，边排查边整治，边治理边完善；坚持条块结合，系部处室联动。"}
	_, err = svc.SavePhase(l.ctx, l.sys, l.school, investigation)
	if e := apperr.As(err); err == nil || e.Code != "phase.overlap" {
		l.err = fmt.Errorf("demo: the notice's phase 2 as written should be refused as overlapping, got %v", err)
		return
	}
	refusal := apperr.As(err).Message
	investigation.StartsOn = investigationCorrected
	investigation.Note = "原通知写作“（二）排查整治阶段（2019年1月至2020年9月）”。按原文录入时系统拒绝：" + refusal +
		"该阶段起始时间早于整个行动的开始时间（2019年11月），也早于学习动员阶段，系笔误；" +
		"结合文意（学习动员阶段至2019年12月底结束，第二个时间节点为“2020年1月至3月底”），按2020年1月1日起录入。"
	if _, l.err = svc.SavePhase(l.ctx, l.sys, l.school, investigation); l.err != nil {
		return
	}
	if _, l.err = svc.SavePhase(l.ctx, l.sys, l.school, campaign.Phase{CampaignID: c.ID, Name: "督查落实“回头看”阶段", StartsOn: "2020-10-01", EndsOn: "2020-12-31",
		Description: "采取专项巡查、明查暗访、随机抽查、回头督查等方式，对突出问题和重大隐患的整改实施跟踪督办、闭环管理。"}); l.err != nil {
		return
	}
	c.Note = "原通知第二阶段（排查整治阶段）的起始时间写作“2019年1月”，与学习动员阶段重叠且早于行动开始时间，已更正为2020年1月1日录入，原文与处理方式见该阶段说明。"
	if _, l.err = svc.SaveCampaign(l.ctx, l.sys, l.school, c); l.err != nil {
		return
	}
	l.loadMilestones(svc, c.ID)
	l.loadNotice(svc, c.ID)
}

// milestones are the notice's three time nodes (重点把握三个时间节点).
// The demo clock is in 2026, long after the campaign: the first two are
// recorded as done with their evidence, the third is left open so the
// campaign page shows what lateness looks like.
var milestones = []struct {
	name, starts, due, deliverables, evidence string
	units                                     []string
}{
	{"全面落实学习动员阶段各项要求", "", "2019-12-31", "全面落实学习动员阶段各项要求，基本完成学校安全风险隐患专项整治发现隐患问题的整改。",
		"2019年12月召开专题动员部署会，隐患整改清单已归档。", []string{"安全保卫处", "后勤管理处", "护理系", "医学技术系", "药学系", "海安校区"}},
	{"新一轮专项排查整治", "2020-01-01", "2020-03-31", "聚焦重点领域、重点场所、重点环节、重点时段，采取部门自查和学校督查的形式开展新一轮专项排查整治，确保元旦、春节、全国及省、市“两会”期间学校安全平稳。",
		"各部门自查表及学校督查记录已归档。", []string{"安全保卫处", "后勤管理处", "实验实训中心", "学生处", "海安校区"}},
	{"完成专项整治全覆盖，集中整治问题隐患", "2020-04-01", "2020-09-30", "完成安全生产专项整治行动全覆盖，对排查出的问题隐患持续开展集中整治；梳理需在政策、制度层面研究的事项，明确牵头部门、责任人和措施建议。",
		"", []string{"安全保卫处", "后勤管理处", "实验实训中心"}},
}

func (l *loader) loadMilestones(svc *campaign.Service, campaignID int64) {
	for _, spec := range milestones {
		if l.err != nil {
			return
		}
		var units []int64
		for _, u := range spec.units {
			units = append(units, l.unit[u])
		}
		m, err := svc.SaveMilestone(l.ctx, l.sys, l.school, campaign.Milestone{CampaignID: campaignID, Name: spec.name,
			StartsOn: spec.starts, DueOn: spec.due, Deliverables: spec.deliverables, UnitIDs: units})
		if l.err = err; err != nil || spec.evidence == "" {
			continue
		}
		l.err = svc.SetMilestoneStatus(l.ctx, l.sys, l.school, m.ID, true, spec.evidence)
	}
}

// loadNotice publishes the notice's cover letter as a mobilisation notice
// to the leaders and every unit head; two of them have acknowledged it.
func (l *loader) loadNotice(svc *campaign.Service, campaignID int64) {
	if l.err != nil {
		return
	}
	office, err := l.demoActor("office")
	if l.err = err; err != nil {
		return
	}
	n, err := svc.Publish(l.ctx, office, l.school, campaign.Notice{CampaignID: campaignID,
		Title: "关于印发《江苏省南通卫生高等职业技术学校校园安全生产专项整治工作实施方案》的通知",
		Body: "各系部、处室、海安校区：\n\n为贯彻落实省、市医疗卫生安全生产专项整治行动动员部署会和全市校园及校车安全专项整治工作推进会精神，" +
			"经研究，制定了《江苏省南通卫生高等职业技术学校校园安全生产专项整治工作实施方案》，现印发给你们，请各系部、处室、海安校区抓好贯彻落实。\n\n请阅读后点击“我已阅读”确认。",
		Roles: []auth.Role{auth.RolePrincipalLeader, auth.RoleSupervisor, auth.RoleUnitHead, auth.RoleLabManager, auth.RoleGridLeader}})
	if l.err = err; err != nil {
		return
	}
	for _, user := range []string{"principal", "unithead"} {
		a, err := l.demoActor(user)
		if l.err = err; err != nil {
			return
		}
		if _, l.err = svc.Acknowledge(l.ctx, a, l.school, n.ID); l.err != nil {
			return
		}
	}
}
