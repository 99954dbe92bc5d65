package e2e

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"safecampus/internal/testkit"
)

// TestBrowserHazardLoopOnPhone is issue 4's "done when" at phone size:
// a staff member reports a hazard with a photo (随手拍), the campaign
// office confirms and assigns it to the logistics unit with the principal
// as acceptor, the unit head starts and submits the rectification with a
// photo, the acceptor returns it with a reason, the unit head submits
// again, and the acceptor accepts. Each role uses its own demo account on
// its own phone (a browser each, started when the role first acts); the
// record's timeline then shows every step in order.
func TestBrowserHazardLoopOnPhone(t *testing.T) {
	dir := t.TempDir()
	env := []string{"SAFECAMPUS_ADMIN_PASSWORD=" + adminPassword}
	if out, code := runCLI(t, env, "demo", "--data", dir); code != 0 {
		t.Fatalf("demo: status %d\n%s", code, out)
	}
	users := []string{"staff", "office", "unithead", "principal"}
	for _, u := range users {
		if out, code := runCLI(t, nil, "user", "reset-password", "--data", dir, "--username", u, "--password", "Reset-"+u+"-2026"); code != 0 {
			t.Fatalf("reset-password %s: status %d\n%s", u, code, out)
		}
	}
	placeID, placeName := demoPlace(t, dir)
	unitID, headID, acceptorID := demoIDs(t, dir)
	srv := startServer(t, dir, env)
	phones, changed := map[string]*tab{}, map[string]bool{}
	var b *tab
	// as switches to user's phone, logging in there the first time.
	as := func(user string) {
		t.Helper()
		if phones[user] == nil {
			phones[user] = &tab{t: t, ctx: testkit.Browser(t, 390, 844), base: srv.URL, shot: "e2e-hazard"}
			phones[user].loginAs(user, changed)
		}
		b = phones[user]
	}
	photo := filepath.Join(t.TempDir(), "camera.png")
	writePNG(t, photo)
	deadline := time.Now().In(shanghaiZone()).AddDate(0, 0, 7).Format(time.DateOnly)

	// 随手拍: photo, place (preselected from the QR page's link), note.
	as("staff")
	b.open(fmt.Sprintf("/hazards/report?place=%d", placeID))
	if got := b.eval(`document.querySelector('select[name="place_id"]').selectedOptions[0].textContent.trim()`); got != placeName {
		t.Errorf("the report form preselects %q, want %q", got, placeName)
	}
	// photo_shrink.js: a photo bigger than the server keeps becomes an
	// upright JPEG of at most 1600 px before it is sent.
	shrunk := b.evalAwait(`(async () => {
		const c = document.createElement("canvas"); c.width = 3200; c.height = 1600;
		c.getContext("2d").fillRect(0, 0, 10, 10);
		const blob = await new Promise(r => c.toBlob(r, "image/png"));
		const out = await window.SafeCampusShrink(new File([blob], "big.png", {type: "image/png"}));
		const img = new Image(), u = URL.createObjectURL(out);
		await new Promise(r => { img.onload = r; img.src = u; });
		return out.type + " " + out.name + " " + img.naturalWidth + "x" + img.naturalHeight;
	})()`)
	if shrunk != "image/jpeg big.jpg 1600x800" {
		t.Errorf("a 3200x1600 photo shrunk in the browser to %q, want a 1600x800 JPEG", shrunk)
	}
	b.upload(`input[data-hz-camera]`, photo)
	b.waitFor(`document.querySelectorAll("[data-previews] img").length === 1`, "the photo's preview")
	b.typeInto(`textarea[name="description"]`, "三楼走廊灭火器压力表指针在红区")
	b.shotAndFit("1-report")
	b.submit(`form[action="/hazards/report"]`, "")
	hazardPath := b.path()
	if !regexp.MustCompile(`^/hazards/\d+$`).MatchString(hazardPath) {
		t.Fatalf("after reporting the browser is on %s", hazardPath)
	}
	number := b.text("main h1")
	b.shotAndFit("2-reported")

	// The office confirms and assigns.
	as("office")
	b.open(hazardPath)
	b.click(`#act-confirm > summary`)
	b.setValue(`#act-confirm select[name="level"]`, "general")
	b.setValue(`#act-confirm select[name="area"]`, "FIRE")
	b.typeInto(`#act-confirm input[name="category"]`, "消防设施")
	b.submit(`#act-confirm form`, hazardPath)
	b.noFieldErrors()
	b.click(`#act-assign > summary`)
	b.setValue(`#act-assign select[name="unit_id"]`, fmt.Sprint(unitID))
	b.setValue(`#act-assign select[name="responsible_id"]`, fmt.Sprint(headID))
	b.typeInto(`#act-assign textarea[name="measures"]`, "更换灭火器并检查同层其余灭火器")
	b.setInput(`#act-assign input[name="deadline"]`, deadline)
	b.setValue(`#act-assign select[name="acceptor_id"]`, fmt.Sprint(acceptorID))
	b.shotAndFit("3-assign")
	b.submit(`#act-assign form`, hazardPath)
	b.noFieldErrors()

	// The unit head starts and submits the rectification with a photo.
	rectify := func(note, shot string) {
		b.t.Helper()
		b.open(hazardPath)
		b.typeInto(`#act-submit textarea[name="note"]`, note)
		b.upload(`#act-submit input[data-hz-camera]`, photo)
		b.waitFor(`document.querySelectorAll("#act-submit [data-previews] img").length === 1`, "the evidence preview")
		b.shotAndFit(shot)
		b.submit(`#act-submit form`, hazardPath)
		b.noFieldErrors()
	}
	as("unithead")
	b.open(hazardPath)
	b.submit(`#act-start`, hazardPath)
	b.noFieldErrors()
	rectify("已更换灭火器", "4-rectify")

	// The acceptor returns it with a reason; the unit head submits again.
	as("principal")
	b.open(hazardPath)
	b.typeInto(`#act-accept form[action$="/return"] textarea[name="reason"]`, "照片未显示新灭火器的压力表")
	b.submit(`#act-accept form[action$="/return"]`, hazardPath)
	b.noFieldErrors()
	as("unithead")
	rectify("已补拍压力表照片", "5-rectify-again")

	// Accepted: closed, and the timeline shows every step in order.
	as("principal")
	b.open(hazardPath)
	b.typeInto(`#act-accept form[action$="/accept"] textarea[name="note"]`, "压力正常，同意销号")
	b.submit(`#act-accept form[action$="/accept"]`, hazardPath)
	b.noFieldErrors()
	if badges := b.text(".hz-badges"); !strings.Contains(badges, "已销号") {
		t.Errorf("after acceptance the badges read %q", badges)
	}
	steps := b.eval(`[...document.querySelectorAll("ol.timeline > li")].map(li => li.className.replace("tl-", "")).join(" ")`)
	if want := "report confirm assign start submit return submit accept"; steps != want {
		t.Errorf("timeline steps %q, want %q", steps, want)
	}
	who := b.eval(`[...document.querySelectorAll("ol.timeline .tl-who")].map(e => e.textContent.trim()).join(" ")`)
	for _, name := range []string{"何静", "黄轶", "陈建国", "姜声扬"} {
		if !strings.Contains(who, name) {
			t.Errorf("timeline actors %q lack %s", who, name)
		}
	}
	if page := b.text("main"); !strings.Contains(page, "照片未显示新灭火器的压力表") || !strings.Contains(page, number) {
		t.Errorf("record lacks the return reason or its number:\n%s", page)
	}
	photos := b.evalAwait(`(async () => {
		const imgs = [...document.querySelectorAll(".hz-photos img.photo")];
		const res = await Promise.all(imgs.map(i => fetch(i.src, {credentials: "same-origin"}).then(r => r.status)));
		return imgs.length + " " + res.join(",");
	})()`)
	if photos != "3 200,200,200" {
		t.Errorf("record photos (count, statuses): %q, want the report's and two evidence photos served", photos)
	}
	b.shotAndFit("6-closed")

	// The list finds it by its number, as a card on a phone.
	b.open("/hazards?q=" + number)
	if got := b.eval(`[...document.querySelectorAll("main .hazard-table .h-no a")].map(a => a.textContent.trim()).join(" ")`); got != number {
		t.Errorf("list searched for %s shows %q", number, got)
	}
	b.shotAndFit("7-list")
	srv.stop(t)
}

// loginAs signs in as a demo user whose password the test reset; the
// first login changes it, as the program requires (changed remembers
// whose). Cookies of the previous user go first, so one browser can
// switch between users.
func (b *tab) loginAs(user string, changed map[string]bool) {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	if _, err := chromedp.Call(ctx, network.ClearBrowserCookies, cdp.Empty{}); err != nil {
		b.t.Fatalf("clear cookies: %v", err)
	}
	first, second := "Reset-"+user+"-2026", "Phone-"+user+"-2026"
	b.open("/login")
	b.typeInto(`form[action="/login"] input[name="username"]`, user)
	if changed[user] {
		b.typeInto(`form[action="/login"] input[name="password"]`, second)
		b.submit(`form[action="/login"]`, "/")
		return
	}
	b.typeInto(`form[action="/login"] input[name="password"]`, first)
	b.submit(`form[action="/login"]`, "/account/password")
	b.typeInto(`input[name="old_password"]`, first)
	b.typeInto(`input[name="new_password"]`, second)
	b.typeInto(`input[name="confirm_password"]`, second)
	b.submit(`form[action="/account/password"]`, "/")
	changed[user] = true
}

// setInput sets an input's value as a date picker would.
func (b *tab) setInput(sel, value string) {
	b.t.Helper()
	js := fmt.Sprintf(`(() => { const el = document.querySelector(%q); if (!el) return "no element"; el.value = %q;
		el.dispatchEvent(new Event("change", {bubbles: true})); return el.value === %q ? "" : "value " + el.value; })()`, sel, value, value)
	if msg := b.eval(js); msg != "" {
		b.t.Fatalf("set %s: %s", sel, msg)
	}
}

// demoIDs are the logistics unit, its head (陈建国) and the principal
// (姜声扬) of the demo school.
func demoIDs(t *testing.T, dir string) (unit, head, principal int64) {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(dir, "safecampus.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow(`SELECT id, head_person_id FROM units WHERE name = '后勤管理处'`).Scan(&unit, &head); err != nil {
		t.Fatalf("demo unit: %v", err)
	}
	if err := db.QueryRow(`SELECT id FROM people WHERE name = '姜声扬'`).Scan(&principal); err != nil {
		t.Fatalf("demo principal: %v", err)
	}
	return unit, head, principal
}

func shanghaiZone() *time.Location {
	if l, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return l
	}
	return time.FixedZone("CST", 8*3600)
}
