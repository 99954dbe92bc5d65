package compliance

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
	"safecampus/internal/testkit"
)

// benchSchool is one school with five years of data (2022–2026): 30
// functional units, 2 principals and 6 supervising leaders on the rhythm,
// 100 000 submitted inspections (a fifth of them co-inspected), 20 000
// hazards, five campaigns, 60 meetings and 10 posted rules. Rows are
// written with multi-row INSERTs, bypassing services and the audit log.
type benchSchool struct {
	units, inspections, hazards int
	now                         time.Time
}

var benchDefaults = benchSchool{units: 30, inspections: 100_000, hazards: 20_000, now: at(2026, 12, 20, 10, 0)}

// BenchmarkEvaluateYear evaluates every rule for the school for 2025 (the
// issue's target: under 1 s), and BenchmarkScorecardYear the whole
// scorecard (the school and its 31 units). Run with
//
//	go test ./internal/compliance -run '^$' -bench Year -benchtime 10x
//
// (COMPLIANCE_BENCH_DIALECT=postgres runs them on PostgreSQL.)
func BenchmarkEvaluateYear(b *testing.B) { benchYear(b, false) }

func BenchmarkScorecardYear(b *testing.B) { benchYear(b, true) }

func benchYear(b *testing.B, card bool) {
	ctx := context.Background()
	dialect := "sqlite"
	if d := os.Getenv("COMPLIANCE_BENCH_DIALECT"); d != "" {
		dialect = d
	}
	db := testkit.OpenDB(b, dialect)
	start := time.Now()
	school, err := seedBench(ctx, db, benchDefaults)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("seeded in %v", time.Since(start).Round(time.Millisecond))
	svc := NewService(db, func() time.Time { return benchDefaults.now })
	a := auth.System()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if card {
			c, err := svc.Scorecard(ctx, a, school, "2025")
			if err != nil || len(c.Rows) != benchDefaults.units+2 {
				b.Fatalf("scorecard: %d rows, %v", len(c.Rows), err)
			}
			continue
		}
		rs, err := svc.Evaluate(ctx, a, school, "2025", SchoolWide)
		if err != nil {
			b.Fatal(err)
		}
		if i == 0 {
			for _, r := range rs {
				b.Logf("%-24s %-7s %s", r.Rule, r.Status, r.Value)
			}
			if r := rs[0]; r.Den == 0 || r.Status == StatusNoData {
				b.Fatalf("the rhythm rule saw no rows: %+v", r)
			}
		}
	}
}

// seedBench writes the benchmark school and returns its id.
func seedBench(ctx context.Context, db *sqldb.DB, o benchSchool) (int64, error) {
	rnd := rand.New(rand.NewPCG(2026, 5))
	var school int64
	err := db.Transact(ctx, func(tx *sqldb.Tx) error {
		if err := tx.QueryRowContext(ctx, `INSERT INTO schools (code, name, created_at) VALUES ('bench', '压力测试学校', 0) RETURNING id`).Scan(&school); err != nil {
			return err
		}
		ins := func(table string, cols string, rows [][]any) error { return insertBatch(ctx, tx.Tx, table, cols, rows) }
		id := func(q string, args ...any) (int64, error) {
			var v int64
			err := tx.QueryRowContext(ctx, q, args...).Scan(&v)
			return v, err
		}
		leaders, err := id(`INSERT INTO units (school_id, name, kind) VALUES ($1, '校领导', 'other') RETURNING id`, school)
		if err != nil {
			return err
		}
		units := make([]int64, o.units)
		for i := range units {
			if units[i], err = id(`INSERT INTO units (school_id, name, kind, sort_order) VALUES ($1, $2, 'office', $3) RETURNING id`, school, fmt.Sprintf("职能部门%02d", i+1), i+1); err != nil {
				return err
			}
		}
		account, err := id(`INSERT INTO accounts (username, display_name, password_hash, school_id, created_at, password_changed_at) VALUES ('bench', '压测', 'x', $1, 0, 0) RETURNING id`, school)
		if err != nil {
			return err
		}
		var people []int64 // 0–1 principals, 2–7 supervisors, the rest staff
		for i := 0; i < 200; i++ {
			unit := units[i%o.units]
			if i < 8 {
				unit = leaders
			}
			p, err := id(`INSERT INTO people (school_id, unit_id, name) VALUES ($1, $2, $3) RETURNING id`, school, unit, fmt.Sprintf("人员%03d", i))
			if err != nil {
				return err
			}
			people = append(people, p)
		}
		group, err := id(`INSERT INTO leading_groups (school_id, name) VALUES ($1, '领导小组') RETURNING id`, school)
		if err != nil {
			return err
		}
		if err := ins("leading_group_members", "school_id, group_id, person_id, position", [][]any{{school, group, people[0], "leader"}, {school, group, people[2], "deputy"}}); err != nil {
			return err
		}
		plans := map[string]int64{}
		for _, p := range [][3]string{{"rhythm_principal", "leader", "half_year"}, {"rhythm_supervisor", "leader", "quarterly"}, {"rhythm_unit", "unit_monthly", "monthly"}} {
			if plans[p[0]], err = id(`INSERT INTO inspection_plans (school_id, name, kind, rule, recurrence, start_date, created_at) VALUES ($1, $2, $3, $2, $4, '2022-01-01', 0) RETURNING id`,
				school, p[0], p[1], p[2]); err != nil {
				return err
			}
		}
		var dues [][]any
		due := func(plan int64, period string, from, to time.Time, person, unit int64) {
			dues = append(dues, []any{school, plan, period, person, unit, from.Format(time.DateOnly), to.AddDate(0, 0, -1).Format(time.DateOnly), 0})
		}
		for y := 2022; y <= 2026; y++ {
			for m := 1; m <= 12; m++ {
				from := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
				for _, u := range units {
					due(plans["rhythm_unit"], from.Format("2006-01"), from, from.AddDate(0, 1, 0), 0, u)
				}
				if m%3 == 1 {
					for _, p := range people[2:8] {
						due(plans["rhythm_supervisor"], fmt.Sprintf("%d-Q%d", y, m/3+1), from, from.AddDate(0, 3, 0), p, 0)
					}
				}
				if m%6 == 1 {
					for _, p := range people[:2] {
						due(plans["rhythm_principal"], fmt.Sprintf("%d-H%d", y, m/6+1), from, from.AddDate(0, 6, 0), p, 0)
					}
				}
			}
		}
		if err := ins("due_inspections", "school_id, plan_id, period, owner_person_id, owner_unit_id, starts_on, due_on, created_at", dues); err != nil {
			return err
		}
		// Inspections: spread over five years; a tenth by leaders (a fifth of
		// those with a co-inspecting leader), a third units' self-inspections.
		first := time.Date(2022, 1, 1, 8, 0, 0, 0, shanghai).UnixMilli()
		span := time.Date(2026, 12, 20, 0, 0, 0, 0, shanghai).UnixMilli() - first
		next, err := id(`SELECT COALESCE(MAX(id), 0) + 1 FROM inspections`)
		if err != nil {
			return err
		}
		var rows, co [][]any
		for i := 0; i < o.inspections; i++ {
			at := first + rnd.Int64N(span)
			kind, inspector, unit := "grid_patrol", people[8+rnd.IntN(192)], units[rnd.IntN(o.units)]
			switch r := rnd.IntN(10); {
			case r == 0:
				kind, inspector = "leader", people[rnd.IntN(8)]
				if rnd.IntN(5) == 0 {
					co = append(co, []any{school, next + int64(i), people[rnd.IntN(8)]})
				}
			case r < 4:
				kind = "unit_monthly"
			}
			rows = append(rows, []any{next + int64(i), school, "b" + strconv.Itoa(i), kind, "submitted", unit, inspector, account, at, at})
		}
		if err := ins("inspections", "id, school_id, client_id, kind, status, unit_id, inspector_person_id, inspector_account_id, started_at, submitted_at", rows); err != nil {
			return err
		}
		if err := ins("inspection_coinspectors", "school_id, inspection_id, person_id", dedupe(co)); err != nil {
			return err
		}
		// Hazards: found over five years with a deadline 7–30 days later;
		// most closed (a tenth of them late), some still open, 2 % major.
		rows = rows[:0]
		areas := []string{"FIRE", "LOG", "LAB", "SEC", "TRA", "RUL", "EDU", "RESP"}
		for i := 0; i < o.hazards; i++ {
			found := first + rnd.Int64N(span)
			deadline := time.UnixMilli(found).In(shanghai).AddDate(0, 0, 7+rnd.IntN(24))
			status, level := "closed", "general"
			var closed, acceptor any
			switch r := rnd.IntN(20); {
			case r < 2:
				status = []string{"assigned", "rectifying", "submitted"}[rnd.IntN(3)]
			case r < 4:
				closed = deadline.AddDate(0, 0, 1+rnd.IntN(20)).UnixMilli()
			default:
				closed = deadline.AddDate(0, 0, -rnd.IntN(6)).UnixMilli()
			}
			if rnd.IntN(50) == 0 {
				level = "major"
			}
			if closed != nil {
				acceptor = people[rnd.IntN(8)]
			}
			rows = append(rows, []any{school, fmt.Sprintf("B-%06d", i), "inspection", found, areas[rnd.IntN(len(areas))], level, "压测隐患",
				units[rnd.IntN(o.units)], deadline.Format(time.DateOnly), status, acceptor, closed, found, found})
		}
		if err := ins("hazards", "school_id, number, source, found_at, area, level, description, unit_id, deadline, status, accepted_by_person_id, closed_at, created_at, updated_at", rows); err != nil {
			return err
		}
		rows = rows[:0]
		for y := 2022; y <= 2026; y++ {
			rows = append(rows, []any{school, fmt.Sprintf("%d年专项整治", y), fmt.Sprintf("%d-01-01", y), fmt.Sprintf("%d-12-31", y), fmt.Sprintf("%d-12-20", y), 0})
		}
		if err := ins("campaigns", "school_id, name, starts_on, ends_on, report_due_on, created_at", rows); err != nil {
			return err
		}
		rows = rows[:0]
		for i := 0; i < 60; i++ {
			d := time.Date(2022, time.Month(1+i), 10, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
			rows = append(rows, []any{school, "regular", "安全工作例会", d, d, 0, 0})
		}
		if err := ins("safety_meetings", "school_id, kind, title, scheduled_on, held_on, created_at, updated_at", rows); err != nil {
			return err
		}
		for r := 0; r < 10; r++ {
			rule, err := id(`INSERT INTO safety_rules (school_id, code, title, area, effective_on, created_at, updated_at) VALUES ($1, $2, $3, 'LOG', '2022-01-01', 0, 0) RETURNING id`,
				school, fmt.Sprintf("R-%02d", r), fmt.Sprintf("制度%02d", r))
			if err != nil {
				return err
			}
			for p := 0; p < 5; p++ {
				place, err := id(`INSERT INTO places (school_id, name, level, place_type) VALUES ($1, $2, 'room', 'other') RETURNING id`, school, fmt.Sprintf("场所%02d-%d", r, p))
				if err != nil {
					return err
				}
				if err := ins("safety_rule_places", "school_id, rule_id, place_id", [][]any{{school, rule, place}}); err != nil {
					return err
				}
				if p < 4 {
					if err := ins("rule_postings", "school_id, rule_id, place_id, posted, verified_on, verified_at, source", [][]any{{school, rule, place, true, "2025-06-01", 1, "manual"}}); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	return school, err
}

// dedupe drops repeated (school, inspection, person) rows.
func dedupe(rows [][]any) [][]any {
	seen := map[string]bool{}
	var out [][]any
	for _, r := range rows {
		k := fmt.Sprint(r...)
		if !seen[k] {
			seen[k] = true
			out = append(out, r)
		}
	}
	return out
}

// insertBatch writes rows with as few multi-row INSERTs as SQLite's
// parameter limit allows.
func insertBatch(ctx context.Context, tx *sql.Tx, table, cols string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	per := max(1, 900/len(rows[0]))
	for len(rows) > 0 {
		n := min(per, len(rows))
		var sb strings.Builder
		sb.WriteString("INSERT INTO " + table + " (" + cols + ") VALUES ")
		args := make([]any, 0, n*len(rows[0]))
		for i, r := range rows[:n] {
			if i > 0 {
				sb.WriteString(", ")
			}
			sb.WriteByte('(')
			for j, v := range r {
				if j > 0 {
					sb.WriteString(", ")
				}
				args = append(args, v)
				sb.WriteString("$" + strconv.Itoa(len(args)))
			}
			sb.WriteByte(')')
		}
		if _, err := tx.ExecContext(ctx, sb.String(), args...); err != nil {
			return fmt.Errorf("%s: %w", table, err)
		}
		rows = rows[n:]
	}
	return nil
}
