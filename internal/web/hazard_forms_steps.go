package web

// The rectification, acceptance, extension, reopen and listing forms of a
// hazard's page (hazard_forms.go has the rules).

// photoStep writes the progress or submit form (a note and photos); the
// submit form is always open, being the step the responsible person is
// there for.
func (f *hazardForms) photoStep(act string) {
	if !f.v.Can[act] {
		return
	}
	progress := act == "progress"
	summary, label, camera, button := f.p.T("提交验收"), f.p.T("整改结果"), f.p.T("拍摄整改后照片（必须）"), f.p.T("提交验收")
	if progress {
		summary, label, camera, button = f.p.T("记录整改进展"), f.p.T("进展说明"), f.p.T("拍照（可多张）"), f.p.T("保存进展")
	}
	f.details(act, f.v.Open == act || !progress, summary, `" enctype="multipart/form-data" data-photo-form`)
	f.formErrs(act, "note", "photos")
	f.raw("\n    <label>")
	f.text(label)
	f.raw(`<textarea name="note" rows="3" maxlength="2000" required>`)
	f.text(f.v.Val("note"))
	f.raw("</textarea></label>\n    ")
	f.fieldErr(act, "note")
	f.raw("\n    <div class=\"thumbs\" data-previews></div>\n    <label class=\"camera button big\"><span>")
	f.text(camera)
	f.raw(`</span><input type="file" name="photos" accept="image/*" capture="environment" multiple data-hz-camera></label>` + "\n    ")
	f.fieldErr(act, "photos")
	f.raw("\n    <button type=\"submit\" class=\"primary big\" data-submit>")
	f.text(button)
	f.raw("</button>")
	f.endDetails()
}

// acceptance writes the acceptor's card: accept and return, each shown
// when allowed.
func (f *hazardForms) acceptance() {
	accept, ret := f.v.Can["accept"], f.v.Can["return"]
	if !accept && !ret {
		return
	}
	f.raw("\n<div class=\"hz-act card\" id=\"act-accept\">\n  <h3>")
	f.t("验收")
	f.raw("</h3>\n  ")
	if accept {
		f.raw("\n  ")
		f.formTag("accept")
		f.raw("\" class=\"form\">\n    ")
		f.hidden()
		f.raw("\n    ")
		f.formErrs("accept", "note")
		f.raw("\n    <label>")
		f.t("验收意见")
		f.raw(`<textarea name="note" rows="2" maxlength="1000">`)
		f.openVal("accept", "note")
		f.raw("</textarea></label>\n    ")
		f.fieldErr("accept", "note")
		f.raw("\n    <button type=\"submit\" class=\"primary big\">")
		f.t("验收通过")
		f.raw("</button>\n  </form>\n  ")
	}
	f.raw("\n  ")
	if ret {
		f.raw("\n  ")
		f.formTag("return")
		f.raw("\" class=\"form hz-return\">\n    ")
		f.hidden()
		f.raw("\n    ")
		f.formErrs("return", "reason")
		f.raw("\n    <label>")
		f.t("退回原因")
		f.raw(`<textarea name="reason" rows="2" maxlength="1000" required>`)
		f.openVal("return", "reason")
		f.raw("</textarea></label>\n    ")
		f.fieldErr("return", "reason")
		f.raw("\n    <button type=\"submit\" class=\"big\">")
		f.t("退回整改")
		f.raw("</button>\n  </form>\n  ")
	}
	f.raw("\n</div>\n")
}

func (f *hazardForms) requestExtension() {
	const act = "request_extension"
	if !f.v.Can[act] {
		return
	}
	f.details(act, f.v.Open == act, f.p.T("申请延期"), `"`)
	f.formErrs(act, "new_deadline", "reason")
	f.raw("\n    <label>")
	f.t("延期至")
	f.raw(`<input name="new_deadline" type="date" required value="`)
	f.text(f.v.Val("new_deadline"))
	f.raw("\"></label>\n    ")
	f.fieldErr(act, "new_deadline")
	f.raw("\n    <label>")
	f.t("延期原因")
	f.raw(`<textarea name="reason" rows="2" maxlength="1000" required>`)
	f.openVal(act, "reason")
	f.raw("</textarea></label>\n    ")
	f.fieldErr(act, "reason")
	f.raw("\n    <button type=\"submit\" class=\"primary big\">")
	f.t("提交延期申请")
	f.raw("</button>")
	f.endDetails()
}

// decideExtension writes the office's card for a pending extension:
// approve and refuse, each with an optional note.
func (f *hazardForms) decideExtension() {
	approve, refuse := f.v.Can["approve_extension"], f.v.Can["refuse_extension"]
	if !approve && !refuse {
		return
	}
	f.raw("\n<div class=\"hz-act card\" id=\"act-extension\">\n  <h3>")
	f.t("延期审批")
	f.raw("</h3>\n  ")
	note := f.p.T("审批意见")
	if approve {
		f.decision("approve_extension", note, "\" class=\"big primary\">", f.p.T("批准延期"))
	}
	if refuse {
		f.decision("refuse_extension", note, "\" class=\"big\">", f.p.T("不批准"))
	}
	f.raw("\n</div>\n")
}

// decision writes one of decideExtension's forms; buttonEnd is the
// constant end of the button's start tag.
func (f *hazardForms) decision(act, note, buttonEnd, button string) {
	f.raw("\n  ")
	f.formTag(act)
	f.raw("\" class=\"form\">\n    ")
	f.hidden()
	f.raw("\n    ")
	f.formErrs(act, "note")
	f.raw("\n    <label>")
	f.text(note)
	f.raw(`<input name="note" maxlength="500" value="`)
	f.openVal(act, "note")
	f.raw("\"></label>\n    <button type=\"submit")
	f.raw(buttonEnd)
	f.text(button)
	f.raw("</button>\n  </form>\n  ")
}

func (f *hazardForms) reopen() {
	const act = "reopen"
	if !f.v.Can[act] {
		return
	}
	label := f.p.T("重新打开")
	f.details(act, f.v.Open == act, label, `"`)
	f.formErrs(act, "reason", "new_deadline")
	f.raw("\n    <label>")
	f.t("重新打开原因")
	f.raw(`<textarea name="reason" rows="2" maxlength="1000" required>`)
	f.openVal(act, "reason")
	f.raw("</textarea></label>\n    ")
	f.fieldErr(act, "reason")
	f.raw("\n    <label>")
	f.t("新的整改期限")
	f.raw(`<input name="new_deadline" type="date" required value="`)
	f.text(f.v.Val("new_deadline"))
	f.raw("\"></label>\n    ")
	f.fieldErr(act, "new_deadline")
	f.raw("\n    <button type=\"submit\" class=\"primary big\">")
	f.text(label)
	f.raw("</button>")
	f.endDetails()
}

// listing writes the list (挂牌督办) or delist (摘牌) form.
func (f *hazardForms) listing(act string) {
	if !f.v.Can[act] {
		return
	}
	label, button := f.p.T("摘牌说明"), f.p.T("摘牌")
	if act == "list" {
		label, button = f.p.T("挂牌督办说明"), f.p.T("挂牌督办")
	}
	f.raw("\n")
	f.formTag(act)
	f.raw("\" class=\"hz-act card form\" id=\"act-")
	f.text(act)
	f.raw("\">\n  ")
	f.hidden()
	f.raw("\n  ")
	f.formErrs(act, "note")
	f.raw("\n  <label>")
	f.text(label)
	f.raw(`<input name="note" maxlength="500" value="`)
	f.openVal(act, "note")
	f.raw("\"></label>\n  <button type=\"submit\" class=\"big\">")
	f.text(button)
	f.raw("</button>\n</form>\n")
}
