package web

import (
	"html/template"
	"strings"
	"testing"
)

// oldHazardListRows and oldHazardListOptions are the template markup the
// Go writers replaced (decision 0025), copied from hazard_list.html: the
// writers must produce the same HTML.
var oldHazardListRows = template.Must(template.New("").Parse(
	`{{$overdue := .L.Overdue}}{{$listed := .L.Listed}}{{$lUnit := .L.Unit}}{{$lWho := .L.Who}}{{$lDeadline := .L.Deadline}}` +
		`{{range .Rows}}
  <tr{{if .Major}} class="hz-major-row"{{end}}>
    <td class="h-no"><a href="/hazards/{{.ID}}">{{.Number}}</a></td>
    <td class="h-desc">{{.Description}}</td>
    <td class="h-place">{{.Place}}</td>
    <td class="h-unit" data-label="{{$lUnit}}">{{.Unit}}</td>
    <td class="h-who" data-label="{{$lWho}}">{{.Responsible}}</td>
    <td class="h-deadline{{if .Overdue}} bad{{end}}" data-label="{{$lDeadline}}">{{.Deadline}}{{if .Overdue}} <span class="tag bad">{{$overdue}}</span>{{end}}</td>
    <td class="h-status"><span class="hz-badge {{.StatusClass}}">{{.StatusLabel}}</span></td>
    <td class="h-level">{{if .Major}}<span class="hz-badge hz-major">{{.LevelText}}</span>{{else}}<span class="hz-badge hz-general">{{.LevelText}}</span>{{end}}{{if .Listed}} <span class="hz-badge hz-listed">{{$listed}}</span>{{end}}</td>
  </tr>
  {{end}}`))

var oldHazardListOptions = template.Must(template.New("").Parse(
	`{{range .}}<option value="{{.Value}}"{{if .Selected}} selected{{end}}>{{.Label}}</option>{{end}}`))

// TestHazardListRowsKeepMarkupAndEscape checks that descriptions, names
// and labels come out escaped and that the rows and options are the old
// template's HTML, byte for byte, for every combination of the flags.
func TestHazardListRowsKeepMarkupAndEscape(t *testing.T) {
	labels := hazardRowLabels{overdue: "已逾期", listed: `<挂牌>`, unit: `责任"单位"`, who: "责任人 & 'x'", deadline: "整改期限"}
	rows := []hazardRow{
		{ID: 42, Number: "2026-FIRE-0007", Description: `<script>alert(1)</script>`, Place: "实验楼 3 层",
			Unit: `"&<`, Responsible: "王电工", Deadline: "2026年3月9日", StatusClass: "st-rectifying",
			StatusLabel: "整改中", LevelText: "一般", Overdue: true},
		{ID: 7, Number: "2026-LAB-0001", Description: "通风橱失灵", Place: `<b>'化学'</b>`, Unit: "总务处",
			Responsible: `李 "老师"`, Deadline: "2026年1月2日", StatusClass: "st-closed", StatusLabel: "已销号",
			LevelText: "重大", Major: true, Listed: true},
		{ID: 1234567, Number: "2026-LOG-0100", Description: "", StatusClass: "st-reported", StatusLabel: "已上报",
			LevelText: "重大", Major: true, Overdue: true},
	}
	got := string(hazardRowsHTML(labels, rows))

	for _, raw := range []string{`<script>`, `"&<`, `<b>`, `<挂牌>`, `"单位"`, `'x'`} {
		if strings.Contains(got, raw) {
			t.Errorf("%q is not escaped:\n%s", raw, got)
		}
	}
	for _, esc := range []string{
		`<td class="h-desc">&lt;script&gt;alert(1)&lt;/script&gt;</td>`,
		`data-label="责任&#34;单位&#34;">&#34;&amp;&lt;</td>`,
		`<td class="h-place">&lt;b&gt;&#39;化学&#39;&lt;/b&gt;</td>`,
	} {
		if !strings.Contains(got, esc) {
			t.Errorf("missing %s in\n%s", esc, got)
		}
	}

	var want strings.Builder
	data := map[string]any{"Rows": rows, "L": map[string]string{"Overdue": labels.overdue, "Listed": labels.listed,
		"Unit": labels.unit, "Who": labels.who, "Deadline": labels.deadline}}
	if err := oldHazardListRows.Execute(&want, data); err != nil {
		t.Fatal(err)
	}
	if got != want.String() {
		t.Errorf("rows differ from the template's\n got: %q\nwant: %q", got, want.String())
	}
	if h := hazardRowsHTML(labels, nil); h != "" {
		t.Errorf("no rows: got %q, want empty (the template shows its empty message)", h)
	}

	opts := []choice{{"open", "未销号（全部在办）", false}, {"rectifying", "整改中", true},
		{"5", `<i>"维修" & '班'</i>`, false}, {`x"y`, "", true}}
	gotOpts := string(choiceOptions(opts))
	if strings.Contains(gotOpts, "<i>") || strings.Contains(gotOpts, `x"y`) {
		t.Errorf("an option is not escaped: %s", gotOpts)
	}
	want.Reset()
	if err := oldHazardListOptions.Execute(&want, opts); err != nil {
		t.Fatal(err)
	}
	if gotOpts != want.String() {
		t.Errorf("options differ from the template's\n got: %s\nwant: %s", gotOpts, want.String())
	}
}
