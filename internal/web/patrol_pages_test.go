package web

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/patrol"
)

// patrolEnv adds a building with a room and a gate, a grid over the gate
// and the room, and check points on the room and the gate.
type patrolEnv struct {
	*testEnv
	building, room, gate, grid int64
	roomCP, gateCP             patrol.CheckPoint
}

func newPatrolEnv(t *testing.T) *patrolEnv {
	t.Helper()
	e := &patrolEnv{testEnv: newTestServer(t)}
	ctx, sys := context.Background(), auth.System()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("setup: %v", err)
		}
	}
	place := func(name string, level org.PlaceLevel, typ org.PlaceType, parent int64) int64 {
		p, err := e.Org.SavePlace(ctx, sys, e.SchoolID, org.Place{Name: name, Level: level, Type: typ, ParentID: parent, CampusID: e.CampusID})
		must(err)
		return p.ID
	}
	e.building = place("实验楼", org.PlaceBuilding, "laboratory", 0)
	e.room = place("化学实验室", org.PlaceArea, "laboratory", e.building)
	e.gate = place("南大门", org.PlaceArea, "gate", 0)
	g, err := e.Org.SaveGrid(ctx, sys, e.SchoolID, org.Grid{Name: "东区网格"})
	must(err)
	e.grid = g.ID
	must(e.Org.SetGridPlaces(ctx, sys, e.SchoolID, g.ID, []int64{e.room, e.gate}))
	e.roomCP, err = e.Server.Patrol.EnableCheckPoint(ctx, sys, e.SchoolID, e.room)
	must(err)
	e.gateCP, err = e.Server.Patrol.EnableCheckPoint(ctx, sys, e.SchoolID, e.gate)
	must(err)
	return e
}

func TestPatrolQRPages(t *testing.T) {
	e := newPatrolEnv(t)
	qr := "/qr/" + e.gateCP.Token

	// Not logged in: to the login page, and back to the QR page after it.
	anon := e.newClient(t)
	rec := anon.get(qr)
	if loc := rec.Header().Get("Location"); rec.Code != http.StatusSeeOther || loc != "/login?next="+url.QueryEscape(qr) {
		t.Fatalf("anonymous scan: %d → %q", rec.Code, loc)
	}
	rec = anon.postRaw("/login", url.Values{"username": {"guard"}, "password": {e.Passwords["guard"]}, "next": {qr}})
	if loc := rec.Header().Get("Location"); rec.Code != http.StatusSeeOther || loc != qr {
		t.Fatalf("login with next: %d → %q", rec.Code, loc)
	}

	g := e.login(t, "guard")
	page := g.get(qr)
	expect(t, page, http.StatusOK, "南大门", "记录巡查", "开始检查", `action="/qr/`+e.gateCP.Token+`/patrol"`,
		"/inspections/new?place="+pgID(e.gate)+"&amp;kind=grid_patrol", "今日已巡查 <strong>0</strong> 次")
	clientID := regexpValue(t, page.Body.String(), "client_id")
	for i, want := range []string{"已记录巡查：南大门", "未重复记录"} {
		rec := g.postForm(qr+"/patrol", url.Values{"client_id": {clientID}, "note": {"门岗正常"}})
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != qr {
			t.Fatalf("submit %d: %d → %q; %.300s", i, rec.Code, rec.Header().Get("Location"), rec.Body.String())
		}
		expect(t, g.get(qr), http.StatusOK, want, "今日已巡查 <strong>1</strong> 次")
	}
	list := g.get("/patrols")
	expect(t, list, http.StatusOK, "我的巡查记录", "南大门", "门岗正常")

	// Refusals: no CSRF token, no permission, another school, unknown token.
	expect(t, g.postRaw(qr+"/patrol", url.Values{"client_id": {"qr-x"}}), http.StatusForbidden)
	st := e.login(t, "staff")
	expect(t, st.get(qr), http.StatusOK, "您没有巡查权限")
	expectAbsent(t, st.get(qr), "记录巡查</button>")
	expect(t, st.postForm(qr+"/patrol", url.Values{"client_id": {"qr-staff"}}), http.StatusForbidden)
	o := e.login(t, "other_admin")
	rec = o.get(qr)
	expect(t, rec, http.StatusNotFound)
	expectAbsent(t, rec, "南大门")
	expect(t, o.postForm(qr+"/patrol", url.Values{"client_id": {"qr-other"}}), http.StatusNotFound)
	expect(t, g.get("/qr/aaaaaaaaaaaaaaaaaaaaaaaaaa"), http.StatusNotFound)

	// Deactivated: the school's members get the message, others still 404.
	office := e.login(t, "office")
	expect(t, office.postForm(idPath("/checkpoints/places/%d", e.gate), url.Values{"active": {"false"}}), http.StatusSeeOther)
	expect(t, g.get(qr), http.StatusGone, "该检查点已停用")
	expect(t, g.postForm(qr+"/patrol", url.Values{"client_id": {"qr-late"}}), http.StatusGone, "该检查点已停用")
	expectAbsent(t, o.get(qr), "该检查点已停用")
	var n int
	if err := e.DB.Read().QueryRowContext(context.Background(), `SELECT COUNT(*) FROM patrols`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("%d patrols stored (%v), want exactly 1", n, err)
	}
}

// regexpValue reads the value of the hidden input name from a page.
func regexpValue(t *testing.T, body, name string) string {
	t.Helper()
	_, after, ok := strings.Cut(body, `name="`+name+`" value="`)
	v, _, ok2 := strings.Cut(after, `"`)
	if !ok || !ok2 || v == "" {
		t.Fatalf("no %s input on the page", name)
	}
	return v
}

func TestCheckpointPages(t *testing.T) {
	e := newPatrolEnv(t)
	office := e.login(t, "office")
	expect(t, office.get("/checkpoints"), http.StatusOK, "实验楼", "化学实验室", "南大门", e.roomCP.ShortCode(), "东区网格")
	expect(t, office.get(idPath("/checkpoints?building=%d", e.building)), http.StatusOK, "打印本楼栋二维码标签", "化学实验室")
	// Enabling the building itself, then printing the building's labels.
	rec := office.postForm(idPath("/checkpoints/places/%d", e.building), url.Values{"active": {"true"}, "back": {idPath("building=%d&grid=0", e.building)}})
	if loc := rec.Header().Get("Location"); rec.Code != http.StatusSeeOther || loc != idPath("/checkpoints?building=%d", e.building) {
		t.Fatalf("enable: %d → %q", rec.Code, loc)
	}
	labels := office.get(idPath("/checkpoints/labels?building=%d", e.building))
	expect(t, labels, http.StatusOK, `class="label-sheet"`, "化学实验室", "东区网格", e.roomCP.ShortCode(), idPath("/checkpoints/%d/qr.png", e.roomCP.ID), "实验楼")
	expectAbsent(t, labels, "南大门")
	expect(t, office.get(idPath("/checkpoints/labels?grid=%d", e.grid)), http.StatusOK, "南大门", "化学实验室")
	expect(t, office.get("/checkpoints/labels"), http.StatusUnprocessableEntity, "请选择一个楼栋或一个网格")

	// The QR image encodes the absolute URL of the check point.
	img := office.get(idPath("/checkpoints/%d/qr.png", e.roomCP.ID))
	if img.Code != http.StatusOK || img.Header().Get("Content-Type") != "image/png" {
		t.Fatalf("qr.png: %d %q", img.Code, img.Header().Get("Content-Type"))
	}
	if _, err := png.Decode(bytes.NewReader(img.Body.Bytes())); err != nil {
		t.Fatalf("qr.png is not a PNG: %v", err)
	}
	if zbar, err := exec.LookPath("zbarimg"); err == nil {
		file := filepath.Join(t.TempDir(), "qr.png")
		if err := os.WriteFile(file, img.Body.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(zbar, "--raw", "-q", file).Output()
		if want := "http://example.com/qr/" + e.roomCP.Token; err != nil || strings.TrimSpace(string(out)) != want {
			t.Fatalf("zbarimg: %q, %v; want %q", out, err, want)
		}
		// With --public-url the label opens the public address, whatever
		// address it was printed from.
		e.Server.PublicURL = "https://aq.example.edu.cn"
		pub := office.get(idPath("/checkpoints/%d/qr.png", e.roomCP.ID))
		e.Server.PublicURL = ""
		if err := os.WriteFile(file, pub.Body.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		out, err = exec.Command(zbar, "--raw", "-q", file).Output()
		if want := "https://aq.example.edu.cn/qr/" + e.roomCP.Token; err != nil || strings.TrimSpace(string(out)) != want {
			t.Fatalf("zbarimg with a public URL: %q, %v; want %q", out, err, want)
		}
	} else {
		t.Log("zbarimg not installed: QR content not decoded")
	}

	guard := e.login(t, "guard")
	expect(t, guard.get("/checkpoints"), http.StatusForbidden)
	expect(t, guard.get(idPath("/checkpoints/%d/qr.png", e.roomCP.ID)), http.StatusForbidden)
	expect(t, guard.postForm(idPath("/checkpoints/places/%d", e.gate), url.Values{"active": {"false"}}), http.StatusForbidden)
	o := e.login(t, "other_admin")
	expect(t, o.get(idPath("/checkpoints/%d/qr.png", e.roomCP.ID)), http.StatusNotFound)
	expect(t, o.get(idPath("/checkpoints/labels?building=%d", e.building)), http.StatusNotFound)
	expect(t, o.postForm(idPath("/checkpoints/places/%d", e.gate), url.Values{"active": {"true"}}), http.StatusNotFound)
}

func TestCoveragePages(t *testing.T) {
	e := newPatrolEnv(t)
	ctx := context.Background()
	guard, err := e.Auth.LoadActor(ctx, e.AccountIDs["guard"])
	if err != nil {
		t.Fatal(err)
	}
	// The test clock is 2026-03-02 17:00 Beijing. Yesterday five patrols
	// of the gate met its target and the lab (target 5) had one; today,
	// still under way, the gate has one.
	yesterday := patrol.NewService(e.DB, func() time.Time { return testTime.AddDate(0, 0, -1) })
	for i, place := range []int64{e.gate, e.gate, e.gate, e.gate, e.gate, e.room} {
		if _, err := yesterday.Record(ctx, guard, e.SchoolID, patrol.Patrol{ClientID: fmt.Sprintf("y-%d", i), PlaceID: place}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.Server.Patrol.Record(ctx, guard, e.SchoolID, patrol.Patrol{ClientID: "t-1", PlaceID: e.gate}); err != nil {
		t.Fatal(err)
	}
	pr := e.login(t, "principal")
	cov := pr.get("/patrols/coverage")
	expect(t, cov, http.StatusOK, "东区网格", "2月24日", "3月2日 周一", "进行中", `class="cov bad"`,
		`<td class="cov warn"><a href="`+idPath("/patrols/coverage/detail?grid=%d&amp;day=2026-03-01", e.grid)+`">1/2</a>`,
		`<td class="cov today"><a href="`+idPath("/patrols/coverage/detail?grid=%d&amp;day=2026-03-02", e.grid)+`">0/2</a>`)
	expect(t, pr.get(idPath("/patrols/coverage?grid=%d&from=2026-03-01&to=2026-03-01", e.grid)), http.StatusOK, ">1/2</a>")
	expect(t, pr.get("/patrols/coverage?from=2026-03-05&to=2026-03-01"), http.StatusUnprocessableEntity, "结束日期不能早于开始日期")
	detail := pr.get(idPath("/patrols/coverage/detail?grid=%d&day=2026-03-01", e.grid))
	expect(t, detail, http.StatusOK, "南大门", "化学实验室", "达标", "未达标", "达标场所 1 / 2", "测试guard")
	expect(t, pr.get("/patrols?day=2026-03-01"), http.StatusOK, "巡查记录", "南大门", "化学实验室")
	expect(t, pr.get(idPath("/patrols?place=%d", e.room)), http.StatusOK, "化学实验室")
	expectAbsent(t, pr.get(idPath("/patrols?place=%d", e.room)), "<td><a href=\"/patrols?place="+pgID(e.gate))

	// Targets: raising the lab target to 0 leaves only the gate counted.
	office := e.login(t, "office")
	expect(t, office.get("/patrols/targets"), http.StatusOK, `name="target_gate" value="5"`, `name="target_office" value="1"`)
	expect(t, office.postForm("/patrols/targets", url.Values{"target_gate": {"99"}}), http.StatusUnprocessableEntity, "之间")
	expect(t, office.postForm("/patrols/targets", url.Values{"target_laboratory": {"0"}}), http.StatusSeeOther)
	expect(t, pr.get("/patrols/coverage"), http.StatusOK, `<td class="cov ok"><a href="`+idPath("/patrols/coverage/detail?grid=%d&amp;day=2026-03-01", e.grid)+`">1/1</a>`)
	expectAbsent(t, pr.get("/patrols/targets"), `name="target_gate"`)

	for _, path := range []string{"/patrols/coverage", idPath("/patrols/coverage/detail?grid=%d&day=2026-03-02", e.grid)} {
		expect(t, e.login(t, "guard").get(path), http.StatusForbidden)
	}
	expect(t, e.login(t, "staff").get("/patrols"), http.StatusForbidden)
	expect(t, e.login(t, "other_admin").get(idPath("/patrols/coverage/detail?grid=%d&day=2026-03-02", e.grid)), http.StatusNotFound)
	// Unit heads read coverage too (their ledger grant is unit-scoped).
	expect(t, e.login(t, "unithead").get("/patrols/coverage"), http.StatusOK, "东区网格")
}
