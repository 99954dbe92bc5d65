package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"safecampus/internal/auth"
	"safecampus/internal/campaign"
)

var (
	campaignView   = []auth.Permission{auth.PermCampaignView}
	campaignManage = []auth.Permission{auth.PermCampaignManage}
)

// withCampaign makes sure the main school has the notice's campaign with
// one phase, one milestone for {unit} and one notice to every school role,
// and puts their ids in the row's vars. It is idempotent: GET rows share
// one fixture and every user's turn calls it.
func withCampaign(x *rowCtx) {
	ctx, sys, svc, school := context.Background(), auth.System(), x.f.Server.Campaigns, x.f.SchoolID
	must := func(err error) {
		if err != nil {
			x.t.Fatalf("campaign fixture: %v", err)
		}
	}
	cs, err := svc.ListCampaigns(ctx, sys, school)
	must(err)
	var c campaign.Campaign
	for _, k := range cs {
		if k.Name == "校园安全生产专项整治" {
			c = k
		}
	}
	if c.ID == 0 {
		unit, _ := strconv.ParseInt(x.vars["unit"], 10, 64)
		c, err = svc.SaveCampaign(ctx, sys, school, campaign.Campaign{Name: "校园安全生产专项整治", StartsOn: "2019-11-01", EndsOn: "2020-12-31",
			ReportDueOn: "2020-12-20", Note: "原文第二阶段起始年份有误，已按2020年处理。"})
		must(err)
		_, err = svc.SavePhase(ctx, sys, school, campaign.Phase{CampaignID: c.ID, Name: "学习动员阶段", StartsOn: "2019-11-20", EndsOn: "2019-12-31"})
		must(err)
		_, err = svc.SaveMilestone(ctx, sys, school, campaign.Milestone{CampaignID: c.ID, Name: "完成学习动员各项要求", DueOn: "2019-12-31", UnitIDs: []int64{unit}})
		must(err)
		_, err = svc.Publish(ctx, sys, school, campaign.Notice{CampaignID: c.ID, Title: "关于召开专项整治动员部署会的通知", Body: "请准时参加。", Roles: campaign.NoticeRoles})
		must(err)
	}
	p, err := svc.Overview(ctx, sys, school, c.ID)
	must(err)
	ns, err := svc.ListNotices(ctx, sys, school)
	must(err)
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	x.vars["campaign"], x.vars["phase"], x.vars["milestone"], x.vars["notice"] = id(c.ID), id(p.Phases[0].ID), id(p.Phases[0].Milestones[0].ID), id(ns[0].ID)
}

// phaseForm gives office and admin phases that do not overlap each other,
// so both succeed in the same row.
func phaseForm(x *rowCtx) url.Values {
	from, to := "2020-01-01", "2020-03-31"
	if x.user == "admin" {
		from, to = "2020-04-01", "2020-06-30"
	}
	return url.Values{"name": {"排查整治阶段-" + x.user}, "starts_on": {from}, "ends_on": {to}}
}

// TestCampaignPageShowsProgressAndRefusesOverlap walks the office through
// the pages: an overlapping phase is refused with both phases named and
// nothing stored; the campaign page shows the note, the late milestone
// and the report's overdue days at the pinned clock (2026-03-02).
func TestCampaignPageShowsProgressAndRefusesOverlap(t *testing.T) {
	f := newFixture(t)
	x := &rowCtx{t: t, f: f, user: "office", c: f.clients["office"], vars: map[string]string{}}
	for k, v := range f.vars {
		x.vars[k] = v
	}
	withCampaign(x)
	c := f.clients["office"]
	rec := c.postForm("/campaigns/"+x.vars["campaign"]+"/phases/new", url.Values{"name": {"排查整治阶段"}, "starts_on": {"2019-01-01"}, "ends_on": {"2020-09-30"}})
	body := rec.Body.String()
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(body, "排查整治阶段") || !strings.Contains(body, "学习动员阶段") ||
		!strings.Contains(body, "2019年11月20日至2019年12月31日") {
		t.Fatalf("overlap: status %d, body %.600s", rec.Code, body)
	}
	var n int
	if err := f.DB.Read().QueryRowContext(context.Background(), `SELECT COUNT(*) FROM campaign_phases`).Scan(&n); err != nil || n != 1 {
		t.Errorf("phases stored after refusal: %d %v", n, err)
	}
	page := c.get("/campaigns/" + x.vars["campaign"]).Body.String()
	for _, want := range []string{"原文第二阶段起始年份有误", "逾期未完成的时间节点", "完成学习动员各项要求", "已逾期 2253 天", "已逾期 1898 天", "2020年12月20日前"} {
		if !strings.Contains(page, want) {
			t.Errorf("campaign page lacks %q", want)
		}
	}
	staff := f.clients["staff"]
	if page := staff.get("/campaigns/" + x.vars["campaign"]).Body.String(); strings.Contains(page, "/phases/new") || strings.Contains(page, "标记完成") {
		t.Error("staff is shown the office's buttons")
	}
	if rec := staff.get("/campaigns/new"); rec.Code != http.StatusForbidden {
		t.Errorf("staff opens the campaign form: %d", rec.Code)
	}
}

// TestNoticePagesAcknowledge: a recipient sees the notice in their list,
// acknowledges it, and the office's page counts it.
func TestNoticePagesAcknowledge(t *testing.T) {
	f := newFixture(t)
	x := &rowCtx{t: t, f: f, user: "office", c: f.clients["office"], vars: map[string]string{}}
	for k, v := range f.vars {
		x.vars[k] = v
	}
	withCampaign(x)
	staff, office := f.clients["staff"], f.clients["office"]
	if body := staff.get("/notices").Body.String(); !strings.Contains(body, "关于召开专项整治动员部署会的通知") || !strings.Contains(body, "未确认") {
		t.Fatalf("staff's notices: %.500s", body)
	}
	before := office.get("/notices/" + x.vars["notice"] + "/acks").Body.String()
	if !strings.Contains(before, "已确认 0") {
		t.Errorf("acks before: %.800s", before)
	}
	if rec := staff.postForm("/notices/"+x.vars["notice"]+"/ack", url.Values{}); rec.Code != http.StatusSeeOther {
		t.Fatalf("ack: %d", rec.Code)
	}
	if body := staff.get("/notices/" + x.vars["notice"]).Body.String(); !strings.Contains(body, "确认阅读。") {
		t.Errorf("notice after ack: %.500s", body)
	}
	after := office.get("/notices/" + x.vars["notice"] + "/acks").Body.String()
	if !strings.Contains(after, "已确认 1") {
		t.Errorf("acks after: %.800s", after)
	}
	if rec := staff.get("/notices/" + x.vars["notice"] + "/acks"); rec.Code != http.StatusForbidden {
		t.Errorf("staff sees acknowledgements: %d", rec.Code)
	}
}
