package e2e

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"safecampus/internal/testkit"
)

// TestBrowserDashboards is issue 5's "the authority viewer sees only its
// schools, in the browser test too": the demo's authority viewer (swjw,
// 南通市卫生健康委员会) sees its two schools on /authority and never a
// school of another authority, whose dashboard URL answers 404; then the
// demo principal's dashboard draws its charts, and a click on a bar opens
// the hazard list filtered by that bar's area.
func TestBrowserDashboards(t *testing.T) {
	ctx := testkit.Browser(t, 1280, 900)
	dir := t.TempDir()
	env := []string{"SAFECAMPUS_ADMIN_PASSWORD=" + adminPassword}
	if out, code := runCLI(t, env, "demo", "--data", dir); code != 0 {
		t.Fatalf("demo: status %d\n%s", code, out)
	}
	for _, u := range []string{"swjw", "principal"} {
		if out, code := runCLI(t, nil, "user", "reset-password", "--data", dir, "--username", u, "--password", "Reset-"+u+"-2026"); code != 0 {
			t.Fatalf("reset-password %s: status %d\n%s", u, code, out)
		}
	}
	srv := startServer(t, dir, env)
	b := &tab{t: t, ctx: ctx, base: srv.URL, shot: "e2e-dashboard"}
	changed := map[string]bool{"admin": true}

	// The system admin registers a school under another authority.
	b.open("/login")
	b.typeInto(`form[action="/login"] input[name="username"]`, "admin")
	b.typeInto(`form[action="/login"] input[name="password"]`, adminPassword)
	b.submit(`form[action="/login"]`, "/")
	b.open("/schools/new")
	b.typeInto(`form[action="/schools/new"] input[name="code"]`, "waiqu")
	b.typeInto(`form[action="/schools/new"] input[name="name"]`, "外区职业学校")
	b.submit(`form[action="/schools/new"]`, "")
	b.noFieldErrors()
	outside := schoolID(t, dir, "外区职业学校")
	b.open("/authorities/new")
	b.typeInto(`form[action="/authorities/new"] input[name="name"]`, "外区教育局")
	b.click(fmt.Sprintf(`form[action="/authorities/new"] input[name="school_ids"][value="%d"]`, outside))
	b.submit(`form[action="/authorities/new"]`, "")
	b.noFieldErrors()

	// The authority viewer: its schools, not the other authority's.
	b.loginAs("swjw", changed)
	b.open("/authority")
	b.shotAndFit("1-authority")
	table := b.text("table.authority-table")
	for _, name := range []string{"江苏省南通卫生高等职业技术学校", "南通市卫生学校（示例）"} {
		if !strings.Contains(table, name) {
			t.Errorf("/authority lacks %s:\n%s", name, table)
		}
	}
	if body := b.text("body"); strings.Contains(body, "外区职业学校") || strings.Contains(body, "外区教育局") {
		t.Errorf("/authority shows a school or authority outside the viewer's scope:\n%s", body)
	}
	if st := b.status(fmt.Sprintf("/authority/schools/%d", outside)); st != 404 {
		t.Errorf("dashboard of a school outside the scope: status %d, want 404", st)
	}
	if st := b.status(fmt.Sprintf("/authority?authority=%d", authorityID(t, dir, "外区教育局"))); st != 404 {
		t.Errorf("another authority's page: status %d, want 404", st)
	}
	b.open("/authority")
	b.clickAndWait(`table.authority-table a[href^="/authority/schools/"]`, "")
	b.waitFor(`document.querySelectorAll(".dash-chart canvas").length > 0`, "the school's charts")

	// The principal's dashboard: charts drawn, a bar leads to its list.
	b.loginAs("principal", changed)
	b.open("/dashboard")
	b.waitFor(`document.querySelectorAll(".dash-chart.charted canvas").length >= 5`, "the charts' canvases")
	b.shotAndFit("2-dashboard")
	if msg := b.eval(`(() => { const t = document.querySelector('[data-chart="chart-area"] .chart-table table');
		return t && t.querySelectorAll("tbody tr").length === 9 ? "" : "no table fallback of nine areas"; })()`); msg != "" {
		t.Error(msg)
	}
	raw := b.eval(barCenterJS)
	var bar struct {
		X, Y float64
		Link string
		Err  string
	}
	if err := json.Unmarshal([]byte(raw), &bar); err != nil || bar.Err != "" {
		t.Fatalf("no bar to click in 按领域: %s %v", raw, err)
	}
	sctx, cancel := b.step()
	defer cancel()
	if _, err := chromedp.RunResponse(sctx, chromedp.MouseClickXY(bar.X, bar.Y)); err != nil {
		t.Fatalf("click the bar at %.0f,%.0f: %v", bar.X, bar.Y, err)
	}
	loc := b.eval(`location.pathname + location.search`)
	if loc != bar.Link || !strings.HasPrefix(loc, "/hazards?area=") {
		t.Errorf("the bar led to %s, want its list %s", loc, bar.Link)
	}
	b.shotAndFit("3-hazard-list")
}

// barCenterJS finds a drawn bar of 按领域 (the open or overdue series,
// whose lists are the hazard list) and returns its centre on the screen
// and the link of its cell in the chart's table, which it should open.
const barCenterJS = `(() => {
	const el = document.getElementById("chart-area");
	const inst = echarts.getInstanceByDom(el);
	const rows = [...document.querySelectorAll('[data-chart="chart-area"] tbody tr')];
	el.scrollIntoView({block: "center"});
	const r = el.getBoundingClientRect();
	for (const s of [1, 2]) {
		const data = inst.getModel().getSeriesByIndex(s).getData();
		for (let i = 0; i < data.count(); i++) {
			const l = data.getItemLayout(i);
			const cell = rows[i].querySelectorAll("td")[s];
			if (parseInt(cell.textContent, 10) > 0 && l && Math.abs(l.height) > 3 && l.width > 3) {
				return JSON.stringify({X: r.left + l.x + l.width / 2, Y: r.top + l.y + l.height / 2, Link: cell.querySelector("a").getAttribute("href")});
			}
		}
	}
	return JSON.stringify({Err: "every open and overdue bar is empty"});
})()`

// status navigates to path and returns the HTTP status.
func (b *tab) status(path string) int64 {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(b.base+path))
	if err != nil {
		b.t.Fatalf("open %s: %v", path, err)
	}
	return resp.Status
}

func schoolID(t *testing.T, dir, name string) int64 {
	return lookupID(t, dir, `SELECT id FROM schools WHERE name = ?`, name)
}

func authorityID(t *testing.T, dir, name string) int64 {
	return lookupID(t, dir, `SELECT id FROM authorities WHERE name = ?`, name)
}

func lookupID(t *testing.T, dir, q, arg string) int64 {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(dir, "safecampus.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var id int64
	if err := db.QueryRow(q, arg).Scan(&id); err != nil {
		t.Fatalf("%s [%s]: %v", q, arg, err)
	}
	return id
}
