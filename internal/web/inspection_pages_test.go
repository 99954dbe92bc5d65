package web

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/checklist"
	"safecampus/internal/inspection"
	"safecampus/internal/photo"
)

var inspectPerm = []auth.Permission{auth.PermInspect}

// unitScopedInspectors hold PermInspect only over their unit, which does
// not reach the fixture's place (实训楼A belongs to no unit).
var unitScopedInspectors = map[string]int{"unithead": http.StatusForbidden, "labmanager": http.StatusForbidden}

// pngBytes is a small real PNG image.
func pngBytes(t testing.TB) []byte {
	t.Helper()
	m := image.NewNRGBA(image.Rect(0, 0, 64, 48))
	for i := range m.Pix {
		m.Pix[i] = uint8(i)
	}
	m.SetNRGBA(0, 0, color.NRGBA{255, 0, 0, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func pngFile(x *rowCtx) (string, string) { return "photo.png", string(pngBytes(x.t)) }

// inspectionSetup gives the row's server the catalogue and a photo store,
// and each user a client id of their own.
func inspectionSetup(x *rowCtx) {
	if err := checklist.EnsureBuiltins(context.Background(), x.f.DB, testTime); err != nil {
		x.t.Fatalf("catalogue: %v", err)
	}
	if x.f.Server.Photos == nil {
		x.f.Server.Photos = photo.NewStore(x.t.TempDir(), func() time.Time { return testTime })
	}
	x.vars["cid"] = "scenario-" + x.user
}

// ownInspection makes sure the office's inspection of 实训楼A for the
// unit 后勤管理处 exists (one failed question with a photo) and names it
// and its photo.
func ownInspection(x *rowCtx) {
	inspectionSetup(x)
	ctx, f := context.Background(), x.f
	office, err := f.Auth.LoadActor(ctx, f.AccountIDs["office"])
	if err != nil {
		x.t.Fatal(err)
	}
	place, _ := strconv.ParseInt(x.vars["place"], 10, 64)
	unit, _ := strconv.ParseInt(x.vars["unit"], 10, 64)
	const cid = "scenario-inspection-1"
	res, ok, err := f.Server.Inspection.FindSubmitted(ctx, office, f.SchoolID, cid)
	if err != nil {
		x.t.Fatal(err)
	}
	if !ok {
		saved, err := f.Server.Photos.Put(bytes.NewReader(pngBytes(x.t)), 0)
		if err != nil {
			x.t.Fatal(err)
		}
		ph, err := f.Server.Inspection.AddPendingPhoto(ctx, office, f.SchoolID, saved)
		if err != nil {
			x.t.Fatal(err)
		}
		res, err = f.Server.Inspection.Submit(ctx, office, f.SchoolID, inspection.Submission{ClientID: cid, Kind: inspection.KindSpecial,
			PlaceID: place, UnitID: unit, Signature: "测试", Answers: []inspection.Answer{
				{QuestionCode: "RESP-1.1", Result: inspection.ResultPass},
				{QuestionCode: "FIRE-1.1", Result: inspection.ResultFail, Note: "走廊充电", PhotoIDs: []int64{ph}}}})
		if err != nil {
			x.t.Fatal(err)
		}
	}
	x.vars["inspection"] = strconv.FormatInt(res.ID, 10)
	var photoID int64
	if err := f.DB.Read().QueryRowContext(ctx, `SELECT ph.id FROM photos ph JOIN inspection_answers a ON a.id = ph.owner_id
		WHERE ph.owner_kind = 'answer' AND a.inspection_id = $1`, res.ID).Scan(&photoID); err != nil {
		x.t.Fatal(err)
	}
	x.vars["photo"] = strconv.FormatInt(photoID, 10)
}

// inspectionForm is a minimal valid submission of one question.
var inspectionForm = vals("client_id", "{cid}", "kind", "grid_patrol", "place_id", "{place}", "signature", "测试{user}",
	"q", "RESP-1.1", "a_RESP-1.1", "pass", "n_RESP-1.1", "好")

// TestInspectionPages walks the phone form as the grid member: the form
// with its questions, a photo upload, a JSON draft, a submission with a
// photo attached to the form itself (no scripts), a double submission,
// the record with its photo, and the photo refused to others.
func TestInspectionPages(t *testing.T) {
	f := newFixture(t)
	x := &rowCtx{t: t, f: f, user: "inspector", c: f.clients["inspector"], vars: map[string]string{}}
	for k, v := range f.vars {
		x.vars[k] = v
	}
	inspectionSetup(x)
	c := x.c

	rec := c.get("/inspections/new?place=" + x.vars["place"] + "&kind=grid_patrol")
	loc := rec.Header().Get("Location")
	if rec.Code != http.StatusSeeOther || !strings.Contains(loc, "cid=") {
		t.Fatalf("form without client id: %d → %q", rec.Code, loc)
	}
	cid := strings.SplitN(strings.SplitN(loc, "cid=", 2)[1], "&", 2)[0]
	rec = c.get(loc)
	body := rec.Body.String()
	for _, want := range []string{`name="a_FIRE-1.1"`, `capture="environment"`, `value="` + cid + `"`, "inspection.js", "实训楼A"} {
		if !strings.Contains(body, want) {
			t.Errorf("form lacks %q", want)
		}
	}

	// A photo uploaded by script; then a text file refused.
	rec = c.do(multipartRequest(t, "/inspections/photos", url.Values{"csrf_token": {c.token()}}, "x.jpg", string(pngBytes(t))))
	var up struct {
		ID  int64
		URL string
	}
	if rec.Code != http.StatusCreated || json.Unmarshal(rec.Body.Bytes(), &up) != nil || up.URL != "/photos/"+strconv.FormatInt(up.ID, 10) {
		t.Fatalf("upload: %d %s", rec.Code, rec.Body.String())
	}
	rec = c.do(multipartRequest(t, "/inspections/photos", url.Values{"csrf_token": {c.token()}}, "evil.jpg", "<html><script>alert(1)</script>"))
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "照片") {
		t.Errorf("text upload: %d %s", rec.Code, rec.Body.String())
	}
	if got := c.get(up.URL); got.Code != http.StatusOK || got.Header().Get("Content-Type") != "image/jpeg" || !strings.Contains(got.Header().Get("Cache-Control"), "private") {
		t.Errorf("own pending photo: %d %v", got.Code, got.Header())
	}
	if got := f.clients["office"].get(up.URL); got.Code != http.StatusNotFound {
		t.Errorf("someone else's pending photo: %d", got.Code)
	}

	// A JSON draft, as inspection.js saves it.
	draft := `{"client_id":"` + cid + `","kind":"grid_patrol","place_id":` + x.vars["place"] + `,"answers":[{"q":"RESP-1.1","r":"fail","n":"未签"}]}`
	req := httptest.NewRequest(http.MethodPost, "/inspections/draft", strings.NewReader(draft))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", c.token())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	rec = c.do(req)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"status":"draft"`) {
		t.Fatalf("draft: %d %s", rec.Code, rec.Body.String())
	}
	if body := c.get("/inspections/new?cid=" + cid).Body.String(); !strings.Contains(body, `value="未签"`) {
		t.Error("the form does not continue from the server draft")
	}

	// Submit without scripts: the second photo comes with the form.
	form := url.Values{"csrf_token": {c.token()}, "client_id": {cid}, "kind": {"grid_patrol"}, "place_id": {x.vars["place"]},
		"signature": {"冯磊"}, "q": {"RESP-1.1", "FIRE-1.1"}, "a_RESP-1.1": {"fail"}, "n_RESP-1.1": {"未签"},
		"a_FIRE-1.1": {"fail"}, "p_FIRE-1.1": {strconv.FormatInt(up.ID, 10)}}
	req = multipartRequest(t, "/inspections/new", form, "camera.png", string(pngBytes(t)))
	// multipartRequest names the file "file"; the form's camera input is f_<code>.
	req = renameFilePart(t, req, "f_RESP-1.1")
	rec = c.do(req)
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/inspections/") {
		t.Fatalf("submit: %d %.500s", rec.Code, rec.Body.String())
	}
	show := rec.Header().Get("Location")
	again := c.do(renameFilePart(t, multipartRequest(t, "/inspections/new", form, "camera.png", string(pngBytes(t))), "f_RESP-1.1"))
	if again.Header().Get("Location") != show {
		t.Errorf("second submission went to %q, want %q", again.Header().Get("Location"), show)
	}
	var n int
	_ = f.DB.Read().QueryRowContext(context.Background(), `SELECT COUNT(*) FROM inspections WHERE client_id = $1`, cid).Scan(&n)
	if n != 1 {
		t.Errorf("stored %d times", n)
	}
	page := c.get(show).Body.String()
	if strings.Count(page, `<img class="photo" src="/photos/`) != 2 || !strings.Contains(page, "发现问题") || !strings.Contains(page, "未签") {
		t.Errorf("record page lacks its photos or findings: %.2000s", page)
	}
	if got := c.get(up.URL); got.Code != http.StatusOK {
		t.Errorf("inspector's linked photo: %d", got.Code)
	}
	if got := f.clients["staff"].get(up.URL); got.Code != http.StatusNotFound {
		t.Errorf("staff sees the photo: %d", got.Code)
	}
	if got := f.clients["office"].get(up.URL); got.Code != http.StatusOK {
		t.Errorf("office (ledger) cannot see the photo: %d", got.Code)
	}
	if got := c.get(show + "/print"); got.Code != http.StatusOK || !strings.Contains(got.Body.String(), "安全检查记录表") {
		t.Errorf("print view: %d", got.Code)
	}
	// A refused submission keeps the answers and shows the reason.
	bad := url.Values{"csrf_token": {c.token()}, "client_id": {"refused-form-01"}, "kind": {"grid_patrol"}, "place_id": {x.vars["place"]},
		"signature": {"冯磊"}, "q": {"FIRE-1.1"}, "a_FIRE-1.1": {"fail"}, "n_FIRE-1.1": {"插座冒烟"}}
	rec = c.postRaw("/inspections/new", bad)
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "拍照留证") || !strings.Contains(rec.Body.String(), `value="插座冒烟"`) {
		t.Errorf("refused form: %d %.500s", rec.Code, rec.Body.String())
	}
}

// renameFilePart rewrites the multipart field name of the file part.
func renameFilePart(t testing.TB, req *http.Request, name string) *http.Request {
	t.Helper()
	var b bytes.Buffer
	if _, err := b.ReadFrom(req.Body); err != nil {
		t.Fatal(err)
	}
	body := strings.Replace(b.String(), `name="file"`, `name="`+name+`"`, 1)
	out := httptest.NewRequest(req.Method, req.URL.String(), strings.NewReader(body))
	out.Header = req.Header.Clone()
	return out
}
