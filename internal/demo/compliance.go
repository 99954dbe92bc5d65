package demo

import (
	"fmt"

	"safecampus/internal/compliance"
)

// demoComplianceParams are the parameters the demo school's campaign
// office set for the measurable rules, where they differ from the
// defaults: the report to 市卫健委办公室 is due "before 2020-12-20" (PLAN-5)
// and the office wants ten days' warning; the school's guard standard
// (保安配备) follows its security plan of 4 guards per 1 000 people.
var demoComplianceParams = []struct {
	rule   string
	values map[string]int64
}{
	{compliance.RuleReport, map[string]int64{"lead_days": 10}},
	{compliance.RuleGuardStaffing, map[string]int64{"guards_per_1000": 4}},
}

// loadCompliance sets the demo school's rule parameters through the same
// service the parameters page uses. The scorecard itself needs no data of
// its own: it judges what the other loaders stored.
func (l *loader) loadCompliance() {
	if l.err != nil {
		return
	}
	svc := compliance.NewService(l.org.DB, l.org.Now)
	for _, p := range demoComplianceParams {
		if err := svc.SetParams(l.ctx, l.sys, l.school, p.rule, p.values); err != nil {
			l.err = fmt.Errorf("demo compliance parameters of %s: %w", p.rule, err)
			return
		}
	}
}
