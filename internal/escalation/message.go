package escalation

import (
	"fmt"
	"strconv"
	"strings"

	"safecampus/internal/hazard"
	"safecampus/internal/notify"
)

// RequiredAction is what the rung's receiver is asked to do; the
// notification and the printed supervision notice say the same.
func RequiredAction(s Step) string {
	switch s {
	case StepOverdue:
		return "责任人立即落实整改措施，完成整改后提交验收；确需延期的，按程序申请延期。"
	case StepUnitHead:
		return "单位负责人督促责任人立即整改，并落实人员、经费和物资保障。"
	case StepLeader:
		return "分管领导对该隐患进行督办，约谈责任单位负责人，限期完成整改。"
	case StepOffice:
		return "专项整治办公室挂牌督办，通报责任单位，必要时提请领导小组研究处理。"
	}
	return ""
}

// stepAudience names who a rung tells, for titles and timeline notes.
func stepAudience(s Step) string {
	switch s {
	case StepOverdue:
		return "责任人"
	case StepUnitHead:
		return "单位负责人"
	case StepLeader:
		return "分管领导"
	case StepOffice:
		return "专项整治办公室"
	}
	return ""
}

// noteFor is the timeline note of a landed step.
func noteFor(landed Step, skipped []Step) string {
	note := "整改期限已过，已逾期，通知责任人"
	if landed != StepOverdue {
		note = fmt.Sprintf("逾期未整改，第%d级升级：通知%s", int(landed), stepAudience(landed))
	}
	for _, s := range skipped {
		note += fmt.Sprintf("；%s无可通知的账号，已跳过第%d级", stepAudience(s), int(s))
	}
	return note
}

// message is the notification of a landed step. It names the place, the
// unit and the staff member responsible, never a student (NOTIFY.md:
// group chats get what happened and a link).
func message(h *row, s Step, days int) notify.Message {
	title := fmt.Sprintf("隐患逾期：%s", h.Number)
	if s != StepOverdue {
		title = fmt.Sprintf("隐患逾期督办（第%d级·%s）：%s", int(s), stepAudience(s), h.Number)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "【%s】%s", hazard.LevelLabel(h.Level), clipRunes(h.Description, 60))
	if h.PlaceName != "" {
		fmt.Fprintf(&b, "（%s）", h.PlaceName)
	}
	fmt.Fprintf(&b, "\n整改期限：%s，已逾期 %d 天。", h.Deadline, days)
	fmt.Fprintf(&b, "\n责任单位：%s；责任人：%s。", orNone(h.UnitName), orNone(h.ResponsibleName))
	fmt.Fprintf(&b, "\n要求：%s", RequiredAction(s))
	return notify.Message{
		SchoolID: h.SchoolID,
		Title:    title,
		Body:     b.String(),
		Link:     "/hazards/" + strconv.FormatInt(h.ID, 10),
		DedupKey: DedupKey(h.ID, h.Deadline, s),
		External: true,
	}
}

func orNone(s string) string {
	if s == "" {
		return "未指定"
	}
	return s
}

func clipRunes(s string, n int) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
