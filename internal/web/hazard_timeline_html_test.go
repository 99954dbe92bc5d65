package web

import (
	"html/template"
	"strings"
	"testing"
)

// oldHazardTimeline is the {{range}} hazard_show.html had inside
// <ol class="timeline"> before its entries were written in Go
// (hazard_timeline_html.go, decision 0025), verbatim.
const oldHazardTimeline = `{{define "timeline"}}{{$v := .Data}}{{range $v.Timeline}}
    <li class="tl-{{.Action}}">
      <div class="tl-head"><strong class="tl-what">{{.What}}</strong> <span class="tl-who">{{.Who}}</span> <time class="tl-at muted">{{.At}}</time></div>
      {{if .StatusChanged}}<div class="tl-status muted small">{{with .From}}{{.}} → {{end}}{{.To}}</div>{{end}}
      {{with .Note}}<p class="tl-note">{{.}}</p>{{end}}
      {{with .Details}}<ul class="tl-details">{{range .}}<li>{{.}}</li>{{end}}</ul>{{end}}
    </li>
  {{else}}<li class="muted">{{.T "暂无记录"}}</li>{{end}}{{end}}`

// TestHazardTimelineKeepsMarkupAndEscape requires the Go timeline to be
// the old template's output byte for byte, in Chinese and English, for an
// empty timeline and entries with and without a status change, its "from",
// a note and details; and every value to come out escaped. (No value has
// a "+": html/template writes it as "&#43;", the Go writers leave it.)
func TestHazardTimelineKeepsMarkupAndEscape(t *testing.T) {
	full := hazardEventView{Action: "assign", At: "2026年1月2日 15:04", Who: "王老师", What: "交办",
		From: "已确认", To: "已交办", StatusChanged: true, Note: "请尽快整改\n第二行", Details: []string{"整改期限：2026-03-01", "整改措施：更换"}}
	nasty := hazardEventView{Action: `x"&<'`, At: nastyQuote, Who: nastyScript, What: `<b>做</b>`,
		From: nastyScript, To: nastyQuote, StatusChanged: true, Note: nastyScript, Details: []string{nastyQuote, nastyScript, ""}}
	cases := map[string][]hazardEventView{
		"empty":               nil,
		"one full":            {full},
		"status without from": {{Action: "report", At: "2026年1月1日 08:00", Who: "系统", What: "上报", To: "已上报", StatusChanged: true}},
		"no status, no note":  {{Action: "progress", At: "2026年1月3日 09:30", Who: "李工", What: "整改进展", From: "整改中", To: "整改中"}},
		"note only":           {{Action: "escalate", At: "2026年1月4日 10:00", Who: "系统", What: "逐级督办", Note: "逾期 3 天"}},
		"details only":        {{Action: "plan", At: "2026年1月5日 11:00", Who: "张主任", What: "治理方案", Details: []string{"照片（张）：3"}}},
		"nasty":               {nasty},
		"several":             {full, nasty, full},
	}
	for _, lang := range []string{"zh", "en"} {
		old := template.Must(template.New("t").Parse(pretranslate(lang, oldHazardTimeline)))
		for name, events := range cases {
			p := &page{Lang: lang, Data: &hazardShowView{Timeline: events}}
			got := string(hazardTimelineHTML(p, events))
			var want strings.Builder
			if err := old.ExecuteTemplate(&want, "timeline", p); err != nil {
				t.Fatalf("%s/%s: %v", lang, name, err)
			}
			if got != want.String() {
				t.Errorf("%s/%s: differs from the template at byte %d\n got: %q\nwant: %q", lang, name,
					firstDiff(got, want.String()), got, want.String())
			}
			for _, raw := range []string{nastyScript, nastyQuote, `<b>`, `x"`} {
				if strings.Contains(got, raw) {
					t.Errorf("%s/%s: %q is not escaped", lang, name, raw)
				}
			}
		}
	}
	if got := string(hazardTimelineHTML(&page{Lang: "en"}, nil)); got != `<li class="muted">`+translate("en", "暂无记录")+`</li>` || strings.Contains(got, "暂无") {
		t.Errorf("empty English timeline: %q", got)
	}
}
