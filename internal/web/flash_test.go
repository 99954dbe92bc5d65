package web

import (
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"os"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"safecampus/internal/rules"
)

// flashScan finds the message of every s.redirect / s.redirectf call in
// the package's Go sources (not tests) and folds it to the set of
// constant Chinese texts it can be: a literal; a variable through every
// assignment to it in the function; a parameter through every call of
// its function; a map literal indexed at run time (stepFlash[act]); and
// "label" + "已停用。" as the product of both sides. Anything else — a
// fmt.Sprintf, a field of a record — is a message built at run time that
// no dictionary can hold: it is reported, so it moves to redirectf.
type flashScan struct {
	fset    *token.FileSet
	funcs   map[string][]*ast.FuncDecl
	vars    map[string]ast.Expr
	calls   []scannedCall
	keys    uiKeys
	dynamic []string
}

type scannedCall struct {
	call *ast.CallExpr
	in   *ast.FuncDecl
}

func scanFlashes(t *testing.T) *flashScan {
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	sc := &flashScan{fset: token.NewFileSet(), funcs: map[string][]*ast.FuncDecl{}, vars: map[string]ast.Expr{}, keys: uiKeys{}}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(sc.fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				sc.funcs[d.Name.Name] = append(sc.funcs[d.Name.Name], d)
				if d.Body != nil {
					ast.Inspect(d.Body, func(n ast.Node) bool {
						if c, ok := n.(*ast.CallExpr); ok {
							sc.calls = append(sc.calls, scannedCall{c, d})
						}
						return true
					})
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					if vs, ok := s.(*ast.ValueSpec); ok && len(vs.Names) == len(vs.Values) {
						for i, n := range vs.Names {
							sc.vars[n.Name] = vs.Values[i]
						}
					}
				}
			}
		}
	}
	sites := 0
	for _, c := range sc.calls {
		if name := calleeName(c.call); (name == "redirect" || name == "redirectf") && len(c.call.Args) >= 4 {
			if _, ok := c.call.Fun.(*ast.SelectorExpr); !ok {
				continue
			}
			sites++
			where := sc.fset.Position(c.call.Pos()).String()
			for _, k := range sc.resolve(c.call.Args[3], c.in, where, 0) {
				sc.keys.add(k, where)
			}
		}
	}
	if sites < 60 {
		t.Fatalf("only %d redirect calls found: the scan no longer matches the code", sites)
	}
	return sc
}

func calleeName(c *ast.CallExpr) string {
	switch f := c.Fun.(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		return f.Sel.Name
	}
	return ""
}

// resolve returns the constant texts e can be inside fn.
func (sc *flashScan) resolve(e ast.Expr, fn *ast.FuncDecl, where string, depth int) []string {
	if depth > 8 {
		sc.dynamic = append(sc.dynamic, where+": message too indirect to follow")
		return nil
	}
	switch e := e.(type) {
	case *ast.BasicLit:
		if s, err := strconv.Unquote(e.Value); err == nil && e.Kind == token.STRING {
			return []string{s}
		}
	case *ast.ParenExpr:
		return sc.resolve(e.X, fn, where, depth+1)
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			var out []string
			for _, l := range sc.resolve(e.X, fn, where, depth+1) {
				for _, r := range sc.resolve(e.Y, fn, where, depth+1) {
					out = append(out, l+r)
				}
			}
			return out
		}
	case *ast.IndexExpr:
		return sc.resolve(e.X, fn, where, depth+1)
	case *ast.CompositeLit:
		var out []string
		for _, el := range e.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				el = kv.Value
			}
			out = append(out, sc.resolve(el, fn, where, depth+1)...)
		}
		return out
	case *ast.Ident:
		if out, ok := sc.assigned(e.Name, fn, where, depth); ok {
			return out
		}
		if out, ok := sc.parameter(e.Name, fn, where, depth); ok {
			return out
		}
		if v, ok := sc.vars[e.Name]; ok {
			return sc.resolve(v, fn, where, depth+1)
		}
	}
	sc.dynamic = append(sc.dynamic, where+": "+sc.source(e))
	return nil
}

// assigned follows every assignment to name in fn's body.
func (sc *flashScan) assigned(name string, fn *ast.FuncDecl, where string, depth int) ([]string, bool) {
	var out []string
	found := false
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		for i, l := range as.Lhs {
			if id, ok := l.(*ast.Ident); ok && id.Name == name {
				found = true
				if as.Tok != token.ASSIGN && as.Tok != token.DEFINE {
					sc.dynamic = append(sc.dynamic, where+": "+name+" is appended to; write whole sentences")
					continue
				}
				out = append(out, sc.resolve(as.Rhs[i], fn, where, depth+1)...)
			}
		}
		return true
	})
	return out, found
}

// parameter follows a parameter of fn to the arguments of its callers.
func (sc *flashScan) parameter(name string, fn *ast.FuncDecl, where string, depth int) ([]string, bool) {
	i := 0
	for _, f := range fn.Type.Params.List {
		for _, n := range f.Names {
			if n.Name == name {
				var out []string
				for _, c := range sc.calls {
					if calleeName(c.call) == fn.Name.Name && i < len(c.call.Args) {
						out = append(out, sc.resolve(c.call.Args[i], c.in, where, depth+1)...)
					}
				}
				return out, true
			}
			i++
		}
	}
	return nil, false
}

func (sc *flashScan) source(e ast.Expr) string {
	start, end := sc.fset.Position(e.Pos()), sc.fset.Position(e.End())
	src, err := os.ReadFile(start.Filename)
	if err != nil || end.Offset > len(src) {
		return "?"
	}
	return string(src[start.Offset:end.Offset])
}

// printfVerbs is the sequence of a format's verbs, which the English
// format must repeat in the same order: redirectf fills either with the
// same arguments.
var printfVerb = regexp.MustCompile(`%(?:\[\d+\])?[-+# 0]*\d*(?:\.\d+)?[a-zA-Z%]`)

func printfVerbs(s string) string {
	return strings.Join(printfVerb.FindAllString(s, -1), " ")
}

// TestEveryFlashHasEnglish fails for a flash message with no English
// entry, an English format whose verbs differ from the Chinese one, and
// a message built at run time (it cannot be translated: use redirectf).
func TestEveryFlashHasEnglish(t *testing.T) {
	sc := scanFlashes(t)
	// serveError's flash: the auth service's session-expired message,
	// translated by newPage.
	sc.keys.add("登录已过期，请重新登录。", "errors.go (session expired)")
	// policy_pages.go passes the translated status label to its format.
	for _, st := range rules.PolicyStatuses {
		sc.keys.add(rules.PolicyStatusLabel(st), "policy_pages.go (status label argument)")
	}
	for _, d := range sc.dynamic {
		t.Errorf("flash message built at run time (use redirectf with a constant format): %s", d)
	}
	var missing []string
	for k, from := range sc.keys {
		en, ok := english[k]
		switch {
		case !ok:
			missing = append(missing, strconv.Quote(k)+": \"\", // "+strings.Join(uniqueSorted(from), ", "))
		case printfVerbs(en) != printfVerbs(k):
			t.Errorf("english[%q] = %q: verbs %q, want %q", k, en, printfVerbs(en), printfVerbs(k))
		}
	}
	sort.Strings(missing)
	t.Logf("%d flash messages, %d without English", len(sc.keys), len(missing))
	if len(sc.keys) < 90 {
		t.Errorf("only %d flash messages found: the scan lost track of some", len(sc.keys))
	}
	for _, want := range []string{"已确认隐患。", "单位已停用。", "负责场所已更新。", "已上报隐患 %s，等待专项整治办公室确认。"} {
		if _, ok := sc.keys[want]; !ok {
			t.Errorf("the scan misses %q (a map value, a composed label, a parameter, a format)", want)
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d flash messages have no English entry (add them to i18n_flash.go):\n\t%s", len(missing), strings.Join(missing, "\n\t"))
	}
}

// flashAfter posts path as c and follows the redirect; it returns the
// page that shows the flash.
func flashAfter(t *testing.T, c *client, path string) string {
	t.Helper()
	rec := c.postForm(path, nil)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("POST %s: %d %.300s", path, rec.Code, rec.Body.String())
	}
	page := c.get(rec.Header().Get("Location"))
	expect(t, page, http.StatusOK)
	return page.Body.String()
}

func flashOf(body string) string {
	m := regexp.MustCompile(`<p class="flash" role="status">([^<]*)</p>`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return m[1]
}

// hazardNumber is a hazard's number as reports get it (2026-GEN-0001).
var hazardNumber = regexp.MustCompile(`\d{4}-[A-Z]+-\d+`)

func setLang(c *client, l string) {
	c.cookies["lang"] = &http.Cookie{Name: "lang", Value: l}
}

// TestFlashFollowsLanguage: the message after a POST is in the user's
// language, for a constant message and for one with a value inside.
func TestFlashFollowsLanguage(t *testing.T) {
	e := newHazardEnv(t)
	c := e.clients["wang"]

	if got := flashOf(flashAfter(t, c, "/inbox/read-all")); got != "没有未读通知。" {
		t.Errorf("Chinese flash = %q", got)
	}
	setLang(c, "en")
	if got, want := flashOf(flashAfter(t, c, "/inbox/read-all")), english["没有未读通知。"]; got != want || want == "" {
		t.Errorf("English flash = %q, want %q", got, want)
	}

	// 随手拍: "已上报隐患 <number>，…" with the number in both languages.
	id := e.report(c, "English flash: the corridor light is broken")
	body := c.get("/hazards/" + id).Body.String()
	en := flashOf(body)
	number := hazardNumber.FindString(en)
	want := strings.Replace(english["已上报隐患 %s，等待专项整治办公室确认。"], "%s", number, 1)
	if number == "" || en != want {
		t.Errorf("English report flash = %q, want %q", en, want)
	}
	setLang(c, "zh")
	id = e.report(c, "中文提示：走廊灯损坏，需要维修")
	zh := flashOf(c.get("/hazards/" + id).Body.String())
	if n := hazardNumber.FindString(zh); n == "" || n == number || zh != "已上报隐患 "+n+"，等待专项整治办公室确认。" {
		t.Errorf("Chinese report flash = %q", zh)
	}
	// The flash is shown once.
	if again := flashOf(c.get("/hazards/" + id).Body.String()); again != "" {
		t.Errorf("flash shown twice: %q", again)
	}
}

// TestFlashCookieEscaped: the cookie is the browser's to send; whatever
// it says is shown as text.
func TestFlashCookieEscaped(t *testing.T) {
	e := newTestServer(t)
	for _, l := range []string{"zh", "en"} {
		c := e.login(t, "staff")
		setLang(c, l)
		c.cookies["flash"] = &http.Cookie{Name: "flash", Value: "%3Cscript%3Ealert(1)%3C%2Fscript%3E%25s%22"}
		rec := c.get("/")
		expect(t, rec, http.StatusOK, "&lt;script&gt;alert(1)&lt;/script&gt;%s&#34;")
		expectAbsent(t, rec, "<script>alert(1)")
		if !slices.ContainsFunc(rec.Result().Cookies(), func(ck *http.Cookie) bool { return ck.Name == "flash" && ck.MaxAge < 0 }) {
			t.Errorf("%s: the shown flash cookie is not cleared", l)
		}
	}
}
