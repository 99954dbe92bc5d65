package hazard

import (
	"testing"

	"safecampus/internal/apperr"
	"safecampus/internal/testkit"
)

// allowedCells is the number of (level, status, action, cast member) cells
// the table allows, counted by hand from Table and the cast's relations:
// confirm 1×1×2, reject 1×2×2, assign 1×1×2, plan 3 actors×3 statuses
// (major only), start/progress/submit 3×1×2 each, accept and return
// 1×1×2 each, request extension 3×2×2, approve and refuse 1×2×2 each,
// reassign 1×2×2, reopen 1×1×2, list 1×4 and delist 1×5 (major only).
// A change to the table or to relations must change this number.
const allowedCells = 2 + 4 + 2 + 9 + 6 + 6 + 6 + 2 + 2 + 12 + 4 + 4 + 4 + 2 + 4 + 5

// TestTransitionTable walks every level × status × action × cast member.
// Allowed cells must succeed through Apply with valid input and move the
// hazard as the table says; refused cells must fail with the right kind
// and change nothing (version, timeline, audit, side tables).
func TestTransitionTable(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			allowed := 0
			for _, level := range []string{LevelGeneral, LevelMajor} {
				for _, st := range Statuses {
					shared := f.hazardAt(st, level)
					f.checkRelations(shared)
					for _, rule := range Table {
						for _, m := range f.cast {
							if m.visible && Permits(rule.Action, st, level == LevelMajor, m.rels) {
								allowed++
								f.allowedCell(m, rule, st, level)
								continue
							}
							f.refusedCell(shared, m, rule, st, level)
						}
					}
				}
			}
			if allowed != allowedCells {
				t.Fatalf("the table allowed %d cells, counted by hand %d", allowed, allowedCells)
			}
		})
	}
}

// checkRelations asserts Relations returns exactly the cast's written-out
// relations, so the table test does not trust the code it tests.
func (f *fixture) checkRelations(id int64) {
	f.t.Helper()
	h, err := load(f.ctx, f.db.Read(), f.school, id, "")
	if err != nil {
		f.t.Fatal(err)
	}
	for _, m := range f.cast {
		got, err := f.svc.Relations(f.ctx, f.db.Read(), m.actor, h)
		if err != nil {
			f.t.Fatal(err)
		}
		if len(got) != len(m.rels) {
			f.t.Fatalf("%s: relations %v, want %v", m.name, got, m.rels)
		}
		for r := range m.rels {
			if !got[r] {
				f.t.Fatalf("%s: relations %v, want %v", m.name, got, m.rels)
			}
		}
		_, err = f.svc.Get(f.ctx, m.actor, f.school, id)
		if (err == nil) != m.visible {
			f.t.Fatalf("%s: Get error %v, visible %v", m.name, err, m.visible)
		}
	}
}

func (f *fixture) allowedCell(m member, rule Rule, st Status, level string) {
	f.t.Helper()
	id := f.hazardAt(st, level)
	step := f.validStep(rule.Action, id, m)
	before := f.snap(id)
	h, err := f.svc.Apply(f.ctx, m.actor, f.school, id, step)
	if err != nil {
		f.t.Fatalf("%s %s %s by %s: %v", level, st, rule.Action, m.name, err)
	}
	want := st
	if rule.To != "" {
		want = rule.To
	}
	after := f.snap(id)
	if h.Status != want || h.Version != int64(before.version)+1 || after.events != before.events+1 || after.audit != before.audit+1 {
		f.t.Fatalf("%s %s %s by %s: status %s (want %s), version %d→%d, events %d→%d, audit %d→%d", level, st, rule.Action, m.name,
			h.Status, want, before.version, h.Version, before.events, after.events, before.audit, after.audit)
	}
	var action string
	if err := f.db.Raw().QueryRowContext(f.ctx, `SELECT action FROM hazard_events WHERE hazard_id = $1 ORDER BY id DESC LIMIT 1`, id).Scan(&action); err != nil || action != string(rule.Action) {
		f.t.Fatalf("%s: last event %q (%v)", rule.Action, action, err)
	}
}

func (f *fixture) refusedCell(id int64, m member, rule Rule, st Status, level string) {
	f.t.Helper()
	var want apperr.Kind
	switch {
	case !m.visible:
		want = apperr.NotFound
	case !holdsAny(rule.Who, m.rels):
		want = apperr.Forbidden
	case rule.MajorOnly && level != LevelMajor:
		want = apperr.Invalid
	default:
		want = apperr.Conflict // the table does not allow the step from st
	}
	step := f.validStep(rule.Action, 0, m)
	step.Version = f.version(id)
	before := f.snap(id)
	_, err := f.svc.Apply(f.ctx, m.actor, f.school, id, step)
	if apperr.KindOf(err) != want {
		f.t.Fatalf("%s %s %s by %s: want %v, got %v", level, st, rule.Action, m.name, want, err)
	}
	if want == apperr.Conflict && apperr.As(err).Message != "该隐患当前状态为「"+Label(st)+"」，不能执行「"+ActionLabel(rule.Action)+"」。" {
		f.t.Fatalf("state message: %q", apperr.As(err).Message)
	}
	if after := f.snap(id); after != before {
		f.t.Fatalf("%s %s %s by %s: refused step changed %+v → %+v", level, st, rule.Action, m.name, before, after)
	}
}

// validStep is a complete, valid form for action by m on hazard id (0: a
// refused cell, where nothing is prepared).
func (f *fixture) validStep(action Action, id int64, m member) Step {
	st := Step{Action: action, Note: "按要求处理", Reason: "现场核实"}
	if id != 0 {
		st.Version = f.version(id)
	}
	switch action {
	case ActConfirm:
		st.Area, st.Category = "FIRE", "消防设施"
	case ActAssign:
		st.UnitID, st.ResponsibleID, st.AcceptorID, st.Measures, st.Deadline = f.unit1, f.pResp, f.pAcceptor, "拆除私拉电线，安装集中充电桩", deadline
	case ActReassign:
		st.UnitID, st.ResponsibleID = f.unit2, f.pStaff
	case ActPlan:
		st.Plan = &Plan{Goal: "消除电动车楼内充电隐患", Methods: "安装充电桩", FundsMaterials: "经费3万元", Organisation: "后勤管理处",
			TimeLimit: "2026年4月底前", SafetyEmergency: "施工期间设专人值守"}
	case ActSubmit:
		if id != 0 {
			st.PhotoIDs = []int64{f.pendingPhoto(m.actor)}
		}
	case ActRequestExtension:
		st.NewDeadline = laterByTen
	case ActApproveExtension, ActRefuseExtension:
		if id != 0 {
			f.pendingExtension(id)
		}
	case ActReopen:
		st.NewDeadline = laterByTen
	case ActDelist:
		if id != 0 {
			f.exec(`UPDATE hazards SET listed = TRUE WHERE id = $1`, id)
			f.exec(`INSERT INTO hazard_listings (school_id, hazard_id, listed_at, listed_by) VALUES ($1, $2, 0, $3)`, f.school, id, f.office.AccountID)
		}
	}
	return st
}
