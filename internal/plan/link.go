package plan

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"safecampus/internal/sqldb"
)

// Due statuses.
const (
	StatusOpen   = "open"
	StatusDone   = "done"
	StatusLate   = "late"
	StatusMissed = "missed"
)

// Linked says which due row a submitted inspection fulfilled and how.
type Linked struct {
	DueID  int64  // 0 when the inspection fulfilled nothing owed
	Status string // done (on time) or late
	Period string
}

// LinkDue is called by the inspection service inside its submit
// transaction, after the inspection row exists. It marks the due row the
// inspection fulfils as done (submitted by the due date, in the school's
// calendar) or late (after it; also when the row was already marked
// missed, which keeps the history visible). The row is the inspection's
// due_id when it has one, else the open row of the same kind owed by the
// person (or by the unit of the inspection or of the person) for the
// period containing submittedAt, at the inspection's place when the row
// names one. Nothing owed is not an error: most inspections are unplanned.
func LinkDue(ctx context.Context, tx *sqldb.Tx, school, inspectionID, duePersonID int64, kind string, submittedAt time.Time, loc *time.Location) error {
	_, err := LinkDueResult(ctx, tx, school, inspectionID, duePersonID, kind, submittedAt, loc)
	return err
}

// LinkDueResult is LinkDue also saying what it linked, so the caller can
// record it (e.g. the inspection's late flag) in the same transaction.
func LinkDueResult(ctx context.Context, tx *sqldb.Tx, school, inspectionID, duePersonID int64, kind string, submittedAt time.Time, loc *time.Location) (Linked, error) {
	var dueID, unitID, placeID int64
	err := tx.QueryRowContext(ctx, `SELECT COALESCE(due_id, 0), COALESCE(unit_id, 0), COALESCE(place_id, 0) FROM inspections WHERE id = $1 AND school_id = $2`,
		inspectionID, school).Scan(&dueID, &unitID, &placeID)
	if err != nil {
		return Linked{}, fmt.Errorf("link due: inspection %d: %w", inspectionID, err)
	}
	day := Today(submittedAt, loc)
	if dueID == 0 {
		// Rows still open, or marked missed by a scheduler run that came
		// before an offline submission made in time reached the server. The
		// unit the inspection names wins over the inspector's own unit.
		err = tx.QueryRowContext(ctx, `SELECT d.id FROM due_inspections d JOIN inspection_plans p ON p.id = d.plan_id
			WHERE d.school_id = $1 AND d.status IN ('open', 'missed') AND p.kind = $2 AND d.starts_on <= $3 AND d.due_on >= $3
			  AND (d.place_id = 0 OR d.place_id = $4)
			  AND ((d.owner_person_id <> 0 AND d.owner_person_id = $5)
			    OR (d.owner_person_id = 0 AND d.owner_unit_id <> 0 AND (d.owner_unit_id = $6
			        OR d.owner_unit_id = (SELECT COALESCE(pe.unit_id, 0) FROM people pe WHERE pe.id = $5 AND pe.school_id = $1))))
			ORDER BY d.place_id DESC, CASE WHEN $6 <> 0 AND d.owner_unit_id = $6 THEN 0 ELSE 1 END, d.due_on, d.id LIMIT 1`, school, kind, day, placeID, duePersonID, unitID).Scan(&dueID)
		if errors.Is(err, sql.ErrNoRows) {
			return Linked{}, nil
		}
		if err != nil {
			return Linked{}, fmt.Errorf("link due: find: %w", err)
		}
	}
	return settle(ctx, tx, school, dueID, inspectionID, day)
}

// settle marks one open or missed row done or late. A row already done
// or late keeps the inspection that fulfilled it first.
func settle(ctx context.Context, tx *sqldb.Tx, school, dueID, inspectionID int64, day string) (Linked, error) {
	var dueOn, status, period string
	err := tx.QueryRowContext(ctx, `SELECT due_on, status, period FROM due_inspections WHERE id = $1 AND school_id = $2`+tx.Dialect.ForUpdate(), dueID, school).Scan(&dueOn, &status, &period)
	if errors.Is(err, sql.ErrNoRows) {
		return Linked{}, nil // a due id of another school links nothing
	}
	if err != nil {
		return Linked{}, fmt.Errorf("link due %d: %w", dueID, err)
	}
	if status != StatusOpen && status != StatusMissed {
		return Linked{}, nil
	}
	next := StatusDone
	if day > dueOn {
		next = StatusLate
	}
	_, err = tx.ExecContext(ctx, `UPDATE due_inspections SET status = $3, inspection_id = $4 WHERE id = $1 AND school_id = $2 AND status IN ('open', 'missed')`,
		dueID, school, next, inspectionID)
	if err != nil {
		return Linked{}, fmt.Errorf("link due %d: %w", dueID, err)
	}
	return Linked{DueID: dueID, Status: next, Period: period}, nil
}
