package lookback

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/hazard"
	"safecampus/internal/sqldb"
)

// Service keeps look-back draws and their re-checks.
type Service struct {
	DB      *sqldb.DB
	Hazards *hazard.Service
	// Actors resolves an account into an actor: a failed re-check recorded
	// by an inspector reopens its hazard as the office account that
	// ordered the draw (decision 0023). app.Open passes auth's LoadActor.
	Actors func(ctx context.Context, accountID int64) (*auth.Actor, error)
	Now    func() time.Time
}

// NewService returns the look-back service.
func NewService(db *sqldb.DB, hazards *hazard.Service, actors func(context.Context, int64) (*auth.Actor, error), now func() time.Time) *Service {
	return &Service{DB: db, Hazards: hazards, Actors: actors, Now: now}
}

// Results of a re-check.
const (
	ResultPending = "pending" // 待复查
	ResultPassed  = "passed"  // 复查合格
	ResultFailed  = "failed"  // 复查不合格 (the hazard is reopened)
)

// ResultLabel is a result's Chinese name.
func ResultLabel(r string) string {
	switch r {
	case ResultPassed:
		return "复查合格"
	case ResultFailed:
		return "复查不合格"
	}
	return "待复查"
}

// OwnerCheck is the photos' owner kind of a re-check's evidence; owner_id
// is the lookback_checks id.
const OwnerCheck = "lookback_check"

// Limits of a draw and of free text.
const (
	maxDrawn      = 500 // re-checks of one draw: a term's look-back, not the whole ledger
	maxInspectors = 20
	maxNote       = 800 // leaves room in the reopen reason (the core allows 1000)
	maxPhotos     = 6
)

// Draw is one look-back draw with its re-checks' progress.
type Draw struct {
	ID, SchoolID          int64
	Seed                  int64
	Filter                Filter
	FilterJSON            string
	Population, Drawn     int
	DueOn                 string
	CreatedBy             int64
	CreatedByName         string
	CreatedAt             time.Time
	Passed, Failed, Ended int // Ended = passed + failed
}

// Pending is the number of re-checks without a result.
func (d Draw) Pending() int { return d.Drawn - d.Ended }

// Check is one re-check task with what the inspector needs to know.
type Check struct {
	ID, SchoolID, DrawID, HazardID   int64
	HazardNumber, Description        string
	PlaceName, UnitName, Area, Level string
	Measures, ResultNote             string
	HazardStatus                     hazard.Status
	HazardClosedAt                   *time.Time
	InspectorID                      int64
	InspectorName                    string
	Result, Note                     string
	CheckedAt                        *time.Time
	CheckedBy                        int64
	CheckedByName                    string
	DueOn                            string
	Photos                           []int64
}

// ResultLabel is for templates.
func (c Check) ResultLabel() string { return ResultLabel(c.Result) }

// Done reports whether the result is recorded.
func (c Check) Done() bool { return c.Result != ResultPending }

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
		e.Message = f[0].Message
	}
	return e
}

// text trims v and checks it is given (when required) and not too long.
func (f *fieldErrs) text(field, label, v string, required bool, max int) string {
	v = strings.TrimSpace(v)
	switch {
	case required && v == "":
		f.add(field, "请填写"+label+"。")
	case utf8.RuneCountInString(v) > max:
		f.add(field, label+"过长（不能超过"+strconv.Itoa(max)+"字）。")
	}
	return v
}

func notFound() error { return apperr.NotFoundf("lookback.not_found", "回头看记录不存在。") }

// mayDraw: drawing is the campaign office's work.
func mayDraw(a *auth.Actor, school int64) error {
	if !auth.Can(a, auth.PermHazardManage, auth.SchoolScope(school)) {
		return apperr.ForbiddenErr(string(auth.PermHazardManage))
	}
	return nil
}

// MayView reports whether a may read the school's draws: school-wide
// hazard viewers (the office, leaders, the authority).
func MayView(a *auth.Actor, school int64) bool {
	return auth.Can(a, auth.PermHazardView, auth.SchoolScope(school))
}

// MayDraw reports whether a may make draws (for the page's form).
func MayDraw(a *auth.Actor, school int64) bool { return mayDraw(a, school) == nil }

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
