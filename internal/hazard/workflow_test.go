package hazard

import (
	"testing"

	"safecampus/internal/apperr"
	"safecampus/internal/testkit"
)

// TestWorkflowWalk: report → confirm → assign → start → progress → submit
// → return → submit → accept, by the people who would, with the timeline,
// the photos and the notifications it leaves.
func TestWorkflowWalk(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			before := f.pendingPhoto(f.reporter)
			h, err := f.svc.Report(f.ctx, f.reporter, f.school, ReportInput{PlaceID: f.place1, Description: "楼道灭火器过期", PhotoIDs: []int64{before}, ClientID: "walk-0001"})
			if err != nil {
				t.Fatal(err)
			}
			if h.Status != StatusReported || h.Source != SourceReport || h.Number != "2026-GEN-0001" || h.UnitID != f.unit1 || h.FoundByPersonID != f.pReporter {
				t.Fatalf("reported hazard: %+v", h)
			}
			step := func(a any, st Step) {
				t.Helper()
				st.Version = h.Version
				var err error
				h, err = f.svc.Apply(f.ctx, f.cast[a.(int)].actor, f.school, h.ID, st)
				if err != nil {
					t.Fatalf("%s: %v", st.Action, err)
				}
			}
			const office, head, resp, acceptor = 0, 1, 2, 3
			step(office, Step{Action: ActConfirm, Level: LevelGeneral, Area: "FIRE", Category: "消防器材"})
			step(office, Step{Action: ActAssign, UnitID: f.unit1, ResponsibleID: f.pResp, AcceptorID: f.pAcceptor, Measures: "更换灭火器", FundsYuan: 800, Deadline: deadline})
			step(head, Step{Action: ActStart, Note: "已安排采购"})
			step(resp, Step{Action: ActProgress, Note: "新灭火器已到货", PhotoIDs: []int64{f.pendingPhoto(f.resp)}})
			step(resp, Step{Action: ActSubmit, Note: "已更换6具灭火器", PhotoIDs: []int64{f.pendingPhoto(f.resp)}})
			step(acceptor, Step{Action: ActReturn, Reason: "3楼东侧未更换"})
			if h.Status != StatusRectifying || h.AcceptanceResult != AcceptanceReturned {
				t.Fatalf("after return: %s %s", h.Status, h.AcceptanceResult)
			}
			step(resp, Step{Action: ActSubmit, Note: "3楼东侧已更换"}) // the earlier evidence still counts
			step(acceptor, Step{Action: ActAccept, Note: "验收合格"})
			if h.Status != StatusClosed || h.ClosedAt == nil || h.AcceptedByID != f.pAcceptor || h.RectifiedByID != f.pResp || h.Area != "FIRE" || h.Number != "2026-GEN-0001" {
				t.Fatalf("closed hazard: %+v", h)
			}
			evs, err := f.svc.Timeline(f.ctx, f.reporter, f.school, h.ID)
			if err != nil {
				t.Fatal(err)
			}
			want := []Action{EvReport, ActConfirm, ActAssign, ActStart, ActProgress, ActSubmit, ActReturn, ActSubmit, ActAccept}
			if len(evs) != len(want) {
				t.Fatalf("timeline has %d entries, want %d", len(evs), len(want))
			}
			for i, e := range evs {
				if e.Action != want[i] {
					t.Fatalf("timeline[%d] = %s, want %s", i, e.Action, want[i])
				}
			}
			if evs[2].Data["deadline"] != deadline || evs[6].Note != "3楼东侧未更换" || evs[8].From != StatusSubmitted || evs[8].To != StatusClosed {
				t.Fatalf("timeline details: %+v / %+v / %+v", evs[2], evs[6], evs[8])
			}
			b, a, p, err := f.svc.Photos(f.ctx, f.head1, f.school, h.ID)
			if err != nil || len(b) != 1 || b[0].ID != before || len(a) != 1 || len(p) != 1 {
				t.Fatalf("photos: %v %v %v %v", b, a, p, err)
			}
			if _, err := f.svc.PhotoFile(f.ctx, f.staff, f.school, h.ID, before); !apperr.Is(err, apperr.NotFound) {
				t.Fatalf("a stranger got a hazard photo: %v", err)
			}
			if ok, _ := f.svc.CanSeePhoto(f.ctx, f.head2, f.school, h.ID); ok {
				t.Fatal("the head of another unit may see the photo")
			}
			// assigned → responsible + unit head; submitted ×2 → acceptor;
			// returned → responsible; accepted → responsible.
			inbox := func(acc int64) int {
				return f.count(`SELECT COUNT(*) FROM notify_inbox WHERE account_id = $1`, acc)
			}
			if inbox(f.resp.AccountID) != 3 || inbox(f.head1.AccountID) != 1 || inbox(f.acceptor.AccountID) != 2 {
				t.Fatalf("inbox: resp %d, head %d, acceptor %d", inbox(f.resp.AccountID), inbox(f.head1.AccountID), inbox(f.acceptor.AccountID))
			}
			if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE entity = 'hazard' AND entity_id = $1`, h.ID); n != len(want) {
				t.Fatalf("%d audit entries, want %d", n, len(want))
			}
		})
	}
}

// TestMajorHazard: plan before start, listing and delisting recorded with
// who and when, acceptance by a leading-group member only.
func TestMajorHazard(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			id := f.hazardAt(StatusAssigned, LevelMajor)
			f.exec(`DELETE FROM hazard_plans WHERE hazard_id = $1`, id)
			apply := func(a int, st Step) error {
				st.Version = f.version(id)
				_, err := f.svc.Apply(f.ctx, f.cast[a].actor, f.school, id, st)
				return err
			}
			must := func(err error) {
				t.Helper()
				if err != nil {
					t.Fatal(err)
				}
			}
			if err := apply(2, Step{Action: ActStart}); !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("start without plan: %v", err)
			}
			must(apply(0, Step{Action: ActList, Note: "学校挂牌督办"}))
			must(apply(2, Step{Action: ActPlan, Plan: &Plan{Goal: "彻底消除配电房线路老化隐患", Methods: "更换全部老化电缆", FundsMaterials: "专项资金12万元",
				Organisation: "后勤管理处 陈建国", TimeLimit: "2026年4月30日前完成", SafetyEmergency: "停电施工，设警戒区，备应急发电机"}}))
			must(apply(2, Step{Action: ActStart}))
			must(apply(2, Step{Action: ActSubmit, Note: "电缆已更换", PhotoIDs: []int64{f.pendingPhoto(f.resp)}}))
			f.clk = now.Add(2 * 24 * 60 * 60 * 1e9)
			must(apply(3, Step{Action: ActAccept, Note: "验收合格"}))
			must(apply(0, Step{Action: ActDelist, Note: "整改完成摘牌"}))
			ls, err := f.svc.Listings(f.ctx, f.leader, f.school, id)
			if err != nil || len(ls) != 1 {
				t.Fatalf("listings: %v %v", ls, err)
			}
			l := ls[0]
			if l.ListedBy != f.office.AccountID || !l.ListedAt.Equal(now) || l.DelistedAt == nil || !l.DelistedAt.Equal(f.clk) || l.DelistedBy != f.office.AccountID || l.Note != "学校挂牌督办" {
				t.Fatalf("listing: %+v", l)
			}
			h, _ := f.svc.Get(f.ctx, f.office, f.school, id)
			if h.Listed || h.Status != StatusClosed {
				t.Fatalf("after delisting: listed %v status %s", h.Listed, h.Status)
			}
			p, err := f.svc.PlanOf(f.ctx, f.office, f.school, id)
			if err != nil || p == nil || !p.Complete() || p.Organisation != "后勤管理处 陈建国" {
				t.Fatalf("plan: %+v %v", p, err)
			}
			// Major hazards go to the outbound channels too.
			if n := f.count(`SELECT COUNT(*) FROM notify_messages WHERE school_id = $1`, f.school); n == 0 {
				t.Fatal("no notifications for the major hazard")
			}
		})
	}
}

// TestExtension: request, approve (the deadline moves and the overdue
// marks are cleared), and a refused one keeps the deadline.
func TestExtension(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			id := f.hazardAt(StatusRectifying, LevelGeneral)
			f.exec(`UPDATE hazards SET overdue = TRUE, overdue_since = 1, escalation_step = 2 WHERE id = $1`, id)
			h, err := f.svc.Apply(f.ctx, f.resp, f.school, id, Step{Action: ActRequestExtension, Version: 1, NewDeadline: laterByTen, Reason: "配件需厂家定制"})
			if err != nil {
				t.Fatal(err)
			}
			acts, _ := f.svc.Actions(f.ctx, f.office, h)
			if !containsAction(acts, ActApproveExtension) || containsAction(acts, ActRequestExtension) {
				t.Fatalf("office actions with a pending request: %v", acts)
			}
			h, err = f.svc.Apply(f.ctx, f.office, f.school, id, Step{Action: ActApproveExtension, Version: h.Version, Note: "同意"})
			if err != nil {
				t.Fatal(err)
			}
			if h.Deadline != laterByTen || h.Overdue || h.OverdueSince != nil || h.EscalationStep != 0 {
				t.Fatalf("approved: %+v", h)
			}
			es, _ := f.svc.Extensions(f.ctx, f.resp, f.school, id)
			if len(es) != 1 || es[0].Status != ExtensionApproved || es[0].DecidedBy != f.office.AccountID {
				t.Fatalf("extensions: %+v", es)
			}
			if f.count(`SELECT COUNT(*) FROM notify_inbox WHERE account_id = $1`, f.resp.AccountID) != 1 {
				t.Fatal("the requester was not told")
			}
			h, err = f.svc.Apply(f.ctx, f.resp, f.school, id, Step{Action: ActRequestExtension, Version: h.Version, NewDeadline: "2026-04-10", Reason: "再延"})
			if err != nil {
				t.Fatal(err)
			}
			h, err = f.svc.Apply(f.ctx, f.office, f.school, id, Step{Action: ActRefuseExtension, Version: h.Version, Reason: "不得再延期"})
			if err != nil || h.Deadline != laterByTen {
				t.Fatalf("refused: %v %s", err, h.Deadline)
			}
		})
	}
}

func containsAction(xs []Action, a Action) bool {
	for _, x := range xs {
		if x == a {
			return true
		}
	}
	return false
}

// TestNoAcceptorMeansOffice: without a named acceptor the office accepts,
// and Actions shows no accept button to the rectifier.
func TestNoAcceptorMeansOffice(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			id := f.hazardAt(StatusSubmitted, LevelGeneral)
			f.exec(`UPDATE hazards SET acceptor_person_id = NULL WHERE id = $1`, id)
			h, _ := f.svc.Get(f.ctx, f.office, f.school, id)
			if acts, _ := f.svc.Actions(f.ctx, f.office, h); !containsAction(acts, ActAccept) {
				t.Fatalf("office actions: %v", acts)
			}
			if acts, _ := f.svc.Actions(f.ctx, f.acceptor, h); containsAction(acts, ActAccept) {
				t.Fatalf("an unnamed leader may accept: %v", acts)
			}
			f.exec(`UPDATE hazards SET rectified_by_person_id = $1 WHERE id = $2`, f.pOffice, id)
			h, _ = f.svc.Get(f.ctx, f.office, f.school, id)
			if acts, _ := f.svc.Actions(f.ctx, f.office, h); containsAction(acts, ActAccept) {
				t.Fatalf("the rectifier is offered acceptance: %v", acts)
			}
		})
	}
}

// TestOtherSchool: another school's hazard id is not found on every path.
func TestOtherSchool(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			id := f.hazardAt(StatusRectifying, LevelGeneral)
			before := f.snap(id)
			if _, err := f.svc.Get(f.ctx, f.otherAdmin, f.other, id); !apperr.Is(err, apperr.NotFound) {
				t.Fatalf("get through own school: %v", err)
			}
			if _, err := f.svc.Get(f.ctx, f.otherAdmin, f.school, id); !apperr.Is(err, apperr.NotFound) {
				t.Fatalf("get: %v", err)
			}
			if _, err := f.svc.Timeline(f.ctx, f.otherAdmin, f.school, id); !apperr.Is(err, apperr.NotFound) {
				t.Fatalf("timeline: %v", err)
			}
			_, err := f.svc.Apply(f.ctx, f.otherAdmin, f.other, id, Step{Action: ActProgress, Version: 1, Note: "x"})
			f.refused(id, before, err, apperr.NotFound, "隐患记录不存在。")
		})
	}
}
