package web

import (
	"net/http"
	"strconv"
	"strings"

	"safecampus/internal/apperr"
	"safecampus/internal/hazard"
)

// stepFromForm reads the posted form of action act into a Step. Only the
// fields of that action are read, so a hand-made post cannot smuggle an
// assignment into an acceptance. Numbers that do not parse are field
// errors; everything else is the service's to validate.
func stepFromForm(r *http.Request, act hazard.Action) (hazard.Step, []apperr.FieldError) {
	var errs []apperr.FieldError
	num := func(name, msg string) int64 {
		v := strings.TrimSpace(r.PostFormValue(name))
		if v == "" {
			return 0
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			errs = append(errs, apperr.FieldError{Field: name, Message: msg})
			return 0
		}
		return n
	}
	text := func(name string) string { return strings.TrimSpace(r.PostFormValue(name)) }
	st := hazard.Step{Action: act, Version: num("version", "页面已过期，请刷新后重试。")}
	switch act {
	case hazard.ActConfirm:
		st.Level, st.Area, st.Category = text("level"), text("area"), text("category")
	case hazard.ActReject, hazard.ActReturn:
		st.Reason = text("reason")
	case hazard.ActAssign, hazard.ActReassign:
		st.UnitID = num("unit_id", "请选择责任单位。")
		st.ResponsibleID = num("responsible_id", "请选择责任人。")
		st.AcceptorID = num("acceptor_id", "验收人无效。")
		st.SupervisorID = num("supervisor_id", "督办人无效。")
		st.Measures = text("measures")
		st.FundsYuan = num("funds_yuan", "整改资金请填写不小于 0 的整数（元）。")
		st.Deadline = text("deadline")
		if act == hazard.ActReassign {
			st.Reason = text("reason")
		}
	case hazard.ActProgress, hazard.ActSubmit, hazard.ActAccept,
		hazard.ActApproveExtension, hazard.ActRefuseExtension, hazard.ActList, hazard.ActDelist:
		st.Note = text("note")
		if act == hazard.ActApproveExtension || act == hazard.ActRefuseExtension {
			st.ExtensionID = num("extension_id", "延期申请无效。")
		}
	case hazard.ActRequestExtension:
		st.NewDeadline, st.Reason = text("new_deadline"), text("reason")
	case hazard.ActReopen:
		st.NewDeadline, st.Reason = text("new_deadline"), text("reason")
	case hazard.ActPlan:
		st.Plan = &hazard.Plan{Goal: text("goal"), Methods: text("methods"), FundsMaterials: text("funds_materials"),
			Organisation: text("organisation"), TimeLimit: text("time_limit"), SafetyEmergency: text("safety_emergency")}
	}
	return st, errs
}
