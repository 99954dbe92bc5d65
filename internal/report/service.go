package report

import (
	"context"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/campaign"
	"safecampus/internal/lists"
	"safecampus/internal/org"
	"safecampus/internal/sqldb"
)

// Service builds, renders and records campaign reports.
type Service struct {
	DB        *sqldb.DB
	Now       func() time.Time
	Org       *org.Service
	Campaigns *campaign.Service
	Lists     *lists.Service
	// PDF prints HTML to PDF; NewService gives it a Chromium renderer
	// found like the tests find theirs. Tests may replace it.
	PDF PDFRenderer
}

// NewService returns a report service over db with its own campaign,
// organisation and lists services on the same clock.
func NewService(db *sqldb.DB, now func() time.Time) *Service {
	return &Service{DB: db, Now: now, Org: org.NewService(db, now), Campaigns: campaign.NewService(db, now),
		Lists: lists.NewService(db, now), PDF: &Chromium{}}
}

// canView decides who may generate and read a school's report: the
// campaign office, the leaders and the authority overseeing the school
// (auth.PermReportView). A member of the school without it is refused;
// anyone else is told the campaign does not exist.
func canView(a *auth.Actor, school int64) error {
	if auth.Can(a, auth.PermReportView, auth.SchoolScope(school)) {
		return nil
	}
	if a != nil && (a.IsSystemAdmin() || containsID(a.SchoolIDs(), school)) {
		return apperr.ForbiddenErr(string(auth.PermReportView))
	}
	return notFound()
}

// CanView reports whether a may have the report of school's campaigns
// (pages use it to show the report buttons).
func CanView(a *auth.Actor, school int64) bool {
	return auth.Can(a, auth.PermReportView, auth.SchoolScope(school))
}

func notFound() error { return apperr.NotFoundf("campaign.not_found", "专项整治不存在。") }

func containsID(xs []int64, x int64) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// CampaignSchool is the school a campaign belongs to: the command line
// is given a campaign id only. An unknown id is NotFound.
func CampaignSchool(ctx context.Context, q sqldb.Querier, campaignID int64) (int64, error) {
	var school int64
	err := q.QueryRowContext(ctx, `SELECT school_id FROM campaigns WHERE id = $1`, campaignID).Scan(&school)
	if err != nil {
		if isNoRows(err) {
			return 0, apperr.NotFoundf("campaign.not_found", "专项整治（ID %d）不存在。", campaignID)
		}
		return 0, err
	}
	return school, nil
}
