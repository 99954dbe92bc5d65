package demo

import (
	"time"

	"safecampus/internal/hazard"
	"safecampus/internal/lookback"
)

// lookbackInspectors are the demo's look-back inspectors (PLAN-4: the
// grid leader and a grid member re-check closed hazards), by person.
var lookbackInspectors = map[string]string{"冯磊": "inspector", "赵强": "gridleader"}

// loadLookback makes a look-back draw (回头看) over the demo's closed
// hazards as the campaign office: the first re-check passed, the second
// failed — its hazard reopened for rectification — and any others left
// for the inspectors to record. It runs after loadHazards; without closed
// hazards (no photo store: no evidence, so nothing was accepted) it does
// nothing.
func (l *loader) loadLookback() {
	if l.err != nil {
		return
	}
	now := l.org.Now()
	at := now.Add(-3 * time.Hour)
	clock := func() time.Time { return at }
	db := l.org.DB
	svc := lookback.NewService(db, hazard.NewService(db, l.opt.photos, clock), l.auth.LoadActor, clock)
	office, err := l.demoActor("office")
	if err != nil {
		l.err = err
		return
	}
	n, err := svc.Preview(l.ctx, office, l.school, lookback.Filter{})
	if err != nil || n == 0 {
		l.err = err
		return
	}
	var inspectors []int64
	for name := range lookbackInspectors {
		inspectors = append(inspectors, l.person[name])
	}
	day := func(t time.Time) string { return t.In(demoLocation()).Format(time.DateOnly) }
	d, err := svc.Create(l.ctx, office, l.school, lookback.DrawInput{Filter: lookback.Filter{Percent: 100}, Seed: 20201012,
		InspectorIDs: inspectors, DueOn: day(now.AddDate(0, 0, 10))})
	if err != nil {
		l.err = err
		return
	}
	_, checks, err := svc.Get(l.ctx, office, l.school, d.ID)
	if err != nil {
		l.err = err
		return
	}
	results := []lookback.RecordInput{
		{Result: lookback.ResultPassed, Note: "现场复查：整改措施落实到位，未发现反弹。"},
		{Result: lookback.ResultFailed, Note: "暗访发现问题再次出现，整改未巩固，需重新整改并落实长效管理。", NewDeadline: day(now.AddDate(0, 0, 14))},
	}
	for i, in := range results {
		if i >= len(checks) || l.err != nil {
			return
		}
		at = now.Add(time.Duration(i-2) * time.Hour)
		who, err := l.demoActor(lookbackInspectors[checks[i].InspectorName])
		if err != nil {
			l.err = err
			return
		}
		_, l.err = svc.Record(l.ctx, who, l.school, checks[i].ID, in)
	}
}
