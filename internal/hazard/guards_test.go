package hazard

import (
	"testing"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/testkit"
)

// TestGuards: each guard refuses with its own message and stores nothing.
func TestGuards(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			cases := []struct {
				name   string
				status Status
				level  string
				setup  func(id int64)
				actor  *auth.Actor
				step   Step
				msg    string
			}{
				{"deadline in the past", StatusConfirmed, LevelGeneral, nil, f.office,
					Step{Action: ActAssign, UnitID: f.unit1, ResponsibleID: f.pResp, Measures: "更换", Deadline: yesterday}, "整改期限不能早于今天。"},
				{"acceptor is the responsible person", StatusConfirmed, LevelGeneral, nil, f.office,
					Step{Action: ActAssign, UnitID: f.unit1, ResponsibleID: f.pResp, AcceptorID: f.pResp, Measures: "更换", Deadline: deadline}, "验收人不能是整改责任人。"},
				{"major acceptor outside the leading group", StatusConfirmed, LevelMajor, nil, f.office,
					Step{Action: ActAssign, UnitID: f.unit1, ResponsibleID: f.pResp, AcceptorID: f.pStaff, Measures: "更换", Deadline: deadline}, "重大隐患的验收人须为安全领导小组成员。"},
				{"extension while one is pending", StatusRectifying, LevelGeneral, func(id int64) { f.pendingExtension(id) }, f.resp,
					Step{Action: ActRequestExtension, NewDeadline: laterByTen, Reason: "材料未到"}, "已有一项延期申请等待审批，请等待办公室答复。"},
				{"extension not later", StatusRectifying, LevelGeneral, nil, f.resp,
					Step{Action: ActRequestExtension, NewDeadline: deadline, Reason: "材料未到"}, "延期后的整改期限须晚于原期限（" + deadline + "）。"},
				{"extension too long", StatusRectifying, LevelGeneral, nil, f.resp,
					Step{Action: ActRequestExtension, NewDeadline: "2026-04-24", Reason: "材料未到"}, "延期不能超过 30 天（最晚至 2026-04-23）。"},
				{"approve without a pending request", StatusRectifying, LevelGeneral, nil, f.office,
					Step{Action: ActApproveExtension}, "没有待审批的延期申请。"},
				{"refuse without reason", StatusRectifying, LevelGeneral, func(id int64) { f.pendingExtension(id) }, f.office,
					Step{Action: ActRefuseExtension}, "请填写不批准的理由。"},
				{"submit without photos", StatusRectifying, LevelGeneral, nil, f.resp,
					Step{Action: ActSubmit, Note: "已整改"}, "提交验收前请上传至少一张整改后的照片。"},
				{"submit with someone else's photo", StatusRectifying, LevelGeneral, nil, f.resp,
					Step{Action: ActSubmit, Note: "已整改", PhotoIDs: []int64{f.pendingPhoto(f.head1)}}, ""},
				{"rectifier accepts", StatusSubmitted, LevelGeneral, func(id int64) {
					f.exec(`UPDATE hazards SET rectified_by_person_id = $1 WHERE id = $2`, f.pAcceptor, id)
				}, f.acceptor,
					Step{Action: ActAccept}, "整改人不能验收自己整改的隐患，请由其他验收人验收。"},
				{"reporter accepts", StatusSubmitted, LevelGeneral, func(id int64) { f.exec(`UPDATE hazards SET found_by_person_id = $1 WHERE id = $2`, f.pAcceptor, id) }, f.acceptor,
					Step{Action: ActAccept}, "隐患上报人不能验收该隐患的整改，请由其他验收人验收。"},
				{"major accepted outside the leading group", StatusSubmitted, LevelMajor, func(id int64) { f.exec(`UPDATE hazards SET acceptor_person_id = NULL WHERE id = $1`, id) }, f.office,
					Step{Action: ActAccept}, "重大隐患须由安全领导小组成员验收后方可销号。"},
				{"major start without plan", StatusAssigned, LevelMajor, func(id int64) { f.exec(`DELETE FROM hazard_plans WHERE hazard_id = $1`, id) }, f.resp,
					Step{Action: ActStart}, "重大隐患须先制定包含六项内容的治理方案，方可开始整改。"},
				{"major start with an incomplete plan", StatusAssigned, LevelMajor, func(id int64) { f.exec(`UPDATE hazard_plans SET safety_emergency = '' WHERE hazard_id = $1`, id) }, f.resp,
					Step{Action: ActStart}, "重大隐患须先制定包含六项内容的治理方案，方可开始整改。"},
				{"plan missing an element", StatusAssigned, LevelMajor, nil, f.resp,
					Step{Action: ActPlan, Plan: &Plan{Goal: "消除隐患", Methods: "更换", FundsMaterials: "3万元", Organisation: "后勤", TimeLimit: "30日"}}, "请填写安全措施和应急预案。"},
				{"reject without reason", StatusReported, LevelGeneral, nil, f.office,
					Step{Action: ActReject}, "请填写驳回理由。"},
				{"duplicate of another school's hazard", StatusReported, LevelGeneral, nil, f.office,
					Step{Action: ActReject, Reason: "重复", DuplicateOf: f.foreignHazard()}, "所指的重复隐患不存在。"},
				{"duplicate of itself", StatusReported, LevelGeneral, nil, f.office,
					Step{Action: ActReject, Reason: "重复", DuplicateOf: -1}, "重复隐患不能指向自身。"},
				{"reassign without reason", StatusRectifying, LevelGeneral, nil, f.office,
					Step{Action: ActReassign, UnitID: f.unit2}, "请填写改派理由。"},
				{"reassign to the same unit and person", StatusRectifying, LevelGeneral, nil, f.office,
					Step{Action: ActReassign, Reason: "调整"}, "改派须更换责任单位或整改责任人。"},
				{"reopen without new deadline", StatusClosed, LevelGeneral, nil, f.office,
					Step{Action: ActReopen, Reason: "回头看未通过"}, "请填写整改期限。"},
				{"return without reason", StatusSubmitted, LevelGeneral, nil, f.acceptor,
					Step{Action: ActReturn}, "请填写退回理由。"},
				{"list when listed", StatusAssigned, LevelMajor, func(id int64) { f.exec(`UPDATE hazards SET listed = TRUE WHERE id = $1`, id) }, f.office,
					Step{Action: ActList}, "该隐患已挂牌督办。"},
				{"delist when not listed", StatusAssigned, LevelMajor, nil, f.office,
					Step{Action: ActDelist}, "该隐患未挂牌督办，无需摘牌。"},
				{"progress without note", StatusRectifying, LevelGeneral, nil, f.resp,
					Step{Action: ActProgress}, "请填写整改进展。"},
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					id := f.hazardAt(c.status, c.level)
					if c.setup != nil {
						c.setup(id)
					}
					if c.step.DuplicateOf == -1 {
						c.step.DuplicateOf = id
					}
					c.step.Version = f.version(id)
					before := f.snap(id)
					_, err := f.svc.Apply(f.ctx, c.actor, f.school, id, c.step)
					f.t = t
					f.refused(id, before, err, apperr.Invalid, c.msg)
				})
			}
		})
	}
}

// foreignHazard is a hazard of the other school.
func (f *fixture) foreignHazard() int64 {
	return f.insert(`INSERT INTO hazards (school_id, number, source, found_at, area, description, created_at, updated_at)
		VALUES ($1, '2026-GEN-0001', 'report', 0, 'GEN', '他校隐患', 0, 0) RETURNING id`, f.other)
}

// TestStaleVersion: a step on an outdated page is a conflict, not a change.
func TestStaleVersion(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			id := f.hazardAt(StatusRectifying, LevelGeneral)
			f.exec(`UPDATE hazards SET version = 3 WHERE id = $1`, id)
			before := f.snap(id)
			_, err := f.svc.Apply(f.ctx, f.resp, f.school, id, Step{Action: ActProgress, Version: 2, Note: "进行中"})
			f.refused(id, before, err, apperr.Conflict, "记录已被他人修改，请刷新后重试。")
		})
	}
}
