package checklist

import (
	"context"
	"errors"

	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// SetItemDisabled switches an item of the school's library off (it is no
// longer asked in new inspections) or on again. Past inspections keep
// their answers either way.
func (s *Service) SetItemDisabled(ctx context.Context, a *auth.Actor, school int64, code string, disabled bool) error {
	if err := require(a, auth.PermChecklistManage, school); err != nil {
		return err
	}
	err := s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		it, err := findItem(ctx, tx, school, code)
		if err != nil {
			return audit.Record{}, err
		}
		if it.Disabled == disabled {
			return audit.Record{}, errUnchanged
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO check_item_settings (school_id, code, disabled) VALUES ($1, $2, $3)
			ON CONFLICT (school_id, code) DO UPDATE SET disabled = excluded.disabled`, school, it.Code, disabled); err != nil {
			return audit.Record{}, err
		}
		action := "check_item.enable"
		if disabled {
			action = "check_item.disable"
		}
		return audit.Record{SchoolID: school, Action: action, Entity: "check_item", EntityID: it.ID,
			Before: map[string]any{"code": it.Code, "disabled": it.Disabled},
			After:  map[string]any{"code": it.Code, "disabled": disabled}}, nil
	})
	if errors.Is(err, errUnchanged) {
		return nil
	}
	return err
}
