package campaign

import (
	"testing"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/testkit"
)

// TestNoticeAcknowledgements publishes to one unit (with its sub-unit) and
// one role, and follows who has acknowledged.
func TestNoticeAcknowledgements(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			f.addUnit("后勤管理处")
			sub, err := f.org.SaveUnit(f.ctx, f.sys, f.school, orgUnit("配电班", f.unit["后勤管理处"]))
			f.must(err)
			f.unit["配电班"] = sub.ID
			f.addUnit("学生处")
			f.addPerson("王处长", "后勤管理处", true)
			f.addPerson("杨电工", "配电班", false)
			f.addPerson("何辅导员", "学生处", false)
			f.addPerson("孙网格长", "学生处", false)
			head := f.actor("王处长", auth.RoleUnitHead, f.school)
			elec := f.actor("杨电工", auth.RoleStaff, f.school)
			outsider := f.actor("何辅导员", auth.RoleStaff, f.school)
			grid := f.actor("孙网格长", auth.RoleGridLeader, f.school)
			c := f.campaign()

			if _, err := f.svc.Publish(f.ctx, elec, f.school, Notice{Title: "x", Body: "y", Roles: []auth.Role{auth.RoleStaff}}); !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("staff published: %v", err)
			}
			if _, err := f.svc.Publish(f.ctx, f.office, f.school, Notice{Title: "x", Body: "y"}); !apperr.Is(err, apperr.Invalid) {
				t.Errorf("notice without addressees: %v", err)
			}
			n, err := f.svc.Publish(f.ctx, f.office, f.school, Notice{CampaignID: c.ID, Title: "关于召开专项整治动员部署会的通知",
				Body: "请各部门负责人准时参加。", UnitIDs: []int64{f.unit["后勤管理处"]}, Roles: []auth.Role{auth.RoleGridLeader}})
			f.must(err)
			if n.Recipients != 3 {
				t.Fatalf("recipients %d, want 3 (head, sub-unit member, grid leader)", n.Recipients)
			}
			if got := f.count(`SELECT COUNT(*) FROM notify_inbox WHERE message_id = (SELECT id FROM notify_messages WHERE dedup_key = $1)`, "notice:"+itoa(n.ID)); got != 3 {
				t.Errorf("inbox messages %d, want 3", got)
			}
			mine, err := f.svc.MyNotices(f.ctx, elec, f.school)
			f.must(err)
			if len(mine) != 1 || mine[0].Title != "关于召开专项整治动员部署会的通知" || mine[0].AcknowledgedAt != nil {
				t.Fatalf("electrician's notices: %+v", mine)
			}
			if none, _ := f.svc.MyNotices(f.ctx, outsider, f.school); len(none) != 0 {
				t.Errorf("outsider received %d notices", len(none))
			}
			if _, err := f.svc.ReadNotice(f.ctx, outsider, f.school, n.ID); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("outsider reads the notice: %v", err)
			}
			if _, err := f.svc.Acknowledge(f.ctx, outsider, f.school, n.ID); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("outsider acknowledged: %v", err)
			}
			for _, a := range []*auth.Actor{elec, grid} {
				ok, err := f.svc.Acknowledge(f.ctx, a, f.school, n.ID)
				if err != nil || !ok {
					t.Errorf("%s acknowledge: %v %v", a.DisplayName, ok, err)
				}
			}
			if ok, err := f.svc.Acknowledge(f.ctx, elec, f.school, n.ID); ok || err != nil {
				t.Errorf("second acknowledgement changed something: %v %v", ok, err)
			}
			if got := f.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'notice.acknowledge'`); got != 2 {
				t.Errorf("acknowledge audit entries %d, want 2", got)
			}
			if _, _, err := f.svc.Acknowledgements(f.ctx, head, f.school, n.ID); !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("unit head sees acknowledgements: %v", err)
			}
			got, rs, err := f.svc.Acknowledgements(f.ctx, f.office, f.school, n.ID)
			f.must(err)
			if got.Acknowledged != 2 || got.Recipients != 3 || len(rs) != 3 || rs[0].DisplayName != "王处长账号" || rs[0].AcknowledgedAt != nil || rs[1].AcknowledgedAt == nil {
				t.Errorf("acknowledgements %d/%d: %+v", got.Acknowledged, got.Recipients, rs)
			}
			list, err := f.svc.ListNotices(f.ctx, f.office, f.school)
			f.must(err)
			if len(list) != 1 || list[0].Acknowledged != 2 || list[0].CampaignID != c.ID || len(list[0].Roles) != 1 {
				t.Errorf("office list: %+v", list)
			}
		})
	}
}
