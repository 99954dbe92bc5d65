package figures

import (
	"fmt"

	"safecampus/internal/sqldb"
)

// buildInspections writes inspections i1 … i5 and the rhythm rows d1 … d7:
//
//	i1 unit_monthly submitted 2026-01-05, answers FIRE pass, FIRE fail, LOG pass (failed_count 1)
//	i2 leader       submitted 2026-03-31 23:30, answer LAB pass
//	i3 leader       submitted 2026-04-01 00:30 (Q2; still 31 Mar in UTC), answer SEC pass
//	i4 unit_monthly a draft started 2026-02-01 — never counted
//	i5 leader       of the other school, submitted 2026-02-01
//
//	d1 rhythm_unit 2026-01 done · d2 2026-02 late · d3 2026-03 open, due 03-31 (missed by 04-10)
//	d4 rhythm_supervisor 2026-Q1 missed · d5 rhythm_principal 2026-H1 open, due 06-30
//	d6 rhythm_unit 2026-04 open (outside Q1) · d7 a custom plan's 2026-01 row (not the rhythm)
func (f *fixture) buildInspections(tx *sqldb.Tx) {
	now := fixtureNow.UnixMilli()
	item := f.ins(tx, `INSERT INTO check_items (code, area, title, created_at) VALUES ('FIRE-1', 'FIRE', '电动车', $1)`, now)
	insp := func(school int64, kind, status, at string, failed int, answers ...string) {
		t := sh(at).UnixMilli()
		var sub any
		if status == "submitted" {
			sub = t
		}
		id := f.ins(tx, `INSERT INTO inspections (school_id, client_id, kind, status, inspector_account_id, started_at, submitted_at, failed_count, answer_count)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, school, kind+at, kind, status, f.acc, t, sub, failed, len(answers)/2)
		for i := 0; i+1 < len(answers); i += 2 {
			f.exec(tx, `INSERT INTO inspection_answers (school_id, inspection_id, item_id, item_code, area, question_code, question_text, result)
				VALUES ($1, $2, $3, 'X', $4, $5, '问题', $6)`, school, id, item, answers[i], fmt.Sprintf("Q%d", i), answers[i+1])
		}
	}
	insp(f.school, "unit_monthly", "submitted", "2026-01-05 10:00", 1, "FIRE", "pass", "FIRE", "fail", "LOG", "pass")
	insp(f.school, "leader", "submitted", "2026-03-31 23:30", 0, "LAB", "pass")
	insp(f.school, "leader", "submitted", "2026-04-01 00:30", 0, "SEC", "pass")
	insp(f.school, "unit_monthly", "draft", "2026-02-01 10:00", 0)
	insp(f.other, "leader", "submitted", "2026-02-01 10:00", 0, "FIRE", "pass")

	plan := func(rule, recurrence string) int64 {
		return f.ins(tx, `INSERT INTO inspection_plans (school_id, name, kind, rule, recurrence, start_date, created_at)
			VALUES ($1, $2, 'unit_monthly', $3, $4, '2026-01-01', $5)`, f.school, "计划"+rule, rule, recurrence, now)
	}
	unit, sup, pri, custom := plan("rhythm_unit", "monthly"), plan("rhythm_supervisor", "quarterly"), plan("rhythm_principal", "half_year"), plan("", "monthly")
	due := func(planID int64, period, starts, dueOn, status string) {
		f.exec(tx, `INSERT INTO due_inspections (school_id, plan_id, period, owner_unit_id, starts_on, due_on, status, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, f.school, planID, period, f.u1, starts, dueOn, status, now)
	}
	due(unit, "2026-01", "2026-01-01", "2026-01-31", "done")
	due(unit, "2026-02", "2026-02-01", "2026-02-28", "late")
	due(unit, "2026-03", "2026-03-01", "2026-03-31", "open")
	due(sup, "2026-Q1", "2026-01-01", "2026-03-31", "missed")
	due(pri, "2026-H1", "2026-01-01", "2026-06-30", "open")
	due(unit, "2026-04", "2026-04-01", "2026-04-30", "open")
	due(custom, "2026-01", "2026-01-01", "2026-01-31", "missed")
}

// buildPatrols writes a grid with places p1 … p5 and the school's targets
// (canteen 2 a day, gate 0 = not counted; office keeps its default of 1):
//
//	p1 canteen, check point    patrols 04-01 ×2 (met), 04-02 ×1, 04-09 ×3 (met), 04-10 ×5 (today: not counted)
//	p2 office, check point     patrols 04-01 ×1 (met), 04-05 ×1 (met)
//	p3 gate, check point       target 0: not counted (patrol 04-01)
//	p4 office, inactive point  not counted
//	p5 office, check point, in no grid: not counted
func (f *fixture) buildPatrols(tx *sqldb.Tx) {
	grid := f.ins(tx, `INSERT INTO grids (school_id, name) VALUES ($1, '东区')`, f.school)
	place := func(name, typ string, inGrid, point, active bool) int64 {
		id := f.ins(tx, `INSERT INTO places (school_id, name, level, place_type) VALUES ($1, $2, 'room', $3)`, f.school, name, typ)
		if inGrid {
			f.exec(tx, `INSERT INTO grid_places (school_id, grid_id, place_id) VALUES ($1, $2, $3)`, f.school, grid, id)
		}
		if point {
			f.exec(tx, `INSERT INTO check_points (school_id, place_id, token, active, created_at) VALUES ($1, $2, $3, $4, 0)`, f.school, id, "t"+name, active)
		}
		return id
	}
	p1 := place("食堂", "canteen", true, true, true)
	p2 := place("办公室", "office", true, true, true)
	p3 := place("大门", "gate", true, true, true)
	place("库房", "office", true, true, false)
	p5 := place("会议室", "office", false, true, true)
	f.exec(tx, `INSERT INTO patrol_targets (school_id, place_type, per_day) VALUES ($1, 'canteen', 2), ($1, 'gate', 0)`, f.school)
	n := 0
	patrol := func(place int64, day string, times int) {
		for i := 0; i < times; i++ {
			n++
			f.exec(tx, `INSERT INTO patrols (school_id, client_id, place_id, account_id, at, day) VALUES ($1, $2, $3, $4, $5, $6)`,
				f.school, fmt.Sprintf("p%d", n), place, f.acc, sh(day+" 09:00").UnixMilli(), day)
		}
	}
	patrol(p1, "2026-04-01", 2)
	patrol(p1, "2026-04-02", 1)
	patrol(p1, "2026-04-09", 3)
	patrol(p1, "2026-04-10", 5)
	patrol(p2, "2026-04-01", 1)
	patrol(p2, "2026-04-05", 1)
	patrol(p3, "2026-04-01", 1)
	patrol(p5, "2026-04-01", 1)
}
