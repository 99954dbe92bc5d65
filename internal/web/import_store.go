package web

import (
	"crypto/rand"
	"encoding/base64"
	"sync"
	"time"

	"safecampus/internal/org"
)

// importTTL is how long a previewed file waits for its confirmation.
const importTTL = 15 * time.Minute

// maxPendingImports bounds the memory held by previews nobody confirmed:
// each holds at most one 5 MB file's rows.
const maxPendingImports = 32

// pendingImport is a parsed file between preview and commit. The rows are
// kept on the server (docs/decisions/0010-import-preview.md): the commit
// re-checks them, but never takes them from the browser.
type pendingImport struct {
	account  int64
	school   int64
	kind     org.ImportKind
	fileName string
	rows     [][]string
	expires  time.Time
}

// importStore holds pending imports by random token. A token is only
// good for the account and school that uploaded the file.
type importStore struct {
	mu      sync.Mutex
	pending map[string]*pendingImport
}

func newImportStore() *importStore {
	return &importStore{pending: map[string]*pendingImport{}}
}

// put stores p and returns its token. An account has one pending import:
// a new upload replaces the older one. When the store is full the entry
// closest to expiry goes.
func (st *importStore) put(p *pendingImport, now time.Time) string {
	b := make([]byte, 24)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	tok := base64.RawURLEncoding.EncodeToString(b)
	p.expires = now.Add(importTTL)
	st.mu.Lock()
	defer st.mu.Unlock()
	st.sweep(now)
	for k, old := range st.pending {
		if old.account == p.account {
			delete(st.pending, k)
		}
	}
	if len(st.pending) >= maxPendingImports {
		var oldest string
		for k, old := range st.pending {
			if oldest == "" || old.expires.Before(st.pending[oldest].expires) {
				oldest = k
			}
		}
		delete(st.pending, oldest)
	}
	st.pending[tok] = p
	return tok
}

// take removes and returns the pending import of tok if it belongs to the
// account and school and has not expired. A failed commit puts it back.
func (st *importStore) take(tok string, account, school int64, now time.Time) (*pendingImport, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.sweep(now)
	p, ok := st.pending[tok]
	if !ok || p.account != account || p.school != school {
		return nil, false
	}
	delete(st.pending, tok)
	return p, true
}

// restore puts back an import whose commit failed, under the same token,
// so the user can fix the data in the system and confirm again.
func (st *importStore) restore(tok string, p *pendingImport) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.pending[tok] = p
}

func (st *importStore) sweep(now time.Time) {
	for k, p := range st.pending {
		if now.After(p.expires) {
			delete(st.pending, k)
		}
	}
}
