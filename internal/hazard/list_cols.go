package hazard

import "time"

// listCols is what a list shows of a hazard: 19 columns and three name
// joins instead of hazardCols' 53 and seven. Reading a column through the
// SQLite driver costs a lock and a copy, so a page of 51 full rows spent
// most of a list view's database time on fields no list shows
// (docs/benchmarks.md, "Hazards"). Aliases as hazardCols.
const listCols = `h.id, h.school_id, h.number, h.source, h.found_at, COALESCE(h.place_id, 0), COALESCE(pl.name, ''),
	h.area, h.level, h.description, COALESCE(h.unit_id, 0), COALESCE(u.name, ''),
	COALESCE(h.responsible_person_id, 0), COALESCE(rp.name, ''), h.deadline, h.status, h.listed, h.overdue, h.version`

const listJoins = ` FROM hazards h
	LEFT JOIN places pl ON pl.id = h.place_id
	LEFT JOIN units u ON u.id = h.unit_id
	LEFT JOIN people rp ON rp.id = h.responsible_person_id`

// scanListRow reads a row of listCols into a Hazard whose other fields stay
// zero.
func scanListRow(s interface{ Scan(...any) error }, h *Hazard) error {
	var found int64
	var status string
	err := s.Scan(&h.ID, &h.SchoolID, &h.Number, &h.Source, &found, &h.PlaceID, &h.PlaceName,
		&h.Area, &h.Level, &h.Description, &h.UnitID, &h.UnitName,
		&h.ResponsibleID, &h.ResponsibleName, &h.Deadline, &status, &h.Listed, &h.Overdue, &h.Version)
	if err != nil {
		return err
	}
	h.Status = Status(status)
	h.FoundAt = time.UnixMilli(found)
	return nil
}
