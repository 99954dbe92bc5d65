package demo

import (
	"fmt"
	"time"

	"safecampus/internal/hazard"
)

// majorHazard: the grid leader reports a flooded cable trench in the
// power room; the office confirms it as a major hazard and lists it for
// supervision; 后勤管理处 writes the six-element governance plan and
// starts the work, which is still going on (so it stays on every leader's
// home page).
func (w *hazardWalker) majorHazard() {
	found := w.now.AddDate(0, 0, -12).Add(-2 * time.Hour)
	h := w.report("gridleader", found, "1号配电房", "LOG", "配电房电缆沟大量积水，主进线电缆绝缘层老化开裂，雨季存在触电和电气火灾风险", "major-power-room")
	if h == nil {
		return
	}
	w.step(h, "office", found.Add(2*time.Hour), hazard.Step{Action: hazard.ActConfirm, Level: hazard.LevelMajor, Area: "LOG", Category: "供配电设施",
		Note: "经现场核查，属重大事故隐患"})
	w.step(h, "office", found.Add(3*time.Hour), hazard.Step{Action: hazard.ActList, Note: "校园安全专项整治工作领导小组挂牌督办"})
	w.step(h, "office", found.Add(4*time.Hour), hazard.Step{Action: hazard.ActAssign, UnitID: w.l.unit["后勤管理处"], ResponsibleID: w.l.person["陈建国"],
		AcceptorID: w.l.person["张佩武"], SupervisorID: w.l.person["姜声扬"], FundsYuan: 120000, Deadline: w.date(found.AddDate(0, 0, 30)),
		Measures: "立即排水并设置警戒区，限制负荷运行；更换主进线电缆，电缆沟加装排水泵和防水封堵。"})
	w.step(h, "unithead", found.Add(24*time.Hour), hazard.Step{Action: hazard.ActPlan, Plan: &hazard.Plan{
		Goal:            "彻底消除1号配电房电缆沟积水和主进线电缆老化隐患，恢复安全供电。",
		Methods:         "抽排积水并封堵渗漏点；更换主进线电缆及中间接头；电缆沟加装自动排水泵和水位报警。",
		FundsMaterials:  "学校安全专项经费12万元，电缆及排水设备由后勤管理处按政府采购程序采购。",
		Organisation:    "后勤管理处牵头，处长陈建国负责，电工杨帆等组成施工组，安全保卫处配合现场警戒。",
		TimeLimit:       "30日内完成，施工安排在周末停电窗口，完工后报领导小组验收。",
		SafetyEmergency: "施工期间停电挂牌、设专人监护；配电房外设警戒区；备用发电机待命，制定触电及火灾应急处置预案。",
	}})
	w.step(h, "unithead", found.Add(2*24*time.Hour), hazard.Step{Action: hazard.ActStart, Note: "已完成临时排水和警戒，开始治理"})
	w.step(h, "unithead", found.Add(6*24*time.Hour), hazard.Step{Action: hazard.ActProgress, Note: "电缆沟渗漏点已封堵，新电缆完成采购，计划本周末停电更换",
		PhotoIDs: w.photo("unithead")})
}

// reports: a staff member's and a guard's 随手拍, and an anonymous report
// from the canteen's QR code.
func (w *hazardWalker) reports() {
	found := w.now.Add(-26 * time.Hour)
	w.report("staff", found, "2号学生公寓", "FIRE", "2号学生公寓2楼走廊应急照明灯不亮，夜间疏散存在隐患", "staff-dorm-light")
	found = w.now.AddDate(0, 0, -6)
	if h := w.report("guard", found, "地下车库", "", "地下车库B区有电动自行车违规充电，私拉电线", "guard-garage-charge"); h != nil {
		w.step(h, "office", found.Add(time.Hour), hazard.Step{Action: hazard.ActConfirm, Area: "FIRE", Category: "电动自行车充电"})
		w.step(h, "office", found.Add(2*time.Hour), hazard.Step{Action: hazard.ActAssign, UnitID: w.l.unit["安全保卫处"], ResponsibleID: w.l.person["马军"],
			AcceptorID: w.l.person["张佩武"], Measures: "立即拆除私拉电线，清理违规充电车辆，在车库入口张贴禁止充电告示，协调后勤在室外增设集中充电桩。",
			Deadline: w.date(found.AddDate(0, 0, 10))})
		w.step(h, "guard", found.Add(20*time.Hour), hazard.Step{Action: hazard.ActStart, Note: "已拆除私拉电线，正在联系增设充电桩"})
	}
	if w.l.err != nil {
		return
	}
	place, err := w.l.demoPlaceID("学生食堂")
	if err != nil {
		w.l.err = err
		return
	}
	if tok := w.l.checkpointToken(place); tok != "" {
		*w.at = w.now.Add(-40 * time.Hour)
		_, w.l.err = w.svc.ReportAnonymous(w.l.ctx, tok, hazard.AnonymousInput{Description: "食堂后门消防通道堆放纸箱和液化气罐，通道被堵"})
	}
}

// report stores a logged-in user's report at when.
func (w *hazardWalker) report(login string, when time.Time, placeName, area, desc, cid string) *hazard.Hazard {
	if w.l.err != nil {
		return nil
	}
	place, err := w.l.demoPlaceID(placeName)
	if err != nil {
		w.l.err = err
		return nil
	}
	a := w.actor(login)
	if a == nil {
		return nil
	}
	ph := w.photo(login)
	*w.at = when
	h, err := w.svc.Report(w.l.ctx, a, w.l.school, hazard.ReportInput{PlaceID: place, Area: area, Description: desc, PhotoIDs: ph, ClientID: "demo-" + cid})
	if err != nil {
		w.l.err = fmt.Errorf("demo report %s: %w", cid, err)
		return nil
	}
	return h
}
