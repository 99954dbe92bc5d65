package hazard

import (
	"context"
	"time"

	"safecampus/internal/sqldb"
)

// finding is what a hazard takes from an inspection's finding.
type finding struct {
	id, answerID, placeID, unitID     int64
	itemCode, area, level, note       string
	question, itemTitle               string
	inspectorAccount, inspectorPerson int64
	inspectorName                     string
}

// FromFindings turns every finding of a submitted inspection that has no
// hazard yet into a hazard, inside the submit transaction: the inspector
// found it, at the inspection's place and unit (the place's unit when the
// inspection names none), with the check item's area, code, title (as the
// category) and default level. The answer's photos are the hazard's
// photos before; they stay where they are. A checked item's failure is a
// confirmed fact, so the hazard starts as confirmed and waits for the
// office to assign it (docs/decisions/0017-hazard-workflow.md). It returns
// how many hazards it created; a second call creates none.
func (s *Service) FromFindings(ctx context.Context, tx *sqldb.Tx, now time.Time, school, inspectionID int64) (int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT f.id, f.answer_id, COALESCE(f.place_id, 0), COALESCE(f.unit_id, pl.unit_id, 0),
			f.item_code, f.area, f.level, f.note, an.question_text, COALESCE(ci.title, ''),
			i.inspector_account_id, COALESCE(i.inspector_person_id, 0), COALESCE(ac.display_name, '')
		FROM findings f
		JOIN inspections i ON i.id = f.inspection_id
		JOIN inspection_answers an ON an.id = f.answer_id
		LEFT JOIN check_items ci ON ci.id = an.item_id
		LEFT JOIN places pl ON pl.id = f.place_id
		LEFT JOIN accounts ac ON ac.id = i.inspector_account_id
		WHERE f.school_id = $1 AND f.inspection_id = $2 AND f.hazard_id IS NULL
		ORDER BY f.id`, school, inspectionID)
	if err != nil {
		return 0, err
	}
	var fs []finding
	for rows.Next() {
		var f finding
		if err := rows.Scan(&f.id, &f.answerID, &f.placeID, &f.unitID, &f.itemCode, &f.area, &f.level, &f.note, &f.question, &f.itemTitle,
			&f.inspectorAccount, &f.inspectorPerson, &f.inspectorName); err != nil {
			rows.Close()
			return 0, err
		}
		fs = append(fs, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(fs) == 0 {
		return 0, err
	}
	loc, err := schoolLocation(ctx, tx, school)
	if err != nil {
		return 0, err
	}
	for _, f := range fs {
		desc := f.question
		if f.note != "" {
			desc += "（" + f.note + "）"
		}
		id, _, err := insertHazard(ctx, tx, newHazard{SchoolID: school, Source: SourceInspection, FindingID: f.id, InspectionID: inspectionID,
			FoundAt: now, FoundByAccountID: f.inspectorAccount, FoundByPersonID: f.inspectorPerson, PlaceID: f.placeID, UnitID: f.unitID,
			Area: f.area, ItemCode: f.itemCode, Category: f.itemTitle, Level: f.level, Description: desc, Status: StatusConfirmed,
			ActorName: f.inspectorName, Note: "检查发现：" + f.itemCode}, now, loc)
		if err != nil {
			return 0, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE findings SET hazard_id = $1 WHERE id = $2`, id, f.id); err != nil {
			return 0, err
		}
	}
	return len(fs), nil
}
