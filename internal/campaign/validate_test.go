package campaign

import (
	"strings"
	"testing"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/testkit"
)

// The notice's campaign window, and its first phase as the notice states it.
var (
	noticeCampaign = Campaign{Name: "校园安全生产专项整治", StartsOn: "2019-11-01", EndsOn: "2020-12-31"}
	studyPhase     = Phase{ID: 1, Name: "学习动员阶段", StartsOn: "2019-11-20", EndsOn: "2019-12-31"}
)

// TestCheckPhase is the validation table: each refusal names what the
// user must fix (both phases and their dates for an overlap).
func TestCheckPhase(t *testing.T) {
	cases := []struct {
		name  string
		p     Phase
		code  string   // "" when accepted
		names []string // fragments the message must contain
	}{
		{"reversed", Phase{Name: "督查落实阶段", StartsOn: "2020-12-31", EndsOn: "2020-10-01"}, "phase.reversed",
			[]string{"督查落实阶段", "2020年12月31日", "2020年10月1日"}},
		{"the notice's phase 2 as written overlaps phase 1", Phase{Name: "排查整治阶段", StartsOn: "2019-01-01", EndsOn: "2020-09-30"}, "phase.overlap",
			[]string{"排查整治阶段", "2019年1月1日至2020年9月30日", "学习动员阶段", "2019年11月20日至2019年12月31日"}},
		{"same end and start day overlaps", Phase{Name: "排查整治阶段", StartsOn: "2019-12-31", EndsOn: "2020-09-30"}, "phase.overlap",
			[]string{"学习动员阶段"}},
		{"inside another", Phase{Name: "专题会议", StartsOn: "2019-12-01", EndsOn: "2019-12-05"}, "phase.overlap", []string{"专题会议", "学习动员阶段"}},
		{"adjacent is fine (the corrected phase 2)", Phase{Name: "排查整治阶段", StartsOn: "2020-01-01", EndsOn: "2020-09-30"}, "", nil},
		{"outside the campaign", Phase{Name: "总结阶段", StartsOn: "2021-01-01", EndsOn: "2021-01-31"}, "phase.outside",
			[]string{"总结阶段", "2019年11月1日至2020年12月31日"}},
		{"editing itself is no overlap", Phase{ID: 1, Name: "学习动员阶段", StartsOn: "2019-11-20", EndsOn: "2019-12-20"}, "", nil},
		{"bad date", Phase{Name: "x", StartsOn: "2020-02-30", EndsOn: "2020-03-01"}, "phase.invalid", nil},
	}
	for _, c := range cases {
		_, err := CheckPhase(noticeCampaign, []Phase{studyPhase}, c.p)
		if c.code == "" {
			if err != nil {
				t.Errorf("%s: refused: %v", c.name, err)
			}
			continue
		}
		e := apperr.As(err)
		if e.Kind != apperr.Invalid || e.Code != c.code {
			t.Errorf("%s: got %v, want %s", c.name, err, c.code)
			continue
		}
		for _, frag := range c.names {
			if !strings.Contains(e.Message, frag) {
				t.Errorf("%s: message %q lacks %q", c.name, e.Message, frag)
			}
		}
	}
}

func TestCheckMilestone(t *testing.T) {
	cases := []struct {
		name string
		m    Milestone
		code string
	}{
		{"inside", Milestone{Name: "新一轮专项排查整治", StartsOn: "2020-01-01", DueOn: "2020-03-31"}, ""},
		{"on the last day", Milestone{Name: "报送工作情况报告", DueOn: "2020-12-31"}, ""},
		{"due after the campaign", Milestone{Name: "迟到的节点", DueOn: "2021-01-15"}, "milestone.outside"},
		{"starts before the campaign", Milestone{Name: "提前的节点", StartsOn: "2019-01-01", DueOn: "2019-12-31"}, "milestone.outside"},
		{"starts after due", Milestone{Name: "颠倒的节点", StartsOn: "2020-04-01", DueOn: "2020-03-31"}, "milestone.reversed"},
		{"no due date", Milestone{Name: "x"}, "milestone.invalid"},
	}
	for _, c := range cases {
		_, err := CheckMilestone(noticeCampaign, c.m)
		if got := apperr.As(err).Code; (err == nil) != (c.code == "") || err != nil && got != c.code {
			t.Errorf("%s: got %v, want %q", c.name, err, c.code)
		}
		if c.code == "milestone.outside" && !strings.Contains(apperr.As(err).Message, c.m.Name) {
			t.Errorf("%s: message %q does not name the milestone", c.name, apperr.As(err).Message)
		}
	}
}

// TestSaveRefusesAndStoresNothing runs the refusals through the service on
// both databases: nothing is stored and no audit entry is written.
func TestSaveRefusesAndStoresNothing(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			f.addUnit("安全保卫处")
			c := f.campaign()
			_, err := f.svc.SavePhase(f.ctx, f.office, f.school, Phase{CampaignID: c.ID, Name: "学习动员阶段", StartsOn: "2019-11-20", EndsOn: "2019-12-31"})
			f.must(err)
			audits := f.count(`SELECT COUNT(*) FROM audit_log`)
			refusals := []func() error{
				func() error {
					_, err := f.svc.SavePhase(f.ctx, f.office, f.school, Phase{CampaignID: c.ID, Name: "排查整治阶段", StartsOn: "2019-01-01", EndsOn: "2020-09-30"})
					return err
				},
				func() error {
					_, err := f.svc.SavePhase(f.ctx, f.office, f.school, Phase{CampaignID: c.ID, Name: "督查阶段", StartsOn: "2020-12-31", EndsOn: "2020-10-01"})
					return err
				},
				func() error {
					_, err := f.svc.SaveMilestone(f.ctx, f.office, f.school, Milestone{CampaignID: c.ID, Name: "节点", DueOn: "2021-01-15", UnitIDs: []int64{f.unit["安全保卫处"]}})
					return err
				},
				func() error { // shrinking the campaign would leave phase 1 outside it
					c2 := c
					c2.StartsOn = "2019-12-01"
					_, err := f.svc.SaveCampaign(f.ctx, f.office, f.school, c2)
					return err
				},
				func() error {
					_, err := f.svc.SaveCampaign(f.ctx, f.office, f.school, Campaign{Name: "倒置", StartsOn: "2020-12-31", EndsOn: "2019-11-01"})
					return err
				},
				func() error { // the name is taken
					_, err := f.svc.SaveCampaign(f.ctx, f.office, f.school, Campaign{Name: c.Name, StartsOn: "2026-01-01", EndsOn: "2026-12-31"})
					return err
				},
			}
			for i, fn := range refusals {
				if err := fn(); !apperr.Is(err, apperr.Invalid) {
					t.Errorf("refusal %d: got %v, want invalid", i, err)
				}
			}
			if n := f.count(`SELECT COUNT(*) FROM campaign_phases`); n != 1 {
				t.Errorf("phases stored: %d, want 1", n)
			}
			if n := f.count(`SELECT COUNT(*) FROM campaign_milestones`) + f.count(`SELECT COUNT(*) FROM tasks`); n != 0 {
				t.Errorf("milestones or tasks stored: %d", n)
			}
			if n := f.count(`SELECT COUNT(*) FROM campaigns WHERE starts_on = '2019-11-01'`); n != 1 {
				t.Errorf("campaign changed or added: %d", n)
			}
			if n := f.count(`SELECT COUNT(*) FROM audit_log`); n != audits {
				t.Errorf("refusals wrote %d audit entries", n-audits)
			}
		})
	}
}

func TestCampaignPermissions(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			f.addUnit("后勤处")
			f.addPerson("职员", "后勤处", false)
			staff := f.actor("职员", auth.RoleStaff, f.school)
			otherAdmin := f.actor("", auth.RoleSchoolAdmin, f.other)
			c := f.campaign()
			if _, err := f.svc.SaveCampaign(f.ctx, staff, f.school, Campaign{Name: "x", StartsOn: "2026-01-01", EndsOn: "2026-12-31"}); !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("staff saved a campaign: %v", err)
			}
			if _, err := f.svc.SavePhase(f.ctx, staff, f.school, Phase{CampaignID: c.ID, Name: "x", StartsOn: "2020-01-01", EndsOn: "2020-02-01"}); !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("staff saved a phase: %v", err)
			}
			if _, err := f.svc.Overview(f.ctx, staff, f.school, c.ID); err != nil {
				t.Errorf("staff cannot view: %v", err)
			}
			if _, err := f.svc.Overview(f.ctx, otherAdmin, f.school, c.ID); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("other school's admin: %v, want not found", err)
			}
			if _, err := f.svc.Overview(f.ctx, otherAdmin, f.other, c.ID); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("campaign read through another school: %v", err)
			}
			if _, err := f.svc.SavePhase(f.ctx, otherAdmin, f.other, Phase{CampaignID: c.ID, Name: "x", StartsOn: "2020-01-01", EndsOn: "2020-02-01"}); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("phase added to another school's campaign: %v", err)
			}
		})
	}
}
