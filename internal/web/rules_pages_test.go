package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"safecampus/internal/auth"
	"safecampus/internal/rules"
	"safecampus/internal/task"
)

var rulesManage = []auth.Permission{auth.PermRulesManage}

// ruleSeq numbers the rules ownRule makes: GET rows share one fixture, so
// a user's second rule needs a code of its own.
var ruleSeq atomic.Int64

func (x *rowCtx) int64(name string) int64 {
	v, _ := strconv.ParseInt(x.id(name), 10, 64)
	return v
}

// ownRule gives each user a rule of their own, in force since 2026-03-01
// and to be posted at the fixture's place, so a revision by one user does
// not supersede the rule another user aims at.
func ownRule(x *rowCtx) {
	r, err := x.f.Server.Rules.CreateRule(context.Background(), auth.System(), x.f.SchoolID, rules.Rule{Code: "PD-" + x.user + "-" + strconv.FormatInt(ruleSeq.Add(1), 10), Title: "配电房安全管理制度",
		Area: "LOG", EffectiveOn: "2026-03-01", PlaceIDs: []int64{x.int64("place")}})
	if err != nil {
		x.t.Fatalf("own rule: %v", err)
	}
	x.vars["rule"] = strconv.FormatInt(r.ID, 10)
}

// ownPolicy gives each user a proposed policy item.
func ownPolicy(x *rowCtx) {
	p, err := x.f.Server.Rules.SavePolicyItem(context.Background(), auth.System(), x.f.SchoolID, rules.PolicyItem{Title: "电动自行车充电管理缺少制度",
		Measures: "制定电动自行车停放充电管理规定", LeadUnitID: x.int64("unit"), ResponsiblePersonID: x.int64("person"), DueOn: "2026-06-30"})
	if err != nil {
		x.t.Fatalf("own policy item: %v", err)
	}
	x.vars["policy"] = strconv.FormatInt(p.ID, 10)
}

// ownMeeting gives each user a held meeting.
func ownMeeting(x *rowCtx) {
	m, err := x.f.Server.Rules.SaveMeeting(context.Background(), auth.System(), x.f.SchoolID, rules.Meeting{Kind: "regular", Title: "三月安全工作例会",
		ScheduledOn: "2026-03-01", HeldOn: "2026-03-01", Minutes: "通报二月安全检查情况。", AttendeeIDs: []int64{x.int64("person")}})
	if err != nil {
		x.t.Fatalf("own meeting: %v", err)
	}
	x.vars["meeting"] = strconv.FormatInt(m.ID, 10)
}

// The register shows where a rule must be posted; recording a check by
// hand moves the place from missing to posted.
func TestRulePostingByHand(t *testing.T) {
	f := newFixture(t)
	x := &rowCtx{t: t, f: f, user: "office", c: f.clients["office"], vars: map[string]string{"place": f.vars["place"]}}
	ownRule(x)
	page := f.clients["staff"].get("/rules")
	if page.Code != http.StatusOK || !strings.Contains(page.Body.String(), "缺 1/1") || !strings.Contains(page.Body.String(), "实训楼A") {
		t.Fatalf("register: %d %.400s", page.Code, page.Body.String())
	}
	if strings.Contains(page.Body.String(), `href="/rules/new"`) {
		t.Error("staff is offered the new-rule button")
	}
	// Staff may read but not record.
	c := f.clients["staff"]
	rec := c.postRaw("/rules/"+x.vars["rule"]+"/postings", url.Values{"csrf_token": {c.token()}, "place_id": {f.vars["place"]}, "posted": {"true"}})
	if rec.Code != http.StatusForbidden {
		t.Fatalf("staff records a posting: %d", rec.Code)
	}
	o := f.clients["office"]
	rec = o.postRaw("/rules/"+x.vars["rule"]+"/postings", url.Values{"csrf_token": {o.token()}, "place_id": {f.vars["place"]}, "posted": {"true"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("office records a posting: %d %.300s", rec.Code, rec.Body.String())
	}
	show := o.get("/rules/" + x.vars["rule"])
	if !strings.Contains(show.Body.String(), "已上墙") || !strings.Contains(show.Body.String(), "手工登记") {
		t.Fatalf("rule page after the posting: %.600s", show.Body.String())
	}
	if page := f.clients["authority"].get("/rules"); page.Code != http.StatusOK || !strings.Contains(page.Body.String(), "已全部上墙") {
		t.Fatalf("authority reads the register: %d", page.Code)
	}
}

// A bad decision re-renders the meeting with the message and stores
// nothing; a good one lands on the work list.
func TestMeetingDecisionPage(t *testing.T) {
	f := newFixture(t)
	x := &rowCtx{t: t, f: f, user: "office", vars: map[string]string{"person": f.vars["person"]}}
	ownMeeting(x)
	o := f.clients["office"]
	path := "/meetings/" + x.vars["meeting"] + "/decisions"
	rec := o.postRaw(path, url.Values{"csrf_token": {o.token()}, "text": {"清理配电房杂物"}, "owner_unit_id": {f.vars["unit"]}, "due_on": {"2026-02-01"}})
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "完成期限不能早于会议召开日期") {
		t.Fatalf("early deadline: %d %.400s", rec.Code, rec.Body.String())
	}
	rec = o.postRaw(path, url.Values{"csrf_token": {o.token()}, "text": {"清理配电房杂物"}, "owner_unit_id": {f.vars["unit"]}, "due_on": {"2026-03-20"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("decision: %d %.400s", rec.Code, rec.Body.String())
	}
	mid, _ := strconv.ParseInt(x.vars["meeting"], 10, 64)
	ts, err := task.List(context.Background(), f.DB.Read(), task.Filter{SchoolID: f.SchoolID, SourceKind: task.SourceMeeting, SourceID: mid})
	if err != nil || len(ts) != 1 || ts[0].DueOn != "2026-03-20" {
		t.Fatalf("tasks %+v, %v; want one due 2026-03-20", ts, err)
	}
	if show := f.clients["principal"].get("/meetings/" + x.vars["meeting"]); !strings.Contains(show.Body.String(), "清理配电房杂物") || strings.Contains(show.Body.String(), `action="`+path+`"`) {
		t.Fatalf("principal's view of the meeting: %.400s", show.Body.String())
	}
}
