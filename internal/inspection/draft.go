package inspection

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// DraftSaved says where a draft stands after SaveDraft.
type DraftSaved struct {
	ID      int64     `json:"id"`
	Status  string    `json:"status"` // draft, or submitted when the form already was
	SavedAt time.Time `json:"saved_at"`
	Changed bool      `json:"changed"`
}

// SaveDraft keeps a half-done form on the server, keyed by its client id
// and visible only to its inspector. It checks only what any draft must
// satisfy (the place, the permission, the size); the answers are checked
// when the form is submitted. A draft of a form already submitted changes
// nothing, so a late autosave cannot reopen it. Saving the same content
// again writes nothing.
func (s *Service) SaveDraft(ctx context.Context, a *auth.Actor, school int64, d Draft) (DraftSaved, error) {
	q := s.DB.Read()
	p, err := s.resolve(ctx, q, a, school, d)
	if err != nil {
		return DraftSaved{}, err
	}
	body, err := json.Marshal(p.Draft)
	if err != nil {
		return DraftSaved{}, err
	}
	if len(body) > maxDraft {
		return DraftSaved{}, apperr.Invalidf("inspection.draft_too_large", "草稿内容过多，无法保存。")
	}
	now := s.Now()
	out := DraftSaved{Status: StatusDraft, SavedAt: now}
	err = s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		var status, old string
		var account int64
		err := tx.QueryRowContext(ctx, `SELECT id, status, inspector_account_id, draft FROM inspections WHERE school_id = $1 AND client_id = $2`,
			school, p.ClientID).Scan(&out.ID, &status, &account, &old)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			err = tx.QueryRowContext(ctx, `INSERT INTO inspections (school_id, client_id, kind, status, due_id, place_id, unit_id, item_set_id,
					inspector_person_id, inspector_account_id, started_at, draft)
				VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
				school, p.ClientID, string(p.Kind), nullID(p.DueID), nullID(p.PlaceID), nullID(p.UnitID), nullID(p.ItemSetID),
				nullID(a.PersonID), a.AccountID, now.UnixMilli(), string(body)).Scan(&out.ID)
		case err != nil:
			return err
		case account != a.AccountID:
			return apperr.New(apperr.Conflict, "inspection.client_id_taken", "该检查表单已由他人使用，请刷新页面后重新填写。")
		case status != StatusDraft:
			out.Status = status
			return nil
		case old == string(body):
			return nil
		default:
			_, err = tx.ExecContext(ctx, `UPDATE inspections SET kind = $2, due_id = $3, place_id = $4, unit_id = $5, item_set_id = $6, draft = $7
				WHERE id = $1 AND status = 'draft'`,
				out.ID, string(p.Kind), nullID(p.DueID), nullID(p.PlaceID), nullID(p.UnitID), nullID(p.ItemSetID), string(body))
		}
		if err != nil {
			return err
		}
		out.Changed = true
		answered := 0
		for _, an := range p.Answers {
			if an.Result != "" {
				answered++
			}
		}
		_, err = audit.Append(ctx, tx, now, audit.Record{
			SchoolID: school, ActorID: a.AccountID, Action: "inspection.draft", Entity: "inspection", EntityID: out.ID,
			After: map[string]any{"client_id": p.ClientID, "kind": string(p.Kind), "place_id": p.PlaceID, "unit_id": p.UnitID, "answered": answered},
		})
		return err
	})
	return out, err
}

// DraftSummary is one of an inspector's unfinished forms.
type DraftSummary struct {
	ID        int64
	ClientID  string
	Kind      Kind
	PlaceID   int64
	PlaceName string
	DueID     int64
	StartedAt time.Time
}

// KindLabel is the Chinese name of the draft's kind.
func (d DraftSummary) KindLabel() string { return d.Kind.Label() }

// MyDrafts lists the actor's unfinished forms in school, newest first.
func (s *Service) MyDrafts(ctx context.Context, a *auth.Actor, school int64) ([]DraftSummary, error) {
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT i.id, i.client_id, i.kind, COALESCE(i.place_id, 0), COALESCE(pl.name, ''), COALESCE(i.due_id, 0), i.started_at
		FROM inspections i LEFT JOIN places pl ON pl.id = i.place_id
		WHERE i.school_id = $1 AND i.inspector_account_id = $2 AND i.status = 'draft' ORDER BY i.started_at DESC, i.id DESC LIMIT 20`, school, a.AccountID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DraftSummary
	for rows.Next() {
		var d DraftSummary
		var at int64
		if err := rows.Scan(&d.ID, &d.ClientID, &d.Kind, &d.PlaceID, &d.PlaceName, &d.DueID, &at); err != nil {
			return nil, err
		}
		d.StartedAt = time.UnixMilli(at).UTC()
		out = append(out, d)
	}
	return out, rows.Err()
}

// FindDraft returns the actor's own draft with client id cid. Anyone
// else's draft, like a submitted form, is not found.
func (s *Service) FindDraft(ctx context.Context, a *auth.Actor, school int64, cid string) (Draft, error) {
	var body string
	err := s.DB.Read().QueryRowContext(ctx, `SELECT draft FROM inspections WHERE school_id = $1 AND client_id = $2 AND status = 'draft' AND inspector_account_id = $3`,
		school, cid, a.AccountID).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return Draft{}, apperr.NotFoundf("inspection.draft_not_found", "草稿不存在或已提交。")
	}
	if err != nil {
		return Draft{}, err
	}
	var d Draft
	if err := json.Unmarshal([]byte(body), &d); err != nil {
		return Draft{}, err
	}
	d.ClientID = cid
	return d, nil
}
