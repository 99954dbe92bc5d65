package dashboard

import (
	"time"

	"safecampus/internal/figures"
)

// Summary is one school's row on the authority dashboard: the leaders'
// figures, compacted.
type Summary struct {
	SchoolID                                          int64
	SchoolName                                        string
	Found, Closed, Open, Overdue, RatePermille        int
	MajorOpen, MajorOverdue, MajorListed              int
	Inspections, InspectionsFailed                    int
	RhythmTotal, RhythmDone, RhythmLate, RhythmMissed int
	CoveragePermille                                  int
	CompliancePass, ComplianceFail, ComplianceNoData  int
	ComplianceUnavailable                             bool
	CampaignLate                                      int // late milestones of all campaigns
	ComputedAt                                        time.Time
	Stale                                             bool `json:"-"` // shown from an older computation (the refresher is behind)
	Missing                                           bool `json:"-"` // never computed yet: no figures to show
}

// RatePercent and CoveragePercent are the shares as users read them.
func (s Summary) RatePercent() string     { return figures.PercentOf(s.RatePermille) }
func (s Summary) CoveragePercent() string { return figures.PercentOf(s.CoveragePermille) }

// Summary compacts b into its authority row.
func (b Board) Summary() Summary {
	h, in := b.Hazards, b.Inspections
	s := Summary{SchoolID: b.SchoolID, SchoolName: b.SchoolName, Found: h.Found, Closed: h.Closed, Open: h.Open, Overdue: h.Overdue,
		RatePermille: h.RatePermille, MajorOpen: h.MajorOpen, MajorListed: h.MajorListed,
		Inspections: in.Total, InspectionsFailed: in.Failed, RhythmTotal: in.Rhythm.Total, RhythmDone: in.Rhythm.Done,
		RhythmLate: in.Rhythm.Late, RhythmMissed: in.Rhythm.Missed, CoveragePermille: b.Patrols.CoveragePermille,
		CompliancePass: b.Compliance.Pass, ComplianceFail: b.Compliance.Fail, ComplianceNoData: b.Compliance.NoData,
		ComplianceUnavailable: b.Compliance.Unavailable != "", ComputedAt: b.ComputedAt}
	for _, m := range h.OpenMajor {
		if m.Overdue {
			s.MajorOverdue++
		}
	}
	for _, c := range b.Campaigns {
		s.CampaignLate += c.LateCount
	}
	return s
}

// rank orders the authority's rows: most overdue major hazards first, then
// most failing compliance rules, then most overdue hazards, then by name.
func rank(rows []Summary) {
	sortSummaries(rows, func(a, b Summary) int {
		switch {
		case a.Missing != b.Missing:
			return boolCmp(a.Missing, b.Missing) // rows without figures last
		case a.MajorOverdue != b.MajorOverdue:
			return b.MajorOverdue - a.MajorOverdue
		case a.ComplianceFail != b.ComplianceFail:
			return b.ComplianceFail - a.ComplianceFail
		case a.Overdue != b.Overdue:
			return b.Overdue - a.Overdue
		case a.SchoolName != b.SchoolName:
			if a.SchoolName < b.SchoolName {
				return -1
			}
			return 1
		}
		return int(a.SchoolID - b.SchoolID)
	})
}

func boolCmp(a, b bool) int {
	if a {
		return 1
	}
	if b {
		return -1
	}
	return 0
}
