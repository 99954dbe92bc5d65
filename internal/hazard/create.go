package hazard

import (
	"context"
	"time"

	"safecampus/internal/audit"
	"safecampus/internal/sqldb"
)

// newHazard is a hazard coming into being, from any source.
type newHazard struct {
	SchoolID         int64
	Source           string
	ClientID         string // reports: the client's id for idempotency ("" none)
	FindingID        int64
	InspectionID     int64
	FoundAt          time.Time
	FoundByAccountID int64
	FoundByPersonID  int64
	ReporterContact  string
	PlaceID, UnitID  int64
	Area, ItemCode   string
	Category, Level  string
	Description      string
	Status           Status
	ActorName        string // for the timeline ("匿名" for anonymous reports)
	Note             string // the timeline's note on the report entry
}

// insertHazard numbers and stores a new hazard with its first timeline
// entry and audit entry, inside tx. It returns the id and number.
func insertHazard(ctx context.Context, tx *sqldb.Tx, n newHazard, now time.Time, loc *time.Location) (int64, string, error) {
	if !validArea(n.Area) {
		n.Area = AreaGeneral
	}
	if n.Level != LevelMajor {
		n.Level = LevelGeneral
	}
	number, err := nextNumber(ctx, tx, n.SchoolID, n.FoundAt, n.Area, loc)
	if err != nil {
		return 0, "", err
	}
	var client any
	if n.ClientID != "" {
		client = n.ClientID
	}
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO hazards (school_id, number, source, client_id, finding_id, inspection_id, found_at,
			found_by_account_id, found_by_person_id, reporter_contact, place_id, unit_id, area, item_code, category, level, description,
			status, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19) RETURNING id`,
		n.SchoolID, number, n.Source, client, nullID(n.FindingID), nullID(n.InspectionID), n.FoundAt.UnixMilli(),
		nullID(n.FoundByAccountID), nullID(n.FoundByPersonID), n.ReporterContact, nullID(n.PlaceID), nullID(n.UnitID),
		n.Area, n.ItemCode, n.Category, n.Level, n.Description, string(n.Status), now.UnixMilli()).Scan(&id)
	if err != nil {
		return 0, "", err
	}
	data := map[string]any{"number": number, "source": n.Source, "area": n.Area, "level": n.Level, "place_id": n.PlaceID}
	if n.FindingID != 0 {
		data["finding_id"], data["inspection_id"] = n.FindingID, n.InspectionID
	}
	if _, err := AppendEvent(ctx, tx, NewEvent{SchoolID: n.SchoolID, HazardID: id, At: now, ActorAccountID: n.FoundByAccountID,
		ActorName: n.ActorName, Action: EvReport, To: n.Status, Note: n.Note, Data: data}); err != nil {
		return 0, "", err
	}
	after := map[string]any{"number": number, "source": n.Source, "client_id": n.ClientID, "finding_id": n.FindingID,
		"inspection_id": n.InspectionID, "place_id": n.PlaceID, "unit_id": n.UnitID, "area": n.Area, "item_code": n.ItemCode,
		"category": n.Category, "level": n.Level, "description": n.Description, "status": string(n.Status),
		"found_by_person_id": n.FoundByPersonID}
	if n.ReporterContact != "" {
		// Keep the anonymous reporter's contact out of the hashed chain: it
		// is personal data that may have to be erased later.
		after["reporter_contact"] = "(provided)"
	}
	_, err = audit.Append(ctx, tx, now, audit.Record{SchoolID: n.SchoolID, ActorID: n.FoundByAccountID, Action: "hazard.report",
		Entity: "hazard", EntityID: id, After: after})
	return id, number, err
}
