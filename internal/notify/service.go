package notify

import (
	"context"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// Service is the notification service: the inbox of the signed-in
// account and the channel settings of a school. Sending is the
// Dispatcher's work.
type Service struct {
	DB  *sqldb.DB
	Now func() time.Time
}

// NewService returns a notification service.
func NewService(db *sqldb.DB, now func() time.Time) *Service { return &Service{DB: db, Now: now} }

// write runs fn in a transaction and appends the audit record it returns.
func (s *Service) write(ctx context.Context, a *auth.Actor, fn func(tx *sqldb.Tx, now time.Time) (audit.Record, error)) error {
	now := s.Now()
	return s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		rec, err := fn(tx, now)
		if err != nil {
			return err
		}
		rec.ActorID = a.AccountID
		_, err = audit.Append(ctx, tx, now, rec)
		return err
	})
}

// MayManage reports whether a may configure the channels of school; the
// pages ask it to decide what to show.
func MayManage(a *auth.Actor, school int64) bool {
	return school != 0 && auth.Can(a, auth.PermNotifyManage, auth.SchoolScope(school))
}

func requireManage(a *auth.Actor, school int64) error {
	if !MayManage(a, school) {
		return apperr.ForbiddenErr(string(auth.PermNotifyManage))
	}
	return nil
}
