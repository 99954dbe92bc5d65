package web

import (
	"strconv"
	"time"

	"safecampus/internal/hazard"
)

// hazardRow is a hazard as a list shows it. Formatting happens here rather
// than in the template: a function call per row inside a range is slow.
type hazardRow struct {
	ID                                  int64
	Number, Description, Place, Unit    string
	Responsible, Deadline               string
	StatusClass, StatusLabel, LevelText string
	Overdue, Major, Listed              bool
}

// hazardOpen reports whether st is work not yet finished.
func hazardOpen(st hazard.Status) bool {
	for _, o := range hazard.OpenStatuses {
		if o == st {
			return true
		}
	}
	return false
}

// hazardOverdue is the scheduler's flag, or a deadline that has passed in
// the school's zone since its last sweep: the page must not show a late
// hazard as on time for up to a sweep interval.
func hazardOverdue(h *hazard.Hazard, today string) bool {
	if !hazardOpen(h.Status) {
		return false
	}
	return h.Overdue || (h.Deadline != "" && h.Deadline < today)
}

// chineseDate shows 'YYYY-MM-DD' as 2026年3月9日; anything else unchanged.
func chineseDate(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	return t.Format("2006年1月2日")
}

// schoolToday is today's date in the school's zone.
func schoolToday(p *page, now time.Time) string {
	return now.In(p.School.Location()).Format(time.DateOnly)
}

func (s *Server) hazardRows(p *page, hs []hazard.Hazard) []hazardRow {
	today := schoolToday(p, s.Now())
	out := make([]hazardRow, len(hs))
	for i := range hs {
		out[i] = hazardRowOf(&hs[i], today)
	}
	return out
}

func hazardRowOf(h *hazard.Hazard, today string) hazardRow {
	return hazardRow{
		ID: h.ID, Number: h.Number, Description: h.Description, Place: h.PlaceName, Unit: h.UnitName,
		Responsible: h.ResponsibleName, Deadline: chineseDate(h.Deadline),
		StatusClass: "st-" + string(h.Status), StatusLabel: hazard.Label(h.Status), LevelText: hazard.LevelLabel(h.Level),
		Overdue: hazardOverdue(h, today), Major: h.Major(), Listed: h.Listed,
	}
}

// hazardURL is a hazard's record page.
func hazardURL(id int64) string { return "/hazards/" + strconv.FormatInt(id, 10) }

// hazardPhotoURL is where a hazard's photo is served (to whoever may see
// the hazard).
func hazardPhotoURL(hazardID, photoID int64) string {
	return hazardURL(hazardID) + "/photos/" + strconv.FormatInt(photoID, 10)
}
