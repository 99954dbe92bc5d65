// Package campaign holds a school's special rectification campaigns (专项
// 整治): their phases and milestones with dates validated against each
// other, progress computed from a given day, the work-list tasks each
// milestone gives its responsible units, and mobilisation notices (动员通知)
// whose recipients acknowledge reading them.
package campaign

import "time"

// Campaign is one campaign a school runs and reports to an authority.
// Dates are 'YYYY-MM-DD' in the school's zone. Note records how the
// school resolved a problem in the source document; pages show it.
type Campaign struct {
	ID          int64
	SchoolID    int64
	Name        string
	DocNo       string // 文号
	Authority   string // reported to, e.g. 市卫健委办公室
	StartsOn    string
	EndsOn      string
	ReportDueOn string // the report to the authority is due on this day ("" when none)
	Description string
	Note        string
	CreatedAt   time.Time
}

// Phase is one stage of a campaign. Phases of a campaign never overlap.
type Phase struct {
	ID          int64
	SchoolID    int64
	CampaignID  int64
	Name        string
	StartsOn    string
	EndsOn      string
	Description string
	Note        string // e.g. how a date error of the source document was resolved
}

// Milestone statuses.
const (
	MilestoneOpen = "open"
	MilestoneDone = "done"
)

// Milestone is a dated checkpoint with required deliverables and the units
// responsible for it; each unit gets a work-list task.
type Milestone struct {
	ID           int64
	SchoolID     int64
	CampaignID   int64
	Name         string
	StartsOn     string // optional: when the work begins
	DueOn        string
	Deliverables string
	Status       string
	EvidenceNote string
	DoneAt       *time.Time
	UnitIDs      []int64
	Units        []UnitTask // filled by reads: each unit and the state of its task
}

// UnitTask is a responsible unit of a milestone and its work-list task.
type UnitTask struct {
	UnitID     int64
	UnitName   string
	TaskID     int64
	TaskStatus string
}

// Done reports whether the milestone is marked done.
func (m Milestone) Done() bool { return m.Status == MilestoneDone }
