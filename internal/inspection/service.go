package inspection

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/checklist"
	"safecampus/internal/sqldb"
)

// Service records inspections.
type Service struct {
	DB        *sqldb.DB
	Checklist *checklist.Service
	Now       func() time.Time
	// Owners decides access to photos of owner kinds other packages write
	// (see PhotoFile); set while wiring, before serving.
	Owners map[string]OwnerCheck
	// OnSubmitted, when set, runs inside the submit transaction right after
	// the findings are stored (the hazard service turns them into hazards);
	// its error rolls the whole submission back.
	OnSubmitted func(ctx context.Context, tx *sqldb.Tx, now time.Time, school, inspectionID int64) error
}

// NewService returns the inspection service.
func NewService(db *sqldb.DB, cl *checklist.Service, now func() time.Time) *Service {
	return &Service{DB: db, Checklist: cl, Now: now}
}

// Results of an answer.
const (
	ResultPass = "pass" // 合格
	ResultFail = "fail" // 不合格
	ResultNA   = "na"   // 不适用
)

// ResultLabel is the Chinese name of an answer result.
func ResultLabel(r string) string {
	switch r {
	case ResultPass:
		return "合格"
	case ResultFail:
		return "不合格"
	case ResultNA:
		return "不适用"
	}
	return r
}

// Statuses of an inspection.
const (
	StatusDraft     = "draft"
	StatusSubmitted = "submitted"
)

// Answer is one question answered on the form.
type Answer struct {
	QuestionCode string  `json:"q"`
	Result       string  `json:"r"` // pass | fail | na; "" not yet answered (drafts)
	Note         string  `json:"n,omitempty"`
	PhotoIDs     []int64 `json:"p,omitempty"`
}

// Draft is what the inspection form holds. The same value is saved as a
// draft while the work goes on and submitted when it is done.
type Draft struct {
	ClientID     string   `json:"client_id"`
	Kind         Kind     `json:"kind"`
	PlaceID      int64    `json:"place_id,omitempty"`
	UnitID       int64    `json:"unit_id,omitempty"`
	DueID        int64    `json:"due_id,omitempty"`
	ItemSetID    int64    `json:"item_set_id,omitempty"`
	Answers      []Answer `json:"answers"`
	CoInspectors []int64  `json:"co_inspectors,omitempty"`
	Note         string   `json:"note,omitempty"`
	Signature    string   `json:"signature,omitempty"` // the typed name
	// SignaturePhotoID is the drawn signature: a pending photo uploaded
	// from the signature pad, linked to the inspection at submission.
	SignaturePhotoID int64 `json:"signature_photo_id,omitempty"`
}

// Submission is a finished form.
type Submission = Draft

// Limits of free text.
const (
	maxNote      = 1000
	maxSignature = 50
	maxDraft     = 256 << 10
)

var clientIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{8,64}$`)

// ValidClientID reports whether id can be a client-generated submission id.
func ValidClientID(id string) bool { return clientIDPattern.MatchString(id) }

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
	e := apperr.Fields(code, f)
	if len(f) == 1 {
		e.Message = f[0].Message // one problem: say it, not "check the fields"
	}
	return e
}

// clip trims v and reports a field error when it is longer than max runes.
func (f *fieldErrs) clip(field, label, v string, max int) string {
	v = strings.TrimSpace(v)
	if utf8.RuneCountInString(v) > max {
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

func notFound() error { return apperr.NotFoundf("inspection.not_found", "检查记录不存在。") }

// schoolLocation is the school's time zone (Asia/Shanghai when unknown).
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
