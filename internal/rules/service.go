package rules

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// Service is the rules register, policy items and safety meetings.
type Service struct {
	DB  *sqldb.DB
	Now func() time.Time
}

// NewService returns the rules service.
func NewService(db *sqldb.DB, now func() time.Time) *Service { return &Service{DB: db, Now: now} }

// write runs fn in one transaction and appends the audit record it returns,
// so a change and its audit entry commit together or not at all.
func (s *Service) write(ctx context.Context, a *auth.Actor, now time.Time, fn func(tx *sqldb.Tx) (audit.Record, error)) error {
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

// MayView reports whether a may read the register, policy items and meetings.
func MayView(a *auth.Actor, school int64) bool {
	return auth.Can(a, auth.PermOrgView, auth.SchoolScope(school))
}

// MayManage reports whether a may change them.
func MayManage(a *auth.Actor, school int64) bool {
	return auth.Can(a, auth.PermRulesManage, auth.SchoolScope(school))
}

// fieldErrs collects form field errors.
type fieldErrs []apperr.FieldError

func (f *fieldErrs) add(field, msg string) {
	*f = append(*f, apperr.FieldError{Field: field, Message: msg})
}

func (f fieldErrs) has(field string) bool {
	for _, x := range f {
		if x.Field == field {
			return true
		}
	}
	return false
}

func (f fieldErrs) err(code string) error {
	if len(f) == 0 {
		return nil
	}
	return apperr.Fields(code, f)
}

// text trims a text field and checks it is present (when required) and not
// longer than max characters.
func (f *fieldErrs) text(field, label, v string, required bool, max int) string {
	v = strings.TrimSpace(v)
	if required && v == "" {
		f.add(field, "请填写"+label+"。")
	} else if utf8.RuneCountInString(v) > max {
		f.add(field, label+"过长（最多"+itoa(max)+"字）。")
	}
	return v
}

// date checks a 'YYYY-MM-DD' field; "" passes unless required.
func (f *fieldErrs) date(field, label, v string, required bool) string {
	v = strings.TrimSpace(v)
	if v == "" {
		if required {
			f.add(field, "请填写"+label+"。")
		}
		return v
	}
	if _, err := time.Parse(time.DateOnly, v); err != nil {
		f.add(field, label+"应为日期，例如 2026-03-31。")
	}
	return v
}

// ref adds a field error when id (if set) is not a row of table in school.
func (f *fieldErrs) ref(ctx context.Context, q sqldb.Querier, table, field, label string, school, id int64) error {
	if id == 0 {
		return nil
	}
	var n int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table+` WHERE id = $1 AND school_id = $2`, id, school).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		f.add(field, label+"不存在或不属于本校。")
	}
	return nil
}

// today is the date of now in the school's time zone.
func today(ctx context.Context, q sqldb.Querier, school int64, now time.Time) (string, error) {
	var tz string
	if err := q.QueryRowContext(ctx, `SELECT timezone FROM schools WHERE id = $1`, school).Scan(&tz); err != nil {
		return "", err
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		loc = time.FixedZone("CST", 8*3600)
	}
	return now.In(loc).Format(time.DateOnly), nil
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func millis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }
