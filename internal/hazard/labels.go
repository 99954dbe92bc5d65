package hazard

import "safecampus/internal/checklist"

// Label is a status's Chinese name.
func Label(st Status) string {
	switch st {
	case StatusReported:
		return "待确认"
	case StatusConfirmed:
		return "已确认"
	case StatusRejected:
		return "已驳回"
	case StatusAssigned:
		return "已交办"
	case StatusRectifying:
		return "整改中"
	case StatusSubmitted:
		return "待验收"
	case StatusClosed:
		return "已销号"
	}
	return string(st)
}

// ActionLabel is the Chinese name of a step (and of the timeline's own
// entries: report, overdue, escalate).
func ActionLabel(a Action) string {
	switch a {
	case ActConfirm:
		return "确认"
	case ActReject:
		return "驳回"
	case ActAssign:
		return "交办"
	case ActStart:
		return "开始整改"
	case ActProgress:
		return "整改进展"
	case ActSubmit:
		return "提交验收"
	case ActAccept:
		return "验收通过"
	case ActReturn:
		return "验收退回"
	case ActRequestExtension:
		return "申请延期"
	case ActApproveExtension:
		return "批准延期"
	case ActRefuseExtension:
		return "不批准延期"
	case ActReassign:
		return "改派"
	case ActReopen:
		return "重新打开"
	case ActPlan:
		return "治理方案"
	case ActList:
		return "挂牌督办"
	case ActDelist:
		return "摘牌"
	case EvReport:
		return "上报"
	case EvOverdue:
		return "逾期"
	case EvEscalate:
		return "督办升级"
	case EvRecheck:
		return "回头看复查"
	}
	return string(a)
}

// LevelLabel is a level's Chinese name.
func LevelLabel(l string) string {
	if l == LevelMajor {
		return "重大隐患"
	}
	return "一般隐患"
}

// SourceLabel is a source's Chinese name.
func SourceLabel(s string) string {
	switch s {
	case SourceInspection:
		return "检查发现"
	case SourceReport:
		return "随手拍"
	case SourceAnonymous:
		return "匿名举报"
	}
	return s
}

// AreaGeneral is the area of a hazard no check area fits (其他).
const AreaGeneral = "GEN"

// AreaLabel is the Chinese name of a hazard's check area.
func AreaLabel(area string) string {
	if area == AreaGeneral || area == "" {
		return "其他"
	}
	return checklist.Area(area).Label()
}

// validArea reports whether area is one of the notice's areas or GEN.
func validArea(area string) bool {
	if area == AreaGeneral {
		return true
	}
	for _, a := range checklist.Areas {
		if string(a) == area {
			return true
		}
	}
	return false
}
