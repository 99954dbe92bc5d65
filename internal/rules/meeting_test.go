package rules

import (
	"testing"

	"safecampus/internal/apperr"
	"safecampus/internal/task"
)

func TestMeetingDecisionsBecomeTasks(t *testing.T) {
	eachDialect(t, func(t *testing.T, f *fixture) {
		m, err := f.svc.SaveMeeting(f.ctx, f.admin, f.school, Meeting{Kind: "regular", Title: "三月安全工作例会", ScheduledOn: "2026-03-10", ChairPersonID: f.chair})
		if err != nil {
			t.Fatal(err)
		}
		if m.Held() || m.StatusLabel("2026-03-14") != "逾期未召开" {
			t.Fatalf("scheduled meeting: held %v, status %q", m.Held(), m.StatusLabel("2026-03-14"))
		}
		d := Decision{Text: "3月底前完成宿舍楼消防通道清理", OwnerUnitID: f.unit, OwnerPersonID: f.member, DueOn: "2026-03-31"}
		if _, err := f.svc.AddDecision(f.ctx, f.admin, f.school, m.ID, d); !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("decision of a meeting not held: %v", err)
		}

		// Holding it needs a past date, minutes and attendees.
		held := m
		held.HeldOn, held.Minutes, held.Situation, held.AttendeeIDs = "2026-03-10", "会议纪要：……", "当前宿舍消防形势严峻", []int64{f.chair, f.member}
		for _, c := range []struct {
			name  string
			edit  func(m *Meeting)
			field string
		}{
			{"held in the future", func(m *Meeting) { m.HeldOn = "2026-03-15" }, "held_on"},
			{"no minutes", func(m *Meeting) { m.Minutes = "" }, "minutes"},
			{"no attendees", func(m *Meeting) { m.AttendeeIDs = nil }, "attendees"},
			{"foreign attendee", func(m *Meeting) { m.AttendeeIDs = []int64{f.otherPerson} }, "attendees"},
			{"bad kind", func(m *Meeting) { m.Kind = "party" }, "kind"},
			{"no schedule", func(m *Meeting) { m.ScheduledOn = "" }, "scheduled_on"},
		} {
			x := held
			c.edit(&x)
			_, err := f.svc.SaveMeeting(f.ctx, f.admin, f.school, x)
			if e := apperr.As(err); e.Kind != apperr.Invalid || !hasField(e.Fields, c.field) {
				t.Errorf("%s: %v, want invalid %s", c.name, err, c.field)
			}
		}
		if got, _ := f.svc.FindMeeting(f.ctx, f.staff, f.school, m.ID); got.Held() || len(got.Attendees) != 0 {
			t.Fatalf("refused saves changed the meeting: %+v", got)
		}
		if _, err := f.svc.SaveMeeting(f.ctx, f.admin, f.school, held); err != nil {
			t.Fatal(err)
		}

		before := f.audits()
		for _, c := range []struct {
			name  string
			edit  func(d *Decision)
			field string
		}{
			{"no text", func(d *Decision) { d.Text = "" }, "text"},
			{"no owner", func(d *Decision) { d.OwnerUnitID, d.OwnerPersonID = 0, 0 }, "owner_unit_id"},
			{"foreign owner", func(d *Decision) { d.OwnerPersonID = f.otherPerson }, "owner_person_id"},
			{"no deadline", func(d *Decision) { d.DueOn = "" }, "due_on"},
			{"deadline before the meeting", func(d *Decision) { d.DueOn = "2026-03-09" }, "due_on"},
		} {
			x := d
			c.edit(&x)
			_, err := f.svc.AddDecision(f.ctx, f.admin, f.school, m.ID, x)
			if e := apperr.As(err); e.Kind != apperr.Invalid || !hasField(e.Fields, c.field) {
				t.Errorf("%s: %v, want invalid %s", c.name, err, c.field)
			}
		}
		if f.count(`SELECT COUNT(*) FROM tasks`) != 0 || f.count(`SELECT COUNT(*) FROM meeting_decisions`) != 0 || f.audits() != before {
			t.Fatal("refused decisions stored something")
		}

		saved, err := f.svc.AddDecision(f.ctx, f.admin, f.school, m.ID, d)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.AddDecision(f.ctx, f.admin, f.school, m.ID, Decision{Text: "4月开展宿舍消防演练", OwnerUnitID: f.unit, DueOn: "2026-04-15"}); err != nil {
			t.Fatal(err)
		}
		tasks, err := task.List(f.ctx, f.db.Read(), task.Filter{SchoolID: f.school, SourceKind: task.SourceMeeting, SourceID: m.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(tasks) != 2 {
			t.Fatalf("%d tasks, want 2", len(tasks))
		}
		first := tasks[0]
		if first.ID != saved.TaskID || first.Title != d.Text || first.OwnerUnitID != f.unit || first.OwnerPersonID != f.member ||
			first.DueOn != "2026-03-31" || first.Status != task.StatusOpen {
			t.Fatalf("task %+v for decision %+v", first, saved)
		}
		got, err := f.svc.FindMeeting(f.ctx, f.staff, f.school, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Decisions) != 2 || got.Decisions[0].OwnerPersonName != "黄轶" || got.Decisions[0].TaskStatus != task.StatusOpen || len(got.Attendees) != 2 {
			t.Fatalf("meeting %+v", got)
		}
		// A meeting with decisions stays held.
		got.HeldOn = ""
		if _, err := f.svc.SaveMeeting(f.ctx, f.admin, f.school, got); !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("un-holding a meeting with decisions: %v", err)
		}

		heldList, err := MeetingsHeld(f.ctx, f.db.Read(), f.school, "2026-03-01", "2026-03-31")
		if err != nil {
			t.Fatal(err)
		}
		if len(heldList) != 1 || heldList[0].Decisions != 2 || heldList[0].Attendees != 2 || !heldList[0].HasMinutes || !heldList[0].HasSituation {
			t.Fatalf("held meetings %+v", heldList)
		}
		if none, _ := MeetingsHeld(f.ctx, f.db.Read(), f.school, "2026-04-01", "2026-04-30"); len(none) != 0 {
			t.Fatalf("April: %+v", none)
		}
		if _, err := f.svc.FindMeeting(f.ctx, f.otherAdmin, f.other, m.ID); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("other school reads the meeting: %v", err)
		}
	})
}
