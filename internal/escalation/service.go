package escalation

import (
	"context"
	"fmt"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// Service is the campaign office's side of the ladder: reading and saving
// a school's hazard settings. The ladder itself runs in Sweep.
type Service struct {
	DB  *sqldb.DB
	Now func() time.Time
}

// NewService returns an escalation settings service.
func NewService(db *sqldb.DB, now func() time.Time) *Service { return &Service{DB: db, Now: now} }

func requireManage(a *auth.Actor, school int64) error {
	if school == 0 || !auth.Can(a, auth.PermHazardManage, auth.SchoolScope(school)) {
		return apperr.ForbiddenErr(string(auth.PermHazardManage))
	}
	return nil
}

// Settings returns the school's hazard settings for the office's page.
func (s *Service) Settings(ctx context.Context, a *auth.Actor, school int64) (Settings, error) {
	if err := requireManage(a, school); err != nil {
		return Settings{}, err
	}
	return LoadSettings(ctx, s.DB.Read(), school)
}

// Validate checks the settings a person typed; every field is a whole
// number within its bounds. Messages are per form field.
func (in Settings) Validate() error {
	var f []apperr.FieldError
	check := func(field, label string, v, max int) {
		if v < 1 || v > max {
			f = append(f, apperr.FieldError{Field: field, Message: fmt.Sprintf("%s须为 1 到 %d 之间的整数。", label, max)})
		}
	}
	check("max_extension_days", "最长延期天数", in.MaxExtensionDays, MaxExtensionDaysCap)
	check("escalate_unit_head_h", "升级至单位负责人的间隔（小时）", in.UnitHeadHours, MaxDelayHours)
	check("escalate_leader_h", "升级至分管领导的间隔（小时）", in.LeaderHours, MaxDelayHours)
	check("escalate_office_h", "升级至专项整治办公室的间隔（小时）", in.OfficeHours, MaxDelayHours)
	if len(f) > 0 {
		return apperr.Fields("hazard_settings.invalid", f)
	}
	return nil
}

// SaveSettings stores the school's settings and audits the change (before
// and after). Saving the same values again changes nothing and leaves no
// audit entry. A new delay applies from the next sweep: a step already
// reached keeps its time, the next one is measured with the new delay.
func (s *Service) SaveSettings(ctx context.Context, a *auth.Actor, school int64, in Settings) (Settings, error) {
	if err := requireManage(a, school); err != nil {
		return Settings{}, err
	}
	if err := in.Validate(); err != nil {
		return Settings{}, err
	}
	now := s.Now()
	err := s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		before, err := LoadSettings(ctx, tx, school)
		if err != nil {
			return err
		}
		if before == in {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO hazard_settings (school_id, max_extension_days, escalate_unit_head_h, escalate_leader_h, escalate_office_h, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (school_id) DO UPDATE SET max_extension_days = excluded.max_extension_days, escalate_unit_head_h = excluded.escalate_unit_head_h,
				escalate_leader_h = excluded.escalate_leader_h, escalate_office_h = excluded.escalate_office_h, updated_at = excluded.updated_at`,
			school, in.MaxExtensionDays, in.UnitHeadHours, in.LeaderHours, in.OfficeHours, now.UnixMilli()); err != nil {
			return fmt.Errorf("save hazard settings: %w", err)
		}
		_, err = audit.Append(ctx, tx, now, audit.Record{SchoolID: school, ActorID: a.AccountID, Action: "hazard_settings.update",
			Entity: "hazard_settings", EntityID: school, Before: before, After: in})
		return err
	})
	if err != nil {
		return Settings{}, err
	}
	return in, nil
}
