package checklist

import (
	"context"
	"time"

	"safecampus/internal/audit"
	"safecampus/internal/sqldb"
)

// seedLock is the PostgreSQL advisory lock key that keeps two processes
// starting at once from both seeding version 1 (built-in rows have no
// school, so no unique key can catch the race). SQLite has one writer.
const seedLock = 7302010

// EnsureBuiltins stores the catalogue: a first version of every missing
// built-in item, and a new version of every item whose text, questions or
// properties changed in the code since the stored current version. Old
// versions stay so past inspections keep the text they were done with.
// Running it again changes nothing and writes no audit entry.
func EnsureBuiltins(ctx context.Context, db *sqldb.DB, now time.Time) error {
	return db.Transact(ctx, func(tx *sqldb.Tx) error {
		if tx.Dialect == sqldb.Postgres {
			if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, seedLock); err != nil {
				return err
			}
		}
		return ensureBuiltins(ctx, tx, catalogue, now)
	})
}

func ensureBuiltins(ctx context.Context, tx *sqldb.Tx, items []Item, now time.Time) error {
	stored, err := loadItems(ctx, tx, `i.school_id IS NULL AND i.current`)
	if err != nil {
		return err
	}
	byCode := make(map[string]Item, len(stored))
	for _, it := range stored {
		byCode[it.Code] = it
	}
	created, versioned := []string{}, []string{}
	for _, it := range items {
		old, ok := byCode[it.Code]
		if ok && sameContent(old, it) {
			continue
		}
		it.Version = 1
		if ok {
			if _, err := tx.ExecContext(ctx, `UPDATE check_items SET current = FALSE WHERE id = $1`, old.ID); err != nil {
				return err
			}
			it.Version = old.Version + 1
			versioned = append(versioned, it.Code)
		} else {
			created = append(created, it.Code)
		}
		if _, err := insertItem(ctx, tx, 0, it, old.ID, now); err != nil {
			return err
		}
	}
	if len(created)+len(versioned) == 0 {
		return nil
	}
	_, err = audit.Append(ctx, tx, now, audit.Record{
		SchoolID: audit.SystemSchool, Action: "check_item.seed", Entity: "check_item",
		After: map[string]any{"created": created, "versioned": versioned},
	})
	return err
}
