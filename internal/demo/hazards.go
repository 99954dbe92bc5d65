package demo

import (
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/escalation"
	"safecampus/internal/hazard"
)

// hazardWalker takes demo hazards through the workflow as the people of
// the notice's school would have, each step at its own past moment.
type hazardWalker struct {
	l      *loader
	svc    *hazard.Service
	at     *time.Time
	now    time.Time
	actors map[string]*auth.Actor
	seed   int
	// rejected counts duplicates rejected: the demo shows one.
	rejected int
}

// responsibleFor names who rectifies in a unit: the demo accounts that
// belong to it. Other units' facility problems go to 后勤管理处.
var responsibleFor = map[string]struct{ unit, person, login string }{
	"后勤管理处":  {"后勤管理处", "陈建国", "unithead"},
	"实验实训中心": {"实验实训中心", "孙丽", "labmanager"},
	"安全保卫处":  {"安全保卫处", "马军", "guard"},
}

// measuresFor is what the office asks for, by area of the check.
var measuresFor = map[string]string{
	"FIRE": "立即清理疏散通道杂物，更换过期、失压灭火器，修复应急照明和疏散指示标志，并组织楼内人员开展一次消防安全提醒。",
	"LOG":  "更换老化燃气软管和线路，配电箱加锁并张贴警示标识，完善食品留样和设备巡检记录。",
	"LAB":  "按《危险化学品安全管理条例》更新危化品台账，废液分类存放并联系有资质单位回收，维修通风橱。",
	"SEC":  "更换监控探头并调整角度，完善门卫来访登记，落实重点部位值守。",
	"TRA":  "修复校门口减速带，补划交通标线，上下学时段安排护导。",
	"RESP": "本月内完成安全责任书签订，更新本单位安全工作清单并报安全保卫处备案。",
	"RUL":  "补齐值班记录，制度上墙，由部门负责人每周检查一次落实情况。",
	"EDU":  "本月内组织一次全员安全培训并留存签到表和照片。",
}

// loadHazards walks the demo school's hazards: the inspections' findings
// (oldest first) through every state of the workflow, a major hazard with
// its governance plan under listed supervision, logged-in reports and an
// anonymous one. It runs after loadInspections.
func (l *loader) loadHazards() {
	if l.err != nil {
		return
	}
	db := l.org.DB
	w := &hazardWalker{l: l, now: l.org.Now(), actors: map[string]*auth.Actor{}}
	at := w.now
	w.at = &at
	clock := func() time.Time { return at }
	w.svc = hazard.NewService(db, l.opt.photos, clock)
	ids, err := idsOf(l, `SELECT id FROM hazards WHERE school_id = $1 AND source = 'inspection' ORDER BY found_at, id`, l.school)
	if err != nil {
		l.err = err
		return
	}
	for i, id := range ids {
		if l.err != nil {
			return
		}
		w.walkFinding(i, id, ids)
	}
	w.majorHazard()
	w.reports()
	if l.err == nil {
		// The overdue hazard's deadline has passed: the scheduler's sweep
		// would mark it now; run it once so the demo shows it at once.
		_, l.err = escalation.Sweep(l.ctx, db, w.now)
	}
}

// walkFinding decides by age what hazard i of the findings went through:
// the oldest are closed, then one overdue, one extended, one awaiting
// acceptance, a few in work, one rejected as a duplicate of an earlier
// finding at the same place; the newest wait for the office.
func (w *hazardWalker) walkFinding(i int, id int64, all []int64) {
	h := w.get(id)
	if h == nil {
		return
	}
	f := h.FoundAt
	switch {
	case i < 3:
		w.assign(h, f.Add(3*time.Hour), 7)
		w.work(h, f.Add(26*time.Hour), "已安排人员现场处置")
		if !w.submit(h, f.Add(3*24*time.Hour), "已按要求整改，附整改后照片") {
			return // no photo store: no evidence, so the work stays in progress
		}
		if i == 0 {
			w.step(h, w.acceptorLogin(h), f.Add(4*24*time.Hour), hazard.Step{Action: hazard.ActReturn, Reason: "现场复查发现仍有一处未整改到位，请补充整改"})
			w.submit(h, f.Add(5*24*time.Hour), "已补充整改，全部整改到位")
		}
		w.step(h, w.acceptorLogin(h), f.Add(6*24*time.Hour), hazard.Step{Action: hazard.ActAccept, Note: "经现场验收，整改到位，同意销号"})
	case i == 3: // overdue: the deadline passed while waiting for parts
		w.assign(h, f.Add(2*time.Hour), 5)
		w.work(h, f.Add(24*time.Hour), "已联系厂家，等待配件到货")
	case i == 4: // extended
		w.assign(h, f.Add(2*time.Hour), 7)
		w.work(h, f.Add(24*time.Hour), "已开始整改")
		w.step(h, w.responsible(h).login, f.Add(2*24*time.Hour), hazard.Step{Action: hazard.ActRequestExtension,
			NewDeadline: w.date(f.Add(2*time.Hour).AddDate(0, 0, 17)), Reason: "所需设备需政府采购，预计到货需两周"})
		w.step(h, "office", f.Add(2*24*time.Hour+4*time.Hour), hazard.Step{Action: hazard.ActApproveExtension, Note: "同意延期，请抓紧落实临时防护措施"})
	case i == 5: // awaiting acceptance
		w.assign(h, f.Add(3*time.Hour), 7)
		w.work(h, f.Add(24*time.Hour), "已开始整改")
		w.submit(h, f.Add(3*24*time.Hour), "整改完毕，请验收")
	case i == 6 || i == 7:
		w.assign(h, f.Add(3*time.Hour), 10)
		w.work(h, f.Add(20*time.Hour), "正在整改")
	case i == 8 || i == 9:
		w.assign(h, f.Add(4*time.Hour), 10)
	default:
		if of := w.earlierAtPlace(h, all[:i]); of != nil && w.rejected == 0 {
			w.rejected++
			w.step(h, "office", f.Add(2*time.Hour), hazard.Step{Action: hazard.ActReject, DuplicateOf: of.ID,
				Reason: "经核实与隐患 " + of.Number + " 为同一场所的同一处问题，重复上报，并入原隐患跟踪整改"})
		}
	}
}
