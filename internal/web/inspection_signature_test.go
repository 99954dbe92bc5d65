package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestInspectionDrawnSignature walks the drawn signature through the web
// layer: the form offers the pad, a pad PNG is uploaded like a photo (a
// non-image is refused), a form signed only by drawing is stored, and the
// record and its print view show the drawing to exactly the users who may
// open the record — everyone else gets neither the page nor the image.
func TestInspectionDrawnSignature(t *testing.T) {
	f := newFixture(t)
	x := &rowCtx{t: t, f: f, user: "inspector", c: f.clients["inspector"], vars: map[string]string{}}
	for k, v := range f.vars {
		x.vars[k] = v
	}
	inspectionSetup(x)
	c := x.c
	const cid = "signed-form-0001"

	form := c.get("/inspections/new?place=" + x.vars["place"] + "&kind=grid_patrol&cid=" + cid)
	expect(t, form, http.StatusOK, "data-sign-pad", "<canvas", "data-sign-clear", `name="signature_photo_id"`, "signature.js")

	// The pad's PNG goes up through the photo upload; a fake one does not.
	photos := func() int {
		var n int
		if err := f.DB.Read().QueryRowContext(context.Background(), `SELECT COUNT(*) FROM photos`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := photos()
	rec := c.do(multipartRequest(t, "/inspections/photos", url.Values{"csrf_token": {c.token()}}, "signature.png", `<svg xmlns="http://www.w3.org/2000/svg"/>`))
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "照片") || photos() != before {
		t.Errorf("non-image signature: %d %s (photos %d → %d)", rec.Code, rec.Body.String(), before, photos())
	}
	rec = c.do(multipartRequest(t, "/inspections/photos", url.Values{"csrf_token": {c.token()}}, "signature.png", string(pngBytes(t))))
	var up struct{ ID int64 }
	if rec.Code != http.StatusCreated || json.Unmarshal(rec.Body.Bytes(), &up) != nil || up.ID == 0 {
		t.Fatalf("signature upload: %d %s", rec.Code, rec.Body.String())
	}
	sigID := strconv.FormatInt(up.ID, 10)

	fields := url.Values{"csrf_token": {c.token()}, "client_id": {cid}, "kind": {"grid_patrol"}, "place_id": {x.vars["place"]},
		"q": {"RESP-1.1"}, "a_RESP-1.1": {"pass"}, "signature": {""}}
	// Unsigned (neither typed nor drawn): refused, the answers kept.
	rec = c.postRaw("/inspections/new", fields)
	expect(t, rec, http.StatusUnprocessableEntity, "请签名（手写签名或输入姓名）")

	// A draft with the drawing comes back with it and the typed name optional.
	fields.Set("signature_photo_id", sigID)
	if rec := c.postRaw("/inspections/draft", fields); rec.Code != http.StatusOK {
		t.Fatalf("draft: %d %s", rec.Code, rec.Body.String())
	}
	form = c.get("/inspections/new?cid=" + cid)
	expect(t, form, http.StatusOK, `name="signature_photo_id" value="`+sigID+`"`)
	if strings.Contains(form.Body.String(), `name="signature" value="" required`) {
		t.Error("with a drawn signature the typed name is still required")
	}

	rec = c.postRaw("/inspections/new", fields)
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/inspections/") {
		t.Fatalf("submit signed by drawing: %d %.500s", rec.Code, rec.Body.String())
	}
	show := rec.Header().Get("Location")
	img := `<img class="signature-img" src="/photos/` + sigID + `"`

	users := make([]string, 0, len(f.clients))
	for u := range f.clients {
		users = append(users, u)
	}
	sort.Strings(users)
	seen := map[bool]int{}
	for _, u := range users {
		cl := f.clients[u]
		page, print, pic := cl.get(show), cl.get(show+"/print"), cl.get("/photos/"+sigID)
		if page.Code == http.StatusOK {
			seen[true]++
			expect(t, page, http.StatusOK, img)
			expect(t, print, http.StatusOK, img)
			if pic.Code != http.StatusOK || pic.Header().Get("Content-Type") != "image/jpeg" {
				t.Errorf("%s opens the record but gets the signature as %d %q", u, pic.Code, pic.Header().Get("Content-Type"))
			}
			continue
		}
		seen[false]++
		if page.Code != http.StatusNotFound && page.Code != http.StatusForbidden && page.Code != http.StatusSeeOther {
			t.Errorf("%s: record answered %d", u, page.Code)
		}
		if pic.Code == http.StatusOK || strings.Contains(pic.Body.String(), "\xff\xd8") {
			t.Errorf("%s may not open the record but gets its signature: %d", u, pic.Code)
		}
	}
	// Both sides of the rule are exercised, with the users we know about.
	for u, want := range map[string]int{"inspector": http.StatusOK, "office": http.StatusOK, "staff": http.StatusNotFound} {
		if got := f.clients[u].get("/photos/" + sigID).Code; got != want {
			t.Errorf("%s: signature image %d, want %d", u, got, want)
		}
	}
	if seen[true] == 0 || seen[false] == 0 {
		t.Errorf("users who see / do not see the record: %v", seen)
	}

	// A typed-only record keeps showing the name and no image.
	typed := url.Values{"csrf_token": {c.token()}, "client_id": {"typed-form-0001"}, "kind": {"grid_patrol"}, "place_id": {x.vars["place"]},
		"q": {"RESP-1.1"}, "a_RESP-1.1": {"pass"}, "signature": {"冯磊"}}
	rec = c.postRaw("/inspections/new", typed)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("typed-only submit: %d %.500s", rec.Code, rec.Body.String())
	}
	page := c.get(rec.Header().Get("Location"))
	expect(t, page, http.StatusOK, "冯磊")
	expectAbsent(t, page, `class="signature-img"`)
}
