package web

import (
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"safecampus/internal/compliance"
)

// The page chrome that goes through translate: the menu, headings, table
// headers, buttons, the text a label starts with, term names. Values
// (names, numbers, descriptions) sit elsewhere or inside these and are
// removed by the page's data list before the check.
var (
	navBlock   = regexp.MustCompile(`(?s)<nav class="nav">(.*?)</nav>`)
	navLink    = regexp.MustCompile(`(?s)<a [^>]*>(.*?)</a>`)
	chromeTag  = regexp.MustCompile(`(?s)<(h1|h2|h3|th|button|dt|summary|legend|caption)\b[^>]*>(.*?)</(?:h1|h2|h3|th|button|dt|summary|legend|caption)>`)
	labelStart = regexp.MustCompile(`<label\b[^>]*>([^<]*)`)
	optionTag  = regexp.MustCompile(`(?s)<select\b.*?</select>`)
	anyTag     = regexp.MustCompile(`<[^>]*>`)
	spaceRun   = regexp.MustCompile(`\s+`)
	chromeAttr = regexp.MustCompile(`(?:placeholder|aria-label|title)="([^"]*)"`)
)

// hasCJK reports Chinese characters, CJK punctuation (、。「」) or
// full-width forms (（）：，) in s.
func hasCJK(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef) {
			return true
		}
	}
	return false
}

// chromeTexts returns the chrome of an HTML page as plain texts, each
// prefixed by where it was found.
func chromeTexts(body string) []string {
	var out []string
	add := func(kind, s string) {
		s = strings.TrimSpace(spaceRun.ReplaceAllString(html.UnescapeString(anyTag.ReplaceAllString(s, " ")), " "))
		if s != "" {
			out = append(out, kind+": "+s)
		}
	}
	if m := navBlock.FindStringSubmatch(body); m != nil {
		for _, a := range navLink.FindAllStringSubmatch(m[1], -1) {
			add("nav", a[1])
		}
	}
	// A select's options are data (units, people, places); a label's own
	// text comes before them.
	noOptions := optionTag.ReplaceAllString(body, "<select></select>")
	for _, m := range chromeTag.FindAllStringSubmatch(noOptions, -1) {
		add(m[1], m[2])
	}
	for _, m := range labelStart.FindAllStringSubmatch(noOptions, -1) {
		add("label", m[1])
	}
	for _, m := range chromeAttr.FindAllStringSubmatch(noOptions, -1) {
		add("attribute", m[1])
	}
	return out
}

// notThroughT are Chinese texts every page's chrome has on purpose or
// because they bypass translate; each is a reported gap or a choice.
var notThroughT = []string{
	"中文",     // the language switch names Chinese in Chinese
	"测试卫生学校", // the school's name in the menu (data)
	"菜单",     // layout.html: <summary aria-label="菜单"> is not {{.T}} (gap)
}

// TestMainPagesInEnglish opens the main pages as the campaign office with
// English chosen: the chrome shows the English labels expected and, once
// the page's data values are taken out, no Chinese is left in it.
func TestMainPagesInEnglish(t *testing.T) {
	e := newHazardEnv(t)
	ownInspection(e.x)
	withCampaign(e.x)
	office := e.clients["office"]
	id := e.report(office, "配电房灭火器过期")
	// The scorecard's columns carry each rule's description in a title
	// attribute: domain text with no English yet (gap).
	var measures []string
	for _, r := range compliance.Rules() {
		measures = append(measures, r.Measures)
	}
	// The check itself must see Chinese chrome when Chinese is chosen.
	if zh := strings.Join(chromeTexts(office.get("/").Body.String()), "\n"); !strings.Contains(zh, "nav: 首页") || !strings.Contains(zh, "h1: 我的待办") {
		t.Fatalf("the Chinese home page's chrome is not found: %s", zh)
	}
	office.cookies["lang"] = &http.Cookie{Name: "lang", Value: "en"}
	for _, pg := range []struct {
		path string
		want []string // chrome the page must show, as "kind: text"
		data []string // Chinese values allowed in the chrome
	}{
		{"/", []string{"nav: Home", "nav: Hazards", "nav: Inspection ledger", "h1: My tasks", "button: Log out", "attribute: Inbox"}, nil},
		{"/hazards", []string{"h1: Hazards", "button: Filter", "th: Responsible unit", "th: Deadline", "label: Area"}, nil},
		{"/hazards/" + id, []string{"h2: Take action", "h2: Timeline", "button: Confirm", "button: Reject", "h3: Photos before", "dt: Acceptance result"}, nil},
		{"/ledger", []string{"h1: Inspection ledger", "th: Kind of inspection", "th: Inspector", "label: Start date"}, nil},
		{"/compliance", []string{"th: Whole school", "th: Inspection rhythm RUL-4", "h2: Rules", "th: What is measured", "label: Period"},
			append([]string{"2026年第一季度", "后勤管理处", "配电班", "实验实训中心"}, measures...)},
		{"/campaigns/" + e.x.vars["campaign"], []string{"h2: Phase progress", "h2: Late milestones", "th: Responsible units", "button: Mark done"},
			[]string{"校园安全生产专项整治", "学习动员阶段", "2019年11月20日至2019年12月31日"}},
	} {
		rec := office.get(pg.path)
		if rec.Code != http.StatusOK {
			t.Errorf("%s: status %d", pg.path, rec.Code)
			continue
		}
		chrome := chromeTexts(rec.Body.String())
		joined := "\n" + strings.Join(chrome, "\n") + "\n"
		for _, w := range pg.want {
			if !strings.Contains(joined, "\n"+w+"\n") {
				t.Errorf("%s: chrome lacks %q", pg.path, w)
			}
		}
		for _, text := range chrome {
			rest := text
			for _, d := range append(pg.data, notThroughT...) {
				rest = strings.ReplaceAll(rest, d, "")
			}
			if hasCJK(rest) {
				t.Errorf("%s: Chinese in the English chrome: %s", pg.path, text)
			}
		}
	}
}
