package web

import (
	"html/template"
	"slices"
)

// The forms of the steps on a hazard's page, written in Go once per view
// (decision 0025). As a template ({{define "hazardForms"}}) they were
// ~70 % of the page's CPU for an office user: each of the ~15 step forms
// made a dozen reflective calls (Err, FormErrs, Val, index, eq, seq) and
// escaper calls, even for the forms not shown. The markup is the
// template's, byte for byte, including its whitespace; the rule is
// htmlBuilder's: raw takes constants only, every value goes through text
// or id. TestHazardFormsKeepMarkupAndEscape renders the old template next
// to this and requires the same bytes.

// hazardForms writes the forms of the steps v.Can allows, in the order
// the template had them.
type hazardForms struct {
	htmlBuilder
	p *page
	v *hazardShowView
}

// hazardFormsHTML is what {{template "hazardForms" .}} wrote for p with
// p.Data = v; the page shows it only when v.AnyAction.
func hazardFormsHTML(p *page, v *hazardShowView) template.HTML {
	f := &hazardForms{p: p, v: v}
	n := 6 << 10
	if v.Can["assign"] || v.Can["reassign"] {
		s := &v.Selects
		n += len(s.Units) + len(s.Responsible) + len(s.Acceptor) + len(s.Supervisor) + 3<<10
	}
	f.Grow(n)
	f.raw("\n")
	f.start()
	f.raw("\n\n")
	f.confirm()
	f.raw("\n\n")
	f.reject()
	f.raw("\n\n")
	f.assign("assign")
	f.assign("reassign")
	f.raw("\n\n")
	f.plan()
	f.raw("\n\n")
	f.photoStep("progress")
	f.photoStep("submit")
	f.raw("\n\n")
	f.acceptance()
	f.raw("\n\n")
	f.requestExtension()
	f.raw("\n\n")
	f.decideExtension()
	f.raw("\n\n")
	f.reopen()
	f.raw("\n\n")
	f.listing("list")
	f.listing("delist")
	f.raw("\n")
	return f.html()
}

// t writes the translation of a constant text, escaped.
func (f *hazardForms) t(s string) { f.text(f.p.T(s)) }

// escaped copies HTML that a Go writer of this package escaped already
// (the options of hazardSelectsHTML); the type says where it came from.
func (f *hazardForms) escaped(h template.HTML) { f.WriteString(string(h)) }

// formTag writes `<form method="post" action="/hazards/ID/act` and leaves
// the attribute open for the caller's constant rest.
func (f *hazardForms) formTag(act string) {
	f.raw(`<form method="post" action="/hazards/`)
	f.id(f.v.H.ID)
	f.raw(`/`)
	f.text(act)
}

// hidden writes the CSRF token and the version the actor saw.
func (f *hazardForms) hidden() {
	f.csrfInput(f.p.CSRF)
	f.raw(`<input type="hidden" name="version" value="`)
	f.id(f.v.H.Version)
	f.raw(`">`)
}

// formErrs writes the messages of the refused form act that belong to
// none of its fields (FormErrs).
func (f *hazardForms) formErrs(act string, fields ...string) {
	if f.v.Open != act {
		return
	}
	for _, e := range f.v.Errs {
		if !slices.Contains(fields, e.Field) {
			f.raw(`<p class="error" role="alert">`)
			f.text(e.Message)
			f.raw(`</p>`)
		}
	}
}

// fieldErr writes the message of field when act's form came back refused
// because of it (Err).
func (f *hazardForms) fieldErr(act, field string) {
	if m := f.v.Err(act, field); m != "" {
		f.raw(`<span class="field-error">`)
		f.text(m)
		f.raw(`</span>`)
	}
}

// openVal writes the sent value of name only when act's form came back
// refused (the template's {{if eq $v.Open act}}{{$v.Val name}}{{end}}).
func (f *hazardForms) openVal(act, name string) {
	if f.v.Open == act {
		f.text(f.v.Val(name))
	}
}

// details opens a step's <details> (open when open) with its summary and
// form, up to the form's error lines; attrs is the constant rest of the
// form's start tag after class="form.
func (f *hazardForms) details(act string, open bool, summary, attrs string) {
	f.raw("\n<details class=\"hz-act card\" id=\"act-")
	f.text(act)
	if open {
		f.raw(`" open>`)
	} else {
		f.raw(`">`)
	}
	f.raw("\n  <summary class=\"button big\">")
	f.text(summary)
	f.raw("</summary>\n  ")
	f.formTag(act)
	f.raw(`" class="form`)
	f.raw(attrs)
	f.raw(">\n    ")
	f.hidden()
	f.raw("\n    ")
}

// endDetails closes what details opened, after the submit button.
func (f *hazardForms) endDetails() { f.raw("\n  </form>\n</details>\n") }

func (f *hazardForms) start() {
	if !f.v.Can["start"] {
		return
	}
	f.raw("\n")
	f.formTag("start")
	f.raw("\" class=\"hz-act card\" id=\"act-start\">\n  ")
	f.hidden()
	f.raw("\n  ")
	f.formErrs("start")
	f.raw("\n  <p class=\"muted small\">")
	f.t("收到交办后开始整改；重大隐患须先制定治理方案。")
	f.raw("</p>\n  <button type=\"submit\" class=\"primary big\">")
	f.t("开始整改")
	f.raw("</button>\n</form>\n")
}

func (f *hazardForms) confirm() {
	const act = "confirm"
	if !f.v.Can[act] {
		return
	}
	f.details(act, f.v.Open == act, f.p.T("确认隐患"), `"`)
	f.formErrs(act, "level", "area", "category")
	f.raw("\n    <label>")
	f.t("等级")
	f.raw(`<select name="level" required>`)
	for i := range f.v.Levels {
		c := &f.v.Levels[i]
		f.optionTag(c.Value, c.Label, c.Selected)
	}
	f.raw("</select></label>\n    ")
	f.fieldErr(act, "level")
	f.raw("\n    <label>")
	f.t("领域")
	f.raw(`<select name="area" required><option value="">（`)
	f.t("请选择")
	f.raw(`）</option>`)
	for i := range f.v.Areas {
		c := &f.v.Areas[i]
		f.optionTag(c.Value, c.Label, c.Selected)
	}
	f.raw("</select></label>\n    ")
	f.fieldErr(act, "area")
	f.raw("\n    <label>")
	f.t("类别")
	f.raw(`<input name="category" value="`)
	f.text(f.v.Val("category"))
	f.raw(`" maxlength="50" placeholder="`)
	f.t("如：电气线路、消防设施")
	f.raw("\"></label>\n    ")
	f.fieldErr(act, "category")
	f.raw("\n    <button type=\"submit\" class=\"primary big\">")
	f.t("确认")
	f.raw("</button>")
	f.endDetails()
}

func (f *hazardForms) reject() {
	const act = "reject"
	if !f.v.Can[act] {
		return
	}
	label := f.p.T("驳回")
	f.details(act, f.v.Open == act, label, `"`)
	f.formErrs(act, "reason", "duplicate_number")
	f.raw("\n    <label>")
	f.t("驳回原因")
	f.raw(`<textarea name="reason" rows="3" maxlength="1000" required>`)
	f.text(f.v.Val("reason"))
	f.raw("</textarea></label>\n    ")
	f.fieldErr(act, "reason")
	f.raw("\n    <label>")
	f.t("重复于（隐患编号，非重复可不填）")
	f.raw(`<input name="duplicate_number" value="`)
	f.text(f.v.Val("duplicate_number"))
	f.raw("\" maxlength=\"30\" placeholder=\"2026-FIRE-0001\"></label>\n    ")
	f.fieldErr(act, "duplicate_number")
	f.raw("\n    <button type=\"submit\" class=\"big\">")
	f.text(label)
	f.raw("</button>")
	f.endDetails()
}
