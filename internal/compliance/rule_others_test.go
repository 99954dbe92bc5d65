package compliance

import (
	"slices"
	"testing"
	"time"

	"safecampus/internal/testkit"
)

// report records a generated report of campaign at instant when, as the
// report work (migration 0008) stores one.
func (f *fixture) report(campaign int64, when time.Time) {
	f.exec(`INSERT INTO reports (school_id, campaign_id, generated_at, format, audit_head_hash, audit_head_seq, sha256, bytes)
		VALUES ($1, $2, $3, 'pdf', 'h', 1, 's', 1)`, f.school, campaign, when.UnixMilli())
}

func (f *fixture) campaign(name, due string) int64 {
	return f.insert(`INSERT INTO campaigns (school_id, name, starts_on, ends_on, report_due_on, created_at) VALUES ($1, $2, '2025-11-20', '2026-12-31', $3, 0) RETURNING id`, f.school, name, due)
}

func TestReportRule(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			eval := func(period string) Result {
				t.Helper()
				rs, err := f.svc.Evaluate(f.ctx, f.office, f.school, period, SchoolWide)
				if err != nil {
					t.Fatal(err)
				}
				return result(t, rs, RuleReport)
			}
			if r := eval("2026-Q1"); r.Status != StatusNoData {
				t.Fatalf("no campaign with a due date: %s, want nodata", r.Status)
			}
			// A due date passed without a report.
			missed := f.campaign("寒假安全专项检查", "2026-03-20")
			if r := eval("2026-Q1"); r.Status != StatusFail || !slices.Equal(refIDs(r.Failures, "campaign"), []int64{missed}) {
				t.Fatalf("due date passed without a report: %s %v", r.Status, r.Failures)
			}
			onTime := f.campaign("校园安全专项整治", "2026-02-15")
			f.report(onTime, at(2026, 2, 15, 18, 0))
			upcoming := f.campaign("消防安全月", "2026-04-15")
			cases := []struct {
				period string
				status Status
				value  string
				fails  []int64
			}{
				{"2026-02", StatusPass, "1/1", nil},             // reported on the due day
				{"2026-03", StatusFail, "0/1", []int64{missed}}, // due 03-20, nothing generated
				{"2026-Q1", StatusFail, "1/2", []int64{missed}}, // both
				{"2026-04", StatusFail, "0/1", []int64{missed}}, // still outstanding; 消防安全月 pending
				{"2026-01", StatusNA, "—", nil},                 // nothing due, nothing outstanding
				{"2026-Q3", StatusPending, "—", nil},            // not started
			}
			for _, c := range cases {
				r := eval(c.period)
				if r.Status != c.status || r.Value != c.value || !slices.Equal(refIDs(r.Failures, "campaign"), c.fails) {
					t.Errorf("%s: got %s %q %v (%s), want %s %q %v", c.period, r.Status, r.Value, r.Failures, r.Note, c.status, c.value, c.fails)
				}
			}
			// A late report clears nothing: it is late in the month it came.
			f.report(missed, at(2026, 4, 8, 9, 0))
			if r := eval("2026-04"); r.Status != StatusFail || r.Failures[0].Label != "寒假安全专项检查（报送期限 2026-03-20，报告迟至 2026-04-08 才生成）" {
				t.Errorf("late report: %s %+v", r.Status, r.Failures)
			}
			// The upcoming campaign alone: pending, with the reminder inside lead_days.
			f.exec(`UPDATE campaigns SET report_due_on = '' WHERE id <> $1`, upcoming)
			if r := eval("2026-04"); r.Status != StatusPending || r.Note != "“消防安全月”报告将于 2026-04-15 到期，尚未生成。" {
				t.Errorf("upcoming: %s %q", r.Status, r.Note)
			}
		})
	}
}

func TestSafetyMeetingsRule(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			rs, _ := f.svc.Evaluate(f.ctx, f.office, f.school, "2026-Q1", SchoolWide)
			if r := result(t, rs, RuleSafetyMeetings); r.Status != StatusNoData {
				t.Fatalf("no meetings recorded: %s", r.Status)
			}
			meeting := func(scheduled, held string) {
				f.exec(`INSERT INTO safety_meetings (school_id, kind, title, scheduled_on, held_on, created_at, updated_at) VALUES ($1, 'regular', '安全工作例会', $2, $3, 0, 0)`, f.school, scheduled, held)
			}
			meeting("2026-01-15", "2026-01-15")
			meeting("2026-02-20", "") // scheduled, never held
			meeting("2026-03-10", "2026-03-12")
			meeting("2026-04-03", "2026-04-03")
			cases := []struct {
				period string
				status Status
				value  string
				months []string
			}{
				{"2026-Q1", StatusFail, "2/3", []string{"2026年2月：召开 0 次，应至少 1 次"}},
				{"2026-01", StatusPass, "1/1", nil},
				{"2026-Q2", StatusPending, "1/3", nil}, // April held; May, June to come
				{"2026", StatusPending, "3/12", []string{"2026年2月：召开 0 次，应至少 1 次"}},
			}
			for _, c := range cases {
				rs, err := f.svc.Evaluate(f.ctx, f.office, f.school, c.period, SchoolWide)
				if err != nil {
					t.Fatal(err)
				}
				r := result(t, rs, RuleSafetyMeetings)
				var labels []string
				for _, ref := range r.Failures {
					labels = append(labels, ref.Label)
				}
				if r.Status != c.status || r.Value != c.value || !slices.Equal(labels, c.months) {
					t.Errorf("%s: got %s %q %v, want %s %q %v", c.period, r.Status, r.Value, labels, c.status, c.value, c.months)
				}
			}
		})
	}
}

func TestRulesPostedRule(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			rs, _ := f.svc.Evaluate(f.ctx, f.office, f.school, "2026-Q1", SchoolWide)
			if r := result(t, rs, RuleRulesPosted); r.Status != StatusNoData {
				t.Fatalf("no rules in force: %s", r.Status)
			}
			rule := f.insert(`INSERT INTO safety_rules (school_id, code, title, area, effective_on, created_at, updated_at) VALUES ($1, 'R-01', '配电房安全管理制度', 'LOG', '2026-01-01', 0, 0) RETURNING id`, f.school)
			room1 := f.insert(`INSERT INTO places (school_id, name, level, place_type) VALUES ($1, '1号配电房', 'room', 'power_room') RETURNING id`, f.school)
			room2 := f.insert(`INSERT INTO places (school_id, name, level, place_type) VALUES ($1, '2号配电房', 'room', 'power_room') RETURNING id`, f.school)
			f.exec(`INSERT INTO safety_rule_places (school_id, rule_id, place_id) VALUES ($1, $2, $3), ($1, $2, $4)`, f.school, rule, room1, room2)
			f.exec(`INSERT INTO rule_postings (school_id, rule_id, place_id, posted, verified_on, verified_at, source) VALUES ($1, $2, $3, TRUE, '2026-03-01', 1, 'manual')`, f.school, rule, room1)
			rs, err := f.svc.Evaluate(f.ctx, f.office, f.school, "2026-Q1", SchoolWide)
			if err != nil {
				t.Fatal(err)
			}
			r := result(t, rs, RuleRulesPosted)
			if r.Status != StatusFail || r.Value != "50%（1/2）" || len(r.Failures) != 1 || r.Failures[0].Label != "2号配电房：配电房安全管理制度（从未检查）" {
				t.Fatalf("got %s %q %+v", r.Status, r.Value, r.Failures)
			}
			if err := f.svc.SetParams(f.ctx, f.office, f.school, RuleRulesPosted, map[string]int64{"share_percent": 50}); err != nil {
				t.Fatal(err)
			}
			rs, _ = f.svc.Evaluate(f.ctx, f.office, f.school, "2026-Q1", SchoolWide)
			if r := result(t, rs, RuleRulesPosted); r.Status != StatusPass {
				t.Errorf("50%% required, 50%% posted: %s", r.Status)
			}
		})
	}
}

// The rules whose records belong to later work answer nodata for every
// scope they apply to, in every period, whatever the parameters — never
// pass.
func TestLaterRulesNeverPass(t *testing.T) {
	f := newFixture(t, "sqlite")
	f.seedRhythm()
	f.seedDeadline()
	var later []string
	for _, r := range Rules() {
		if r.AwaitsData() {
			later = append(later, r.ID)
			for _, p := range r.Params {
				if p.Unit == "%" || p.Unit == "次" {
					if err := f.svc.SetParams(f.ctx, f.office, f.school, r.ID, map[string]int64{p.Key: 0}); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
	want := []string{RuleAllStaffTraining, RuleNewStaffTraining, RuleCertification, RuleDrills, RuleAlarmResponse, RuleGuardStaffing, RuleDualControl, RuleContracts}
	if !slices.Equal(later, want) {
		t.Fatalf("rules awaiting data = %v, want %v", later, want)
	}
	for _, period := range []string{"2025", "2026-Q1", "2026-04", "2026-Q3"} {
		card, err := f.svc.Scorecard(f.ctx, f.office, f.school, period)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range card.Rows {
			for i, c := range row.Cells {
				if !card.Rules[i].AwaitsData() {
					continue
				}
				want := StatusNoData
				if !card.Rules[i].Applies(row.Scope.Kind) {
					want = StatusNA
				}
				if c.Status != want || c.Status == StatusPass {
					t.Errorf("%s %s %s: %s, want %s", period, row.Label, c.Rule, c.Status, want)
				}
				if c.Status == StatusNoData && c.Note == "" {
					t.Errorf("%s: nodata without a note", c.Rule)
				}
			}
		}
	}
}
