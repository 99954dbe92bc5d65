package escalation

import (
	"slices"
	"time"

	"safecampus/internal/hazard"
)

// Step is a rung of the escalation ladder. The number is what
// hazards.escalation_step stores.
type Step int

const (
	StepNone     Step = 0 // not overdue
	StepOverdue  Step = 1 // deadline day ended: the responsible person is told
	StepUnitHead Step = 2 // the head of the owning unit
	StepLeader   Step = 3 // the supervising leader(s) linked by contact points
	StepOffice   Step = 4 // the campaign office (school admins); the top rung
)

// Label is the step's Chinese name, for the timeline and the notice.
func (s Step) Label() string {
	switch s {
	case StepOverdue:
		return "逾期提醒责任人"
	case StepUnitHead:
		return "升级至单位负责人"
	case StepLeader:
		return "升级至分管领导"
	case StepOffice:
		return "升级至专项整治办公室"
	}
	return "未逾期"
}

// IsOpen reports whether a hazard in status st is still climbing: the
// core's open statuses (work not finished) can fall overdue.
func IsOpen(st string) bool {
	return slices.Contains(hazard.OpenStatuses, hazard.Status(st))
}

// State is what the ladder needs to know about one hazard.
type State struct {
	Status      string
	Deadline    string // 'YYYY-MM-DD' in the school's zone; "" when none is set
	Overdue     bool
	Step        Step
	EscalatedAt time.Time // when Step was reached; zero when Step is 0
}

// Kind is what is due for a hazard now.
type Kind int

const (
	Nothing Kind = iota // leave the row alone
	Advance             // take Decision.Step (possibly landing higher, see Land)
	Reset               // overdue flags set but the deadline has not passed: clear them
)

// Decision is the outcome of Decide.
type Decision struct {
	Kind Kind
	Step Step // the step that fell due (Advance only)
}

// DeadlineEnd is the instant the deadline day ends in loc: the hazard is
// overdue from then on. ok is false for an empty or malformed deadline.
func DeadlineEnd(deadline string, loc *time.Location) (end time.Time, ok bool) {
	d, err := time.ParseInLocation(time.DateOnly, deadline, loc)
	if err != nil {
		return time.Time{}, false
	}
	return d.AddDate(0, 0, 1), true
}

// PastDeadline reports whether the deadline day has ended at now in loc.
func PastDeadline(deadline string, loc *time.Location, now time.Time) bool {
	end, ok := DeadlineEnd(deadline, loc)
	return ok && !now.Before(end)
}

// DaysOverdue counts the whole days since the deadline day, in loc (1 on
// the day after the deadline); 0 when not past the deadline.
func DaysOverdue(deadline string, loc *time.Location, now time.Time) int {
	end, ok := DeadlineEnd(deadline, loc)
	if !ok || now.Before(end) {
		return 0
	}
	today, _ := time.ParseInLocation(time.DateOnly, now.In(loc).Format(time.DateOnly), loc)
	return int(today.Sub(end).Round(24*time.Hour)/(24*time.Hour)) + 1
}

// Decide is the whole ladder as a pure function of the clock. Rules:
//   - a hazard outside the open statuses (closed, rejected, reported) is
//     left alone: its flags stay as the record of how it ended;
//   - overdue flags with a deadline that has not passed (a new deadline by
//     an extension, reassignment or reopening) are cleared: Reset;
//   - step 1 falls due when the deadline day has ended in loc;
//   - step k+1 falls due Delay(k+1) after step k was reached (EscalatedAt),
//     one step per call, so each rung gets its full delay even when the
//     program was down while it ran;
//   - step 4 is the top: nothing more.
func Decide(st State, set Settings, loc *time.Location, now time.Time) Decision {
	if !IsOpen(st.Status) {
		return Decision{}
	}
	past := PastDeadline(st.Deadline, loc, now)
	if !past {
		if st.Overdue || st.Step != StepNone {
			return Decision{Kind: Reset}
		}
		return Decision{}
	}
	if st.Step == StepNone || !st.Overdue {
		return Decision{Kind: Advance, Step: StepOverdue}
	}
	if st.Step >= StepOffice {
		return Decision{}
	}
	next := st.Step + 1
	if now.Before(st.EscalatedAt.Add(set.Delay(next))) {
		return Decision{}
	}
	return Decision{Kind: Advance, Step: next}
}

// Land decides where a due step lands when rungs have nobody to tell: a
// unit-head or leader step whose target has no active account is skipped
// and the next rung is taken at once (waiting for nobody helps no one; the
// office then hears sooner, not later). Step 1 (the overdue mark itself)
// and step 4 (the top, which also goes to the school's group channels)
// always land. skipped lists the rungs passed over.
func Land(due Step, hasTarget func(Step) bool) (landed Step, skipped []Step) {
	for s := due; s < StepOffice; s++ {
		if s == StepOverdue || hasTarget(s) {
			return s, skipped
		}
		skipped = append(skipped, s)
	}
	return StepOffice, skipped
}
