package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

//go:embed static
var staticFS embed.FS

// assets serves embedded static files under content-hash URLs
// (/static/<hash>/<name>), so they can be cached forever and a new build
// never shows a stale file.
type assets struct {
	files map[string][]byte // name -> content
	hash  map[string]string // name -> short hash
}

func loadAssets() (*assets, error) {
	a := &assets{files: map[string][]byte{}, hash: map[string]string{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		sum := sha256.Sum256(b)
		a.files[name] = b
		a.hash[name] = hex.EncodeToString(sum[:])[:12]
		return nil
	})
	return a, err
}

// URL returns the content-hash URL of a static file.
func (a *assets) URL(name string) (string, error) {
	h, ok := a.hash[name]
	if !ok {
		return "", fmt.Errorf("unknown static file %q", name)
	}
	return "/static/" + h + "/" + name, nil
}

func (a *assets) serve(w http.ResponseWriter, r *http.Request) error {
	h, name := r.PathValue("hash"), r.PathValue("name")
	b, ok := a.files[name]
	if !ok {
		return errNotFound
	}
	if a.hash[name] == h {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	_, err := w.Write(b)
	return err
}
