package web

import (
	"os"
	"regexp"
	"strconv"
	"testing"

	"safecampus/internal/campaign"
	"safecampus/internal/checklist"
	"safecampus/internal/compliance"
	"safecampus/internal/dashboard"
	"safecampus/internal/hazard"
	"safecampus/internal/lookback"
	"safecampus/internal/notify"
	"safecampus/internal/plan"
	"safecampus/internal/rules"
	"safecampus/internal/task"
)

// domainLabelKeys collects the labels of other packages that the pages
// pass through translate at run time ({{$.T .Label}}, p.T(x.Label())),
// by asking those packages for every value they can show. Labels shown
// without translate (most status columns) are not collected: the English
// page shows them in Chinese either way (see the report of issue i18n).
func domainLabelKeys(t *testing.T) uiKeys {
	keys := uiKeys{}
	// The compliance scorecard and rule pages: legend, cell statuses,
	// rule names, parameter labels, period groups and the school row.
	for _, st := range []compliance.Status{compliance.StatusPass, compliance.StatusFail, compliance.StatusNoData, compliance.StatusPending, compliance.StatusNA} {
		keys.add(st.Label(), "compliance.Status.Label")
	}
	for _, r := range compliance.Rules() {
		keys.add(r.Name, "compliance.Rules Name")
		for _, pd := range r.Params {
			keys.add(pd.Label, "compliance.Rules Params Label")
		}
	}
	for _, g := range compliance.Choices("2026-03-02", compliance.Period{}) {
		keys.add(g.Label, "compliance.Choices group")
	}
	keys.add("全校", "compliance scorecard school row")
	// Meetings, their decisions' tasks and policy items.
	for _, m := range []rules.Meeting{{HeldOn: "2026-03-01"}, {ScheduledOn: "2026-03-01"}, {ScheduledOn: "2026-03-03"}} {
		keys.add(m.StatusLabel("2026-03-02"), "rules.Meeting.StatusLabel")
	}
	for _, st := range []string{task.StatusOpen, task.StatusDone, task.StatusCancelled} {
		keys.add(task.StatusLabel(st), "task.StatusLabel")
	}
	for _, st := range rules.PolicyStatuses {
		for _, a := range rules.PolicyActions(st) {
			keys.add(a.Label, "rules.PolicyActions Label")
		}
	}
	// The campaign list's state column, before, during and after.
	for _, day := range []string{"2026-01-01", "2026-03-02", "2026-12-31"} {
		keys.add(campaign.Compute(campaign.Campaign{StartsOn: "2026-02-01", EndsOn: "2026-06-30"}, nil, nil, day).State, "campaign.Compute State")
	}
	// Notification channels and the outbox.
	for _, k := range notify.ChannelKinds {
		keys.add(k.Label(), "notify.ChannelKind.Label")
		for _, m := range (notify.Channel{Kind: k}).Masked() {
			keys.add(m.Label, "notify.Channel.Masked Label")
		}
	}
	for _, st := range []string{notify.StatusPending, notify.StatusSending, notify.StatusSent, notify.StatusDead} {
		keys.add(notify.StatusLabel(st), "notify.StatusLabel")
	}
	for _, f := range statusFilters {
		keys.add(f.Label, "notify statusFilters")
	}
	// Look-back results and the governance plan's six elements.
	for _, r := range []string{lookback.ResultPending, lookback.ResultPassed, lookback.ResultFailed} {
		keys.add(lookback.ResultLabel(r), "lookback.ResultLabel")
	}
	for _, el := range hazard.PlanElements {
		keys.add(el.Label, "hazard.PlanElements Label")
	}
	dashboardKeys(t, keys)
	return keys
}

// dashboardKeys adds what the leaders' dashboard translates: every
// chart's title and series, and the categories its figures can carry
// (areas, levels, hazard statuses, inspection kinds, rhythm statuses).
func dashboardKeys(t *testing.T, keys uiKeys) {
	for _, c := range boardCharts(dashboard.Board{}) {
		keys.add(c.Title, "dashboard chart title")
		for _, s := range c.Series {
			keys.add(s.Name, "dashboard chart series")
		}
		for _, cat := range c.Categories {
			keys.add(cat, "dashboard chart category")
		}
	}
	for _, a := range checklist.Areas {
		keys.add(a.Label(), "dashboard category: checklist.Area.Label")
		keys.add(hazard.AreaLabel(string(a)), "dashboard category: hazard.AreaLabel")
	}
	keys.add(hazard.AreaLabel(hazard.AreaGeneral), "dashboard category: hazard.AreaLabel")
	for _, l := range []string{hazard.LevelGeneral, hazard.LevelMajor} {
		keys.add(hazard.LevelLabel(l), "dashboard category: hazard.LevelLabel")
	}
	for _, st := range hazard.Statuses {
		keys.add(hazard.Label(st), "dashboard category: hazard.Label")
	}
	for _, k := range plan.Kinds() {
		keys.add(k.Label, "dashboard category: plan.Kinds Label")
	}
	// The reason a span has no scorecard is set inside the dashboard
	// service, with no way to ask for it but reading the source.
	src, err := os.ReadFile("../dashboard/board.go")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`\.Unavailable(?:, c\.Link)? = ("[^"]*")`).FindSubmatch(src)
	if m == nil {
		t.Fatal("dashboard/board.go no longer sets Compliance.Unavailable from a literal: update dashboardKeys")
	}
	text, _ := strconv.Unquote(string(m[1]))
	keys.add(text, "dashboard Compliance.Unavailable")
}
