package hazard

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/photo"
	"safecampus/internal/sqldb"
)

// Service keeps hazards: reports, the workflow, plans, listings, extensions.
type Service struct {
	DB         *sqldb.DB
	PhotoStore *photo.Store
	Now        func() time.Time
	// anon throttles anonymous reports per client address (AllowAnonymous);
	// made on first use, so a Service built as a literal works too.
	anonOnce sync.Once
	anon     *auth.Throttle
}

// Anonymous reports allowed per client address and window: enough for a
// class reporting a broken fire door, too few to flood the office.
const (
	anonLimit  = 5
	anonWindow = 10 * time.Minute
)

// NewService returns the hazard service. photos may be nil when no photo
// is ever stored through it (an anonymous report's photo needs it).
func NewService(db *sqldb.DB, photos *photo.Store, now func() time.Time) *Service {
	return &Service{DB: db, PhotoStore: photos, Now: now}
}

// Limits of free text, in runes.
const (
	maxDescription = 1000
	maxNote        = 1000
	maxShort       = 100
	maxPlanField   = 2000
	maxContact     = 50
)

// fieldErrs collects form field errors.
type fieldErrs []apperr.FieldError

func (f *fieldErrs) add(field, msg string) {
	*f = append(*f, apperr.FieldError{Field: field, Message: msg})
}

func (f fieldErrs) err(code string) error {
	if len(f) == 0 {
		return nil
	}
	e := apperr.Fields(code, f)
	if len(f) == 1 {
		e.Message = f[0].Message // one problem: say it, not "check the fields"
	}
	return e
}

// text trims v, and reports a field error when it is required and empty
// or longer than max runes.
func (f *fieldErrs) text(field, label, v string, required bool, max int) string {
	v = strings.TrimSpace(v)
	switch {
	case required && v == "":
		f.add(field, "请填写"+label+"。")
	case utf8.RuneCountInString(v) > max:
		f.add(field, label+"过长（不能超过"+strconv.Itoa(max)+"字）。")
	}
	return v
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func nullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UnixMilli()
}

func notFound() error { return apperr.NotFoundf("hazard.not_found", "隐患记录不存在。") }

// schoolLocation is the school's time zone (Asia/Shanghai when unknown):
// numbers take the year and deadlines the day from it.
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

// today is the date at now in loc, as stored ('YYYY-MM-DD').
func today(now time.Time, loc *time.Location) string { return now.In(loc).Format(time.DateOnly) }
