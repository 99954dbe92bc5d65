package escalation

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"safecampus/internal/sqldb"
)

// seedOptions shape the benchmark data set: Schools × PerSchool hazards,
// most closed, OpenPerDay open ones falling due on each of Days days after
// Day0 (so every simulated midnight makes about OpenPerDay hazards newly
// overdue), plus Stuck hazards already at the top step and Climbing ones
// somewhere on the ladder whose next rung falls due on day 1 or later (so
// day 0's sweep is exactly the newly overdue).
type seedOptions struct {
	Schools, PerSchool int
	Units, People      int // per school
	Days, OpenPerDay   int
	Stuck, Climbing    int
	Day0               time.Time // midnight in Shanghai starting the first simulated day
}

func defaultSeed() seedOptions {
	return seedOptions{Schools: 100, PerSchool: 10_000, Units: 10, People: 20, Days: 30, OpenPerDay: 3_000,
		Stuck: 5_000, Climbing: 5_000, Day0: time.Date(2026, 3, 2, 0, 0, 0, 0, shanghai)}
}

// rowsPerInsert keeps a multi-row INSERT of 18 columns near 400 bound
// parameters: the driver matches $N parameters to arguments one by one,
// so much longer statements cost more per row, not less.
const rowsPerInsert = 22

// seedHazards writes the data set with plain multi-row INSERTs on the
// writer connection (bypassing services and the audit log: this measures
// the sweep, not the seeding). Ids are chosen here, so it expects a fresh
// database. The hazards' indexes are dropped for the load and built again
// after it (one sorted pass each instead of a million B-tree inserts).
func seedHazards(ctx context.Context, db *sqldb.DB, o seedOptions) error {
	indexes, err := hazardIndexes(ctx, db)
	if err != nil {
		return err
	}
	for name := range indexes {
		if _, err := db.Raw().ExecContext(ctx, `DROP INDEX `+name); err != nil {
			return err
		}
	}
	tx, err := db.Raw().BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	at := o.Day0.Add(-400 * 24 * time.Hour).UnixMilli()
	ins := newInserter(ctx, tx)
	for s := 1; s <= o.Schools; s++ {
		ins.add("schools", []string{"id", "code", "name", "timezone", "active", "created_at"}, s, "s"+strconv.Itoa(s), "学校"+strconv.Itoa(s), "Asia/Shanghai", true, at)
	}
	if err := ins.flush(); err != nil {
		return err
	}
	per := o.People + o.Units + 2 // responsible people, unit heads, a leader, an office clerk
	person := func(s, i int) int { return (s-1)*per + i + 1 }
	// One stage per table, flushed before the next: foreign keys are checked
	// at once.
	stages := []func(s int){
		func(s int) {
			for i := 0; i < per; i++ {
				ins.add("people", []string{"id", "school_id", "name"}, person(s, i), s, "人员"+strconv.Itoa(i))
			}
		},
		func(s int) {
			for u := 0; u < o.Units; u++ {
				ins.add("units", []string{"id", "school_id", "name", "kind", "head_person_id"}, (s-1)*o.Units+u+1, s, "单位"+strconv.Itoa(u), "office", person(s, o.People+u))
			}
		},
		func(s int) {
			for u := 0; u < o.Units; u++ {
				ins.add("contact_points", []string{"school_id", "leader_person_id", "unit_id"}, s, person(s, o.People+o.Units), (s-1)*o.Units+u+1)
			}
			for i := 0; i < per; i++ {
				id := person(s, i)
				ins.add("accounts", []string{"id", "username", "display_name", "password_hash", "school_id", "person_id", "created_at", "password_changed_at"},
					id, "u"+strconv.Itoa(id), "用户", "x", s, id, at, at)
			}
		},
		func(s int) {
			ins.add("role_grants", []string{"account_id", "role", "school_id", "scope_kind", "scope_id"}, person(s, o.People+o.Units+1), "school_admin", s, "school", 0)
		},
	}
	for _, stage := range stages {
		for s := 1; s <= o.Schools; s++ {
			stage(s)
		}
		if err := ins.flush(); err != nil {
			return err
		}
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	total := o.Schools * o.PerSchool
	open := o.Days * o.OpenPerDay
	cols := []string{"id", "school_id", "number", "source", "found_at", "area", "level", "description", "unit_id", "responsible_person_id",
		"deadline", "status", "overdue", "overdue_since", "escalation_step", "escalated_at", "created_at", "updated_at"}
	openStatus := []string{"assigned", "rectifying", "rectifying", "submitted"}
	for i := 0; i < total; i++ {
		s := i%o.Schools + 1
		level := "general"
		if rnd.IntN(20) == 0 {
			level = "major"
		}
		var deadline, status string
		var overdue bool
		var since, escAt any
		step := 0
		switch {
		case i < open: // falls due on day i / OpenPerDay
			deadline = o.Day0.AddDate(0, 0, i/o.OpenPerDay-1).Format(time.DateOnly)
			status = openStatus[rnd.IntN(len(openStatus))]
		case i < open+o.Stuck: // long overdue, at the top
			deadline = o.Day0.AddDate(0, 0, -30-rnd.IntN(300)).Format(time.DateOnly)
			status, overdue, step = "rectifying", true, int(StepOffice)
			since, escAt = o.Day0.AddDate(0, 0, -20).UnixMilli(), o.Day0.AddDate(0, 0, -10).UnixMilli()
		case i < open+o.Stuck+o.Climbing: // on the ladder; the next rung falls due on day 1 or later
			deadline = o.Day0.AddDate(0, 0, -2-rnd.IntN(10)).Format(time.DateOnly)
			status, overdue, step = "assigned", true, 1+rnd.IntN(3)
			since, escAt = o.Day0.AddDate(0, 0, -2).UnixMilli(), o.Day0.Add(-time.Duration(1+rnd.IntN(23))*time.Hour).UnixMilli()
		default: // closed work of the last two years
			deadline = o.Day0.AddDate(0, 0, -rnd.IntN(700)).Format(time.DateOnly)
			status = "closed"
		}
		found := o.Day0.AddDate(0, 0, -rnd.IntN(720)).UnixMilli()
		ins.add("hazards", cols, i+1, s, fmt.Sprintf("2026-FIRE-%07d", i+1), "inspection", found, "FIRE", level, "消防通道堆放杂物，灭火器压力不足",
			(s-1)*o.Units+rnd.IntN(o.Units)+1, person(s, rnd.IntN(o.People)), deadline, status, overdue, since, step, escAt, found, found)
	}
	if err := ins.flush(); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	for _, create := range indexes {
		if _, err := db.Raw().ExecContext(ctx, create); err != nil {
			return err
		}
	}
	return nil
}

// hazardIndexes returns the CREATE INDEX statements of table hazards by
// name, as the migration wrote them.
func hazardIndexes(ctx context.Context, db *sqldb.DB) (map[string]string, error) {
	rows, err := db.Raw().QueryContext(ctx, `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'hazards' AND sql IS NOT NULL`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name, create string
		if err := rows.Scan(&name, &create); err != nil {
			return nil, err
		}
		out[name] = create
	}
	return out, rows.Err()
}

// inserter buffers rows per table and writes them in multi-row INSERTs.
type inserter struct {
	ctx  context.Context
	tx   *sql.Tx
	cols map[string][]string
	rows map[string][][]any
	err  error
}

func newInserter(ctx context.Context, tx *sql.Tx) *inserter {
	return &inserter{ctx: ctx, tx: tx, cols: map[string][]string{}, rows: map[string][][]any{}}
}

func (in *inserter) add(table string, cols []string, vals ...any) {
	in.cols[table] = cols
	in.rows[table] = append(in.rows[table], vals)
	if len(in.rows[table]) >= rowsPerInsert && in.err == nil {
		in.err = in.write(table)
	}
}

// flush writes what is buffered, parents before children.
func (in *inserter) flush() error {
	for _, t := range []string{"schools", "people", "units", "contact_points", "accounts", "role_grants", "hazards"} {
		if in.err == nil && len(in.rows[t]) > 0 {
			in.err = in.write(t)
		}
	}
	return in.err
}

func (in *inserter) write(table string) error {
	cols, rows := in.cols[table], in.rows[table]
	var sb strings.Builder
	sb.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
	args := make([]any, 0, len(rows)*len(cols))
	for i, r := range rows {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteByte('(')
		for j := range r {
			if j > 0 {
				sb.WriteString(", ")
			}
			args = append(args, r[j])
			sb.WriteString("$" + strconv.Itoa(len(args)))
		}
		sb.WriteByte(')')
	}
	in.rows[table] = in.rows[table][:0]
	if _, err := in.tx.ExecContext(in.ctx, sb.String(), args...); err != nil {
		return fmt.Errorf("insert %s: %w", table, err)
	}
	return nil
}
