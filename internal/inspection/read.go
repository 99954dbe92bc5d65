package inspection

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/checklist"
	"safecampus/internal/sqldb"
)

// Inspection is one stored inspection with everything recorded in it.
type Inspection struct {
	ID                 int64
	SchoolID           int64
	ClientID           string
	Kind               Kind
	Status             string
	PlaceID            int64
	PlaceName          string
	UnitID             int64
	UnitName           string
	DueID              int64
	ItemSetID          int64
	InspectorPersonID  int64
	InspectorAccountID int64
	InspectorName      string
	StartedAt          time.Time
	SubmittedAt        time.Time
	Period             string
	Late               bool
	Result             string
	FailedCount        int
	AnswerCount        int
	Note               string
	Signature          string // the typed name
	SignaturePhotoID   int64  // the drawn signature (0: none)

	CoInspectors []Person
	Answers      []AnswerRecord
	Findings     []Finding
}

// Person is a co-inspector.
type Person struct {
	ID   int64
	Name string
}

// AnswerRecord is an answer as stored, with the question as it was asked.
type AnswerRecord struct {
	ID           int64
	ItemID       int64
	ItemCode     string
	Area         string
	QuestionCode string
	QuestionText string
	Result       string
	Note         string
	PhotoIDs     []int64
}

// ResultLabel is the answer's Chinese result.
func (a AnswerRecord) ResultLabel() string { return ResultLabel(a.Result) }

// AreaLabel is the Chinese name of the item's area.
func (a AnswerRecord) AreaLabel() string { return checklist.Area(a.Area).Label() }

// Finding is a failed answer recorded for rectification.
type Finding struct {
	ID           int64
	AnswerID     int64
	ItemCode     string
	Area         string
	QuestionCode string
	QuestionText string
	Level        string
	Note         string
	HazardID     int64
	PhotoIDs     []int64
}

// LevelLabel is the Chinese name of the finding's hazard level.
func (f Finding) LevelLabel() string { return checklist.LevelLabel(f.Level) }

// KindLabel is the Chinese name of the inspection's kind.
func (i Inspection) KindLabel() string { return i.Kind.Label() }

// ResultLabel is the Chinese name of the overall result.
func (i Inspection) ResultLabel() string { return ResultLabel(i.Result) }

// Failed lists the failed answers.
func (i Inspection) Failed() []AnswerRecord {
	var out []AnswerRecord
	for _, a := range i.Answers {
		if a.Result == ResultFail {
			out = append(out, a)
		}
	}
	return out
}

const headerCols = `i.id, i.school_id, i.client_id, i.kind, i.status, COALESCE(i.place_id, 0), COALESCE(pl.name, ''), COALESCE(i.unit_id, 0), COALESCE(u.name, ''),
	COALESCE(i.due_id, 0), COALESCE(i.item_set_id, 0), COALESCE(i.inspector_person_id, 0), i.inspector_account_id, COALESCE(pe.name, ac.display_name, ''),
	i.started_at, COALESCE(i.submitted_at, 0), i.period, i.late, i.result, i.failed_count, i.answer_count, i.note, i.signature,
	COALESCE(i.signature_photo_id, 0)`

const headerFrom = ` FROM inspections i LEFT JOIN places pl ON pl.id = i.place_id LEFT JOIN units u ON u.id = i.unit_id
	LEFT JOIN people pe ON pe.id = i.inspector_person_id LEFT JOIN accounts ac ON ac.id = i.inspector_account_id`

func loadHeader(ctx context.Context, q sqldb.Querier, school, id int64) (Inspection, error) {
	var in Inspection
	var started, submitted int64
	err := q.QueryRowContext(ctx, `SELECT `+headerCols+headerFrom+` WHERE i.id = $1 AND i.school_id = $2`, id, school).Scan(
		&in.ID, &in.SchoolID, &in.ClientID, &in.Kind, &in.Status, &in.PlaceID, &in.PlaceName, &in.UnitID, &in.UnitName,
		&in.DueID, &in.ItemSetID, &in.InspectorPersonID, &in.InspectorAccountID, &in.InspectorName,
		&started, &submitted, &in.Period, &in.Late, &in.Result, &in.FailedCount, &in.AnswerCount, &in.Note, &in.Signature, &in.SignaturePhotoID)
	if errors.Is(err, sql.ErrNoRows) {
		return in, notFound()
	}
	in.StartedAt = time.UnixMilli(started).UTC()
	if submitted != 0 {
		in.SubmittedAt = time.UnixMilli(submitted).UTC()
	}
	return in, err
}

// canRead decides whether a may read in: its inspector always; while it
// is a draft nobody else (so an unannounced visit stays hidden from the
// inspected unit until submitted); once submitted its co-inspectors and
// holders of the ledger permission over its place or unit.
func canRead(ctx context.Context, q sqldb.Querier, a *auth.Actor, in Inspection) (bool, error) {
	if a == nil {
		return false, nil
	}
	if in.InspectorAccountID == a.AccountID && a.AccountID != 0 {
		return true, nil
	}
	if in.Status != StatusSubmitted {
		return false, nil
	}
	if a.PersonID != 0 {
		if a.PersonID == in.InspectorPersonID {
			return true, nil
		}
		var n int
		if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM inspection_coinspectors WHERE inspection_id = $1 AND person_id = $2`, in.ID, a.PersonID).Scan(&n); err != nil {
			return false, err
		}
		if n > 0 {
			return true, nil
		}
	}
	if auth.Can(a, auth.PermLedgerView, auth.SchoolScope(in.SchoolID)) {
		return true, nil
	}
	var place placeInfo
	if in.PlaceID != 0 {
		var err error
		if place, err = loadPlace(ctx, q, in.SchoolID, in.PlaceID); err != nil {
			return false, err
		}
	}
	scope, err := scopeOf(ctx, q, in.SchoolID, place, in.UnitID)
	if err != nil {
		return false, err
	}
	return auth.Can(a, auth.PermLedgerView, scope), nil
}

// Find returns inspection id of school with its answers, findings, photos
// and co-inspectors when a may read it; else it is not found.
func (s *Service) Find(ctx context.Context, a *auth.Actor, school, id int64) (Inspection, error) {
	q := s.DB.Read()
	in, err := loadHeader(ctx, q, school, id)
	if err != nil {
		return in, err
	}
	if ok, err := canRead(ctx, q, a, in); err != nil {
		return Inspection{}, err
	} else if !ok {
		return Inspection{}, notFound()
	}
	if err := loadDetail(ctx, q, &in); err != nil {
		return Inspection{}, err
	}
	return in, nil
}
