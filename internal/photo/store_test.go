package photo

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"safecampus/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

var pinned = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)

func TestSaveAndOpen(t *testing.T) {
	st := &Store{Dir: t.TempDir(), Now: func() time.Time { return pinned }}
	saved, err := st.Put(bytes.NewReader(pngBytes(t, 50, 40)), 0)
	if err != nil {
		t.Fatal(err)
	}
	if !ValidName(saved.FileName) || saved.FileName[:8] != "2026/03/" {
		t.Fatalf("file name %q", saved.FileName)
	}
	f, err := st.Open(saved.FileName)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	data, _ := io.ReadAll(f)
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != saved.SHA256 || int64(len(data)) != saved.Bytes || saved.Width != 50 || saved.Height != 40 {
		t.Errorf("saved = %+v, file has %d bytes", saved, len(data))
	}
	other, err := st.Put(bytes.NewReader(pngBytes(t, 50, 40)), 0)
	if err != nil || other.FileName == saved.FileName {
		t.Errorf("second save reused the name: %v", err)
	}
	for _, bad := range []string{"../secret.jpg", "2026/03/../../x.jpg", "/etc/passwd", "2026/03/ABC.jpg", ""} {
		if _, err := st.Open(bad); err == nil {
			t.Errorf("Open(%q) succeeded", bad)
		}
	}
}

func TestSweep(t *testing.T) {
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			db := testkit.OpenDB(t, dialect)
			ctx := context.Background()
			now := pinned
			st := &Store{Dir: t.TempDir(), Now: func() time.Time { return now }}
			kept, _ := st.Put(bytes.NewReader(pngBytes(t, 8, 8)), 0)
			orphan, _ := st.Put(bytes.NewReader(pngBytes(t, 8, 8)), 0)
			fresh, _ := st.Put(bytes.NewReader(pngBytes(t, 8, 8)), 0)
			old := pinned.Add(-2 * time.Hour)
			for _, s := range []Saved{kept, orphan} {
				if err := os.Chtimes(filepath.Join(st.Dir, s.FileName), old, old); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.WriteFile(filepath.Join(st.Dir, "README.txt"), []byte("not ours"), 0o600); err != nil {
				t.Fatal(err)
			}
			raw := db.Raw()
			if _, err := raw.ExecContext(ctx, `INSERT INTO schools (id, code, name, created_at) VALUES (1, 'S', '学校', 0)`); err != nil {
				t.Fatal(err)
			}
			if _, err := raw.ExecContext(ctx, `INSERT INTO photos (school_id, owner_kind, owner_id, file_name, sha256, width, height, bytes, uploaded_by, created_at)
				VALUES (1, 'answer', 1, $1, $2, 8, 8, $3, 1, 0)`, kept.FileName, kept.SHA256, kept.Bytes); err != nil {
				t.Fatal(err)
			}
			n, err := st.Sweep(ctx, db.Read(), time.Hour)
			if err != nil || n != 1 {
				t.Fatalf("Sweep = %d, %v; want 1 removed", n, err)
			}
			exists := func(name string) bool { _, err := os.Stat(filepath.Join(st.Dir, name)); return err == nil }
			if !exists(kept.FileName) || exists(orphan.FileName) || !exists(fresh.FileName) || !exists("README.txt") {
				t.Errorf("after sweep: kept=%v orphan=%v fresh=%v readme=%v", exists(kept.FileName), exists(orphan.FileName), exists(fresh.FileName), exists("README.txt"))
			}
		})
	}
}
