package photo

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"safecampus/internal/apperr"
)

// Store keeps photo files under Dir/YYYY/MM/<random>.jpg.
type Store struct {
	Dir string
	Now func() time.Time
}

// NewStore returns a store rooted at dir.
func NewStore(dir string, now func() time.Time) *Store { return &Store{Dir: dir, Now: now} }

// Saved describes a stored file: what the photos row records.
type Saved struct {
	FileName string // relative, slash-separated: 2026/03/<32 hex>.jpg
	SHA256   string
	Width    int
	Height   int
	Bytes    int64
}

// namePattern is the only shape of name Open accepts, so a name taken from
// the database (or anywhere else) can never walk out of Dir.
var namePattern = regexp.MustCompile(`^[0-9]{4}/[0-9]{2}/[0-9a-f]{32}\.jpg$`)

// ValidName reports whether name is a file name this store could have made.
func ValidName(name string) bool { return namePattern.MatchString(name) }

// Save writes img under a fresh random name and returns once the file and
// its folder are fsynced: the caller commits the row pointing at it after,
// so a committed row never points at a file a crash could lose.
func (st *Store) Save(img Image) (Saved, error) {
	if len(img.JPEG) == 0 {
		return Saved{}, errors.New("photo: empty image")
	}
	var rnd [16]byte
	if _, err := rand.Read(rnd[:]); err != nil {
		return Saved{}, fmt.Errorf("photo name: %w", err)
	}
	now := st.now().UTC()
	rel := fmt.Sprintf("%04d/%02d/%s.jpg", now.Year(), int(now.Month()), hex.EncodeToString(rnd[:]))
	dir := filepath.Join(st.Dir, filepath.FromSlash(rel[:7]))
	created, err := mkdirs(dir)
	if err != nil {
		return Saved{}, err
	}
	path := filepath.Join(dir, rel[8:])
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if err != nil {
		return Saved{}, fmt.Errorf("photo create: %w", err)
	}
	_, werr := io.Copy(f, bytes.NewReader(img.JPEG))
	if werr == nil {
		werr = f.Sync()
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		os.Remove(path)
		return Saved{}, fmt.Errorf("photo write: %w", werr)
	}
	// The new entry lives in dir; folders made just now live in theirs.
	for _, d := range append([]string{dir}, created...) {
		if err := syncDir(d); err != nil {
			return Saved{}, err
		}
	}
	sum := sha256.Sum256(img.JPEG)
	return Saved{FileName: rel, SHA256: hex.EncodeToString(sum[:]), Width: img.Width, Height: img.Height, Bytes: int64(len(img.JPEG))}, nil
}

// mkdirs creates dir and missing parents, returning the parents whose
// entries changed (the parent of each folder it created).
func mkdirs(dir string) ([]string, error) {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil || d == filepath.Dir(d) {
			break
		}
		missing = append(missing, d)
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("photo folder: %w", err)
	}
	parents := make([]string, 0, len(missing))
	for _, d := range missing {
		parents = append(parents, filepath.Dir(d))
	}
	return parents, nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("photo folder sync: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("photo folder sync %s: %w", dir, err)
	}
	return nil
}

// Open opens a stored photo for serving. The caller has already decided,
// from the photo's owner record, that the reader may see it.
func (st *Store) Open(name string) (*os.File, error) {
	if !ValidName(name) {
		return nil, apperr.NotFoundf("photo.not_found", "照片不存在。")
	}
	f, err := os.Open(filepath.Join(st.Dir, filepath.FromSlash(name)))
	if errors.Is(err, os.ErrNotExist) {
		return nil, apperr.NotFoundf("photo.not_found", "照片不存在。")
	}
	return f, err
}

// Put processes r and saves the result: the upload path in one call.
func (st *Store) Put(r io.Reader, maxBytes int64) (Saved, error) {
	img, err := st.Process(r, maxBytes)
	if err != nil {
		return Saved{}, err
	}
	return st.Save(img)
}

func (st *Store) now() time.Time {
	if st.Now != nil {
		return st.Now()
	}
	return time.Now()
}
