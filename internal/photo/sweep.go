package photo

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"safecampus/internal/sqldb"
)

// Sweep removes photo files that no photos row points at and that are older
// than olderThan: leftovers of uploads whose transaction rolled back or of
// a crash between the file's fsync and the row's commit. The age margin
// keeps it off files whose row is about to commit. It returns how many
// files it removed.
func (st *Store) Sweep(ctx context.Context, db sqldb.Querier, olderThan time.Duration) (int, error) {
	cutoff := st.now().Add(-olderThan)
	removed := 0
	err := filepath.WalkDir(st.Dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(st.Dir, path)
		if err != nil || !ValidName(filepath.ToSlash(rel)) {
			return nil // not ours: leave it alone
		}
		info, err := d.Info()
		if err != nil || info.ModTime().After(cutoff) {
			return nil
		}
		var n int
		if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM photos WHERE file_name = $1`, filepath.ToSlash(rel)).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			removed++
		}
		return nil
	})
	return removed, err
}
