package inspection

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/plan"
	"safecampus/internal/sqldb"
)

// Submitted is what Submit stored (or had stored before, for a retry).
type Submitted struct {
	ID          int64
	Result      string // pass | fail
	AnswerCount int
	FailedCount int
	Period      string
	Late        bool
	Duplicate   bool // the client id was submitted before: nothing new stored
}

// Submit stores a finished inspection in one transaction: the inspection,
// its answers with the question texts as they are now, a finding per
// failed answer, the photos moved from the uploader's pending ones to their
// answers (and the drawn signature to the inspection), the co-inspectors, the due inspection it fulfils and an audit
// entry. Submitting the same client id again returns the stored result.
// Everything is checked before the transaction, which keeps SQLite's one
// writer busy only with writing; the checks that guard the write itself
// (the client id, the photos' owner) are repeated inside it.
func (s *Service) Submit(ctx context.Context, a *auth.Actor, school int64, sub Submission) (Submitted, error) {
	q := s.DB.Read()
	if prior, ok, err := findSubmitted(ctx, q, a, school, sub.ClientID); err != nil || ok {
		return prior, err
	}
	p, err := s.resolve(ctx, q, a, school, sub)
	if err != nil {
		return Submitted{}, err
	}
	if err := s.validate(ctx, q, a, school, p); err != nil {
		return Submitted{}, err
	}
	loc, err := schoolLocation(ctx, q, school)
	if err != nil {
		return Submitted{}, err
	}
	now := s.Now()
	var out Submitted
	err = s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		prior, ok, err := findSubmitted(ctx, tx, a, school, p.ClientID)
		if err != nil || ok {
			out = prior
			return err
		}
		out, err = s.store(ctx, tx, a, school, p, now, loc)
		return err
	})
	if sqldb.IsUniqueViolation(err) {
		// A concurrent retry of the same form committed first (PostgreSQL).
		if prior, ok, err2 := findSubmitted(ctx, q, a, school, p.ClientID); err2 == nil && ok {
			return prior, nil
		}
	}
	return out, err
}

// findSubmitted returns the submitted inspection with client id cid. A
// draft is not "submitted"; a client id used by another account is a
// conflict rather than a way to read someone else's record.
func findSubmitted(ctx context.Context, q sqldb.Querier, a *auth.Actor, school int64, cid string) (Submitted, bool, error) {
	var out Submitted
	var status string
	var account int64
	err := q.QueryRowContext(ctx, `SELECT id, status, inspector_account_id, result, answer_count, failed_count, period, late
		FROM inspections WHERE school_id = $1 AND client_id = $2`, school, cid).Scan(
		&out.ID, &status, &account, &out.Result, &out.AnswerCount, &out.FailedCount, &out.Period, &out.Late)
	if errors.Is(err, sql.ErrNoRows) {
		return Submitted{}, false, nil
	}
	if err != nil {
		return Submitted{}, false, err
	}
	if account != a.AccountID {
		return Submitted{}, false, apperr.New(apperr.Conflict, "inspection.client_id_taken", "该检查表单已由他人提交，请刷新页面后重新填写。")
	}
	if status != StatusSubmitted {
		return Submitted{}, false, nil
	}
	out.Duplicate = true
	return out, true, nil
}

// store writes a validated submission inside tx.
func (s *Service) store(ctx context.Context, tx *sqldb.Tx, a *auth.Actor, school int64, p *prepared, now time.Time, loc *time.Location) (Submitted, error) {
	out := Submitted{Result: ResultPass, AnswerCount: len(p.Answers), Period: periodMonth(now, loc)}
	for _, an := range p.Answers {
		if an.Result == ResultFail {
			out.FailedCount++
			out.Result = ResultFail
		}
	}
	if p.due.ID != 0 {
		out.Period = p.due.Period
		out.Late = plan.Today(now, loc) > p.due.DueOn
	}
	id, err := upsertInspection(ctx, tx, a, school, p, now, out)
	if err != nil {
		return out, err
	}
	out.ID = id
	answerIDs, err := insertAnswers(ctx, tx, school, id, p)
	if err != nil {
		return out, err
	}
	photos := 0
	for _, an := range p.Answers {
		for _, ph := range an.PhotoIDs {
			if err := linkPhoto(ctx, tx, a, school, ph, answerIDs[an.QuestionCode]); err != nil {
				return out, err
			}
			photos++
		}
	}
	if p.SignaturePhotoID != 0 {
		if err := linkSignature(ctx, tx, a, school, p.SignaturePhotoID, id); err != nil {
			return out, err
		}
	}
	findings, err := insertFindings(ctx, tx, school, id, p, answerIDs, now)
	if err != nil {
		return out, err
	}
	if s.OnSubmitted != nil && findings > 0 {
		// The findings become hazards in this same transaction.
		if err := s.OnSubmitted(ctx, tx, now, school, id); err != nil {
			return out, err
		}
	}
	if err := recordPostings(ctx, tx, a, school, p, now); err != nil {
		return out, err
	}
	for _, pid := range p.CoInspectors {
		if _, err := tx.ExecContext(ctx, `INSERT INTO inspection_coinspectors (school_id, inspection_id, person_id) VALUES ($1, $2, $3)`, school, id, pid); err != nil {
			return out, err
		}
	}
	linked, err := plan.LinkDueResult(ctx, tx, school, id, a.PersonID, string(p.Kind), now, loc)
	if err != nil {
		return out, err
	}
	dueID := p.DueID
	if linked.DueID != 0 {
		dueID, out.Period, out.Late = linked.DueID, linked.Period, linked.Status == plan.StatusLate
	}
	if _, err := tx.ExecContext(ctx, `UPDATE inspections SET due_id = $2, period = $3, late = $4, signature_photo_id = $5 WHERE id = $1`,
		id, nullID(dueID), out.Period, out.Late, nullID(p.SignaturePhotoID)); err != nil {
		return out, err
	}
	_, err = audit.Append(ctx, tx, now, audit.Record{
		SchoolID: school, ActorID: a.AccountID, Action: "inspection.submit", Entity: "inspection", EntityID: id,
		After: map[string]any{
			"client_id": p.ClientID, "kind": string(p.Kind), "place_id": p.PlaceID, "unit_id": p.UnitID, "due_id": dueID,
			"item_set_id": p.ItemSetID, "result": out.Result, "answers": out.AnswerCount, "failed": out.FailedCount,
			"findings": findings, "photos": photos, "co_inspectors": p.CoInspectors, "period": out.Period, "late": out.Late,
			"signature_photo_id": p.SignaturePhotoID,
		},
	})
	return out, err
}

// upsertInspection turns the form's draft row into the submitted record,
// or inserts the record when there was no draft.
func upsertInspection(ctx context.Context, tx *sqldb.Tx, a *auth.Actor, school int64, p *prepared, now time.Time, out Submitted) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM inspections WHERE school_id = $1 AND client_id = $2 AND status = 'draft' AND inspector_account_id = $3`,
		school, p.ClientID, a.AccountID).Scan(&id)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	args := []any{school, p.ClientID, string(p.Kind), nullID(p.DueID), nullID(p.PlaceID), nullID(p.UnitID), nullID(p.ItemSetID),
		nullID(a.PersonID), a.AccountID, now.UnixMilli(), out.Period, out.Late, out.Result, out.FailedCount, out.AnswerCount, p.Note, p.Signature}
	if id != 0 {
		_, err = tx.ExecContext(ctx, `UPDATE inspections SET kind = $3, status = 'submitted', due_id = $4, place_id = $5, unit_id = $6, item_set_id = $7,
			inspector_person_id = $8, submitted_at = $10, period = $11, late = $12, result = $13, failed_count = $14, answer_count = $15,
			note = $16, signature = $17, draft = '' WHERE school_id = $1 AND client_id = $2 AND inspector_account_id = $9`, args...)
		return id, err
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO inspections (school_id, client_id, kind, status, due_id, place_id, unit_id, item_set_id,
			inspector_person_id, inspector_account_id, started_at, submitted_at, period, late, result, failed_count, answer_count, note, signature)
		VALUES ($1, $2, $3, 'submitted', $4, $5, $6, $7, $8, $9, $10, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`, args...).Scan(&id)
	return id, err
}
