package e2e

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"safecampus/internal/testkit"
)

// TestBrowserInspectionOnPhone is the field inspection of issue 3 at phone
// size: the demo grid member logs in (changing the password the operator
// reset), opens a place's inspection form as its QR code would, fails the
// first question with a note and a photo from the "camera", signs on the
// signature pad (touch and mouse strokes), loses the connection half-way,
// reloads (answers and the drawing come back from the phone), answers the
// rest and submits twice without typing a name. One inspection is stored, with its finding;
// the ledger lists it once and its record page shows the photo.
func TestBrowserInspectionOnPhone(t *testing.T) {
	ctx := testkit.Browser(t, 390, 844)
	dir := t.TempDir()
	env := []string{"SAFECAMPUS_ADMIN_PASSWORD=" + adminPassword}
	if out, code := runCLI(t, env, "demo", "--data", dir); code != 0 {
		t.Fatalf("demo: status %d\n%s", code, out)
	}
	const first, second = "Reset-Inspector-2026", "Inspector-Phone-2026"
	if out, code := runCLI(t, nil, "user", "reset-password", "--data", dir, "--username", "inspector", "--password", first); code != 0 {
		t.Fatalf("reset-password: status %d\n%s", code, out)
	}
	placeID, placeName := demoPlace(t, dir)
	srv := startServer(t, dir, env)
	b := &tab{t: t, ctx: ctx, base: srv.URL, shot: "e2e-inspection"}

	b.open("/login")
	b.typeInto(`form[action="/login"] input[name="username"]`, "inspector")
	b.typeInto(`form[action="/login"] input[name="password"]`, first)
	b.submit(`form[action="/login"]`, "/account/password")
	b.typeInto(`input[name="old_password"]`, first)
	b.typeInto(`input[name="new_password"]`, second)
	b.typeInto(`input[name="confirm_password"]`, second)
	b.submit(`form[action="/account/password"]`, "/")

	// The QR code's page sends the grid member here.
	b.open(fmt.Sprintf("/inspections/new?place=%d&kind=grid_patrol", placeID))
	formURL := b.eval(`location.pathname + location.search`)
	cid := b.eval(`document.getElementById("inspection-form").dataset.clientId`)
	if !strings.Contains(formURL, "cid="+cid) || len(cid) < 8 {
		t.Fatalf("form URL %q does not carry the client id %q", formURL, cid)
	}
	if h1 := b.text("main h1"); !strings.Contains(h1, placeName) {
		t.Errorf("form heading %q does not name the place %q", h1, placeName)
	}
	codes := strings.Split(b.eval(`[...document.querySelectorAll("fieldset[data-q]")].map(f => f.dataset.q).join(" ")`), " ")
	if len(codes) < 4 {
		t.Fatalf("the form asks %d questions: %v", len(codes), codes)
	}
	b.shotAndFit("1-form")

	// The first question fails, with a note and a photo from the camera input.
	q0 := codes[0]
	b.answer(q0, "fail")
	b.typeInto(fmt.Sprintf(`input[name="n_%s"]`, q0), "灭火器压力不足")
	photoPath := filepath.Join(t.TempDir(), "camera.png")
	writePNG(t, photoPath)
	b.upload(fmt.Sprintf(`input[data-camera="%s"]`, q0), photoPath)
	b.waitFor(fmt.Sprintf(`document.querySelectorAll('fieldset[data-q="%s"] .thumb img').length === 1 &&
		document.querySelector('fieldset[data-q="%s"] .thumb img').naturalWidth > 0`, q0, q0), "the photo's thumbnail")
	half := len(codes) / 2
	for _, c := range codes[1:half] {
		b.answer(c, "pass")
	}

	// Signed on the pad with a finger (and a mouse stroke on top): the
	// drawing is uploaded as a photo and named by the form, and the typed
	// name is no longer required.
	if b.signatureInk() != 0 {
		t.Fatal("the signature pad starts with ink on it")
	}
	b.drawSignature(true)
	byFinger := b.signatureInk()
	b.drawSignature(false)
	if all := b.signatureInk(); byFinger < 50 || all < byFinger+50 {
		t.Fatalf("dark pixels on the pad: %d after the finger's stroke, %d after the mouse's", byFinger, all)
	}
	b.waitFor(`document.querySelector('input[name="signature_photo_id"]').value !== ""`, "the drawn signature's upload")
	sigID := b.eval(`document.querySelector('input[name="signature_photo_id"]').value`)
	if req := b.eval(`String(document.querySelector('input[name="signature"]').required)`); req != "false" {
		t.Errorf("with a drawn signature the typed name is required: %s", req)
	}
	b.shotAndFit("1b-signed")

	// The connection drops: the page says the answers are kept on the phone.
	b.network(true)
	b.waitFor(`!document.querySelector("[data-offline]").hidden`, "the offline banner")
	b.shotAndFit("2-offline")
	b.answer(codes[half], "na")
	b.network(false)
	b.waitFor(`document.querySelector("[data-offline]").hidden`, "the offline banner to go")

	// A reload (or a phone that killed the tab) brings the answers back.
	b.open(formURL)
	for _, c := range codes[:half+1] {
		want := map[bool]string{true: "pass", false: "fail"}[c != q0]
		if c == codes[half] {
			want = "na"
		}
		if got := b.eval(fmt.Sprintf(`(document.querySelector('input[name="a_%s"]:checked') || {}).value || ""`, c)); got != want {
			t.Errorf("after reload %s is %q, want %q", c, got, want)
		}
	}
	if note := b.eval(fmt.Sprintf(`document.querySelector('input[name="n_%s"]').value`, q0)); note != "灭火器压力不足" {
		t.Errorf("after reload the note is %q", note)
	}
	if n := b.eval(fmt.Sprintf(`String(document.querySelectorAll('fieldset[data-q="%s"] .thumb input[type=hidden]').length)`, q0)); n != "1" {
		t.Errorf("after reload the first question has %s photos, want 1", n)
	}
	b.waitFor(`document.querySelector('input[name="signature_photo_id"]').value !== ""`, "the signature after reload")
	if got := b.eval(`document.querySelector('input[name="signature_photo_id"]').value`); got != sigID {
		t.Errorf("after reload the drawn signature is photo %q, want %q", got, sigID)
	}
	b.waitFor(`(() => { const c = document.querySelector("canvas[data-sign-canvas]"), d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
		for (let i = 0; i < d.length; i += 4) if (d[i] < 128) return true; return false; })()`, "the drawing back on the pad after reload")
	for _, c := range codes[half+1:] {
		b.answer(c, "pass")
	}
	// No typed name: the drawing alone signs the form.
	b.shotAndFit("3-answered")

	// Submitted twice: once as a retry would (the same form posted by a
	// script) and then with a double tap on the button.
	status := b.evalAwait(`(async () => {
		const f = document.getElementById("inspection-form");
		const r = await fetch(f.action, {method: "POST", body: new FormData(f), credentials: "same-origin"});
		return String(r.status) + " " + new URL(r.url).pathname;
	})()`)
	if !regexp.MustCompile(`^200 /inspections/\d+$`).MatchString(status) {
		t.Fatalf("first submission answered %q", status)
	}
	rec := strings.Fields(status)[1]
	tctx, cancel := b.step()
	doubleTap := func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := chromedp.Evaluate[bool](`(() => { const b = document.querySelector("[data-submit]"); b.click(); b.click(); return true; })()`)(ctx, tg)
		return chromedp.Void{}, err
	}
	_, err := chromedp.RunResponse(tctx, doubleTap)
	cancel()
	if err != nil {
		t.Fatalf("double tap: %v", err)
	}
	if got := b.path(); got != rec {
		t.Fatalf("after the double tap the browser is on %s, want %s", got, rec)
	}
	b.shotAndFit("4-record")

	// The record shows the failed question with its photo, which loads.
	if page := b.text("main"); !strings.Contains(page, "灭火器压力不足") || !strings.Contains(page, "发现问题") {
		t.Errorf("record page lacks the note or the findings:\n%s", page)
	}
	photo := b.evalAwait(`(async () => {
		const imgs = [...document.querySelectorAll("img.photo")];
		if (imgs.length !== 1) return "images: " + imgs.length;
		const r = await fetch(imgs[0].src, {credentials: "same-origin"});
		return r.status + " " + r.headers.get("Content-Type") + " " + (imgs[0].complete && imgs[0].naturalWidth > 0);
	})()`)
	if photo != "200 image/jpeg true" {
		t.Errorf("record photo: %q, want it served (200 image/jpeg) and shown", photo)
	}
	sign := b.evalAwait(`(async () => {
		const imgs = [...document.querySelectorAll("img.signature-img")];
		if (imgs.length !== 1) return "images: " + imgs.length;
		await (imgs[0].complete ? Promise.resolve() : new Promise(r => { imgs[0].onload = imgs[0].onerror = r; }));
		const r = await fetch(imgs[0].src, {credentials: "same-origin"});
		return new URL(imgs[0].src).pathname + " " + r.status + " " + r.headers.get("Content-Type") + " " + (imgs[0].naturalWidth > 0);
	})()`)
	if want := "/photos/" + sigID + " 200 image/jpeg true"; sign != want {
		t.Errorf("record signature: %q, want %q", sign, want)
	}
	// The ledger lists it once (as a table row or, on a phone, a card).
	b.open("/ledger")
	listed := b.eval(fmt.Sprintf(`(() => {
		const rows = [...document.querySelectorAll("main table tbody tr")].filter(tr => tr.querySelector('a[href="%[1]s"]')).length;
		const cards = document.querySelectorAll('main a.ledger-card-head[href="%[1]s"]').length;
		return rows + " " + cards;
	})()`, rec))
	if listed != "1 1" && listed != "1 0" && listed != "0 1" {
		t.Errorf("ledger lists the inspection as %q (table rows, cards); want it once", listed)
	}
	b.shotAndFit("5-ledger")
	b.open(formURL) // the old form now leads to the record
	if got := b.path(); got != rec {
		t.Errorf("reopening the submitted form lands on %s, want %s", got, rec)
	}
	srv.stop(t)

	db, err := sql.Open("sqlite", filepath.Join(dir, "safecampus.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var rows, findings, photos int
	var result string
	if err := db.QueryRow(`SELECT COUNT(*), MAX(result) FROM inspections WHERE client_id = ?`, cid).Scan(&rows, &result); err != nil {
		t.Fatal(err)
	}
	if rows != 1 || result != "fail" {
		t.Errorf("inspections with client id %s: %d (result %q), want exactly 1 failed", cid, rows, result)
	}
	if err := db.QueryRow(`SELECT COUNT(*) FROM findings f JOIN inspections i ON i.id = f.inspection_id WHERE i.client_id = ?`, cid).Scan(&findings); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT COUNT(*) FROM photos ph JOIN inspection_answers a ON a.id = ph.owner_id AND ph.owner_kind = 'answer'
		JOIN inspections i ON i.id = a.inspection_id WHERE i.client_id = ?`, cid).Scan(&photos); err != nil {
		t.Fatal(err)
	}
	if findings != 1 || photos != 1 {
		t.Errorf("findings %d, linked photos %d; want 1 and 1", findings, photos)
	}
	var signed int
	if err := db.QueryRow(`SELECT COUNT(*) FROM inspections i JOIN photos ph ON ph.id = i.signature_photo_id
		AND ph.owner_kind = 'signature' AND ph.owner_id = i.id WHERE i.client_id = ? AND i.signature = ''`, cid).Scan(&signed); err != nil {
		t.Fatal(err)
	}
	if signed != 1 {
		t.Errorf("inspections signed by their linked drawing only: %d, want 1", signed)
	}
}

// demoPlace picks an active place of the demo school with checks to do.
func demoPlace(t *testing.T, dir string) (int64, string) {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(dir, "safecampus.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var id int64
	var name string
	err = db.QueryRow(`SELECT id, name FROM places WHERE active AND place_type = 'student_dormitory' ORDER BY id LIMIT 1`).Scan(&id, &name)
	if err != nil {
		t.Fatalf("demo place: %v", err)
	}
	return id, name
}

func writePNG(t *testing.T, path string) {
	t.Helper()
	m := image.NewNRGBA(image.Rect(0, 0, 640, 480))
	for y := 0; y < 480; y++ {
		for x := 0; x < 640; x++ {
			m.SetNRGBA(x, y, color.NRGBA{uint8(x), uint8(y), 120, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

// answer taps the big button of result for question code.
func (b *tab) answer(code, result string) {
	b.t.Helper()
	b.click(fmt.Sprintf(`fieldset[data-q="%s"] input[value="%s"] + span`, code, result))
}

// upload gives the file input sel a file, as the camera would.
func (b *tab) upload(sel, path string) {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS(sel), []string{path})); err != nil {
		b.t.Fatalf("upload to %s: %v", sel, err)
	}
}

// network takes the tab offline or back online: requests fail and
// navigator.onLine (with its events) follows.
func (b *tab) network(offline bool) {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		b.t.Fatalf("network enable: %v", err)
	}
	if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		MatchedNetworkConditions: []*network.Conditions{{Offline: offline, DownloadThroughput: -1, UploadThroughput: -1}}}); err != nil {
		b.t.Fatalf("emulate network: %v", err)
	}
	if _, err := chromedp.Call(ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{
		Offline: offline, DownloadThroughput: -1, UploadThroughput: -1}); err != nil {
		b.t.Fatalf("override network state: %v", err)
	}
}

// evalAwait evaluates js, waiting for the promise it returns.
func (b *tab) evalAwait(js string) string {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("evaluate: %v", err)
	}
	return s
}

// waitFor polls the JavaScript condition until it holds.
func (b *tab) waitFor(cond, what string) {
	b.t.Helper()
	deadline := time.Now().Add(stepTimeout)
	for {
		if b.eval(`String(!!(`+cond+`))`) == "true" {
			return
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("waited %s for %s", stepTimeout, what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
