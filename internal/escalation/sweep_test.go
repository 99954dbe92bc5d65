package escalation

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"safecampus/internal/audit"
	"safecampus/internal/sqldb"
	"safecampus/internal/testkit"
)

// deadlineEnd is when 2026-03-01 ends in Shanghai.
var deadlineEnd = time.Date(2026, 3, 1, 16, 0, 0, 0, time.UTC)

// sweep runs Sweep and fails the test on error.
func (f *fixture) sweep(now time.Time) Result {
	f.t.Helper()
	r, err := Sweep(f.ctx, f.db, now)
	if err != nil {
		f.t.Fatalf("sweep at %v: %v", now, err)
	}
	return r
}

// inbox lists the titles in an account's inbox, oldest first.
func (f *fixture) inbox(account int64) []string {
	f.t.Helper()
	rows, err := f.db.Read().QueryContext(f.ctx, `SELECT m.title FROM notify_inbox i JOIN notify_messages m ON m.id = i.message_id WHERE i.account_id = $1 ORDER BY i.id`, account)
	f.must(err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		f.must(rows.Scan(&s))
		out = append(out, s)
	}
	return out
}

func TestSweepClimbsTheLadderOnceEach(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, testkit.OpenDB(t, d))
			h := f.hazard(f.school, f.logistics, "major", "rectifying", "2026-03-01")
			if r := f.sweep(deadlineEnd.Add(-time.Second)); r.Overdue+r.Escalated != 0 {
				t.Fatalf("stepped before the deadline day ended: %+v", r)
			}
			steps := []struct {
				at      time.Time
				step    Step
				account string
			}{
				{deadlineEnd, StepOverdue, "wang"},
				{deadlineEnd.Add(24 * time.Hour), StepUnitHead, "liu"},
				{deadlineEnd.Add(72 * time.Hour), StepLeader, "chen"},
				{deadlineEnd.Add(144 * time.Hour), StepOffice, "office"},
			}
			for _, s := range steps {
				r := f.sweep(s.at)
				if r.Overdue+r.Escalated != 1 || r.Notified != 1 {
					t.Fatalf("step %d: %+v", s.step, r)
				}
				_, step, v := f.ladder(h)
				// A second run at the same clock (or a minute later) changes nothing.
				if r := f.sweep(s.at); r.Overdue+r.Escalated+r.Notified+r.Reset != 0 {
					t.Fatalf("second sweep at step %d: %+v", s.step, r)
				}
				if r := f.sweep(s.at.Add(time.Minute)); r.Overdue+r.Escalated != 0 {
					t.Fatalf("sweep a minute after step %d: %+v", s.step, r)
				}
				if _, step2, v2 := f.ladder(h); step != s.step || step2 != step || v2 != v {
					t.Fatalf("after step %d: step %d then %d, version %d then %d", s.step, step, step2, v, v2)
				}
				if got := f.inbox(f.acc[s.account]); len(got) != 1 {
					t.Fatalf("%s's inbox after step %d: %q", s.account, s.step, got)
				}
			}
			if r := f.sweep(deadlineEnd.Add(5000 * time.Hour)); r.Overdue+r.Escalated != 0 {
				t.Fatalf("climbed past the top: %+v", r)
			}
			if got := f.inbox(f.acc["office"]); len(got) != 1 || got[0] != "隐患逾期督办（第4级·专项整治办公室）：2026-FIRE-0001" {
				t.Errorf("office inbox = %q", got)
			}
			if n := f.count(`SELECT COUNT(*) FROM hazard_events WHERE hazard_id = $1 AND actor_account_id IS NULL AND actor_name = '系统'`, h); n != 4 {
				t.Errorf("timeline events = %d, want 4", n)
			}
			if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE entity = 'hazard' AND entity_id = $1 AND actor_id = 0 AND action IN ('hazard.overdue', 'hazard.escalate')`, h); n != 4 {
				t.Errorf("audit entries = %d, want 4", n)
			}
			keys := f.strings(`SELECT dedup_key FROM notify_messages WHERE school_id = $1 ORDER BY id`, f.school)
			want := []string{DedupKey(h, "2026-03-01", 1), DedupKey(h, "2026-03-01", 2), DedupKey(h, "2026-03-01", 3), DedupKey(h, "2026-03-01", 4)}
			if !slices.Equal(keys, want) {
				t.Errorf("messages = %q, want %q", keys, want)
			}
			rep, err := audit.Verify(f.ctx, f.db.Read(), audit.Options{})
			if err != nil || !rep.OK() {
				t.Errorf("audit chain: %v %v", err, rep.Problems)
			}
		})
	}
}

func (f *fixture) strings(query string, args ...any) []string {
	f.t.Helper()
	rows, err := f.db.Read().QueryContext(f.ctx, query, args...)
	f.must(err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		f.must(rows.Scan(&s))
		out = append(out, s)
	}
	return out
}

func TestSweepSkipsRungsWithoutTarget(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, testkit.OpenDB(t, d))
			team := f.hazard(f.school, f.team, "general", "assigned", "2026-03-01")       // no head; leader through 后勤处
			library := f.hazard(f.school, f.library, "general", "assigned", "2026-03-01") // nobody but the office
			f.sweep(deadlineEnd)
			r := f.sweep(deadlineEnd.Add(24 * time.Hour))
			if r.Escalated != 2 || r.Skipped != 3 {
				t.Fatalf("sweep = %+v, want 2 escalations skipping 3 rungs", r)
			}
			if _, step, _ := f.ladder(team); step != StepLeader {
				t.Errorf("水电组 hazard at step %d, want the leader (3)", step)
			}
			if _, step, _ := f.ladder(library); step != StepOffice {
				t.Errorf("图书馆 hazard at step %d, want the office (4)", step)
			}
			if got := f.inbox(f.acc["chen"]); len(got) != 1 {
				t.Errorf("leader inbox = %q", got)
			}
			var note string
			f.must(f.db.Read().QueryRowContext(f.ctx, `SELECT note FROM hazard_events WHERE hazard_id = $1 ORDER BY id DESC LIMIT 1`, library).Scan(&note))
			if note != "逾期未整改，第4级升级：通知专项整治办公室；单位负责人无可通知的账号，已跳过第2级；分管领导无可通知的账号，已跳过第3级" {
				t.Errorf("note = %q", note)
			}
			// The leader step of the team's hazard is measured from now.
			if r := f.sweep(deadlineEnd.Add(24*time.Hour + 71*time.Hour)); r.Escalated != 0 {
				t.Errorf("office step before its delay: %+v", r)
			}
		})
	}
}

func TestSweepLeavesFinishedWorkAndKeepsSchoolsApart(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, testkit.OpenDB(t, d))
			closed := f.hazard(f.school, f.logistics, "general", "closed", "2026-03-01")
			future := f.hazard(f.school, f.logistics, "general", "rectifying", "2026-03-02")
			other := f.hazard(f.other, 0, "general", "assigned", "2026-03-01")
			r := f.sweep(deadlineEnd)
			if r.Overdue != 1 {
				t.Fatalf("sweep = %+v, want only the other school's hazard", r)
			}
			for _, id := range []int64{closed, future} {
				if od, step, v := f.ladder(id); od || step != 0 || v != 1 {
					t.Errorf("hazard %d touched: %v %d v%d", id, od, step, v)
				}
			}
			f.sweep(deadlineEnd.Add(24 * time.Hour)) // other's unit head: none → office of its own school
			if _, step, _ := f.ladder(other); step != StepOffice {
				t.Errorf("other school's hazard at step %d", step)
			}
			if got := f.inbox(f.acc["office"]); len(got) != 0 {
				t.Errorf("first school's office told about another school: %q", got)
			}
			if got := f.inbox(f.acc["otheroffice"]); len(got) != 1 {
				t.Errorf("other office inbox = %q", got)
			}
		})
	}
}

func TestSweepRestartsTheLadderAfterANewDeadline(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, testkit.OpenDB(t, d))
			h := f.hazard(f.school, f.logistics, "major", "rectifying", "2026-03-01")
			f.sweep(deadlineEnd)
			f.sweep(deadlineEnd.Add(24 * time.Hour))
			// An approved extension moves the deadline (the core's Apply does
			// not touch the ladder columns; the sweep clears them).
			f.must(f.db.Transact(f.ctx, func(tx *sqldb.Tx) error {
				_, err := tx.ExecContext(f.ctx, `UPDATE hazards SET deadline = '2026-03-20', version = version + 1 WHERE id = $1`, h)
				return err
			}))
			r := f.sweep(deadlineEnd.Add(25 * time.Hour))
			if r.Reset != 1 {
				t.Fatalf("sweep = %+v, want one reset", r)
			}
			if od, step, _ := f.ladder(h); od || step != 0 {
				t.Fatalf("after reset: overdue %v step %d", od, step)
			}
			if r := f.sweep(deadlineEnd.Add(26 * time.Hour)); r.Reset+r.Overdue != 0 {
				t.Fatalf("second sweep after reset: %+v", r)
			}
			// The new deadline passes: a new round, new messages.
			newEnd := time.Date(2026, 3, 20, 16, 0, 0, 0, time.UTC)
			if r := f.sweep(newEnd); r.Overdue != 1 || r.Notified != 1 {
				t.Fatalf("new round: %+v", r)
			}
			if got := f.inbox(f.acc["wang"]); len(got) != 2 {
				t.Errorf("responsible person's inbox = %q, want one message per round", got)
			}
			var since int64
			f.must(f.db.Read().QueryRowContext(f.ctx, `SELECT overdue_since FROM hazards WHERE id = $1`, h).Scan(&since))
			if since != newEnd.UnixMilli() {
				t.Errorf("overdue_since = %v, want the new deadline's end", time.UnixMilli(since))
			}
		})
	}
}

func TestSweepUsesTheSchoolsSettingsAndSkipsInactiveSchools(t *testing.T) {
	f := newFixture(t, testkit.OpenDB(t, "sqlite"))
	svc := NewService(f.db, func() time.Time { return deadlineEnd })
	if _, err := svc.SaveSettings(f.ctx, f.actor["office"], f.school, Settings{MaxExtensionDays: 30, UnitHeadHours: 1, LeaderHours: 1, OfficeHours: 1}); err != nil {
		t.Fatal(err)
	}
	h := f.hazard(f.school, f.logistics, "general", "rectifying", "2026-03-01")
	o := f.hazard(f.other, 0, "general", "rectifying", "2026-03-01")
	f.must(f.db.Transact(f.ctx, func(tx *sqldb.Tx) error {
		_, err := tx.ExecContext(f.ctx, `UPDATE schools SET active = FALSE WHERE id = $1`, f.other)
		return err
	}))
	for i := 0; i <= 3; i++ {
		f.sweep(deadlineEnd.Add(time.Duration(i) * time.Hour))
	}
	if _, step, _ := f.ladder(h); step != StepOffice {
		t.Errorf("with 1-hour delays the hazard is at step %d after 3 hours", step)
	}
	if od, _, _ := f.ladder(o); od {
		t.Error("an inactive school's hazard was marked")
	}
}

func TestSweepCandidatesUseTheIndexes(t *testing.T) {
	db := testkit.OpenDB(t, "sqlite")
	for q, index := range map[string]string{
		`SELECT id FROM hazards WHERE status IN ` + openList + ` AND deadline > '' AND deadline < '2026-03-02' AND escalation_step < 4`: "hazards_sweep",
		`SELECT id FROM hazards WHERE school_id = 1 AND overdue = TRUE AND status IN ` + openList + ` AND deadline >= '2026-03-02'`:     "hazards_overdue",
	} {
		rows, err := db.Read().QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+q)
		if err != nil {
			t.Fatal(err)
		}
		plan := ""
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			plan += detail + "\n"
		}
		rows.Close()
		if !strings.Contains(plan, "INDEX "+index) {
			t.Errorf("plan of %s:\n%s", q, plan)
		}
	}
}
