package demo

import (
	"safecampus/internal/escalation"
)

// loadEscalation sets the demo school's hazard supervision settings as the
// campaign office would on /settings/hazards: extensions of at most 15
// days (the notice asks for firm deadlines, 明确整改时限), and a ladder
// that reaches the unit head a day after the deadline, the supervising
// leader two days later and the office three days after that. The demo's
// overdue hazard is marked by loadHazards' sweep; later steps follow as
// the running server's scheduler sweeps.
func (l *loader) loadEscalation() {
	if l.err != nil {
		return
	}
	office, err := l.demoActor("office")
	if err != nil {
		l.err = err
		return
	}
	svc := escalation.NewService(l.org.DB, l.org.Now)
	_, l.err = svc.SaveSettings(l.ctx, office, l.school, escalation.Settings{MaxExtensionDays: 15, UnitHeadHours: 24, LeaderHours: 48, OfficeHours: 72})
}
