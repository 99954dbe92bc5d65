package hazard

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"safecampus/internal/sqldb"
)

// Levels of a hazard (安监总局令第16号 第三条).
const (
	LevelGeneral = "general" // 一般隐患
	LevelMajor   = "major"   // 重大隐患
)

// Sources of a hazard.
const (
	SourceInspection = "inspection" // a failed question of a submitted inspection
	SourceReport     = "report"     // a logged-in user's report (随手拍)
	SourceAnonymous  = "anonymous"  // a report from a place's public QR link
)

// Hazard is one hazard record with the names a page shows beside its ids.
type Hazard struct {
	ID, SchoolID                      int64
	Number, Source                    string
	FindingID, InspectionID           int64
	FoundAt                           time.Time
	FoundByAccountID, FoundByPersonID int64
	FoundByName, ReporterContact      string
	PlaceID                           int64
	PlaceName                         string
	CampusID                          int64 // the place's campus (0 when none)
	Area, ItemCode, Category, Level   string
	Description                       string
	UnitID                            int64
	UnitName                          string
	ResponsibleID                     int64
	ResponsibleName, Measures         string
	FundsYuan                         int64
	Deadline                          string
	AcceptorID                        int64
	AcceptorName                      string
	SupervisorID                      int64
	SupervisorName                    string
	Status                            Status
	RejectReason                      string
	DuplicateOf, RectifiedByID        int64
	ResultNote, AcceptanceResult      string
	AcceptanceComment                 string
	AcceptedByID                      int64
	RecheckResult                     string
	Listed, Overdue                   bool
	OverdueSince                      *time.Time
	EscalationStep                    int
	EscalatedAt, ClosedAt             *time.Time
	CreatedAt, UpdatedAt              time.Time
	Version                           int64
}

// Major reports whether the hazard is a major hazard (重大隐患).
func (h *Hazard) Major() bool { return h.Level == LevelMajor }

// Open reports whether the hazard's work is not finished.
func (h *Hazard) Open() bool {
	for _, s := range OpenStatuses {
		if h.Status == s {
			return true
		}
	}
	return false
}

// StatusLabel, LevelLabel, SourceLabel and AreaLabel are for templates.
func (h *Hazard) StatusLabel() string { return Label(h.Status) }
func (h *Hazard) LevelLabel() string  { return LevelLabel(h.Level) }
func (h *Hazard) SourceLabel() string { return SourceLabel(h.Source) }
func (h *Hazard) AreaLabel() string   { return AreaLabel(h.Area) }

// hazardCols selects a hazard with its names; every query that returns
// hazards uses it with scanHazard. Aliases: h hazards, pl places, u units,
// fb found-by person, fa found-by account, rp/ap/sp responsible, acceptor
// and supervisor people.
const hazardCols = `h.id, h.school_id, h.number, h.source, COALESCE(h.finding_id, 0), COALESCE(h.inspection_id, 0), h.found_at,
	COALESCE(h.found_by_account_id, 0), COALESCE(h.found_by_person_id, 0), COALESCE(fb.name, fa.display_name, ''), h.reporter_contact,
	COALESCE(h.place_id, 0), COALESCE(pl.name, ''), COALESCE(pl.campus_id, 0), h.area, h.item_code, h.category, h.level, h.description,
	COALESCE(h.unit_id, 0), COALESCE(u.name, ''), COALESCE(h.responsible_person_id, 0), COALESCE(rp.name, ''), h.measures, h.funds_yuan, h.deadline,
	COALESCE(h.acceptor_person_id, 0), COALESCE(ap.name, ''), COALESCE(h.supervisor_person_id, 0), COALESCE(sp.name, ''),
	h.status, h.reject_reason, COALESCE(h.duplicate_of, 0), COALESCE(h.rectified_by_person_id, 0), h.result_note,
	h.acceptance_result, h.acceptance_comment, COALESCE(h.accepted_by_person_id, 0), h.recheck_result,
	h.listed, h.overdue, h.overdue_since, h.escalation_step, h.escalated_at, h.closed_at, h.created_at, h.updated_at, h.version`

const hazardJoins = ` FROM hazards h
	LEFT JOIN places pl ON pl.id = h.place_id
	LEFT JOIN units u ON u.id = h.unit_id
	LEFT JOIN people fb ON fb.id = h.found_by_person_id
	LEFT JOIN accounts fa ON fa.id = h.found_by_account_id
	LEFT JOIN people rp ON rp.id = h.responsible_person_id
	LEFT JOIN people ap ON ap.id = h.acceptor_person_id
	LEFT JOIN people sp ON sp.id = h.supervisor_person_id`

func scanHazard(s interface{ Scan(...any) error }) (*Hazard, error) {
	var h Hazard
	var found, created, updated int64
	var overdueSince, escalated, closed sql.NullInt64
	var status string
	err := s.Scan(&h.ID, &h.SchoolID, &h.Number, &h.Source, &h.FindingID, &h.InspectionID, &found,
		&h.FoundByAccountID, &h.FoundByPersonID, &h.FoundByName, &h.ReporterContact,
		&h.PlaceID, &h.PlaceName, &h.CampusID, &h.Area, &h.ItemCode, &h.Category, &h.Level, &h.Description,
		&h.UnitID, &h.UnitName, &h.ResponsibleID, &h.ResponsibleName, &h.Measures, &h.FundsYuan, &h.Deadline,
		&h.AcceptorID, &h.AcceptorName, &h.SupervisorID, &h.SupervisorName,
		&status, &h.RejectReason, &h.DuplicateOf, &h.RectifiedByID, &h.ResultNote,
		&h.AcceptanceResult, &h.AcceptanceComment, &h.AcceptedByID, &h.RecheckResult,
		&h.Listed, &h.Overdue, &overdueSince, &h.EscalationStep, &escalated, &closed, &created, &updated, &h.Version)
	if err != nil {
		return nil, err
	}
	h.Status = Status(status)
	h.FoundAt, h.CreatedAt, h.UpdatedAt = time.UnixMilli(found), time.UnixMilli(created), time.UnixMilli(updated)
	h.OverdueSince, h.EscalatedAt, h.ClosedAt = msPtr(overdueSince), msPtr(escalated), msPtr(closed)
	return &h, nil
}

func msPtr(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := time.UnixMilli(v.Int64)
	return &t
}

// load reads hazard id of school; another school's is not found. Inside a
// write transaction on PostgreSQL the row is locked against concurrent steps.
func load(ctx context.Context, q sqldb.Querier, school, id int64, lock string) (*Hazard, error) {
	h, err := scanHazard(q.QueryRowContext(ctx, `SELECT `+hazardCols+hazardJoins+` WHERE h.id = $1 AND h.school_id = $2`+lock, id, school))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound()
	}
	return h, err
}

// forUpdate is the row lock for load inside tx. PostgreSQL refuses FOR
// UPDATE on the nullable side of an outer join, so it names the hazard.
func forUpdate(tx *sqldb.Tx) string {
	if tx.Dialect == sqldb.Postgres {
		return " FOR UPDATE OF h"
	}
	return ""
}
