package demo

import "safecampus/internal/org"

// The notice: 成立…领导小组。组长：顾锋 姜声扬；副组长：张佩武 顾锦平 王琴
// 葛玉军；成员：各处室、系部主要负责人。领导小组下设办公室，办公地点设在
// 安全保卫处，黄轶同志任办公室主任。
var (
	groupLeaders  = []string{"顾锋", "姜声扬"}
	groupDeputies = []string{"张佩武", "顾锦平", "王琴", "葛玉军"}
)

// extraHeads heads the offices and departments the unit list leaves
// without one, so that "成员：各处室、系部主要负责人" names a person for each.
var extraHeads = map[string]string{
	"党政办公室":     "沈文斌",
	"教务处":       "陆晓燕",
	"学生处":       "徐志刚",
	"人事处":       "朱红梅",
	"基础医学部":     "蒋立新",
	"海安校区综合办公室": "曹亮",
}

// contactPoints links each deputy leader to the units they supervise (ORG-4).
var contactPoints = []struct {
	leader string
	units  []string
}{
	{"张佩武", []string{"安全保卫处", "后勤管理处", "海安校区"}},
	{"顾锦平", []string{"护理系", "医学技术系"}},
	{"王琴", []string{"药学系", "实验实训中心", "教务处"}},
	{"葛玉军", []string{"学生处", "人事处", "党政办公室"}},
}

// loadLeadership creates the leading group with its office, seats the
// leaders, deputies and the head of every office, department and campus
// unit, and records the deputies' contact points.
func (l *loader) loadLeadership() {
	for _, u := range units {
		if name := extraHeads[u.name]; name != "" && u.head == "" {
			l.setHead(u.name, name)
		}
	}
	if l.err != nil {
		return
	}
	g, err := l.org.SaveLeadingGroup(l.ctx, l.sys, l.school, org.LeadingGroup{
		Name: "校园安全专项整治工作领导小组", OfficeUnitID: l.unit["安全保卫处"],
		OfficeDirectorPersonID: l.person["黄轶"], OfficeLocation: "安全保卫处",
	})
	if err != nil {
		l.err = err
		return
	}
	seat := func(name string, pos org.Position, duty string, order int) {
		if l.err != nil {
			return
		}
		_, l.err = l.org.AddLeadingGroupMember(l.ctx, l.sys, l.school, g.ID, org.LeadingGroupMember{
			PersonID: l.person[name], Position: pos, Duty: duty, SortOrder: int64(order)})
	}
	for i, name := range groupLeaders {
		seat(name, org.PositionLeader, "全面领导专项整治工作", i)
	}
	for i, name := range groupDeputies {
		seat(name, org.PositionDeputy, "分管并联系所联系单位的安全工作", i)
	}
	for i, u := range units {
		head := u.head
		if head == "" {
			head = extraHeads[u.name]
		}
		if head == "" || (u.kind != org.UnitOffice && u.kind != org.UnitDepartment && u.kind != org.UnitCampus) {
			continue
		}
		duty := "本单位安全工作第一责任人"
		if head == "黄轶" {
			duty = "领导小组办公室主任，负责专项整治日常工作"
		}
		seat(head, org.PositionMember, duty, i)
	}
	for _, cp := range contactPoints {
		if l.err != nil {
			return
		}
		var ids []int64
		for _, u := range cp.units {
			ids = append(ids, l.unit[u])
		}
		l.err = l.org.SetLeaderUnits(l.ctx, l.sys, l.school, l.person[cp.leader], ids)
	}
}
