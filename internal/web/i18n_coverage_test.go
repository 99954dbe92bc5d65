package web

import (
	"io/fs"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// uiKeys maps a Chinese text that reaches the English page through
// translate to where it was found, for the failure message.
type uiKeys map[string][]string

func (k uiKeys) add(text, from string) {
	if hasHan(text) {
		k[text] = append(k[text], from)
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// templateT is every .T call with a string literal, in any form the
// templates use: {{.T "x"}}, {{$.T "x"}}, (.T "x") in a pipeline,
// {{- .T "x"}}; the literal is Go syntax, so escapes are unquoted.
var templateT = regexp.MustCompile(`\.T\s+("(?:[^"\\]|\\.)*"|` + "`[^`]*`" + `)`)

// templateKeys collects the literal keys of every embedded template.
func templateKeys(t *testing.T) uiKeys {
	keys := uiKeys{}
	err := fs.WalkDir(templateFS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		src, err := fs.ReadFile(templateFS, p)
		if err != nil {
			return err
		}
		for _, m := range templateT.FindAllStringSubmatch(string(src), -1) {
			text, err := strconv.Unquote(m[1])
			if err != nil {
				t.Errorf("%s: bad literal %s: %v", p, m[1], err)
				continue
			}
			keys.add(text, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) < 500 {
		t.Fatalf("only %d template keys found: the pattern no longer matches the templates", len(keys))
	}
	return keys
}

// goTextPatterns are the ways the Go code of this package hands a
// literal Chinese text to translate. Each must still match somewhere, so
// a refactor that renames a helper fails here instead of silently
// shrinking the coverage. Every quoted string in the first group counts.
var goTextPatterns = []struct{ why, re string }{
	{"p.T call", `\.T\(("[^"]*")\)`},
	{"page title (layout shows {{.T .Title}})", `newPage\(r, ("[^"]*")\)`},
	{"page title via a form or list helper", `(?:FormPage|newListsPage)\(r, ("[^"]*"),`},
	{"page title variable", `(?m)\btitle(?:, \w+)* :?= ("[^"]*")(?:,|$)`},
	{"page titles by key (errors, forms)", `\btitle :?= map\[\w+\]string\{([^}]*)\}`},
	{"page titles by key in a form helper", `FormPage\(r, map\[bool\]string\{([^}]*)\}`},
	{"menu label (NavHTML)", `navItem\{("[^"]*")`},
	{"list row labels (labelsFor)", `labelsFor\(p, ("[^"]*", "[^"]*")\)`},
	{"leading-group section ({{$.T .Label}})", `\{("[^"]*"), g\.\w+\(\)\}`},
	{"hazard photo group ({{$.T .Title}})", `\{("[^"]*"), urls\(`},
	{"account table title ({{$.T .Title}})", `table\{("[^"]*"), `},
	{"rhythm period group ({{$.T .Label}})", `periodGroup\{(\{Label: "[^"]*"\}(?:, \{Label: "[^"]*"\})*)\}`},
}

var quoted = regexp.MustCompile(`"[^"]*"`)

// goKeys collects the texts of goTextPatterns from the package's sources
// (the test runs in the package directory).
func goKeys(t *testing.T) uiKeys {
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	keys, hits := uiKeys{}, make([]int, len(goTextPatterns))
	res := make([]*regexp.Regexp, len(goTextPatterns))
	for i, p := range goTextPatterns {
		res[i] = regexp.MustCompile(p.re)
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") || strings.HasPrefix(name, "i18n") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for i, re := range res {
			for _, m := range re.FindAllStringSubmatch(string(src), -1) {
				hits[i]++
				for _, q := range quoted.FindAllString(m[1], -1) {
					keys.add(strings.Trim(q, `"`), name+" ("+goTextPatterns[i].why+")")
				}
			}
		}
	}
	for i, n := range hits {
		if n == 0 {
			t.Errorf("pattern %q (%s) matches nothing: update goTextPatterns", goTextPatterns[i].re, goTextPatterns[i].why)
		}
	}
	return keys
}

// TestEveryTranslatedTextHasEnglish fails for every Chinese text that
// goes through translate — template literals, texts the Go code passes to
// it, and the domain labels templates translate — with no English entry:
// the English page would show it in Chinese.
func TestEveryTranslatedTextHasEnglish(t *testing.T) {
	all := uiKeys{}
	for _, part := range []uiKeys{templateKeys(t), goKeys(t), domainLabelKeys(t)} {
		for k, from := range part {
			all[k] = append(all[k], from...)
		}
	}
	var missing []string
	for k, from := range all {
		if _, ok := english[k]; !ok {
			missing = append(missing, strconv.Quote(k)+": \"\", // "+strings.Join(uniqueSorted(from), ", "))
		}
	}
	sort.Strings(missing)
	t.Logf("%d translated texts, %d without English", len(all), len(missing))
	if len(missing) > 0 {
		t.Errorf("%d texts have no English entry (add them to an i18n_*.go map):\n\t%s", len(missing), strings.Join(missing, "\n\t"))
	}
}

// TestEnglishEntriesAreEnglish: a translation in Chinese, or with "{{"
// (pretranslate would leave the call in place, decision 0025), is a slip.
func TestEnglishEntriesAreEnglish(t *testing.T) {
	for k, v := range english {
		if k == "中文" { // the switcher's own name stays in its language
			continue
		}
		if hasHan(v) || strings.Contains(v, "{{") {
			t.Errorf("english[%q] = %q", k, v)
		}
	}
}

func uniqueSorted(xs []string) []string {
	sort.Strings(xs)
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	if len(out) > 3 {
		out = append(out[:3], "…")
	}
	return out
}
