package web

// The assign/reassign and governance plan forms of a hazard's page
// (hazard_forms.go has the rules).

// assign writes the assign or reassign form: the same fields, plus the
// reason of a reassignment; measures and deadline are required only when
// assigning. The options of the four selects were written once per view
// (hazardSelectsHTML) and are copied in as they are.
func (f *hazardForms) assign(act string) {
	if !f.v.Can[act] {
		return
	}
	v, first := f.v, act == "assign"
	summary, button := f.p.T("改派"), f.p.T("改派")
	if first {
		summary, button = f.p.T("交办整改"), f.p.T("交办")
	}
	f.details(act, v.Open == act, summary, `" data-assign`)
	f.formErrs(act, "unit_id", "responsible_id", "measures", "funds_yuan", "deadline", "acceptor_id", "supervisor_id", "reason")
	choose := f.p.T("请选择")
	f.raw("\n    <label>")
	f.t("责任单位")
	f.raw(`<select name="unit_id" required data-unit-select><option value="">（`)
	f.text(choose)
	f.raw(`）</option>`)
	f.escaped(v.Selects.Units)
	f.raw("</select></label>\n    ")
	f.fieldErr(act, "unit_id")
	f.raw("\n    <label>")
	f.t("责任人")
	f.raw(`<select name="responsible_id" required data-person-select><option value="">（`)
	f.text(choose)
	f.raw(`）</option>`)
	f.escaped(v.Selects.Responsible)
	f.raw("</select></label>\n    ")
	f.fieldErr(act, "responsible_id")
	f.raw("\n    ")
	if !first {
		f.raw("\n    <label>")
		f.t("改派原因")
		f.raw(`<textarea name="reason" rows="2" maxlength="1000" required>`)
		f.text(v.Val("reason"))
		f.raw("</textarea></label>\n    ")
		f.fieldErr(act, "reason")
		f.raw("\n    ")
	}
	f.raw("\n    <label>")
	f.t("整改措施")
	if first {
		f.raw(`<textarea name="measures" rows="3" maxlength="2000" required>`)
	} else {
		f.raw(`<textarea name="measures" rows="3" maxlength="2000">`)
	}
	f.text(v.Val("measures"))
	f.raw("</textarea></label>\n    ")
	f.fieldErr(act, "measures")
	f.raw("\n    <label>")
	f.t("整改资金（元）")
	f.raw(`<input name="funds_yuan" type="number" min="0" step="1" inputmode="numeric" value="`)
	f.text(v.Val("funds_yuan"))
	f.raw("\"></label>\n    ")
	f.fieldErr(act, "funds_yuan")
	f.raw("\n    <label>")
	f.t("整改期限")
	f.raw(`<input name="deadline" type="date" value="`)
	f.text(v.Val("deadline"))
	if first {
		f.raw("\" required></label>\n    ")
	} else {
		f.raw("\"></label>\n    ")
	}
	f.fieldErr(act, "deadline")
	f.raw("\n    <label>")
	f.t("验收人（不选则由专项整治办公室验收）")
	f.raw(`<select name="acceptor_id"><option value="">（`)
	f.t("专项整治办公室")
	f.raw(`）</option>`)
	f.escaped(v.Selects.Acceptor)
	f.raw("</select></label>\n    ")
	f.fieldErr(act, "acceptor_id")
	f.raw("\n    <label>")
	f.t("督办人")
	f.raw(`<select name="supervisor_id"><option value="">（`)
	f.t("无")
	f.raw(`）</option>`)
	f.escaped(v.Selects.Supervisor)
	f.raw("</select></label>\n    ")
	f.fieldErr(act, "supervisor_id")
	f.raw("\n    <button type=\"submit\" class=\"primary big\">")
	f.text(button)
	f.raw("</button>")
	f.endDetails()
}

// plan writes the governance plan form: one textarea per element, with
// what was sent or the stored plan (PlanFields).
func (f *hazardForms) plan() {
	const act = "plan"
	if !f.v.Can[act] {
		return
	}
	f.details(act, f.v.Open == act, f.p.T("治理方案"), `"`)
	f.formErrs(act, "plan.goal", "plan.methods", "plan.funds_materials", "plan.organisation", "plan.time_limit", "plan.safety_emergency")
	f.raw("\n    ")
	for _, pf := range f.v.PlanFields() {
		f.raw("\n    <label>")
		f.t(pf.Label)
		f.raw(`<textarea name="`)
		f.text(pf.Name)
		f.raw(`" rows="3" maxlength="2000" required>`)
		f.text(pf.Value)
		f.raw("</textarea></label>\n    ")
		f.fieldErr(act, pf.ErrField)
		f.raw("\n    ")
	}
	f.raw("\n    <button type=\"submit\" class=\"primary big\">")
	f.t("保存治理方案")
	f.raw("</button>")
	f.endDetails()
}
