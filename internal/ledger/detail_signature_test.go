package ledger

import (
	"slices"
	"testing"

	"safecampus/internal/testkit"
)

// TestDetailSignature: the record carries its drawn signature's photo
// apart from the inspection's evidence photos, and a typed-only record
// has none.
func TestDetailSignature(t *testing.T) {
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			var sig int64
			err := f.db.Raw().QueryRowContext(f.ctx, `INSERT INTO photos (school_id, owner_kind, owner_id, file_name, sha256, width, height, bytes, uploaded_by, created_at)
				VALUES ($1, 'signature', $2, '2026/04/0123456789abcdef0123456789abcdef.jpg', 'x', 300, 120, 2000, $3, 0) RETURNING id`,
				f.school, f.i1, f.accInspector).Scan(&sig)
			if err == nil {
				_, err = f.db.Raw().ExecContext(f.ctx, `UPDATE inspections SET signature_photo_id = $1 WHERE id = $2`, sig, f.i1)
			}
			if err != nil {
				t.Fatal(err)
			}
			d, err := f.svc.Detail(f.ctx, f.office(), f.school, f.i1)
			if err != nil {
				t.Fatal(err)
			}
			if d.SignaturePhotoID != sig {
				t.Errorf("signature photo = %d, want %d", d.SignaturePhotoID, sig)
			}
			if slices.Contains(d.PhotoIDs, sig) || !slices.Equal(d.PhotoIDs, []int64{f.photo1}) {
				t.Errorf("evidence photos = %v, want only %d (not the signature)", d.PhotoIDs, f.photo1)
			}
			d2, err := f.svc.Detail(f.ctx, f.office(), f.school, f.i2)
			if err != nil || d2.SignaturePhotoID != 0 {
				t.Errorf("typed-only record: signature photo %d, %v", d2.SignaturePhotoID, err)
			}
		})
	}
}
