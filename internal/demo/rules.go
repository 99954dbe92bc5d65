package demo

import (
	"fmt"
	"time"

	"safecampus/internal/checklist"
	"safecampus/internal/org"
	"safecampus/internal/rules"
	"safecampus/internal/sqldb"
)

// ruleSpec is a demo rule: the rules the notice asks to be in force
// (（七）制度落实 and the places whose rules must be on the wall).
type ruleSpec struct {
	code, title string
	area        checklist.Area
	effective   string
	types       []string // posted at every innermost place of these types
	summary     string
}

var demoRules = []ruleSpec{
	{"ZD-RUL-01", "安全生产管理规定", checklist.AreaRul, "2019-09-01", nil, "学校安全生产工作的总则：党政同责、一岗双责、齐抓共管、失职追责，管行业必须管安全、管业务必须管安全。"},
	{"ZD-RUL-02", "安全工作例会制度", checklist.AreaRul, "2019-09-01", nil, "每月召开一次安全工作例会，通报检查情况，分析研判安全生产形势，研究制定安全生产措施，形成会议纪要。"},
	{"ZD-RUL-03", "安全生产网格化管理制度", checklist.AreaRul, "2019-11-20", nil, "全校划分网格，明确网格长、网格员职责，绘制网格化管理网络图。"},
	{"ZD-RUL-04", "安全生产检查巡查制度", checklist.AreaRul, "2019-11-20", nil, "主要领导每半年、分管领导每季度、职能部门每月至少检查1次，每次检查留有台账，问题整改闭环。"},
	{"ZD-SEC-01", "值班制度", checklist.AreaSec, "2019-09-01", []string{"fire_control_room", "cctv_room", "police_room"}, "消防控制室、视频监控室、警务室24小时专人值班，持证上岗，做好交接班记录。"},
	{"ZD-SEC-02", "校园安全巡防巡查制度", checklist.AreaSec, "2019-09-01", []string{"gate"}, "校门口及周界常态化巡防，接警后按1、3、5分钟要求赶至现场处置。"},
	{"ZD-FIRE-01", "消防安全管理制度", checklist.AreaFire, "2019-09-01", []string{"student_dormitory", "high_rise"}, "学生宿舍严禁使用大功率电器、私拉乱接电线，保持疏散通道和消防通道畅通。"},
	{"ZD-FIRE-02", "消防控制室管理制度", checklist.AreaFire, "2019-09-01", []string{"fire_control_room", "pump_room"}, "消防控制室设备24小时运行，泵房泵机开关置于自动位置，每日巡查并记录。"},
	{"ZD-LOG-01", "配电房安全管理制度", checklist.AreaLog, "2019-06-01", []string{"power_room"}, "配电房专人值守、持证上岗，配备灭火器材、防鼠板和绝缘地毯。"},
	{"ZD-LOG-02", "食堂食品留样制度", checklist.AreaLog, "2019-09-01", []string{"canteen"}, "每餐次食品留样不少于125克，冷藏保存48小时，专人记录。"},
	{"ZD-LOG-03", "电梯安全管理制度", checklist.AreaLog, "2019-09-01", []string{"elevator"}, "电梯由维保单位定期维护，按期年检，轿厢内设应急对讲，制定困人应急预案。"},
	{"ZD-LAB-01", "实验室安全管理制度", checklist.AreaLab, "2019-09-01", []string{"laboratory"}, "实验室安全责任到人，实验前检查、实验后断电断水，废弃物分类处置。"},
	{"ZD-LAB-02", "危险化学品管理制度", checklist.AreaLab, "2020-04-01", []string{"warehouse"}, "危险化学品采购、运输、储存、使用、转移、处置全过程管理，双人双锁、双人领用。"},
}

// loadRules loads the rules register with a revision, postings verified by
// the campaign office at some places (others missing or never checked),
// three policy items and the safety meetings with their decisions (which
// land on the work list). It runs before the inspections so that their
// answers to "制度是否上墙" record postings too.
func (l *loader) loadRules() {
	if l.err != nil {
		return
	}
	svc := rules.NewService(l.org.DB, l.org.Now)
	office, err := l.auth.FindAccountByUsername(l.ctx, l.sys, "office")
	if err != nil {
		l.err = fmt.Errorf("demo rules: office account: %w", err)
		return
	}
	ids := map[string]int64{}
	for _, r := range demoRules {
		saved, err := svc.CreateRule(l.ctx, l.sys, l.school, rules.Rule{Code: r.code, Title: r.title, Area: r.area, EffectiveOn: r.effective, PlaceTypes: r.types, Summary: r.summary})
		if err != nil {
			l.err = fmt.Errorf("demo rule %s: %w", r.code, err)
			return
		}
		ids[r.code] = saved.ID
	}
	// The notice's logistics section asks for the power room's rules on the
	// wall; the school revised its rule during the campaign.
	v2, err := svc.ReviseRule(l.ctx, l.sys, l.school, ids["ZD-LOG-01"], rules.Rule{Title: "配电房安全管理制度（2020年修订）", Area: checklist.AreaLog,
		EffectiveOn: "2020-03-01", PlaceTypes: []string{"power_room"},
		Summary: "增加：手套和胶靴每半年绝缘检测一次；备用电路和发电机组每月试运行一次。"})
	if err != nil {
		l.err = fmt.Errorf("demo rule revision: %w", err)
		return
	}
	ids["ZD-LOG-01"] = v2.ID
	l.recordDemoPostings(ids, office.ID)
	l.loadPolicyItems(svc, ids)
	l.loadMeetings(svc)
}

// recordDemoPostings: the office verified the main campus's key rooms; the
// Hai'an campus power room was found without its (revised) rule.
func (l *loader) recordDemoPostings(ids map[string]int64, actor int64) {
	checks := []struct {
		rule, place string
		posted      bool
	}{
		{"ZD-SEC-01", "消防控制室", true}, {"ZD-SEC-01", "视频监控室", true}, {"ZD-SEC-01", "校园警务室", true},
		{"ZD-FIRE-02", "消防控制室", true}, {"ZD-FIRE-02", "消防泵房", true},
		{"ZD-LOG-01", "1号配电房", true}, {"ZD-LOG-01", "海安校区配电房", false},
		{"ZD-LAB-01", "化学实验室", true}, {"ZD-LAB-01", "药剂实验室", true}, {"ZD-LAB-02", "危化品仓库", true},
		{"ZD-LOG-02", "食堂后厨", true}, {"ZD-FIRE-01", "101宿舍", true}, {"ZD-FIRE-01", "201宿舍", false},
	}
	places, err := l.org.ListPlaces(l.ctx, l.sys, l.school, org.PlaceFilter{})
	if err != nil {
		l.err = err
		return
	}
	byName := map[string]int64{}
	for _, p := range places {
		byName[p.Name] = p.ID
	}
	now := l.org.Now()
	for _, c := range checks {
		place := l.nameRef(byName, c.place, "place")
		if l.err != nil {
			return
		}
		err := l.org.DB.Transact(l.ctx, func(tx *sqldb.Tx) error {
			return rules.RecordPosting(l.ctx, tx, now, actor, l.school, ids[c.rule], place, c.posted, rules.SourceManual)
		})
		if err != nil {
			l.err = fmt.Errorf("demo posting %s at %s: %w", c.rule, c.place, err)
			return
		}
	}
}

// demoDay is the date days from now in the school's zone.
func (l *loader) demoDay(days int) string {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		loc = time.FixedZone("CST", 8*3600)
	}
	return l.org.Now().In(loc).AddDate(0, 0, days).Format(time.DateOnly)
}
