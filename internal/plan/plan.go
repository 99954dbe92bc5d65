// Package plan holds inspection plans and what they owe: the periods of
// obligation (period.go), custom and built-in recurring plans (plan.go,
// rhythm.go), the idempotent generation of due inspections (generate.go),
// linking a submitted inspection to what it fulfils (link.go) and the RUL-4
// rhythm compliance table (compliance.go).
package plan

import (
	"context"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// Recurrence is how often a plan comes due.
type Recurrence string

const (
	Daily     Recurrence = "daily"
	Weekly    Recurrence = "weekly"
	Monthly   Recurrence = "monthly"
	Quarterly Recurrence = "quarterly"
	HalfYears Recurrence = "half_year"
	EveryN    Recurrence = "every_n_days"
)

// Recurrences lists the recurrences in display order.
var Recurrences = []Recurrence{Daily, Weekly, Monthly, Quarterly, HalfYears, EveryN}

// Label is the recurrence's Chinese name.
func (r Recurrence) Label() string {
	switch r {
	case Daily:
		return "每日"
	case Weekly:
		return "每周"
	case Monthly:
		return "每月"
	case Quarterly:
		return "每季度"
	case HalfYears:
		return "每半年"
	case EveryN:
		return "每N天"
	}
	return string(r)
}

// PeriodKind is the kind of period the recurrence counts in.
func (r Recurrence) PeriodKind() PeriodKind {
	switch r {
	case Daily:
		return Day
	case Weekly:
		return Week
	case Monthly:
		return Month
	case Quarterly:
		return Quarter
	case HalfYears:
		return HalfYear
	}
	return NDays
}

func (r Recurrence) valid() bool {
	for _, x := range Recurrences {
		if x == r {
			return true
		}
	}
	return false
}

// Kinds of inspection, as internal/inspection names them (copied here so
// that plan does not depend on the package that depends on it).
var kindLabels = []struct{ Kind, Label string }{
	{"leader", "领导检查"}, {"unit_monthly", "部门月度自查"}, {"grid_patrol", "网格巡查"}, {"special", "专项巡查"},
	{"open_visit", "明查"}, {"unannounced", "暗访"}, {"random", "随机抽查"}, {"look_back", "回头看"},
}

// KindOption is one kind of inspection a plan may be for.
type KindOption struct{ Kind, Label string }

// Kinds lists the kinds of inspection in display order.
func Kinds() []KindOption {
	out := make([]KindOption, len(kindLabels))
	for i, k := range kindLabels {
		out[i] = KindOption(k)
	}
	return out
}

// KindLabel is the Chinese name of an inspection kind.
func KindLabel(kind string) string {
	for _, k := range kindLabels {
		if k.Kind == kind {
			return k.Label
		}
	}
	return kind
}

// Service manages plans and due inspections.
type Service struct {
	DB  *sqldb.DB
	Now func() time.Time
}

// NewService returns the plan service.
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

func require(a *auth.Actor, p auth.Permission, s auth.Scope) error {
	if !auth.Can(a, p, s) {
		return apperr.ForbiddenErr(string(p))
	}
	return nil
}

// schoolLocation is the time zone periods of school are computed in.
func schoolLocation(ctx context.Context, q sqldb.Querier, school int64) (*time.Location, error) {
	var tz string
	if err := q.QueryRowContext(ctx, `SELECT timezone FROM schools WHERE id = $1`, school).Scan(&tz); err != nil {
		return nil, err
	}
	if loc, err := time.LoadLocation(tz); err == nil {
		return loc, nil
	}
	return time.FixedZone("CST", 8*3600), nil
}

// Location is the school's time zone (Asia/Shanghai when unknown).
func (s *Service) Location(ctx context.Context, school int64) (*time.Location, error) {
	return schoolLocation(ctx, s.DB.Read(), school)
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
