package demo

import (
	"fmt"

	"safecampus/internal/rules"
)

// loadPolicyItems: problems the campaign found that need a rule (PLAN-3),
// one adopted as the hazardous-chemicals rule, one being drafted, one new.
func (l *loader) loadPolicyItems(svc *rules.Service, ids map[string]int64) {
	items := []struct {
		item    rules.PolicyItem
		unit    string
		person  string
		actions []string
		rule    string
	}{
		{rules.PolicyItem{Title: "危险化学品多头管理、领用无双人签字", Problem: "实验室危化品由各系部分别采购保管，领用记录不全，未落实双人双锁。",
			Measures: "制定全校统一的危险化学品管理制度，明确实验实训中心归口管理，领用双人签字。", DueOn: "2020-04-30"},
			"实验实训中心", "孙丽", []string{"draft", "adopt"}, "ZD-LAB-02"},
		{rules.PolicyItem{Title: "电动自行车集中停放充电缺少管理规定", Problem: "学生宿舍楼道内电动自行车违规停放充电，现有制度未覆盖。",
			Measures: "建设集中充电棚，制定电动自行车停放充电管理规定，纳入宿舍检查。", DueOn: l.demoDay(45)},
			"后勤管理处", "陈建国", []string{"draft"}, ""},
		{rules.PolicyItem{Title: "出租出借场所安全管理责任不清", Problem: "校内超市等出租场所的消防责任未在租赁合同中约定。",
			Measures: "在租赁合同中增加安全责任条款，制定出租出借场所安全管理办法。", DueOn: l.demoDay(60)},
			"后勤管理处", "陈建国", nil, ""},
	}
	for _, it := range items {
		p := it.item
		p.LeadUnitID, p.ResponsiblePersonID = l.nameRef(l.unit, it.unit, "unit"), l.nameRef(l.person, it.person, "person")
		if l.err != nil {
			return
		}
		saved, err := svc.SavePolicyItem(l.ctx, l.sys, l.school, p)
		for _, a := range it.actions {
			if err == nil {
				_, err = svc.TransitionPolicyItem(l.ctx, l.sys, l.school, saved.ID, a, ids[it.rule], "")
			}
		}
		if err != nil {
			l.err = fmt.Errorf("demo policy item %s: %w", p.Title, err)
			return
		}
	}
}

// loadMeetings: the campaign's mobilisation meeting and a monthly safety
// meeting, both held with decisions (work-list tasks), and the next
// monthly meeting scheduled.
func (l *loader) loadMeetings(svc *rules.Service) {
	leaders := []string{"顾锋", "姜声扬", "张佩武", "顾锦平", "王琴", "葛玉军", "黄轶", "陈建国", "孙丽", "李敏", "周伟", "吴芳", "钱宏"}
	type decision struct {
		text, unit, person string
		dueIn              int // days after the meeting
	}
	meetings := []struct {
		m         rules.Meeting
		chair     string
		heldIn    int
		decisions []decision
	}{
		{rules.Meeting{Kind: "mobilisation", Title: "校园安全生产专项整治动员部署会", Location: "行政楼三楼会议室",
			Situation: "深刻汲取“3·21”等事故教训；我校学生宿舍、实验室、食堂等人员密集场所火灾隐患排查仍有短板，危化品多头管理问题突出。",
			Minutes:   "顾锋书记传达省、市专项整治动员部署会精神；姜声扬校长部署全覆盖、拉网式安全隐患大检查、大排查、大整治；成立领导小组，办公室设在安全保卫处。"},
			"顾锋", -40, []decision{
				{"各系部、处室完成本部门安全隐患自查并报送问题清单", "安全保卫处", "黄轶", 30},
				{"完成学生宿舍电动自行车违规停放充电专项整治", "学生处", "徐志刚", 60},
			}},
		{rules.Meeting{Kind: "regular", Title: "安全工作例会（月度）", Location: "行政楼三楼会议室",
			Situation: "本月共检查32次，发现隐患9处，已整改6处；海安校区配电房制度未上墙，实验室危化品领用记录仍不完整。",
			Minutes:   "黄轶通报本月检查和隐患整改情况；张佩武副校长要求各分管领导按联系点制度带队检查。"},
			"姜声扬", -10, []decision{
				{"海安校区配电房张贴修订后的配电房安全管理制度", "海安校区", "钱宏", 17},
				{"组织全校教职工消防安全培训和疏散演练", "安全保卫处", "黄轶", 40},
			}},
	}
	for _, x := range meetings {
		m := x.m
		m.ScheduledOn, m.HeldOn, m.ChairPersonID = l.demoDay(x.heldIn), l.demoDay(x.heldIn), l.nameRef(l.person, x.chair, "person")
		for _, n := range leaders {
			m.AttendeeIDs = append(m.AttendeeIDs, l.nameRef(l.person, n, "person"))
		}
		if l.err != nil {
			return
		}
		saved, err := svc.SaveMeeting(l.ctx, l.sys, l.school, m)
		if err != nil {
			l.err = fmt.Errorf("demo meeting %s: %w", m.Title, err)
			return
		}
		for _, d := range x.decisions {
			dec := rules.Decision{Text: d.text, OwnerUnitID: l.nameRef(l.unit, d.unit, "unit"), OwnerPersonID: l.nameRef(l.person, d.person, "person"),
				DueOn: l.demoDay(x.heldIn + d.dueIn)}
			if l.err != nil {
				return
			}
			if _, err := svc.AddDecision(l.ctx, l.sys, l.school, saved.ID, dec); err != nil {
				l.err = fmt.Errorf("demo decision %s: %w", d.text, err)
				return
			}
		}
	}
	_, err := svc.SaveMeeting(l.ctx, l.sys, l.school, rules.Meeting{Kind: "regular", Title: "安全工作例会（下月）", Location: "行政楼三楼会议室",
		ScheduledOn: l.demoDay(20), ChairPersonID: l.nameRef(l.person, "姜声扬", "person")})
	if err != nil {
		l.err = fmt.Errorf("demo scheduled meeting: %w", err)
	}
}
