package hazard

import (
	"context"
	"errors"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/photo"
	"safecampus/internal/sqldb"
)

// Owner kinds of hazard photos; owner_id is the hazard id. An inspection
// finding's photos stay on their answer (owner kind "answer") and count as
// the hazard's photos before without being copied.
const (
	OwnerBefore   = "hazard_before"   // the report's photos
	OwnerProgress = "hazard_progress" // progress notes' photos
	OwnerAfter    = "hazard_after"    // the rectification's evidence
	ownerPending  = "pending"         // uploaded, not yet linked (see internal/inspection/photos.go)
	ownerAnswer   = "answer"
)

// Photo is one stored photo of a hazard.
type Photo struct {
	ID       int64
	FileName string // for the photo store only; never put it in a URL
	Width    int
	Height   int
	TakenAt  time.Time // when it was stored
}

// AddPendingPhoto records a saved photo file as the uploader's pending
// photo, as the inspection form does, for anyone who may report or
// rectify hazards in school; a report or a step then links it by id.
func (s *Service) AddPendingPhoto(ctx context.Context, a *auth.Actor, school int64, saved photo.Saved) (int64, error) {
	if a == nil || a.AccountID == 0 || !(auth.CanSomewhere(a, auth.PermHazardReport, school) || auth.CanSomewhere(a, auth.PermHazardRectify, school)) {
		return 0, apperr.ForbiddenErr(string(auth.PermHazardReport))
	}
	var id int64
	now := s.Now()
	err := s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		var err error
		id, err = insertPhoto(ctx, tx, a, school, ownerPending, a.AccountID, saved, now)
		return err
	})
	return id, err
}

// insertPhoto records a stored file as a's photo owned by (kind, owner) —
// a pending photo is owned by its uploader's account — with its audit entry.
func insertPhoto(ctx context.Context, tx *sqldb.Tx, a *auth.Actor, school int64, kind string, owner int64, saved photo.Saved, now time.Time) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO photos (school_id, owner_kind, owner_id, file_name, sha256, width, height, bytes, uploaded_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		school, kind, owner, saved.FileName, saved.SHA256, saved.Width, saved.Height, saved.Bytes, a.AccountID, now.UnixMilli()).Scan(&id)
	if err != nil {
		return 0, err
	}
	after := map[string]any{"owner_kind": kind, "sha256": saved.SHA256, "bytes": saved.Bytes, "width": saved.Width, "height": saved.Height}
	if kind != ownerPending {
		after["owner_id"] = owner
	}
	_, err = audit.Append(ctx, tx, now, audit.Record{SchoolID: school, ActorID: a.AccountID, Action: "photo.upload", Entity: "photo", EntityID: id, After: after})
	return id, err
}

// linkPhotos moves the actor's pending photos to the hazard under kind.
// Any other photo (someone else's, already linked, another school's)
// refuses the whole step.
func linkPhotos(ctx context.Context, tx *sqldb.Tx, a *auth.Actor, school, hazard int64, kind string, photoIDs []int64) error {
	seen := map[int64]bool{}
	for _, id := range photoIDs {
		if seen[id] {
			continue
		}
		seen[id] = true
		res, err := tx.ExecContext(ctx, `UPDATE photos SET owner_kind = $1, owner_id = $2
			WHERE id = $3 AND school_id = $4 AND owner_kind = 'pending' AND uploaded_by = $5`, kind, hazard, id, school, a.AccountID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n != 1 {
			return apperr.Invalidf("hazard.photo", "照片（编号 %d）已失效或不是您上传的，请重新拍摄。", id)
		}
	}
	return nil
}

// Photos returns hazard id's photos when a may see it: before (the report's,
// or the finding's answer photos), after (the evidence) and progress.
func (s *Service) Photos(ctx context.Context, a *auth.Actor, school, id int64) (before, after, progress []Photo, err error) {
	q := s.DB.Read()
	h, err := s.visibleHazard(ctx, q, a, school, id)
	if err != nil {
		return nil, nil, nil, err
	}
	return photosOf(ctx, q, h)
}

// photosOf reads the photos of a hazard the caller may see.
func photosOf(ctx context.Context, q sqldb.Querier, h *Hazard) (before, after, progress []Photo, err error) {
	rows, err := q.QueryContext(ctx, photoQuery, h.SchoolID, h.ID, h.FindingID)
	if err != nil {
		return nil, nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var p Photo
		var kind string
		var at int64
		if err := rows.Scan(&p.ID, &kind, &p.FileName, &p.Width, &p.Height, &at); err != nil {
			return nil, nil, nil, err
		}
		p.TakenAt = time.UnixMilli(at)
		switch kind {
		case OwnerAfter:
			after = append(after, p)
		case OwnerProgress:
			progress = append(progress, p)
		default:
			before = append(before, p)
		}
	}
	return before, after, progress, rows.Err()
}

// photoQuery selects every photo of a hazard ($2) and of its finding's
// answer ($3, 0 when it has none). Two index lookups joined by UNION ALL:
// written as one WHERE with an OR, SQLite searched photos_owner by school
// only and read every photo of the school (10 ms a page with 1 M hazards).
const photoQuery = `SELECT id, owner_kind, file_name, width, height, created_at FROM photos
		WHERE school_id = $1 AND owner_kind IN ('hazard_before', 'hazard_progress', 'hazard_after') AND owner_id = $2
	UNION ALL SELECT id, owner_kind, file_name, width, height, created_at FROM photos
		WHERE school_id = $1 AND owner_kind = 'answer' AND owner_id = (SELECT answer_id FROM findings WHERE id = $3)
	ORDER BY id`

// PhotoFile returns the stored file name of photo photoID when it is a
// photo of hazard hazardID and a may see that hazard; anything else is not
// found. The web layer serves hazard photos through it, so a unit head who
// may see the hazard also sees the finding's photos, even without access
// to the inspection itself.
func (s *Service) PhotoFile(ctx context.Context, a *auth.Actor, school, hazardID, photoID int64) (string, error) {
	before, after, progress, err := s.Photos(ctx, a, school, hazardID)
	if err != nil {
		return "", err
	}
	for _, list := range [][]Photo{before, after, progress} {
		for _, p := range list {
			if p.ID == photoID {
				return p.FileName, nil
			}
		}
	}
	return "", apperr.NotFoundf("photo.not_found", "照片不存在。")
}

// CanSeePhoto decides access to a photo owned by hazard ownerID; it has
// the shape of inspection.OwnerCheck so the generic /photos/{id} route
// serves hazard photos to exactly those who may see the hazard.
func (s *Service) CanSeePhoto(ctx context.Context, a *auth.Actor, school, ownerID int64) (bool, error) {
	_, err := s.visibleHazard(ctx, s.DB.Read(), a, school, ownerID)
	if apperr.Is(err, apperr.NotFound) {
		return false, nil
	}
	return err == nil, err
}

// storeAnonymousPhoto saves an anonymous reporter's photo file; its row is
// written with the hazard.
func (s *Service) storeAnonymousPhoto(ctx context.Context, tx *sqldb.Tx, saved photo.Saved, school, hazard int64, now time.Time) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO photos (school_id, owner_kind, owner_id, file_name, sha256, width, height, bytes, uploaded_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9) RETURNING id`,
		school, OwnerBefore, hazard, saved.FileName, saved.SHA256, saved.Width, saved.Height, saved.Bytes, now.UnixMilli()).Scan(&id)
	return id, err
}

var errNoPhotoStore = errors.New("hazard: no photo store configured")
