package lookback

import (
	"context"
	"fmt"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/hazard"
	"safecampus/internal/sqldb"
)

// RecordInput is an inspector's re-check result. A failed re-check needs
// a note saying what was found and the new rectification deadline.
type RecordInput struct {
	Result      string // ResultPassed or ResultFailed
	Note        string
	NewDeadline string
	PhotoIDs    []int64 // the recorder's pending photos
}

// MayRecord returns re-check id when a may record its result now: the
// named inspector or the office. Another school's re-check is not found;
// anyone else of the school is forbidden; a recorded one is a conflict.
func (s *Service) MayRecord(ctx context.Context, a *auth.Actor, school, id int64) (*Check, error) {
	cs, err := checks(ctx, s.DB.Read(), `c.school_id = $1 AND c.id = $2`, `c.id`, school, id)
	if err != nil {
		return nil, err
	}
	if len(cs) == 0 {
		return nil, notFound()
	}
	c := &cs[0]
	named := a != nil && a.PersonID != 0 && a.PersonID == c.InspectorID
	if !named && !auth.Can(a, auth.PermHazardManage, auth.SchoolScope(school)) {
		return nil, apperr.New(apperr.Forbidden, "lookback.not_inspector", "只有被指定的复查人员或专项整治办公室可以记录该复查结果。")
	}
	if c.Done() {
		return nil, apperr.New(apperr.Conflict, "lookback.recorded", "该复查已记录结果（"+c.ResultLabel()+"），不能重复记录。")
	}
	return c, nil
}

// Record stores the result of re-check id. A failed re-check reopens the
// hazard in the same transaction (hazard.ActReopen with the note as the
// reason and the new deadline). The reopen is the office's step: when
// the recorder is not the office, it is taken as the office account that
// ordered the draw (decision 0023); the timeline and the audit log name
// both. Nothing is stored when any part is refused.
func (s *Service) Record(ctx context.Context, a *auth.Actor, school, id int64, in RecordInput) (*Check, error) {
	c, err := s.MayRecord(ctx, a, school, id)
	if err != nil {
		return nil, err
	}
	var f fieldErrs
	failed := in.Result == ResultFailed
	if in.Result != ResultPassed && !failed {
		f.add("result", "请选择复查结论（合格或不合格）。")
	}
	in.Note = f.text("note", "复查情况", in.Note, failed, maxNote)
	if failed && in.NewDeadline == "" {
		f.add("new_deadline", "复查不合格须重新确定整改期限。")
	}
	if len(in.PhotoIDs) > maxPhotos {
		f.add("photos", fmt.Sprintf("照片不能超过 %d 张。", maxPhotos))
	}
	if err := f.err("lookback.record_invalid"); err != nil {
		return nil, err
	}
	var office *auth.Actor
	if failed {
		if office, err = s.reopener(ctx, a, school, c.DrawID); err != nil {
			return nil, err
		}
	}
	now := s.Now()
	err = s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE lookback_checks SET result = $1, note = $2, checked_at = $3, checked_by = $4
			WHERE id = $5 AND school_id = $6 AND result = 'pending'`, in.Result, in.Note, now.UnixMilli(), a.AccountID, id, school)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n != 1 {
			return apperr.New(apperr.Conflict, "lookback.recorded", "该复查已由他人记录结果，请刷新后查看。")
		}
		if err := linkPhotos(ctx, tx, a, school, id, in.PhotoIDs); err != nil {
			return err
		}
		version, err := s.markHazard(ctx, tx, a, now, c, in)
		if err != nil {
			return err
		}
		reopen := map[string]any(nil)
		if failed {
			reason := fmt.Sprintf("回头看复查不合格（复查人：%s）：%s", c.InspectorName, in.Note)
			if _, err := s.Hazards.ApplyTx(ctx, tx, office, school, c.HazardID, hazard.Step{Action: hazard.ActReopen, Version: version,
				Reason: reason, NewDeadline: in.NewDeadline}); err != nil {
				return err
			}
			reopen = map[string]any{"reopened_by": office.AccountID, "new_deadline": in.NewDeadline}
		}
		after := map[string]any{"result": in.Result, "note": in.Note, "hazard_id": c.HazardID, "draw_id": c.DrawID}
		if len(in.PhotoIDs) > 0 {
			after["photo_ids"] = in.PhotoIDs
		}
		for k, v := range reopen {
			after[k] = v
		}
		_, err = audit.Append(ctx, tx, now, audit.Record{SchoolID: school, ActorID: a.AccountID, Action: "lookback.record", Entity: "lookback_check",
			EntityID: id, Before: map[string]any{"result": ResultPending}, After: after})
		return err
	})
	if err != nil {
		return nil, err
	}
	cs, err := checks(ctx, s.DB.Read(), `c.school_id = $1 AND c.id = $2`, `c.id`, school, id)
	if err != nil || len(cs) == 0 {
		return nil, err
	}
	return &cs[0], nil
}

// markHazard sets the hazard's re-check result with its timeline entry
// and audit entry, and returns the hazard's new version. The hazard must
// still be closed: a re-check of a hazard reopened meanwhile means nothing.
func (s *Service) markHazard(ctx context.Context, tx *sqldb.Tx, a *auth.Actor, now time.Time, c *Check, in RecordInput) (int64, error) {
	var status, was string
	var version int64
	lock := "" // SQLite has one writer; PostgreSQL locks the row against a concurrent step
	if tx.Dialect == sqldb.Postgres {
		lock = " FOR UPDATE"
	}
	if err := tx.QueryRowContext(ctx, `SELECT status, recheck_result, version FROM hazards WHERE id = $1 AND school_id = $2`+lock,
		c.HazardID, c.SchoolID).Scan(&status, &was, &version); err != nil {
		return 0, err
	}
	if hazard.Status(status) != hazard.StatusClosed {
		return 0, apperr.New(apperr.Conflict, "lookback.not_closed",
			"隐患 "+c.HazardNumber+" 当前状态为「"+hazard.Label(hazard.Status(status))+"」，已不是销号状态，无需再记录复查结果。")
	}
	res, err := tx.ExecContext(ctx, `UPDATE hazards SET recheck_result = $1, updated_at = $2, version = version + 1 WHERE id = $3 AND version = $4`,
		in.Result, now.UnixMilli(), c.HazardID, version)
	if err != nil {
		return 0, err
	}
	if n, err := res.RowsAffected(); err != nil {
		return 0, err
	} else if n != 1 {
		return 0, apperr.New(apperr.Conflict, "hazard.version", "记录已被他人修改，请刷新后重试。")
	}
	data := map[string]any{"recheck_result": in.Result, "lookback_check_id": c.ID, "lookback_draw_id": c.DrawID}
	if len(in.PhotoIDs) > 0 {
		data["photo_ids"] = in.PhotoIDs
	}
	note := ResultLabel(in.Result)
	if in.Note != "" {
		note += "：" + in.Note
	}
	ev, err := hazard.AppendEvent(ctx, tx, hazard.NewEvent{SchoolID: c.SchoolID, HazardID: c.HazardID, At: now, ActorAccountID: a.AccountID,
		ActorName: a.DisplayName, Action: hazard.EvRecheck, From: hazard.StatusClosed, To: hazard.StatusClosed, Note: note, Data: data})
	if err != nil {
		return 0, err
	}
	_, err = audit.Append(ctx, tx, now, audit.Record{SchoolID: c.SchoolID, ActorID: a.AccountID, Action: "hazard." + string(hazard.EvRecheck),
		Entity: "hazard", EntityID: c.HazardID, Before: map[string]any{"recheck_result": was},
		After: map[string]any{"recheck_result": in.Result, "event_id": ev, "lookback_check_id": c.ID}})
	return version + 1, err
}

// reopener is the actor who reopens a failed re-check's hazard: the
// recorder when they are the office, otherwise the office account that
// ordered the draw — if it still holds the office's right.
func (s *Service) reopener(ctx context.Context, a *auth.Actor, school, draw int64) (*auth.Actor, error) {
	if auth.Can(a, auth.PermHazardManage, auth.SchoolScope(school)) {
		return a, nil
	}
	var by int64
	if err := s.DB.Read().QueryRowContext(ctx, `SELECT created_by FROM lookback_draws WHERE id = $1 AND school_id = $2`, draw, school).Scan(&by); err != nil {
		return nil, err
	}
	refused := apperr.New(apperr.Conflict, "lookback.no_office",
		"发起本次回头看的账号已无权重新打开隐患，请联系专项整治办公室记录本条不合格结果。")
	if s.Actors == nil {
		return nil, refused
	}
	office, err := s.Actors(ctx, by)
	if apperr.Is(err, apperr.NotFound) {
		return nil, refused
	}
	if err != nil {
		return nil, err
	}
	if !auth.Can(office, auth.PermHazardManage, auth.SchoolScope(school)) {
		return nil, refused
	}
	return office, nil
}

// linkPhotos moves the recorder's pending photos to the re-check. Any
// other photo (someone else's, already linked, another school's) refuses
// the whole record.
func linkPhotos(ctx context.Context, tx *sqldb.Tx, a *auth.Actor, school, check int64, ids []int64) error {
	seen := map[int64]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		res, err := tx.ExecContext(ctx, `UPDATE photos SET owner_kind = $1, owner_id = $2
			WHERE id = $3 AND school_id = $4 AND owner_kind = 'pending' AND uploaded_by = $5`, OwnerCheck, check, id, school, a.AccountID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n != 1 {
			return apperr.Invalidf("lookback.photo", "照片（编号 %d）已失效或不是您上传的，请重新拍摄。", id)
		}
	}
	return nil
}

// CanSeePhoto decides access to a re-check's photo (the shape of
// inspection.OwnerCheck, registered for OwnerCheck by app.Open): whoever
// may read the school's draws, and the named inspector.
func (s *Service) CanSeePhoto(ctx context.Context, a *auth.Actor, school, ownerID int64) (bool, error) {
	if MayView(a, school) {
		var n int
		err := s.DB.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM lookback_checks WHERE id = $1 AND school_id = $2`, ownerID, school).Scan(&n)
		return n > 0, err
	}
	if a == nil || a.PersonID == 0 {
		return false, nil
	}
	var n int
	err := s.DB.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM lookback_checks WHERE id = $1 AND school_id = $2 AND inspector_person_id = $3`,
		ownerID, school, a.PersonID).Scan(&n)
	return n > 0, err
}
