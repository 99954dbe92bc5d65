package escalation

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"safecampus/internal/sqldb"
)

// Settings are a school's hazard settings (table hazard_settings): the
// longest deadline extension the office allows and the ladder's delays,
// each counted from the previous step.
type Settings struct {
	MaxExtensionDays int `json:"max_extension_days"`
	UnitHeadHours    int `json:"escalate_unit_head_h"` // step 1 → step 2
	LeaderHours      int `json:"escalate_leader_h"`    // step 2 → step 3
	OfficeHours      int `json:"escalate_office_h"`    // step 3 → step 4
}

// Bounds of the settings page. A delay longer than 30 days would let an
// overdue hazard sit unnoticed for a month per rung; an extension longer
// than a year is no deadline.
const (
	MaxDelayHours       = 720
	MaxExtensionDaysCap = 365
)

// DefaultSettings apply to a school without a hazard_settings row; they
// equal the column defaults of migration 0003.
func DefaultSettings() Settings {
	return Settings{MaxExtensionDays: 30, UnitHeadHours: 24, LeaderHours: 48, OfficeHours: 72}
}

// Delay is how long after the previous step step falls due (0 for step 1,
// which falls due when the deadline day ends).
func (s Settings) Delay(step Step) time.Duration {
	h := 0
	switch step {
	case StepUnitHead:
		h = s.UnitHeadHours
	case StepLeader:
		h = s.LeaderHours
	case StepOffice:
		h = s.OfficeHours
	}
	return time.Duration(h) * time.Hour
}

// LoadSettings returns the settings of school, or the defaults when the
// school has no row. The hazard core calls it for max_extension_days.
func LoadSettings(ctx context.Context, q sqldb.Querier, school int64) (Settings, error) {
	s := DefaultSettings()
	err := q.QueryRowContext(ctx, `SELECT max_extension_days, escalate_unit_head_h, escalate_leader_h, escalate_office_h
		FROM hazard_settings WHERE school_id = $1`, school).Scan(&s.MaxExtensionDays, &s.UnitHeadHours, &s.LeaderHours, &s.OfficeHours)
	if errors.Is(err, sql.ErrNoRows) {
		return DefaultSettings(), nil
	}
	if err != nil {
		return s, fmt.Errorf("hazard settings of school %d: %w", school, err)
	}
	return s, nil
}

// allSettings reads every school's row at once for the sweep; schools
// missing from the map use DefaultSettings.
func allSettings(ctx context.Context, q sqldb.Querier) (map[int64]Settings, error) {
	rows, err := q.QueryContext(ctx, `SELECT school_id, max_extension_days, escalate_unit_head_h, escalate_leader_h, escalate_office_h FROM hazard_settings`)
	if err != nil {
		return nil, fmt.Errorf("hazard settings: %w", err)
	}
	defer rows.Close()
	out := map[int64]Settings{}
	for rows.Next() {
		var id int64
		var s Settings
		if err := rows.Scan(&id, &s.MaxExtensionDays, &s.UnitHeadHours, &s.LeaderHours, &s.OfficeHours); err != nil {
			return nil, err
		}
		out[id] = s
	}
	return out, rows.Err()
}
