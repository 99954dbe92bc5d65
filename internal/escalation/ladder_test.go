package escalation

import (
	"slices"
	"testing"
	"time"
)

func TestDecide(t *testing.T) {
	set := DefaultSettings() // 24 h, 48 h, 72 h
	// The deadline day 2026-03-01 ends at 2026-03-02 00:00 in Shanghai,
	// which is 2026-03-01 16:00 UTC.
	end := time.Date(2026, 3, 1, 16, 0, 0, 0, time.UTC)
	open := func(st Step, at time.Time) State {
		return State{Status: "rectifying", Deadline: "2026-03-01", Overdue: st > 0, Step: st, EscalatedAt: at}
	}
	cases := []struct {
		name string
		st   State
		now  time.Time
		want Decision
	}{
		{"last millisecond of the deadline day", open(0, time.Time{}), end.Add(-time.Millisecond), Decision{}},
		{"deadline day ended in the school's zone", open(0, time.Time{}), end, Decision{Advance, StepOverdue}},
		{"UTC date is still the deadline day", open(0, time.Time{}), time.Date(2026, 3, 1, 20, 0, 0, 0, time.UTC), Decision{Advance, StepOverdue}},
		{"every open status climbs: confirmed", State{Status: "confirmed", Deadline: "2026-03-01"}, end, Decision{Advance, StepOverdue}},
		{"every open status climbs: submitted", State{Status: "submitted", Deadline: "2026-03-01"}, end, Decision{Advance, StepOverdue}},
		{"closed stops the ladder", State{Status: "closed", Deadline: "2026-03-01", Overdue: true, Step: 2, EscalatedAt: end}, end.Add(1000 * time.Hour), Decision{}},
		{"rejected never climbs", State{Status: "rejected", Deadline: "2026-03-01"}, end.Add(time.Hour), Decision{}},
		{"reported never climbs", State{Status: "reported", Deadline: "2026-03-01"}, end.Add(time.Hour), Decision{}},
		{"no deadline", State{Status: "assigned"}, end, Decision{}},
		{"malformed deadline", State{Status: "assigned", Deadline: "2026-3-1"}, end, Decision{}},
		{"step 2 not before 24 h", open(1, end), end.Add(24*time.Hour - time.Millisecond), Decision{}},
		{"step 2 at 24 h", open(1, end), end.Add(24 * time.Hour), Decision{Advance, StepUnitHead}},
		{"step 2 counts from step 1's time, not the deadline", open(1, end.Add(100*time.Hour)), end.Add(110 * time.Hour), Decision{}},
		{"step 3 at 48 h after step 2", open(2, end), end.Add(48 * time.Hour), Decision{Advance, StepLeader}},
		{"step 3 not before", open(2, end), end.Add(47 * time.Hour), Decision{}},
		{"step 4 at 72 h after step 3", open(3, end), end.Add(72 * time.Hour), Decision{Advance, StepOffice}},
		{"one step per decision even when late", open(1, end), end.Add(1000 * time.Hour), Decision{Advance, StepUnitHead}},
		{"step 4 is the top", open(4, end), end.Add(10000 * time.Hour), Decision{}},
		{"overdue flags with a moved deadline reset", State{Status: "rectifying", Deadline: "2026-03-20", Overdue: true, Step: 3, EscalatedAt: end}, end.Add(time.Hour), Decision{Kind: Reset}},
		{"a moved deadline that passed again restarts at step 1", State{Status: "rectifying", Deadline: "2026-03-20", Overdue: false}, time.Date(2026, 3, 20, 16, 0, 0, 0, time.UTC), Decision{Advance, StepOverdue}},
		{"a step without the overdue flag is repaired as step 1", State{Status: "assigned", Deadline: "2026-03-01", Step: 2, EscalatedAt: end}, end.Add(time.Hour), Decision{Advance, StepOverdue}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Decide(c.st, set, shanghai, c.now); got != c.want {
				t.Errorf("Decide = %+v, want %+v", got, c.want)
			}
		})
	}
}

func TestDecideUsesTheSchoolsDelays(t *testing.T) {
	set := Settings{MaxExtensionDays: 10, UnitHeadHours: 2, LeaderHours: 3, OfficeHours: 4}
	at := time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)
	st := State{Status: "assigned", Deadline: "2026-03-01", Overdue: true, Step: StepUnitHead, EscalatedAt: at}
	if got := Decide(st, set, shanghai, at.Add(3*time.Hour)); got.Step != StepLeader {
		t.Errorf("leader step after 3 h = %+v", got)
	}
	if got := Decide(st, set, shanghai, at.Add(179*time.Minute)); got.Kind != Nothing {
		t.Errorf("leader step before 3 h = %+v", got)
	}
}

func TestLand(t *testing.T) {
	cases := []struct {
		name    string
		due     Step
		has     []Step
		landed  Step
		skipped []Step
	}{
		{"step 1 lands without anyone", StepOverdue, nil, StepOverdue, nil},
		{"unit head present", StepUnitHead, []Step{StepUnitHead, StepLeader}, StepUnitHead, nil},
		{"no unit head: the leader at once", StepUnitHead, []Step{StepLeader}, StepLeader, []Step{StepUnitHead}},
		{"nobody below the office", StepUnitHead, nil, StepOffice, []Step{StepUnitHead, StepLeader}},
		{"no leader", StepLeader, nil, StepOffice, []Step{StepLeader}},
		{"office lands even without accounts", StepOffice, nil, StepOffice, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			landed, skipped := Land(c.due, func(s Step) bool { return slices.Contains(c.has, s) })
			if landed != c.landed || !slices.Equal(skipped, c.skipped) {
				t.Errorf("Land = %d %v, want %d %v", landed, skipped, c.landed, c.skipped)
			}
		})
	}
}

func TestDaysOverdue(t *testing.T) {
	for _, c := range []struct {
		now  time.Time
		want int
	}{
		{time.Date(2026, 3, 1, 15, 59, 0, 0, time.UTC), 0}, // 23:59 on the deadline day
		{time.Date(2026, 3, 1, 16, 0, 0, 0, time.UTC), 1},  // 00:00 the day after
		{time.Date(2026, 3, 2, 15, 59, 0, 0, time.UTC), 1},
		{time.Date(2026, 3, 11, 1, 0, 0, 0, time.UTC), 10},
	} {
		if got := DaysOverdue("2026-03-01", shanghai, c.now); got != c.want {
			t.Errorf("DaysOverdue at %v = %d, want %d", c.now, got, c.want)
		}
	}
	if DaysOverdue("", shanghai, time.Now()) != 0 {
		t.Error("no deadline is never overdue")
	}
}

func TestSettingsValidate(t *testing.T) {
	if err := DefaultSettings().Validate(); err != nil {
		t.Fatalf("defaults invalid: %v", err)
	}
	for _, bad := range []Settings{
		{0, 24, 48, 72}, {366, 24, 48, 72}, {30, 0, 48, 72}, {30, 24, -1, 72}, {30, 24, 48, MaxDelayHours + 1},
	} {
		if bad.Validate() == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}

func TestDedupKeyChangesWithTheDeadline(t *testing.T) {
	if DedupKey(7, "2026-03-01", StepLeader) == DedupKey(7, "2026-03-20", StepLeader) {
		t.Error("a new deadline must start a new round of messages")
	}
	if DedupKey(7, "2026-03-01", StepLeader) != "escalation:7:2026-03-01:3" {
		t.Errorf("key = %s", DedupKey(7, "2026-03-01", StepLeader))
	}
}
