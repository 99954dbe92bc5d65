package lookback

import (
	"strings"
	"testing"

	"safecampus/internal/apperr"
	"safecampus/internal/hazard"
)

// drawFor makes a draw of every hazard of the population with one
// inspector and returns its checks by hazard id.
func (f *fixture) drawFor(inspector int64) map[int64]Check {
	f.t.Helper()
	d, err := f.svc.Create(f.ctx, f.office, f.school, DrawInput{Filter: Filter{Percent: 100}, Seed: 3, InspectorIDs: []int64{inspector}, DueOn: "2026-10-31"})
	if err != nil {
		f.t.Fatal(err)
	}
	_, cs, err := f.svc.Get(f.ctx, f.office, f.school, d.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	out := map[int64]Check{}
	for _, c := range cs {
		out[c.HazardID] = c
	}
	return out
}

type hazardState struct {
	status, recheck string
	version         int
	events, reopens int
}

func (f *fixture) hazardState(id int64) hazardState {
	var s hazardState
	if err := f.db.Raw().QueryRowContext(f.ctx, `SELECT status, recheck_result, version FROM hazards WHERE id = $1`, id).Scan(&s.status, &s.recheck, &s.version); err != nil {
		f.t.Fatal(err)
	}
	s.events = f.count(`SELECT COUNT(*) FROM hazard_events WHERE hazard_id = $1`, id)
	s.reopens = f.count(`SELECT COUNT(*) FROM audit_log WHERE entity = 'hazard' AND entity_id = $1 AND action = 'hazard.reopen'`, id)
	return s
}

// TestFailedRecheckReopens: the named inspector (a grid member, not the
// office) records a failed re-check; the hazard is reopened in the same
// transaction as the office account that ordered the draw, with the new
// deadline, a re-check entry and a reopen entry on its timeline, and
// audit entries for the re-check, the re-check result and the reopen.
// A passed re-check only records its result.
func TestFailedRecheckReopens(t *testing.T) {
	dialects(t, func(t *testing.T, f *fixture) {
		ids := f.population(2)
		checks := f.drawFor(f.pFeng)
		photo := f.insert(`INSERT INTO photos (school_id, owner_kind, owner_id, file_name, sha256, width, height, bytes, uploaded_by, created_at)
			VALUES ($1, 'pending', $2, '2026/10/00000000000000000000000000000001.jpg', 'x', 10, 10, 10, $2, 0) RETURNING id`, f.school, f.feng.AccountID)
		auditBefore := f.count(`SELECT COUNT(*) FROM audit_log`)

		c, err := f.svc.Record(f.ctx, f.feng, f.school, checks[ids[0]].ID, RecordInput{Result: ResultFailed,
			Note: "充电桩已拆除，楼道内又有电动车充电", NewDeadline: "2026-10-26", PhotoIDs: []int64{photo}})
		if err != nil {
			t.Fatal(err)
		}
		if c.Result != ResultFailed || c.CheckedBy != f.feng.AccountID || len(c.Photos) != 1 || c.HazardStatus != hazard.StatusRectifying {
			t.Fatalf("recorded check %+v", c)
		}
		h, err := f.svc.Hazards.Get(f.ctx, f.office, f.school, ids[0])
		if err != nil {
			t.Fatal(err)
		}
		if h.Status != hazard.StatusRectifying || h.Deadline != "2026-10-26" || h.ClosedAt != nil || h.RecheckResult != ResultFailed {
			t.Fatalf("reopened hazard: status %s deadline %s closed %v recheck %q", h.Status, h.Deadline, h.ClosedAt, h.RecheckResult)
		}
		tl, err := f.svc.Hazards.Timeline(f.ctx, f.office, f.school, ids[0])
		if err != nil || len(tl) != 2 {
			t.Fatalf("timeline %+v, %v", tl, err)
		}
		if tl[0].Action != hazard.EvRecheck || tl[0].ActorAccountID != f.feng.AccountID || !strings.Contains(tl[0].Note, "复查不合格") {
			t.Fatalf("re-check entry %+v", tl[0])
		}
		if tl[1].Action != hazard.ActReopen || tl[1].ActorAccountID != f.office.AccountID || tl[1].To != hazard.StatusRectifying ||
			!strings.Contains(tl[1].Note, "复查人：冯磊") {
			t.Fatalf("reopen entry %+v", tl[1])
		}
		if n := f.count(`SELECT COUNT(*) FROM audit_log`) - auditBefore; n != 3 {
			t.Fatalf("%d audit entries, want 3 (re-check, re-check result, reopen)", n)
		}
		if s := f.hazardState(ids[0]); s.reopens != 1 {
			t.Fatalf("reopen audit entries: %d", s.reopens)
		}

		before := f.hazardState(ids[1])
		if _, err := f.svc.Record(f.ctx, f.feng, f.school, checks[ids[1]].ID, RecordInput{Result: ResultPassed, Note: "已安装充电桩，现场无违规充电"}); err != nil {
			t.Fatal(err)
		}
		after := f.hazardState(ids[1])
		if after.status != "closed" || after.recheck != ResultPassed || after.reopens != 0 || after.events != before.events+1 || after.version != before.version+1 {
			t.Fatalf("passed re-check: %+v → %+v", before, after)
		}
	})
}

// TestRecordRefused: someone not named is forbidden, another school's
// re-check is not found, a recorded one cannot be recorded again, a
// failed one needs a note and a future deadline — each leaving the
// re-check and the hazard as they were.
func TestRecordRefused(t *testing.T) {
	dialects(t, func(t *testing.T, f *fixture) {
		ids := f.population(1)
		check := f.drawFor(f.pFeng)[ids[0]].ID
		fail := RecordInput{Result: ResultFailed, Note: "仍有违规充电", NewDeadline: "2026-10-26"}
		cases := []struct {
			name string
			err  error
			kind apperr.Kind
			msg  string
		}{
			{"an inspector not named", errRec(f.svc.Record(f.ctx, f.zhao, f.school, check, fail)), apperr.Forbidden, "只有被指定的复查人员"},
			{"staff", errRec(f.svc.Record(f.ctx, f.staff, f.school, check, fail)), apperr.Forbidden, "只有被指定的复查人员"},
			{"a leader", errRec(f.svc.Record(f.ctx, f.leader, f.school, check, fail)), apperr.Forbidden, "只有被指定的复查人员"},
			{"another school's admin", errRec(f.svc.Record(f.ctx, f.otherAdmin, f.other, check, fail)), apperr.NotFound, "回头看记录不存在"},
			{"no result", errRec(f.svc.Record(f.ctx, f.feng, f.school, check, RecordInput{})), apperr.Invalid, "请选择复查结论"},
			{"failed without a note", errRec(f.svc.Record(f.ctx, f.feng, f.school, check, RecordInput{Result: ResultFailed, NewDeadline: "2026-10-26"})), apperr.Invalid, "请填写复查情况"},
			{"failed without a deadline", errRec(f.svc.Record(f.ctx, f.feng, f.school, check, RecordInput{Result: ResultFailed, Note: "x"})), apperr.Invalid, "须重新确定整改期限"},
			{"failed with a past deadline", errRec(f.svc.Record(f.ctx, f.feng, f.school, check, RecordInput{Result: ResultFailed, Note: "x", NewDeadline: "2026-10-01"})), apperr.Invalid, "整改期限不能早于今天"},
			{"someone else's photo", errRec(f.svc.Record(f.ctx, f.feng, f.school, check, RecordInput{Result: ResultPassed, PhotoIDs: []int64{f.insert(`INSERT INTO photos (school_id, owner_kind, owner_id, file_name, sha256, width, height, bytes, uploaded_by, created_at)
				VALUES ($1, 'pending', $2, 'x.jpg', 'x', 1, 1, 1, $2, 0) RETURNING id`, f.school, f.zhao.AccountID)}})), apperr.Invalid, "不是您上传的"},
		}
		for _, c := range cases {
			if apperr.KindOf(c.err) != c.kind || !strings.Contains(apperr.As(c.err).Message+fieldText(c.err), c.msg) {
				t.Errorf("%s: got %v, want %v %q", c.name, c.err, c.kind, c.msg)
			}
		}
		if s := f.hazardState(ids[0]); s.status != "closed" || s.recheck != "" || s.events != 0 {
			t.Fatalf("refused records changed the hazard: %+v", s)
		}
		if n := f.count(`SELECT COUNT(*) FROM lookback_checks WHERE result <> 'pending'`) + f.count(`SELECT COUNT(*) FROM audit_log WHERE action <> 'lookback.draw'`); n != 0 {
			t.Fatalf("refused records stored %d rows", n)
		}
		// The office may record any re-check of its school; then it is done.
		if _, err := f.svc.Record(f.ctx, f.office, f.school, check, RecordInput{Result: ResultPassed}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Record(f.ctx, f.feng, f.school, check, fail); !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("second record: %v, want conflict", err)
		}
	})
}

// TestReopenNeedsAnOfficeBehindTheDraw: when the account that ordered the
// draw no longer holds the office's right, an inspector's failed re-check
// is refused (the office records it instead) and nothing is stored.
func TestReopenNeedsAnOfficeBehindTheDraw(t *testing.T) {
	dialects(t, func(t *testing.T, f *fixture) {
		ids := f.population(1)
		check := f.drawFor(f.pFeng)[ids[0]].ID
		delete(f.actors, f.office.AccountID) // the account is gone
		_, err := f.svc.Record(f.ctx, f.feng, f.school, check, RecordInput{Result: ResultFailed, Note: "仍有违规充电", NewDeadline: "2026-10-26"})
		if !apperr.Is(err, apperr.Conflict) || f.hazardState(ids[0]).status != "closed" {
			t.Fatalf("got %v", err)
		}
		if _, err := f.svc.Record(f.ctx, f.office, f.school, check, RecordInput{Result: ResultFailed, Note: "仍有违规充电", NewDeadline: "2026-10-26"}); err != nil {
			t.Fatal(err)
		}
		if s := f.hazardState(ids[0]); s.status != "rectifying" {
			t.Fatalf("office's failed re-check left %+v", s)
		}
	})
}

// TestViewAndMine: the inspector sees their re-checks; another school's
// draw is not found; a grid member may not read the draws.
func TestViewAndMine(t *testing.T) {
	dialects(t, func(t *testing.T, f *fixture) {
		f.population(3)
		checks := f.drawFor(f.pZhao)
		mine, err := f.svc.Mine(f.ctx, f.zhao, f.school)
		if err != nil || len(mine) != 3 || mine[0].Description == "" || mine[0].DueOn != "2026-10-31" {
			t.Fatalf("mine: %+v, %v", mine, err)
		}
		if none, _ := f.svc.Mine(f.ctx, f.feng, f.school); len(none) != 0 {
			t.Fatalf("feng sees %d re-checks of zhao's", len(none))
		}
		var draw int64
		for _, c := range checks {
			draw = c.DrawID
		}
		if _, _, err := f.svc.Get(f.ctx, f.otherAdmin, f.other, draw); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("another school's draw: %v", err)
		}
		if _, _, err := f.svc.Get(f.ctx, f.feng, f.school, draw); !apperr.Is(err, apperr.Forbidden) {
			t.Fatalf("grid member reads a draw: %v", err)
		}
		if ds, err := f.svc.List(f.ctx, f.leader, f.school); err != nil || len(ds) != 1 || ds[0].Pending() != 3 {
			t.Fatalf("leader's list: %+v, %v", ds, err)
		}
		if ok, _ := f.svc.CanSeePhoto(f.ctx, f.zhao, f.school, mine[0].ID); !ok {
			t.Fatal("the named inspector may not see the re-check's photos")
		}
		if ok, _ := f.svc.CanSeePhoto(f.ctx, f.feng, f.school, mine[0].ID); ok {
			t.Fatal("another inspector sees the re-check's photos")
		}
	})
}

func errRec(_ *Check, err error) error { return err }
