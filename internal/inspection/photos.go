package inspection

import (
	"context"
	"database/sql"
	"errors"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/photo"
	"safecampus/internal/sqldb"
)

// Owner kinds of photos this package writes.
const (
	OwnerPending = "pending" // uploaded, not yet part of a submitted answer; owner_id is the uploader's account
	OwnerAnswer  = "answer"  // owner_id is an inspection_answers id
	// OwnerSignature is a drawn signature; owner_id is the inspection's id
	// (inspections.signature_photo_id points back at the photo).
	OwnerSignature = "signature"
)

// OwnerCheck decides whether a may see a photo whose owner record is
// ownerID; other packages (patrols …) register theirs in Service.Owners.
type OwnerCheck func(ctx context.Context, a *auth.Actor, school, ownerID int64) (bool, error)

// canInspectIn reports whether a may do inspections somewhere in school:
// a photo is uploaded before its form says where.
func canInspectIn(a *auth.Actor, school int64) bool {
	if a.IsSystemAdmin() {
		return true
	}
	for _, g := range a.Grants {
		if g.SchoolID == school && auth.RoleHas(g.Role, auth.PermInspect) {
			return true
		}
	}
	return false
}

// AddPendingPhoto records a saved photo file as the uploader's pending
// photo; submitting a form moves it to its answer. The file was fsynced by
// the photo store before this row commits.
func (s *Service) AddPendingPhoto(ctx context.Context, a *auth.Actor, school int64, saved photo.Saved) (int64, error) {
	if !canInspectIn(a, school) {
		return 0, apperr.ForbiddenErr(string(auth.PermInspect))
	}
	var id int64
	now := s.Now()
	err := s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO photos (school_id, owner_kind, owner_id, file_name, sha256, width, height, bytes, uploaded_by, created_at)
			VALUES ($1, 'pending', $2, $3, $4, $5, $6, $7, $2, $8) RETURNING id`,
			school, a.AccountID, saved.FileName, saved.SHA256, saved.Width, saved.Height, saved.Bytes, now.UnixMilli()).Scan(&id)
		if err != nil {
			return err
		}
		_, err = audit.Append(ctx, tx, now, audit.Record{SchoolID: school, ActorID: a.AccountID, Action: "photo.upload", Entity: "photo", EntityID: id,
			After: map[string]any{"owner_kind": OwnerPending, "sha256": saved.SHA256, "bytes": saved.Bytes, "width": saved.Width, "height": saved.Height}})
		return err
	})
	return id, err
}

// PhotoFile returns the stored file name of photo id when a may see the
// record that owns it: a pending photo only its uploader, an answer's
// photo and a drawn signature whoever may read the inspection. Anything
// else is not found.
func (s *Service) PhotoFile(ctx context.Context, a *auth.Actor, school, id int64) (string, error) {
	q := s.DB.Read()
	var kind, name string
	var owner, uploader int64
	err := q.QueryRowContext(ctx, `SELECT owner_kind, owner_id, file_name, uploaded_by FROM photos WHERE id = $1 AND school_id = $2`, id, school).Scan(&kind, &owner, &name, &uploader)
	missing := apperr.NotFoundf("photo.not_found", "照片不存在。")
	if errors.Is(err, sql.ErrNoRows) {
		return "", missing
	}
	if err != nil {
		return "", err
	}
	ok := false
	switch kind {
	case OwnerPending:
		ok = a.AccountID != 0 && uploader == a.AccountID
	case OwnerAnswer:
		ok, err = s.canReadAnswer(ctx, q, a, school, owner)
	case OwnerSignature:
		ok, err = canReadInspection(ctx, q, a, school, owner)
	default:
		if check := s.Owners[kind]; check != nil {
			ok, err = check(ctx, a, school, owner)
		}
	}
	if err != nil {
		return "", err
	}
	if !ok {
		return "", missing
	}
	return name, nil
}

func (s *Service) canReadAnswer(ctx context.Context, q sqldb.Querier, a *auth.Actor, school, answerID int64) (bool, error) {
	var inspID int64
	err := q.QueryRowContext(ctx, `SELECT inspection_id FROM inspection_answers WHERE id = $1 AND school_id = $2`, answerID, school).Scan(&inspID)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return canReadInspection(ctx, q, a, school, inspID)
}

// canReadInspection reports whether a may read inspection id of school:
// the photos it owns (answers', the drawn signature) follow it.
func canReadInspection(ctx context.Context, q sqldb.Querier, a *auth.Actor, school, id int64) (bool, error) {
	in, err := loadHeader(ctx, q, school, id)
	if apperr.Is(err, apperr.NotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return canRead(ctx, q, a, in)
}
