package checklist

import (
	"context"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// Service is the check-item library of each school.
type Service struct {
	DB  *sqldb.DB
	Now func() time.Time
}

// NewService returns a checklist service.
func NewService(db *sqldb.DB, now func() time.Time) *Service { return &Service{DB: db, Now: now} }

// write runs fn in a transaction and appends the audit record it returns.
func (s *Service) write(ctx context.Context, a *auth.Actor, fn func(tx *sqldb.Tx) (audit.Record, error)) error {
	now := s.Now()
	return s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		rec, err := fn(tx)
		if err != nil {
			return err
		}
		rec.ActorID = a.AccountID
		_, err = audit.Append(ctx, tx, now, rec)
		return err
	})
}

func require(a *auth.Actor, p auth.Permission, school int64) error {
	if !auth.Can(a, p, auth.SchoolScope(school)) {
		return apperr.ForbiddenErr(string(p))
	}
	return nil
}

// effective selects the current items a school sees: its own, and the
// built-in ones it has not replaced with its own version. $1 is the school.
const effective = `i.current AND (i.school_id = $1 OR (i.school_id IS NULL AND NOT EXISTS (
	SELECT 1 FROM check_items o WHERE o.school_id = $1 AND o.code = i.code AND o.current)))`

// enabled further drops the codes the school switched off.
const enabled = ` AND NOT EXISTS (SELECT 1 FROM check_item_settings st WHERE st.school_id = $1 AND st.code = i.code AND st.disabled)`

// ListItems returns the school's library: current built-in items (minus
// those it replaced) and its own items, each marked when switched off.
// school 0 lists the built-in catalogue alone.
func (s *Service) ListItems(ctx context.Context, a *auth.Actor, school int64) ([]Item, error) {
	if school != 0 {
		if err := require(a, auth.PermOrgView, school); err != nil {
			return nil, err
		}
	}
	return listItems(ctx, s.DB.Read(), school)
}

func listItems(ctx context.Context, q sqldb.Querier, school int64) ([]Item, error) {
	if school == 0 {
		return loadItems(ctx, q, `i.school_id IS NULL AND i.current`)
	}
	items, err := loadItems(ctx, q, effective, school)
	if err != nil {
		return nil, err
	}
	off, err := disabledCodes(ctx, q, school)
	if err != nil {
		return nil, err
	}
	for i := range items {
		items[i].Disabled = off[items[i].Code]
	}
	return items, nil
}

func disabledCodes(ctx context.Context, q sqldb.Querier, school int64) (map[string]bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT code FROM check_item_settings WHERE school_id = $1 AND disabled`, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	off := map[string]bool{}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		off[c] = true
	}
	return off, rows.Err()
}

// FindItem returns the current version of code as the school sees it.
func (s *Service) FindItem(ctx context.Context, a *auth.Actor, school int64, code string) (Item, error) {
	if err := require(a, auth.PermOrgView, school); err != nil {
		return Item{}, err
	}
	return findItem(ctx, s.DB.Read(), school, code)
}

func findItem(ctx context.Context, q sqldb.Querier, school int64, code string) (Item, error) {
	items, err := loadItems(ctx, q, effective+` AND i.code = $2`, school, code)
	if err != nil {
		return Item{}, err
	}
	if len(items) == 0 {
		return Item{}, apperr.NotFoundf("check_item.not_found", "检查项 %s 不存在。", code)
	}
	off, err := disabledCodes(ctx, q, school)
	if err != nil {
		return Item{}, err
	}
	items[0].Disabled = off[code]
	return items[0], nil
}

// FindItemVersion returns one stored version by id, as long as the school
// may see it (built in, or its own). Inspections use it to show old text.
func FindItemVersion(ctx context.Context, q sqldb.Querier, school, id int64) (Item, error) {
	items, err := loadItems(ctx, q, `i.id = $1 AND (i.school_id IS NULL OR i.school_id = $2)`, id, school)
	if err != nil {
		return Item{}, err
	}
	if len(items) == 0 {
		return Item{}, apperr.NotFoundf("check_item.not_found", "检查项不存在。")
	}
	return items[0], nil
}
