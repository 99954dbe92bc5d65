package inspection

import (
	"fmt"
	"strings"
	"testing"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/testkit"
)

// TestDrawnSignature submits a form signed on the pad only (no typed
// name): the draft keeps the drawing's photo id, submission moves the photo
// to the inspection, whoever may read the inspection may see it, and a
// retry of the same client id stores nothing new.
func TestDrawnSignature(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			sig := f.upload(f.inspector)
			sub := f.dormForm("signed-00001", f.upload(f.inspector))
			sub.Signature, sub.SignaturePhotoID = "", sig

			// A reload of the form finds the drawing in the server draft.
			if _, err := f.svc.SaveDraft(f.ctx, f.inspector, f.school, sub); err != nil {
				t.Fatal(err)
			}
			dr, err := f.svc.FindDraft(f.ctx, f.inspector, f.school, sub.ClientID)
			if err != nil || dr.SignaturePhotoID != sig {
				t.Fatalf("draft signature = %d, %v; want %d", dr.SignaturePhotoID, err, sig)
			}

			got, err := f.svc.Submit(f.ctx, f.inspector, f.school, sub)
			if err != nil {
				t.Fatal(err)
			}
			in, err := f.svc.Find(f.ctx, f.inspector, f.school, got.ID)
			if err != nil {
				t.Fatal(err)
			}
			if in.SignaturePhotoID != sig || in.Signature != "" {
				t.Errorf("signature = %q / photo %d, want drawn photo %d only", in.Signature, in.SignaturePhotoID, sig)
			}
			if n := f.count(`SELECT COUNT(*) FROM photos WHERE id = $1 AND owner_kind = 'signature' AND owner_id = $2`, sig, got.ID); n != 1 {
				t.Errorf("signature photo linked %d times to the inspection", n)
			}
			if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE entity = 'inspection' AND entity_id = $1 AND action = 'inspection.submit' AND after_data LIKE $2`,
				got.ID, fmt.Sprintf(`%%"signature_photo_id":%d%%`, sig)); n != 1 {
				t.Errorf("submit audit entries naming the signature = %d", n)
			}

			// The drawing follows the inspection: readers see it, others do not.
			for _, c := range []struct {
				name   string
				a      *auth.Actor
				school int64
				see    bool
			}{
				{"inspector", f.inspector, f.school, true},
				{"co-inspector", f.co, f.school, true},
				{"school office (ledger)", f.office, f.school, true},
				{"head of the unit inspected", f.headA, f.school, true},
				{"head of another unit", f.headB, f.school, false},
				{"staff", f.staff, f.school, false},
				{"inspector through another school", f.inspector, f.other, false},
			} {
				name, err := f.svc.PhotoFile(f.ctx, c.a, c.school, sig)
				if c.see && (err != nil || name == "") {
					t.Errorf("%s: PhotoFile = %q, %v; want the file", c.name, name, err)
				}
				if !c.see && !apperr.Is(err, apperr.NotFound) {
					t.Errorf("%s: PhotoFile = %q, %v; want not found", c.name, name, err)
				}
			}

			// A retry (even one that carries a newer drawing) stores nothing.
			sig2 := f.upload(f.inspector)
			sub.SignaturePhotoID = sig2
			again, err := f.svc.Submit(f.ctx, f.inspector, f.school, sub)
			if err != nil || !again.Duplicate || again.ID != got.ID {
				t.Fatalf("retry = %+v, %v; want duplicate of %d", again, err, got.ID)
			}
			if n := f.count(`SELECT COUNT(*) FROM inspections WHERE client_id = $1`, sub.ClientID); n != 1 {
				t.Errorf("stored %d times", n)
			}
			if n := f.count(`SELECT COUNT(*) FROM photos WHERE owner_kind = 'signature'`); n != 1 {
				t.Errorf("signature photos = %d, want 1", n)
			}
			if n := f.count(`SELECT COUNT(*) FROM photos WHERE id = $1 AND owner_kind = 'pending'`, sig2); n != 1 {
				t.Error("the retry's drawing was linked")
			}
			if n := f.count(`SELECT COUNT(*) FROM inspections WHERE id = $1 AND signature_photo_id = $2`, got.ID, sig); n != 1 {
				t.Error("the retry changed the inspection's signature")
			}
		})
	}
}

// TestSignatureRefused: a submission needs a typed name or a drawing of
// the inspector's own, and the photo store turns away a "signature" that
// is not an image before it can become a photo at all.
func TestSignatureRefused(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			answerPhoto := f.upload(f.inspector)
			theirs := f.upload(f.office)
			linked := f.upload(f.inspector)
			done := f.dormForm("signed-first", f.upload(f.inspector))
			done.SignaturePhotoID = linked
			if _, err := f.svc.Submit(f.ctx, f.inspector, f.school, done); err != nil {
				t.Fatal(err)
			}
			tests := []struct {
				name string
				sig  int64
				msg  string
			}{
				{"neither typed nor drawn", 0, "请签名"},
				{"someone else's drawing", theirs, "手写签名已失效"},
				{"no such photo", 999999, "手写签名已失效"},
				{"drawing of another inspection", linked, "手写签名已失效"},
				{"an answer's photo as the drawing", answerPhoto, "签名图片不能同时作为检查照片"},
			}
			for i, tc := range tests {
				t.Run(tc.name, func(t *testing.T) {
					sub := f.dormForm("unsigned-"+strings.Repeat("0", 3)+string(rune('a'+i)), answerPhoto)
					sub.Signature, sub.SignaturePhotoID = "  ", tc.sig
					_, err := f.svc.Submit(f.ctx, f.inspector, f.school, sub)
					if e := apperr.As(err); err == nil || e.Kind != apperr.Invalid || !strings.Contains(e.Message+fieldMsgs(e), tc.msg) {
						t.Fatalf("err = %v (%s), want invalid containing %q", err, fieldMsgs(e), tc.msg)
					}
					if n := f.count(`SELECT COUNT(*) FROM inspections WHERE client_id = $1`, sub.ClientID); n != 0 {
						t.Errorf("refused submission left %d rows", n)
					}
				})
			}
			if n := f.count(`SELECT COUNT(*) FROM photos WHERE id IN ($1, $2) AND owner_kind = 'pending'`, answerPhoto, theirs); n != 2 {
				t.Errorf("pending photos after refusals = %d, want both still pending", n)
			}

			// Not an image: refused by content, whatever the name says.
			before := f.count(`SELECT COUNT(*) FROM photos`)
			for _, body := range []string{`<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0L9 9"/></svg>`, "data:image/png;base64,iVBORw0KGgo=", "\x89PNG\r\n\x1a\nnot really"} {
				_, err := f.photos.Put(strings.NewReader(body), 0)
				if e := apperr.As(err); err == nil || e.Kind != apperr.Invalid || !strings.HasPrefix(e.Code, "photo.") {
					t.Errorf("Put(%.20q) = %v, want refused as not an image", body, err)
				}
			}
			if n := f.count(`SELECT COUNT(*) FROM photos`); n != before {
				t.Errorf("photos %d → %d after refused uploads", before, n)
			}
		})
	}
}
