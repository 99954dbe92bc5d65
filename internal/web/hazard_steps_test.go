package web

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"safecampus/internal/auth"
	"safecampus/internal/hazard"
)

// actor loads a test account as an actor.
func (e *hazardEnv) actor(user string) *auth.Actor {
	e.x.t.Helper()
	a, err := e.Auth.LoadActor(context.Background(), e.AccountIDs[user])
	if err != nil {
		e.x.t.Fatal(err)
	}
	return a
}

// hazardAt makes a hazard reported by staff and walks it through the
// service to status st (the major one gets its governance plan on the
// way), so each page test starts where its form is shown.
func (e *hazardEnv) hazardAt(st hazard.Status, major bool) string {
	t := e.x.t
	t.Helper()
	ctx, s, school := context.Background(), e.Server.Hazard, e.SchoolID
	office, wang := e.actor("office"), e.actor("wang")
	e.x.vars["n"] += "x"
	h, err := s.Report(ctx, e.actor("staff"), school, hazard.ReportInput{PlaceID: placeID(e.x), Description: "配电箱未上锁" + e.x.vars["n"],
		ClientID: "step-test-" + strconv.Itoa(len(e.x.vars["n"]))})
	if err != nil {
		t.Fatal(err)
	}
	apply := func(a *auth.Actor, step hazard.Step) {
		t.Helper()
		step.Version = h.Version
		if h, err = s.Apply(ctx, a, school, h.ID, step); err != nil {
			t.Fatalf("%s: %v", step.Action, err)
		}
	}
	level := hazard.LevelGeneral
	if major {
		level = hazard.LevelMajor
	}
	order := []hazard.Status{hazard.StatusReported, hazard.StatusConfirmed, hazard.StatusAssigned, hazard.StatusRectifying, hazard.StatusSubmitted, hazard.StatusClosed}
	for _, next := range order[1:] {
		if h.Status == st {
			break
		}
		switch next {
		case hazard.StatusConfirmed:
			apply(office, hazard.Step{Action: hazard.ActConfirm, Level: level, Area: "LOG"})
		case hazard.StatusAssigned:
			apply(office, hazard.Step{Action: hazard.ActAssign, UnitID: e.SubUnitID, ResponsibleID: e.PersonID, Measures: "加装门锁", Deadline: "2026-03-09"})
			if major {
				apply(office, hazard.Step{Action: hazard.ActPlan, Plan: &hazard.Plan{Goal: "消除触电风险", Methods: "加锁", FundsMaterials: "500元",
					Organisation: "配电班", TimeLimit: "一周", SafetyEmergency: "断电作业"}})
			}
		case hazard.StatusRectifying:
			apply(wang, hazard.Step{Action: hazard.ActStart})
		case hazard.StatusSubmitted:
			saved, err := e.Server.Photos.Put(bytes.NewReader(pngBytes(t)), 0)
			if err != nil {
				t.Fatal(err)
			}
			ph, err := s.AddPendingPhoto(ctx, wang, school, saved)
			if err != nil {
				t.Fatal(err)
			}
			apply(wang, hazard.Step{Action: hazard.ActSubmit, Note: "已加锁", PhotoIDs: []int64{ph}})
		case hazard.StatusClosed:
			apply(office, hazard.Step{Action: hazard.ActAccept})
		}
	}
	return strconv.FormatInt(h.ID, 10)
}

// TestHazardStepForms takes every step through its form once as someone
// allowed (the page then shows what it did) and once refused: by the
// table (403), by a guard or a missing field (422, the Chinese reason on
// the page) or by a stale version (409). A refused step changes nothing.
func TestHazardStepForms(t *testing.T) {
	e := newHazardEnv(t)
	type tc struct {
		name   string
		status hazard.Status
		major  bool
		user   string
		action string
		form   url.Values
		photo  bool
		code   int
		show   string // on the page after success, or in the refusal
	}
	v := func(kv ...string) url.Values {
		out := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			out.Set(kv[i], kv[i+1])
		}
		return out
	}
	assign := v("unit_id", e.x.vars["subunit"], "responsible_id", e.x.vars["person"], "measures", "加装门锁", "deadline", "2026-03-09")
	cases := []tc{
		{"confirm", hazard.StatusReported, false, "office", "confirm", v("level", "major", "area", "LOG"), false, 303, "重大隐患"},
		{"confirm refused to a leader", hazard.StatusReported, false, "principal", "confirm", v("level", "general"), false, 403, "确认"},
		{"reject", hazard.StatusReported, false, "office", "reject", v("reason", "非安全问题"), false, 303, "非安全问题"},
		{"reject needs a reason", hazard.StatusReported, false, "office", "reject", v("reason", ""), false, 422, "请填写驳回理由"},
		{"reject as duplicate of an unknown number", hazard.StatusReported, false, "office", "reject", v("reason", "重复", "duplicate_number", "2026-FIRE-9999"), false, 422, "未找到编号为 2026-FIRE-9999"},
		{"assign", hazard.StatusConfirmed, false, "office", "assign", assign, false, 303, "加装门锁"},
		{"assign with a past deadline", hazard.StatusConfirmed, false, "office", "assign", v("unit_id", e.x.vars["subunit"], "responsible_id", e.x.vars["person"], "measures", "加锁", "deadline", "2026-03-01"), false, 422, "整改期限不能早于今天"},
		{"start", hazard.StatusAssigned, false, "wang", "start", nil, false, 303, "整改中"},
		{"start refused to the reporter", hazard.StatusAssigned, false, "staff", "start", nil, false, 403, ""},
		{"plan", hazard.StatusConfirmed, true, "office", "plan", v("goal", "目标", "methods", "方法", "funds_materials", "经费", "organisation", "机构", "time_limit", "时限", "safety_emergency", "预案"), false, 303, "安全措施和应急预案"},
		{"plan needs all six elements", hazard.StatusConfirmed, true, "office", "plan", v("goal", "目标"), false, 422, "请填写采取的方法和措施"},
		{"progress with a photo", hazard.StatusRectifying, false, "wang", "progress", v("note", "已采购门锁"), true, 303, "整改过程照片"},
		{"progress needs a note", hazard.StatusRectifying, false, "wang", "progress", v("note", ""), false, 422, "请填写整改进展"},
		{"submit with a photo", hazard.StatusRectifying, false, "wang", "submit", v("note", "已加锁"), true, 303, "待验收"},
		{"submit without evidence", hazard.StatusRectifying, false, "wang", "submit", v("note", "已加锁"), false, 422, "提交验收前请上传至少一张整改后的照片"},
		{"accept", hazard.StatusSubmitted, false, "office", "accept", v("note", "合格"), false, 303, "已销号"},
		{"accept refused to the rectifier", hazard.StatusSubmitted, false, "wang", "accept", nil, false, 403, ""},
		{"accept of a major hazard by the office outside the leading group", hazard.StatusSubmitted, true, "office", "accept", nil, false, 422, "重大隐患须由安全领导小组成员验收"},
		{"return", hazard.StatusSubmitted, false, "office", "return", v("reason", "未拍到锁具"), false, 303, "未拍到锁具"},
		{"return needs a reason", hazard.StatusSubmitted, false, "office", "return", v("reason", ""), false, 422, "请填写退回理由"},
		{"request extension", hazard.StatusRectifying, false, "wang", "request_extension", v("new_deadline", "2026-03-20", "reason", "门锁缺货"), false, 303, "待审批"},
		{"extension beyond the office's limit", hazard.StatusRectifying, false, "wang", "request_extension", v("new_deadline", "2026-06-30", "reason", "门锁缺货"), false, 422, "30"},
		{"reassign", hazard.StatusAssigned, false, "office", "reassign", v("unit_id", e.x.vars["unit"], "responsible_id", e.x.vars["zhao"], "reason", "属后勤处管理"), false, 303, "赵组长"},
		{"reassign needs a reason", hazard.StatusAssigned, false, "office", "reassign", v("unit_id", e.x.vars["unit"], "responsible_id", e.x.vars["zhao"]), false, 422, "请填写改派理由"},
		{"reopen", hazard.StatusClosed, false, "office", "reopen", v("reason", "回头看发现未整改", "new_deadline", "2026-03-16"), false, 303, "整改中"},
		{"reopen needs a new deadline", hazard.StatusClosed, false, "office", "reopen", v("reason", "回头看发现未整改"), false, 422, "整改期限"},
		{"list", hazard.StatusAssigned, true, "office", "list", v("note", "校级挂牌"), false, 303, "督办中"},
		{"list refused for a general hazard", hazard.StatusAssigned, false, "office", "list", nil, false, 422, "只适用于重大隐患"},
		{"stale version", hazard.StatusReported, false, "office", "confirm", v("version", "99", "level", "general"), false, 409, "记录已被他人修改"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.x.t = t
			e.bind(t)
			id := e.hazardAt(c.status, c.major)
			cl := e.clients[c.user]
			before := e.auditCount(t)
			form := url.Values{}
			for k, vs := range c.form {
				form[k] = vs
			}
			if form.Get("version") == "" {
				m := versionField.FindStringSubmatch(e.page(e.clients["office"], id))
				form.Set("version", m[1])
			}
			var rec *httptest.ResponseRecorder
			if c.photo {
				rec = e.stepPhoto(cl, id, c.action, form, string(pngBytes(t)))
			} else {
				rec = e.step(cl, id, c.action, form)
			}
			expect(t, rec, c.code)
			if c.code == http.StatusSeeOther {
				if loc := rec.Header().Get("Location"); loc != "/hazards/"+id {
					t.Fatalf("redirected to %q", loc)
				}
				if c.show != "" {
					expect(t, e.clients["office"].get("/hazards/"+id), http.StatusOK, c.show)
				}
				return
			}
			if c.show != "" && !strings.Contains(rec.Body.String(), c.show) {
				t.Errorf("refusal lacks %q: %.1500s", c.show, rec.Body.String())
			}
			if e.auditCount(t) != before {
				t.Errorf("refused step appended %d audit entries", e.auditCount(t)-before)
			}
		})
	}
}

// TestHazardExtensionDecisions: the office approves one request and
// refuses another (which needs a reason).
func TestHazardExtensionDecisions(t *testing.T) {
	e := newHazardEnv(t)
	for _, c := range []struct {
		action, note string
		code         int
		show         string
	}{
		{"approve_extension", "同意", 303, "已批准"},
		{"refuse_extension", "", 422, "请填写不批准的理由"},
		{"refuse_extension", "门锁不缺货", 303, "未批准"},
	} {
		id := e.hazardAt(hazard.StatusRectifying, false)
		expect(t, e.step(e.clients["wang"], id, "request_extension", url.Values{"new_deadline": {"2026-03-20"}, "reason": {"缺货"}}), http.StatusSeeOther)
		if body := e.page(e.clients["wang"], id); strings.Contains(body, `/`+c.action+`"`) {
			t.Errorf("the requester is offered %s", c.action)
		}
		rec := e.step(e.clients["office"], id, c.action, url.Values{"note": {c.note}})
		expect(t, rec, c.code)
		if c.code == http.StatusSeeOther {
			rec = e.clients["office"].get("/hazards/" + id)
		}
		expect(t, rec, rec.Code, c.show)
	}
}
