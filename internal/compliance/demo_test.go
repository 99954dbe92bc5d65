package compliance_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/compliance"
	"safecampus/internal/demo"
	"safecampus/internal/org"
	"safecampus/internal/sqldb"
	"safecampus/internal/testkit"
)

// TestDemoScorecard is issue 5's "done when": with a pinned clock on the
// demo data, the scorecard shows every rule with a value or "no data yet",
// and each failing cell's drill-down names records that really fail —
// checked here by reading each record back, not through the engine.
func TestDemoScorecard(t *testing.T) {
	ctx := context.Background()
	db := testkit.OpenDB(t, "sqlite")
	now := time.Date(2026, 4, 10, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))
	clock := func() time.Time { return now }
	res, err := demo.Load(ctx, db, auth.NewService(db, clock), org.NewService(db, clock), "admin-pass-123")
	if err != nil {
		t.Fatal(err)
	}
	svc := compliance.NewService(db, clock)
	for _, period := range []string{"2026-Q1", "2026-03", "2026"} {
		card, err := svc.Scorecard(ctx, auth.System(), res.SchoolID, period)
		if err != nil {
			t.Fatal(err)
		}
		if len(card.Rows) < 2 || card.Rows[0].Scope.Kind != compliance.ScopeSchool {
			t.Fatalf("%s: rows %d, first %+v", period, len(card.Rows), card.Rows[0].Scope)
		}
		checked := 0
		for ri, row := range card.Rows {
			for i, c := range row.Cells {
				rule := card.Rules[i]
				if c.Value == "" || c.Status.Label() == "" {
					t.Errorf("%s %s %s: empty cell", period, row.Label, rule.ID)
				}
				if ri == 0 {
					// The school row evaluates every rule: a figure, or "no data yet" with why.
					if c.Status == compliance.StatusNA {
						t.Errorf("%s: rule %s not evaluated for the school", period, rule.ID)
					}
					if c.Status == compliance.StatusNoData && (c.Value != "暂无数据" || c.Note == "") {
						t.Errorf("%s: %s nodata shown as %q (%q)", period, rule.ID, c.Value, c.Note)
					}
					t.Logf("%s %-24s %-7s %-12s %s", period, rule.ID, c.Status, c.Value, c.Note)
				}
				if rule.AwaitsData() && c.Status == compliance.StatusPass {
					t.Errorf("%s: %s passes without data", period, rule.ID)
				}
				if c.Status == compliance.StatusFail && len(c.Failures) == 0 && rule.ID != compliance.RuleSafetyMeetings {
					t.Errorf("%s %s %s: fails without naming a record", period, row.Label, rule.ID)
				}
				for _, ref := range c.Failures {
					verifyFailure(t, ctx, db, res.SchoolID, now, card.Period, rule.ID, ref)
					checked++
				}
			}
		}
		// The demo office's parameters reach the targets.
		if c := card.Rows[0].Cells[10]; card.Rules[10].ID != compliance.RuleReport || c.Target != "报送期限前生成报告（提前 10 天提醒）" {
			t.Errorf("report target %q", c.Target)
		}
		if period == "2026-Q1" && checked == 0 {
			t.Errorf("the demo's 2026-Q1 scorecard has no failure to drill into")
		}
	}
}

// verifyFailure reads the record behind ref and checks it fails the rule.
func verifyFailure(t *testing.T, ctx context.Context, db *sqldb.DB, school int64, now time.Time, per compliance.Period, rule string, ref compliance.Ref) {
	t.Helper()
	q := db.Read()
	today := now.Format(time.DateOnly)
	cutoff := min(today, per.End)
	where := fmt.Sprintf("%s %s %s:%d %q", per.Key, rule, ref.Kind, ref.ID, ref.Label)
	switch {
	case ref.Kind == "hazard":
		var status, level, deadline string
		var closed, acceptor int64
		if err := q.QueryRowContext(ctx, `SELECT status, level, deadline, COALESCE(closed_at, 0), COALESCE(accepted_by_person_id, 0) FROM hazards WHERE id = $1 AND school_id = $2`,
			ref.ID, school).Scan(&status, &level, &deadline, &closed, &acceptor); err != nil {
			t.Errorf("%s: %v", where, err)
			return
		}
		closedOn := ""
		if closed != 0 {
			closedOn = time.UnixMilli(closed).In(now.Location()).Format(time.DateOnly)
		}
		late := deadline != "" && deadline < cutoff && (status != "closed" || closedOn > deadline)
		var members int
		q.QueryRowContext(ctx, `SELECT COUNT(*) FROM leading_group_members WHERE school_id = $1 AND person_id = $2`, school, acceptor).Scan(&members)
		badMajor := level == "major" && status == "closed" && members == 0
		if !late && !badMajor {
			t.Errorf("%s: hazard %s, deadline %q, closed %q does not fail", where, status, deadline, closedOn)
		}
	case rule == compliance.RuleInspectionFrequency:
		// The owner had a row due in the period, with its deadline passed,
		// and fewer inspections than required (the default: one) inside that
		// row's own dates.
		col := "owner_person_id"
		if ref.Kind == "unit" {
			col = "owner_unit_id"
		}
		rows, err := q.QueryContext(ctx, `SELECT starts_on, due_on FROM due_inspections WHERE school_id = $1 AND `+col+` = $2 AND due_on BETWEEN $3 AND $4 AND due_on < $5`,
			school, ref.ID, per.Start, per.End, today)
		if err != nil {
			t.Fatal(err)
		}
		var spans [][2]string
		for rows.Next() {
			var a, b string
			rows.Scan(&a, &b)
			spans = append(spans, [2]string{a, b})
		}
		rows.Close()
		short := 0
		for _, sp := range spans {
			var n int
			query := `SELECT COUNT(*) FROM inspections i WHERE i.school_id = $1 AND i.status = 'submitted' AND i.submitted_at >= $3 AND i.submitted_at < $4
				AND (i.inspector_person_id = $2 OR EXISTS (SELECT 1 FROM inspection_coinspectors c WHERE c.inspection_id = i.id AND c.person_id = $2))`
			if ref.Kind == "unit" {
				query = `SELECT COUNT(*) FROM inspections i WHERE i.school_id = $1 AND i.status = 'submitted' AND i.submitted_at >= $3 AND i.submitted_at < $4
					AND i.unit_id = $2 AND i.kind = 'unit_monthly'`
			}
			if err := q.QueryRowContext(ctx, query, school, ref.ID, dayMs(sp[0], 0), dayMs(sp[1], 1)).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n < 1 {
				short++
			}
		}
		if short == 0 {
			t.Errorf("%s: every row of the owner in the period has its inspection", where)
		}
	case ref.Kind == "campaign":
		var due string
		if err := q.QueryRowContext(ctx, `SELECT report_due_on FROM campaigns WHERE id = $1 AND school_id = $2`, ref.ID, school).Scan(&due); err != nil || due == "" || due >= today {
			t.Errorf("%s: campaign due %q not passed (%v)", where, due, err)
		}
	case ref.Kind == "posting":
		var status string
		if err := q.QueryRowContext(ctx, `SELECT status FROM safety_rules WHERE id = $1 AND school_id = $2`, ref.ID, school).Scan(&status); err != nil || status != "in_force" {
			t.Errorf("%s: rule %q (%v)", where, status, err)
		}
	case ref.Kind == "month":
	default:
		t.Errorf("%s: unexpected kind", where)
	}
	if ref.Link == "" {
		t.Errorf("%s: no link", where)
	}
}

// dayMs is the first instant of date d plus days, in the school's zone.
func dayMs(d string, days int) int64 {
	t, _ := time.ParseInLocation(time.DateOnly, d, time.FixedZone("CST", 8*3600))
	return t.AddDate(0, 0, days).UnixMilli()
}
