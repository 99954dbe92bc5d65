package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"safecampus/internal/testkit"
)

// stepTimeout bounds each browser step: a query for a missing element would
// otherwise wait for the whole 60 s of the tab's context.
const stepTimeout = 15 * time.Second

// tab is a Chromium tab on one server; every helper fails the test on error
// so the scenario reads as a list of user actions.
type tab struct {
	t    *testing.T
	ctx  context.Context
	base string
	shot string // screenshot name prefix
}

func (b *tab) step() (context.Context, context.CancelFunc) {
	return context.WithTimeout(b.ctx, stepTimeout)
}

// open navigates to path and requires a 200 answer.
func (b *tab) open(path string) {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(b.base+path))
	if err != nil {
		b.t.Fatalf("open %s: %v", path, err)
	}
	if resp.Status != 200 {
		b.t.Fatalf("open %s: status %d, want 200; page text:\n%s", path, resp.Status, b.text("body"))
	}
}

func (b *tab) typeInto(sel, text string) {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(sel), text)); err != nil {
		b.t.Fatalf("type into %s: %v", sel, err)
	}
}

func (b *tab) click(sel string) {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		b.t.Fatalf("click %s: %v", sel, err)
	}
}

// clickAndWait clicks sel, waits for the page it loads and, when wantPath
// is not empty, requires the browser to end up there. Answers of 400 and
// above fail the test.
func (b *tab) clickAndWait(sel, wantPath string) {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("click %s: %v", sel, err)
	}
	if resp.Status >= 400 {
		b.t.Fatalf("click %s: status %d; page text:\n%s", sel, resp.Status, b.text("body"))
	}
	if wantPath != "" {
		if got := b.path(); got != wantPath {
			b.t.Fatalf("click %s: landed on %s, want %s", sel, got, wantPath)
		}
	}
}

// submit presses the submit button of the form matched by formSel.
func (b *tab) submit(formSel, wantPath string) {
	b.t.Helper()
	b.clickAndWait(formSel+` button[type="submit"]`, wantPath)
}

func (b *tab) path() string {
	b.t.Helper()
	loc, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		b.t.Fatalf("location: %v", err)
	}
	u, err := url.Parse(loc)
	if err != nil {
		b.t.Fatalf("location %q: %v", loc, err)
	}
	return u.Path
}

func (b *tab) text(sel string) string {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

func (b *tab) eval(js string) string {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		b.t.Fatalf("evaluate: %v", err)
	}
	return s
}

// setValue selects option value in the select sel, failing when the
// select or the option is missing (a renamed field must not pass silently).
func (b *tab) setValue(sel, value string) {
	b.t.Helper()
	b.pick(sel, value)
}

// chooseFirst selects the first option of sel that has a non-empty value.
func (b *tab) chooseFirst(sel string) { b.t.Helper(); b.pick(sel, "") }

func (b *tab) pick(sel, value string) {
	b.t.Helper()
	qs, _ := json.Marshal(sel)
	qv, _ := json.Marshal(value)
	msg := b.eval(fmt.Sprintf(`(() => {
		const el = document.querySelector(%s), want = %s;
		if (!el) return "no element";
		const opt = [...el.options].find(o => want === "" ? o.value !== "" : o.value === want);
		if (!opt) return "no option " + JSON.stringify(want) + " among " + JSON.stringify([...el.options].map(o => o.value));
		el.value = opt.value;
		el.dispatchEvent(new Event("change", {bubbles: true}));
		return "";
	})()`, qs, qv))
	if msg != "" {
		b.t.Fatalf("select %s: %s", sel, msg)
	}
}

// noFieldErrors fails when the page shows a form error after a submit.
func (b *tab) noFieldErrors() {
	b.t.Helper()
	if msg := b.eval(`[...document.querySelectorAll("main .error, main .field-error")].map(e => e.textContent.trim()).join(" | ")`); msg != "" {
		b.t.Fatalf("%s shows form errors: %s", b.path(), msg)
	}
}

// shotAndFit takes a screenshot and requires that the page does not scroll
// sideways (tables must fold or scroll inside their own box on a phone).
func (b *tab) shotAndFit(name string) {
	b.t.Helper()
	testkit.Screenshot(b.t, b.ctx, b.shot+"-"+name)
	ctx, cancel := b.step()
	defer cancel()
	dims, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, window.innerWidth]`))
	if err != nil {
		b.t.Fatalf("measure width: %v", err)
	}
	if dims[0] > dims[1]+1 {
		b.t.Errorf("%s (%s): page is %d px wide in a %d px window (horizontal overflow)", name, b.path(), dims[0], dims[1])
	}
}
