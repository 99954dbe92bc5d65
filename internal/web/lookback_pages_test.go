package web

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"
	"time"

	"safecampus/internal/hazard"
	"safecampus/internal/photo"
)

// TestLookbackPages walks the look-back as its people do: the office
// previews the population and draws, the named inspector finds the
// re-check under "my re-checks" and records it failed with a photo, and
// the hazard is back in rectification with the re-check on its timeline;
// the form's refusals come back with their reasons.
func TestLookbackPages(t *testing.T) {
	f := newFixture(t)
	f.Server.Photos = photo.NewStore(t.TempDir(), func() time.Time { return testTime })
	x := &rowCtx{t: t, f: f, user: "office", c: f.clients["office"], vars: f.vars}
	lookbackInspector(x)
	h := closedHazard(x)
	office, inspector, staff := f.clients["office"], f.login(t, "inspector"), f.clients["staff"]

	expect(t, office.get("/lookback?area=FIRE"), http.StatusOK, "符合条件的已销号隐患：<strong>1</strong>")
	expect(t, office.get("/lookback?area=LAB"), http.StatusOK, "符合条件的已销号隐患：<strong>0</strong>")
	refused := office.postForm("/lookback", url.Values{"mode": {"percent"}, "size": {"101"}, "inspector_id": {x.id("person")}, "due_on": {"2026-03-20"}})
	expect(t, refused, http.StatusUnprocessableEntity, "抽取比例须在 1% 到 100% 之间。")
	rec := office.postForm("/lookback", url.Values{"mode": {"count"}, "size": {"5"}, "seed": {"20261012"}, "area": {"FIRE"},
		"inspector_id": {x.id("person")}, "due_on": {"2026-03-20"}})
	expect(t, rec, http.StatusSeeOther)
	draw := rec.Header().Get("Location")
	expect(t, office.get(draw), http.StatusOK, "20261012", `{&#34;area&#34;:&#34;FIRE&#34;,&#34;count&#34;:5}`, scenarioLookbackText, "1 / 1")

	mine := inspector.get("/lookback/mine")
	expect(t, mine, http.StatusOK, scenarioLookbackText, `name="result"`)
	expect(t, staff.get("/lookback/mine"), http.StatusOK, "没有复查任务")
	check := f.countRows(t, `SELECT id FROM lookback_checks WHERE hazard_id = $1`, h)
	path := "/lookback/checks/" + strconv.Itoa(check)

	expect(t, inspector.postForm(path, url.Values{"result": {"failed"}, "new_deadline": {"2026-03-20"}}), http.StatusUnprocessableEntity, "请填写复查情况。")
	expect(t, staff.postForm(path, url.Values{"result": {"passed"}}), http.StatusForbidden)

	rec = inspector.do(recordUpload(t, inspector, path, url.Values{"result": {"failed"}, "note": {"灭火器再次失压"}, "new_deadline": {"2026-03-20"}}))
	expect(t, rec, http.StatusSeeOther)
	if loc := rec.Header().Get("Location"); loc != "/lookback/mine" {
		t.Fatalf("redirected to %q", loc)
	}
	got, err := f.Server.Hazard.Get(context.Background(), officeActor(x), f.SchoolID, h)
	if err != nil || got.Status != hazard.StatusRectifying || got.RecheckResult != "failed" || got.Deadline != "2026-03-20" {
		t.Fatalf("hazard after the failed re-check: %+v, %v", got, err)
	}
	if n := f.countRows(t, `SELECT COUNT(*) FROM photos WHERE owner_kind = 'lookback_check' AND owner_id = $1`, check); n != 1 {
		t.Fatalf("%d photos on the re-check", n)
	}
	expect(t, office.get("/hazards/"+strconv.FormatInt(h, 10)), http.StatusOK, "回头看复查", "复查人：王电工")
	expect(t, inspector.postForm(path, url.Values{"result": {"passed"}}), http.StatusConflict, "不能重复记录")
}

// recordUpload is a re-check result posted with one photo, as the phone
// form sends it.
func recordUpload(t *testing.T, c *client, path string, v url.Values) *http.Request {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	v.Set("csrf_token", c.token())
	for k, vs := range v {
		for _, s := range vs {
			mw.WriteField(k, s)
		}
	}
	fw, err := mw.CreateFormFile("photos", "recheck.png")
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(pngBytes(t))
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return req
}
