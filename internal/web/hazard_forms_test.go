package web

import (
	"html/template"
	"io/fs"
	"net/url"
	"strings"
	"testing"

	"safecampus/internal/apperr"
	"safecampus/internal/checklist"
	"safecampus/internal/hazard"
	"safecampus/internal/org"
)

// oldCSRFTemplate is layout.html's "csrf" template and oldHazardForms the
// {{define "hazardForms"}} block hazard_show.html had before its forms
// were written in Go (hazard_forms.go, decision 0025), verbatim: the Go
// writer must produce what they produce.
const oldCSRFTemplate = `{{define "csrf"}}<input type="hidden" name="csrf_token" value="{{.CSRF}}">{{end}}`

const oldHazardForms = `{{define "hazardForms"}}{{$v := .Data}}{{$h := $v.H}}{{$id := $h.ID}}
{{if index $v.Can "start"}}
<form method="post" action="/hazards/{{$id}}/start" class="hz-act card" id="act-start">
  {{template "csrf" .}}<input type="hidden" name="version" value="{{$h.Version}}">
  {{range $v.FormErrs "start"}}<p class="error" role="alert">{{.}}</p>{{end}}
  <p class="muted small">{{.T "收到交办后开始整改；重大隐患须先制定治理方案。"}}</p>
  <button type="submit" class="primary big">{{.T "开始整改"}}</button>
</form>
{{end}}

{{if index $v.Can "confirm"}}
<details class="hz-act card" id="act-confirm"{{if eq $v.Open "confirm"}} open{{end}}>
  <summary class="button big">{{.T "确认隐患"}}</summary>
  <form method="post" action="/hazards/{{$id}}/confirm" class="form">
    {{template "csrf" .}}<input type="hidden" name="version" value="{{$h.Version}}">
    {{range $v.FormErrs "confirm" "level" "area" "category"}}<p class="error" role="alert">{{.}}</p>{{end}}
    <label>{{.T "等级"}}<select name="level" required>{{range $v.Levels}}<option value="{{.Value}}"{{if .Selected}} selected{{end}}>{{.Label}}</option>{{end}}</select></label>
    {{with $v.Err "confirm" "level"}}<span class="field-error">{{.}}</span>{{end}}
    <label>{{.T "领域"}}<select name="area" required><option value="">（{{.T "请选择"}}）</option>{{range $v.Areas}}<option value="{{.Value}}"{{if .Selected}} selected{{end}}>{{.Label}}</option>{{end}}</select></label>
    {{with $v.Err "confirm" "area"}}<span class="field-error">{{.}}</span>{{end}}
    <label>{{.T "类别"}}<input name="category" value="{{$v.Val "category"}}" maxlength="50" placeholder="{{.T "如：电气线路、消防设施"}}"></label>
    {{with $v.Err "confirm" "category"}}<span class="field-error">{{.}}</span>{{end}}
    <button type="submit" class="primary big">{{.T "确认"}}</button>
  </form>
</details>
{{end}}

{{if index $v.Can "reject"}}
<details class="hz-act card" id="act-reject"{{if eq $v.Open "reject"}} open{{end}}>
  <summary class="button big">{{.T "驳回"}}</summary>
  <form method="post" action="/hazards/{{$id}}/reject" class="form">
    {{template "csrf" .}}<input type="hidden" name="version" value="{{$h.Version}}">
    {{range $v.FormErrs "reject" "reason" "duplicate_number"}}<p class="error" role="alert">{{.}}</p>{{end}}
    <label>{{.T "驳回原因"}}<textarea name="reason" rows="3" maxlength="1000" required>{{$v.Val "reason"}}</textarea></label>
    {{with $v.Err "reject" "reason"}}<span class="field-error">{{.}}</span>{{end}}
    <label>{{.T "重复于（隐患编号，非重复可不填）"}}<input name="duplicate_number" value="{{$v.Val "duplicate_number"}}" maxlength="30" placeholder="2026-FIRE-0001"></label>
    {{with $v.Err "reject" "duplicate_number"}}<span class="field-error">{{.}}</span>{{end}}
    <button type="submit" class="big">{{.T "驳回"}}</button>
  </form>
</details>
{{end}}

{{range $act := seq "assign" "reassign"}}{{if index $v.Can $act}}
<details class="hz-act card" id="act-{{$act}}"{{if eq $v.Open $act}} open{{end}}>
  <summary class="button big">{{if eq $act "assign"}}{{$.T "交办整改"}}{{else}}{{$.T "改派"}}{{end}}</summary>
  <form method="post" action="/hazards/{{$id}}/{{$act}}" class="form" data-assign>
    {{template "csrf" $}}<input type="hidden" name="version" value="{{$h.Version}}">
    {{range $v.FormErrs $act "unit_id" "responsible_id" "measures" "funds_yuan" "deadline" "acceptor_id" "supervisor_id" "reason"}}<p class="error" role="alert">{{.}}</p>{{end}}
    <label>{{$.T "责任单位"}}<select name="unit_id" required data-unit-select><option value="">（{{$.T "请选择"}}）</option>{{$v.Selects.Units}}</select></label>
    {{with $v.Err $act "unit_id"}}<span class="field-error">{{.}}</span>{{end}}
    <label>{{$.T "责任人"}}<select name="responsible_id" required data-person-select><option value="">（{{$.T "请选择"}}）</option>{{$v.Selects.Responsible}}</select></label>
    {{with $v.Err $act "responsible_id"}}<span class="field-error">{{.}}</span>{{end}}
    {{if eq $act "reassign"}}
    <label>{{$.T "改派原因"}}<textarea name="reason" rows="2" maxlength="1000" required>{{$v.Val "reason"}}</textarea></label>
    {{with $v.Err $act "reason"}}<span class="field-error">{{.}}</span>{{end}}
    {{end}}
    <label>{{$.T "整改措施"}}<textarea name="measures" rows="3" maxlength="2000"{{if eq $act "assign"}} required{{end}}>{{$v.Val "measures"}}</textarea></label>
    {{with $v.Err $act "measures"}}<span class="field-error">{{.}}</span>{{end}}
    <label>{{$.T "整改资金（元）"}}<input name="funds_yuan" type="number" min="0" step="1" inputmode="numeric" value="{{$v.Val "funds_yuan"}}"></label>
    {{with $v.Err $act "funds_yuan"}}<span class="field-error">{{.}}</span>{{end}}
    <label>{{$.T "整改期限"}}<input name="deadline" type="date" value="{{$v.Val "deadline"}}"{{if eq $act "assign"}} required{{end}}></label>
    {{with $v.Err $act "deadline"}}<span class="field-error">{{.}}</span>{{end}}
    <label>{{$.T "验收人（不选则由专项整治办公室验收）"}}<select name="acceptor_id"><option value="">（{{$.T "专项整治办公室"}}）</option>{{$v.Selects.Acceptor}}</select></label>
    {{with $v.Err $act "acceptor_id"}}<span class="field-error">{{.}}</span>{{end}}
    <label>{{$.T "督办人"}}<select name="supervisor_id"><option value="">（{{$.T "无"}}）</option>{{$v.Selects.Supervisor}}</select></label>
    {{with $v.Err $act "supervisor_id"}}<span class="field-error">{{.}}</span>{{end}}
    <button type="submit" class="primary big">{{if eq $act "assign"}}{{$.T "交办"}}{{else}}{{$.T "改派"}}{{end}}</button>
  </form>
</details>
{{end}}{{end}}

{{if index $v.Can "plan"}}
<details class="hz-act card" id="act-plan"{{if eq $v.Open "plan"}} open{{end}}>
  <summary class="button big">{{.T "治理方案"}}</summary>
  <form method="post" action="/hazards/{{$id}}/plan" class="form">
    {{template "csrf" .}}<input type="hidden" name="version" value="{{$h.Version}}">
    {{range $v.FormErrs "plan" "plan.goal" "plan.methods" "plan.funds_materials" "plan.organisation" "plan.time_limit" "plan.safety_emergency"}}<p class="error" role="alert">{{.}}</p>{{end}}
    {{range $v.PlanFields}}
    <label>{{$.T .Label}}<textarea name="{{.Name}}" rows="3" maxlength="2000" required>{{.Value}}</textarea></label>
    {{with $v.Err "plan" .ErrField}}<span class="field-error">{{.}}</span>{{end}}
    {{end}}
    <button type="submit" class="primary big">{{.T "保存治理方案"}}</button>
  </form>
</details>
{{end}}

{{range $act := seq "progress" "submit"}}{{if index $v.Can $act}}
<details class="hz-act card" id="act-{{$act}}"{{if or (eq $v.Open $act) (eq $act "submit")}} open{{end}}>
  <summary class="button big">{{if eq $act "progress"}}{{$.T "记录整改进展"}}{{else}}{{$.T "提交验收"}}{{end}}</summary>
  <form method="post" action="/hazards/{{$id}}/{{$act}}" class="form" enctype="multipart/form-data" data-photo-form>
    {{template "csrf" $}}<input type="hidden" name="version" value="{{$h.Version}}">
    {{range $v.FormErrs $act "note" "photos"}}<p class="error" role="alert">{{.}}</p>{{end}}
    <label>{{if eq $act "progress"}}{{$.T "进展说明"}}{{else}}{{$.T "整改结果"}}{{end}}<textarea name="note" rows="3" maxlength="2000" required>{{$v.Val "note"}}</textarea></label>
    {{with $v.Err $act "note"}}<span class="field-error">{{.}}</span>{{end}}
    <div class="thumbs" data-previews></div>
    <label class="camera button big"><span>{{if eq $act "submit"}}{{$.T "拍摄整改后照片（必须）"}}{{else}}{{$.T "拍照（可多张）"}}{{end}}</span><input type="file" name="photos" accept="image/*" capture="environment" multiple data-hz-camera></label>
    {{with $v.Err $act "photos"}}<span class="field-error">{{.}}</span>{{end}}
    <button type="submit" class="primary big" data-submit>{{if eq $act "progress"}}{{$.T "保存进展"}}{{else}}{{$.T "提交验收"}}{{end}}</button>
  </form>
</details>
{{end}}{{end}}

{{if or (index $v.Can "accept") (index $v.Can "return")}}
<div class="hz-act card" id="act-accept">
  <h3>{{.T "验收"}}</h3>
  {{if index $v.Can "accept"}}
  <form method="post" action="/hazards/{{$id}}/accept" class="form">
    {{template "csrf" .}}<input type="hidden" name="version" value="{{$h.Version}}">
    {{range $v.FormErrs "accept" "note"}}<p class="error" role="alert">{{.}}</p>{{end}}
    <label>{{.T "验收意见"}}<textarea name="note" rows="2" maxlength="1000">{{if eq $v.Open "accept"}}{{$v.Val "note"}}{{end}}</textarea></label>
    {{with $v.Err "accept" "note"}}<span class="field-error">{{.}}</span>{{end}}
    <button type="submit" class="primary big">{{.T "验收通过"}}</button>
  </form>
  {{end}}
  {{if index $v.Can "return"}}
  <form method="post" action="/hazards/{{$id}}/return" class="form hz-return">
    {{template "csrf" .}}<input type="hidden" name="version" value="{{$h.Version}}">
    {{range $v.FormErrs "return" "reason"}}<p class="error" role="alert">{{.}}</p>{{end}}
    <label>{{.T "退回原因"}}<textarea name="reason" rows="2" maxlength="1000" required>{{if eq $v.Open "return"}}{{$v.Val "reason"}}{{end}}</textarea></label>
    {{with $v.Err "return" "reason"}}<span class="field-error">{{.}}</span>{{end}}
    <button type="submit" class="big">{{.T "退回整改"}}</button>
  </form>
  {{end}}
</div>
{{end}}

{{if index $v.Can "request_extension"}}
<details class="hz-act card" id="act-request_extension"{{if eq $v.Open "request_extension"}} open{{end}}>
  <summary class="button big">{{.T "申请延期"}}</summary>
  <form method="post" action="/hazards/{{$id}}/request_extension" class="form">
    {{template "csrf" .}}<input type="hidden" name="version" value="{{$h.Version}}">
    {{range $v.FormErrs "request_extension" "new_deadline" "reason"}}<p class="error" role="alert">{{.}}</p>{{end}}
    <label>{{.T "延期至"}}<input name="new_deadline" type="date" required value="{{$v.Val "new_deadline"}}"></label>
    {{with $v.Err "request_extension" "new_deadline"}}<span class="field-error">{{.}}</span>{{end}}
    <label>{{.T "延期原因"}}<textarea name="reason" rows="2" maxlength="1000" required>{{if eq $v.Open "request_extension"}}{{$v.Val "reason"}}{{end}}</textarea></label>
    {{with $v.Err "request_extension" "reason"}}<span class="field-error">{{.}}</span>{{end}}
    <button type="submit" class="primary big">{{.T "提交延期申请"}}</button>
  </form>
</details>
{{end}}

{{if or (index $v.Can "approve_extension") (index $v.Can "refuse_extension")}}
<div class="hz-act card" id="act-extension">
  <h3>{{.T "延期审批"}}</h3>
  {{range $act := seq "approve_extension" "refuse_extension"}}{{if index $v.Can $act}}
  <form method="post" action="/hazards/{{$id}}/{{$act}}" class="form">
    {{template "csrf" $}}<input type="hidden" name="version" value="{{$h.Version}}">
    {{range $v.FormErrs $act "note"}}<p class="error" role="alert">{{.}}</p>{{end}}
    <label>{{$.T "审批意见"}}<input name="note" maxlength="500" value="{{if eq $v.Open $act}}{{$v.Val "note"}}{{end}}"></label>
    <button type="submit" class="big{{if eq $act "approve_extension"}} primary{{end}}">{{if eq $act "approve_extension"}}{{$.T "批准延期"}}{{else}}{{$.T "不批准"}}{{end}}</button>
  </form>
  {{end}}{{end}}
</div>
{{end}}

{{if index $v.Can "reopen"}}
<details class="hz-act card" id="act-reopen"{{if eq $v.Open "reopen"}} open{{end}}>
  <summary class="button big">{{.T "重新打开"}}</summary>
  <form method="post" action="/hazards/{{$id}}/reopen" class="form">
    {{template "csrf" .}}<input type="hidden" name="version" value="{{$h.Version}}">
    {{range $v.FormErrs "reopen" "reason" "new_deadline"}}<p class="error" role="alert">{{.}}</p>{{end}}
    <label>{{.T "重新打开原因"}}<textarea name="reason" rows="2" maxlength="1000" required>{{if eq $v.Open "reopen"}}{{$v.Val "reason"}}{{end}}</textarea></label>
    {{with $v.Err "reopen" "reason"}}<span class="field-error">{{.}}</span>{{end}}
    <label>{{.T "新的整改期限"}}<input name="new_deadline" type="date" required value="{{$v.Val "new_deadline"}}"></label>
    {{with $v.Err "reopen" "new_deadline"}}<span class="field-error">{{.}}</span>{{end}}
    <button type="submit" class="primary big">{{.T "重新打开"}}</button>
  </form>
</details>
{{end}}

{{range $act := seq "list" "delist"}}{{if index $v.Can $act}}
<form method="post" action="/hazards/{{$id}}/{{$act}}" class="hz-act card form" id="act-{{$act}}">
  {{template "csrf" $}}<input type="hidden" name="version" value="{{$h.Version}}">
  {{range $v.FormErrs $act "note"}}<p class="error" role="alert">{{.}}</p>{{end}}
  <label>{{if eq $act "list"}}{{$.T "挂牌督办说明"}}{{else}}{{$.T "摘牌说明"}}{{end}}<input name="note" maxlength="500" value="{{if eq $v.Open $act}}{{$v.Val "note"}}{{end}}"></label>
  <button type="submit" class="big">{{if eq $act "list"}}{{$.T "挂牌督办"}}{{else}}{{$.T "摘牌"}}{{end}}</button>
</form>
{{end}}{{end}}
{{end}}`

// oldHazardFormsFor parses the old block as the page's templates were
// parsed for lang (literal {{.T "…"}} translated and escaped first).
func oldHazardFormsFor(t *testing.T, lang string) *template.Template {
	t.Helper()
	funcs := template.FuncMap{"seq": func(xs ...string) []string { return xs }}
	return template.Must(template.New("forms").Funcs(funcs).Parse(pretranslate(lang, oldCSRFTemplate+oldHazardForms)))
}

// Nasty values: markup, quotes and ampersands in every value, error and
// option label. (html/template also writes "+" as "&#43;", which the Go
// writers leave as it is — the same text for a browser — so no value here
// has one.)
const (
	nastyScript = `<script>alert(1)</script>`
	nastyQuote  = `"&<'`
)

var allHazardActions = []string{"start", "confirm", "reject", "assign", "reassign", "plan", "progress", "submit",
	"accept", "return", "request_extension", "approve_extension", "refuse_extension", "reopen", "list", "delist"}

// hazardFormFields are each form's fields, as the template names them in
// FormErrs (start has none: every message of it is the form's).
var hazardFormFields = map[string][]string{
	"confirm":           {"level", "area", "category"},
	"reject":            {"reason", "duplicate_number"},
	"assign":            {"unit_id", "responsible_id", "measures", "funds_yuan", "deadline", "acceptor_id", "supervisor_id"},
	"reassign":          {"unit_id", "responsible_id", "reason", "measures", "funds_yuan", "deadline", "acceptor_id", "supervisor_id"},
	"plan":              {"plan.goal", "plan.methods", "plan.funds_materials", "plan.organisation", "plan.time_limit", "plan.safety_emergency"},
	"progress":          {"note", "photos"},
	"submit":            {"note", "photos"},
	"accept":            {"note"},
	"return":            {"reason"},
	"request_extension": {"new_deadline", "reason"},
	"approve_extension": {"note"},
	"refuse_extension":  {"note"},
	"reopen":            {"reason", "new_deadline"},
	"list":              {"note"},
	"delist":            {"note"},
}

// formsView is a hazard page's view as renderHazard builds it, for the
// actions acts, after a refused step open (when open is not "").
func formsView(major bool, acts []string, open string, vals url.Values, errs []apperr.FieldError) *hazardShowView {
	h := &hazard.Hazard{ID: 4242, Version: 17, Level: hazard.LevelGeneral, Area: "fire", Category: `电气"线路"<b>`,
		UnitID: 2, ResponsibleID: 12, AcceptorID: 130, Measures: "更换老化线路 & 插座\n第二行 " + nastyScript,
		FundsYuan: 3000, Deadline: "2026-04-30"}
	var plan *hazard.Plan
	if major {
		h.Level = hazard.LevelMajor
		plan = &hazard.Plan{Goal: "消除线路隐患 " + nastyQuote, Methods: nastyScript, FundsMaterials: "3000 元",
			Organisation: "总务处", TimeLimit: "30 天", SafetyEmergency: "断电作业"}
	}
	v := &hazardShowView{H: h, Plan: plan, Can: map[string]bool{}, Open: open, Values: vals, Errs: errs}
	for _, a := range acts {
		v.Can[a] = true
		v.AnyAction = true
	}
	for _, lv := range []string{"general", "major"} {
		v.Levels = append(v.Levels, choice{lv, hazard.LevelLabel(lv), lv == v.Val("level")})
	}
	for _, ar := range checklist.Areas {
		v.Areas = append(v.Areas, choice{string(ar), ar.Label(), string(ar) == v.Val("area")})
	}
	v.Areas = append(v.Areas, choice{nastyQuote, nastyScript, nastyQuote == v.Val("area")})
	units := []org.Unit{{ID: 1, Name: "总务处"}, {ID: 2, ParentID: 1, Depth: 1, Name: nastyScript}, {ID: 3, ParentID: 2, Depth: 2, Name: nastyQuote}}
	people := []org.Person{{ID: 7, Name: nastyScript, UnitID: 3, UnitName: nastyQuote}, {ID: 12, Name: "王电工", UnitID: 2},
		{ID: 130, Name: `李"老师"`, UnitID: 1, UnitName: "总务处"}}
	v.Selects = hazardSelectsHTML(v, units, people)
	return v
}

// refusedValues are values sent for every field of every form.
func refusedValues() url.Values {
	vals := url.Values{}
	for i, f := range []string{"level", "area", "category", "reason", "duplicate_number", "unit_id", "responsible_id",
		"measures", "funds_yuan", "deadline", "acceptor_id", "supervisor_id", "note", "new_deadline",
		"goal", "methods", "funds_materials", "organisation", "time_limit", "safety_emergency"} {
		if i%2 == 0 {
			vals.Set(f, f+" "+nastyScript)
		} else {
			vals.Set(f, f+" "+nastyQuote)
		}
	}
	vals.Set("level", "major")
	vals.Set("unit_id", "3")
	vals.Set("acceptor_id", "7")
	return vals
}

// refusedErrs are a message for each field of act's form, one of the
// form itself ("_") and one of a field the form does not have.
func refusedErrs(act string) []apperr.FieldError {
	errs := []apperr.FieldError{{Field: "_", Message: "已被他人修改 " + nastyQuote}}
	for _, f := range hazardFormFields[act] {
		errs = append(errs, apperr.FieldError{Field: f, Message: f + " 有误 " + nastyScript})
	}
	return append(errs, apperr.FieldError{Field: "other", Message: "其他 " + nastyScript})
}

type hazardFormsCase struct {
	name string
	v    *hazardShowView
}

func hazardFormsCases() []hazardFormsCase {
	var cs []hazardFormsCase
	for _, a := range allHazardActions {
		cs = append(cs, hazardFormsCase{"only " + a, formsView(a == "plan", []string{a}, "", nil, nil)})
	}
	for _, c := range []struct {
		name  string
		major bool
		acts  []string
	}{
		{"office on reported", false, []string{"confirm", "reject"}},
		{"office on confirmed major", true, []string{"reject", "assign", "plan", "list"}},
		{"office on rectifying major listed", true, []string{"plan", "request_extension", "reassign", "delist"}},
		{"office on rectifying with pending extension", false, []string{"approve_extension", "refuse_extension", "reassign"}},
		{"office on submitted", false, []string{"accept", "return"}},
		{"office on closed major", true, []string{"reopen", "delist"}},
		{"responsible on assigned", true, []string{"plan", "start", "request_extension"}},
		{"responsible on rectifying with pending extension", false, []string{"progress", "submit"}},
		{"everything", true, allHazardActions},
		{"nothing", false, nil},
	} {
		cs = append(cs, hazardFormsCase{c.name, formsView(c.major, c.acts, "", nil, nil)})
	}
	for _, a := range allHazardActions {
		// The refused form among all others (their values come from Val
		// too), and a refused form that is no longer on the page.
		cs = append(cs, hazardFormsCase{"refused " + a, formsView(true, allHazardActions, a, refusedValues(), refusedErrs(a))})
		cs = append(cs, hazardFormsCase{"refused " + a + " alone", formsView(false, []string{a}, a, refusedValues(), refusedErrs(a))})
	}
	cs = append(cs, hazardFormsCase{"refused confirm, form gone", formsView(true, []string{"assign", "progress", "accept"}, "confirm", refusedValues(), refusedErrs("confirm"))})
	return cs
}

// TestHazardFormsKeepMarkupAndEscape requires the Go forms to be the old
// template's output byte for byte, in Chinese and English, for every
// action alone, realistic combinations and each form refused with values
// and errors; and every value, message and option label to come out
// escaped.
func TestHazardFormsKeepMarkupAndEscape(t *testing.T) {
	layout, err := fs.ReadFile(templateFS, "templates/layout/layout.html")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(layout), oldCSRFTemplate) {
		t.Fatalf("layout.html's csrf template changed; update oldCSRFTemplate and csrfInput together")
	}
	for _, lang := range []string{"zh", "en"} {
		old := oldHazardFormsFor(t, lang)
		for _, c := range hazardFormsCases() {
			p := &page{Lang: lang, CSRF: "tok_2026-abc", Data: c.v}
			got := string(hazardFormsHTML(p, c.v))
			var want strings.Builder
			if err := old.ExecuteTemplate(&want, "hazardForms", p); err != nil {
				t.Fatalf("%s/%s: %v", lang, c.name, err)
			}
			if got != want.String() {
				t.Errorf("%s/%s: differs from the template at byte %d\n got: %q\nwant: %q", lang, c.name,
					firstDiff(got, want.String()), got, want.String())
				continue
			}
			for _, raw := range []string{nastyScript, nastyQuote, `"线路"`, `李"老师"`} {
				if strings.Contains(got, raw) {
					t.Errorf("%s/%s: %q is not escaped", lang, c.name, raw)
				}
			}
			if c.v.AnyAction && !strings.Contains(got, `name="csrf_token" value="tok_2026-abc"><input type="hidden" name="version" value="17">`) {
				t.Errorf("%s/%s: a form lacks the CSRF token or the version:\n%s", lang, c.name, got)
			}
			if c.v.Open != "" && c.v.Can[c.v.Open] {
				for _, esc := range []string{"已被他人修改 &#34;&amp;&lt;&#39;", "&lt;script&gt;alert(1)&lt;/script&gt;"} {
					if !strings.Contains(got, esc) {
						t.Errorf("%s/%s: missing %s", lang, c.name, esc)
					}
				}
			}
		}
	}
}

func firstDiff(a, b string) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}
