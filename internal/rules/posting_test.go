package rules

import (
	"slices"
	"testing"

	"safecampus/internal/apperr"
	"safecampus/internal/sqldb"
)

// missingAt returns "rule code@place id" for every missing posting.
func missingAt(t *testing.T, f *fixture) []string {
	t.Helper()
	ms, err := MissingPostings(f.ctx, f.db.Read(), f.school)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range ms {
		out = append(out, m.RuleCode+"@"+itoa(int(m.PlaceID)))
	}
	slices.Sort(out)
	return out
}

func want(f *fixture, pairs ...any) []string {
	var out []string
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, pairs[i].(string)+"@"+itoa(int(pairs[i+1].(int64))))
	}
	slices.Sort(out)
	return out
}

func TestMissingPostings(t *testing.T) {
	eachDialect(t, func(t *testing.T, f *fixture) {
		// By type: the innermost active dormitory places (the rooms, not the
		// building or its floor, not the closed room). By choice: the power room.
		dorm := f.rule(Rule{Code: "SS", Title: "学生宿舍安全管理制度", Area: "FIRE", EffectiveOn: "2020-01-01", PlaceTypes: []string{"student_dormitory"}})
		power := f.rule(Rule{Code: "PD", Title: "配电房安全管理制度", Area: "LOG", EffectiveOn: "2020-01-01", PlaceIDs: []int64{f.power}})
		f.rule(Rule{Code: "NONE", Title: "安全工作例会制度", Area: "RUL", EffectiveOn: "2020-01-01"})
		if got, w := missingAt(t, f), want(f, "SS", f.room1, "SS", f.room2, "PD", f.power); !slices.Equal(got, w) {
			t.Fatalf("missing %v, want %v", got, w)
		}

		record := func(rule, place int64, posted bool) error {
			return f.db.Transact(f.ctx, func(tx *sqldb.Tx) error {
				return RecordPosting(f.ctx, tx, now, f.admin.AccountID, f.school, rule, place, posted, SourceManual)
			})
		}
		if err := record(dorm.ID, f.room1, true); err != nil {
			t.Fatal(err)
		}
		if err := record(dorm.ID, f.room2, false); err != nil {
			t.Fatal(err)
		}
		if got, w := missingAt(t, f), want(f, "SS", f.room2, "PD", f.power); !slices.Equal(got, w) {
			t.Fatalf("after postings: missing %v, want %v", got, w)
		}
		ms, _ := MissingPostings(f.ctx, f.db.Read(), f.school)
		for _, m := range ms {
			if m.PlaceID == f.room2 && (!m.SeenMissing || m.LastCheckedOn != "2026-03-14") {
				t.Errorf("room 2: %+v, want seen missing on 2026-03-14", m)
			}
			if m.PlaceID == f.power && (m.SeenMissing || m.LastCheckedOn != "") {
				t.Errorf("power room: %+v, want never checked", m)
			}
		}
		// The latest check counts: seen posted after being seen missing.
		if err := record(dorm.ID, f.room2, true); err != nil {
			t.Fatal(err)
		}

		before := f.audits()
		for _, c := range []struct {
			name        string
			rule, place int64
			source      string
			kind        apperr.Kind
		}{
			{"building is not required", dorm.ID, f.dorm, SourceManual, apperr.Invalid},
			{"closed room", dorm.ID, f.oldRoom, SourceManual, apperr.Invalid},
			{"other school's place", power.ID, f.otherPlace, SourceManual, apperr.Invalid},
			{"unknown source", power.ID, f.power, "rumour", apperr.Invalid},
			{"no such rule", 999999, f.power, SourceManual, apperr.NotFound},
		} {
			err := f.db.Transact(f.ctx, func(tx *sqldb.Tx) error {
				return RecordPosting(f.ctx, tx, now, f.admin.AccountID, f.school, c.rule, c.place, true, c.source)
			})
			if !apperr.Is(err, c.kind) {
				t.Errorf("%s: %v, want %v", c.name, err, c.kind)
			}
		}
		if f.audits() != before || f.count(`SELECT COUNT(*) FROM rule_postings`) != 3 {
			t.Fatalf("refused postings stored something")
		}

		// An inspection at the power room answering the posting question.
		var n int
		err := f.db.Transact(f.ctx, func(tx *sqldb.Tx) (err error) {
			n, err = RecordInspectionPostings(f.ctx, tx, now, f.admin.AccountID, f.school, f.power, true)
			return err
		})
		if err != nil || n != 1 {
			t.Fatalf("inspection postings: %d, %v; want 1 recorded", n, err)
		}
		if got := missingAt(t, f); len(got) != 0 {
			t.Fatalf("missing %v, want none", got)
		}
		list, _ := f.svc.ListRules(f.ctx, f.staff, f.school, RuleFilter{})
		for _, r := range list {
			if r.Code == "SS" && (r.Required != 2 || r.Missing != 0) {
				t.Errorf("register row SS: required %d missing %d, want 2/0", r.Required, r.Missing)
			}
		}

		// A new version must be posted again everywhere.
		if _, err := f.svc.ReviseRule(f.ctx, f.admin, f.school, dorm.ID, Rule{Title: "学生宿舍安全管理制度（修订）", Area: "FIRE", EffectiveOn: "2026-03-01",
			PlaceTypes: []string{"student_dormitory"}}); err != nil {
			t.Fatal(err)
		}
		if got, w := missingAt(t, f), want(f, "SS", f.room1, "SS", f.room2); !slices.Equal(got, w) {
			t.Fatalf("after revision: missing %v, want %v", got, w)
		}
		// ... and the old version takes no more postings.
		if err := record(dorm.ID, f.room1, true); !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("posting a superseded version: %v", err)
		}
		if err := f.svc.RecordPostingByHand(f.ctx, f.staff, f.school, power.ID, f.power, true); !apperr.Is(err, apperr.Forbidden) {
			t.Fatalf("staff records a posting: %v, want forbidden", err)
		}
	})
}
