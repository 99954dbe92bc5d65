package report

import (
	"testing"
	"time"

	"safecampus/internal/testkit"
)

// TestRemindDue walks the pinned clock towards the report's due date
// (2026-03-09 in Asia/Shanghai): 7, 3, 1 days before and on the day the
// office gets one reminder each, repeated runs add nothing, a day the
// scheduler missed gets the nearest reminder, and once a report was
// generated no reminder follows.
func TestRemindDue(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			s := newSmall(t, d)
			day := func(date string) time.Time {
				// 01:00 UTC is 09:00 of the same day in the school's zone.
				t0, _ := time.Parse(time.DateOnly, date)
				return t0.Add(time.Hour)
			}
			run := func(at time.Time) int {
				t.Helper()
				n, err := RemindDue(s.ctx, s.db, at)
				if err != nil {
					t.Fatal(err)
				}
				return n
			}
			key := func(days string) int {
				return s.count(`SELECT COUNT(*) FROM notify_messages WHERE school_id = $1 AND dedup_key = $2 AND kind = 'report-due'`, s.school, "report-due:"+itoa(int(s.campaign))+":"+days)
			}
			if n := run(day("2026-03-01")); n != 0 {
				t.Errorf("8 days ahead: %d reminders", n)
			}
			if n := run(day("2026-03-02")); n != 2 || key("7") != 1 { // both schools' campaigns are due the same day
				t.Errorf("7 days ahead: %d reminders, key %d", n, key("7"))
			}
			if n := run(day("2026-03-02").Add(3 * time.Hour)); n != 0 {
				t.Errorf("second run the same day: %d reminders", n)
			}
			if n := run(day("2026-03-05")); n != 0 {
				t.Errorf("4 days ahead (the 7-day reminder was sent): %d", n)
			}
			if n := run(day("2026-03-07")); n != 2 || key("3") != 1 { // the 3-day run was missed: 2 days ahead sends it
				t.Errorf("2 days ahead after a missed day: %d, key %d", n, key("3"))
			}
			// The office of the school, and only it, has the reminder in its inbox.
			if n := s.count(`SELECT COUNT(*) FROM notify_inbox i JOIN notify_messages m ON m.id = i.message_id WHERE i.account_id = $1 AND m.kind = 'report-due'`, s.office.AccountID); n != 2 {
				t.Errorf("office inbox: %d reminders", n)
			}
			if n := s.count(`SELECT COUNT(*) FROM notify_inbox WHERE account_id = $1`, s.staff.AccountID); n != 0 {
				t.Errorf("staff got %d reminders", n)
			}
			// The school generates its report: its reminders stop, the other school's go on.
			if _, err := s.svc.Generate(s.ctx, s.office, s.school, s.campaign, FormatDOCX, HTMLOptions{}); err != nil {
				t.Fatal(err)
			}
			if n := run(day("2026-03-08")); n != 1 || key("1") != 0 {
				t.Errorf("1 day ahead after the report: %d reminders, own key %d", n, key("1"))
			}
			if n := run(day("2026-03-09")); n != 1 {
				t.Errorf("due day: %d", n)
			}
			if n := run(day("2026-03-10")); n != 0 {
				t.Errorf("past due: %d", n)
			}
		})
	}
}

func TestReminderStep(t *testing.T) {
	for left, want := range map[int]int{-1: -1, 0: 0, 1: 1, 2: 3, 3: 3, 4: 7, 7: 7, 8: -1} {
		got, ok := reminderStep(left)
		if !ok {
			got = -1
		}
		if got != want {
			t.Errorf("reminderStep(%d) = %d, want %d", left, got, want)
		}
	}
}
