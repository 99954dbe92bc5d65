package e2e

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"safecampus/internal/testkit"
)

// TestBrowserOrgPages logs in to the real program in Chromium at desktop
// and phone size and creates a unit and a place through the forms.
func TestBrowserOrgPages(t *testing.T) {
	sizes := []struct {
		name string
		w, h int
	}{
		{"desktop", 1280, 900},
		{"phone", 390, 844},
	}
	for _, sz := range sizes {
		t.Run(sz.name, func(t *testing.T) {
			ctx := testkit.Browser(t, sz.w, sz.h)
			srv := startServer(t, t.TempDir(), []string{"SAFECAMPUS_ADMIN_PASSWORD=" + adminPassword}, "--demo")
			b := &tab{t: t, ctx: ctx, base: srv.URL, shot: "e2e-" + sz.name}
			suffix := fmt.Sprintf("%s-%d", sz.name, time.Now().UnixNano()%1e6)

			b.open("/login")
			b.shotAndFit("1-login")
			b.typeInto(`form[action="/login"] input[name="username"]`, "admin")
			b.typeInto(`form[action="/login"] input[name="password"]`, adminPassword)
			b.submit(`form[action="/login"]`, "/")
			if h1 := b.text("main h1"); h1 != "我的待办" {
				t.Fatalf("after login the heading is %q, want 我的待办", h1)
			}
			b.shotAndFit("2-home")

			// Reach the units through the menu, which is folded on a phone.
			if sz.w < 720 {
				b.click("details.menu > summary")
			}
			b.clickAndWait(`details.menu nav a[href="/units"]`, "/units")
			b.clickAndWait(`main a[href="/units/new"]`, "/units/new")
			unit := "安全测试处-" + suffix
			b.typeInto(`main form input[name="name"]`, unit)
			b.setValue(`main form select[name="kind"]`, "office")
			b.shotAndFit("3-unit-form")
			b.submit(`main form[action="/units/new"]`, "")
			b.noFieldErrors()

			b.open("/units")
			if kind := b.eval(rowCellJS(unit, 1)); kind != "处室" {
				t.Errorf("/units: row of %s has kind %q, want 处室", unit, kind)
			}
			b.shotAndFit("4-units")

			// Places are being built alongside this test; the field names
			// follow the place form's template.
			b.open("/places/new")
			place := "第二食堂-" + suffix
			b.typeInto(`main form input[name="name"]`, place)
			b.setValue(`main form select[name="level"]`, "building")
			b.setValue(`main form select[name="place_type"]`, "canteen")
			b.chooseFirst(`main form select[name="campus_id"]`)
			b.shotAndFit("5-place-form")
			b.submit(`main form[action="/places/new"]`, "")
			b.noFieldErrors()

			b.open("/places")
			if body := b.text("main"); !strings.Contains(body, place) {
				t.Errorf("/places does not list %s; page text:\n%s", place, body)
			}
			b.shotAndFit("6-places")

			srv.stop(t)
		})
	}
}

// rowCellJS returns the text of cell col of the table row that links to
// name, or "" when no row does.
func rowCellJS(name string, col int) string {
	q, _ := json.Marshal(name)
	return fmt.Sprintf(`(() => {
		for (const tr of document.querySelectorAll("main table tbody tr")) {
			if (tr.cells[0] && tr.cells[0].textContent.trim() === %s) {
				return tr.cells[%d] ? tr.cells[%d].textContent.trim() : "";
			}
		}
		return "";
	})()`, q, col, col)
}
