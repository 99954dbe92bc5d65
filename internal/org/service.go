package org

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

// Service is the organisation service.
type Service struct {
	DB  *sqldb.DB
	Now func() time.Time
}

// NewService returns an organisation service.
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

// fieldErrs collects form field errors.
type fieldErrs []apperr.FieldError

func (f *fieldErrs) add(field, msg string) {
	*f = append(*f, apperr.FieldError{Field: field, Message: msg})
}

func (f fieldErrs) err(code string) error {
	if len(f) == 0 {
		return nil
	}
	return apperr.Fields(code, f)
}

// text validates a required or optional text field and returns it trimmed.
func (f *fieldErrs) text(field, label, v string, required bool, max int) string {
	v = strings.TrimSpace(v)
	if required && v == "" {
		f.add(field, "请填写"+label+"。")
	} else if utf8.RuneCountInString(v) > max {
		f.add(field, label+"过长。")
	}
	return v
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// exists reports whether a row of table with id belongs to school.
func exists(ctx context.Context, q sqldb.Querier, table string, school, id int64) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table+` WHERE id = $1 AND school_id = $2`, id, school).Scan(&n)
	return n > 0, err
}

// checkRef adds a field error when a referenced id is not in the school.
func (f *fieldErrs) checkRef(ctx context.Context, q sqldb.Querier, table, field, label string, school, id int64) error {
	if id == 0 {
		return nil
	}
	ok, err := exists(ctx, q, table, school, id)
	if err != nil {
		return err
	}
	if !ok {
		f.add(field, label+"不存在或不属于本校。")
	}
	return nil
}
