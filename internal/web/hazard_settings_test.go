package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"safecampus/internal/escalation"
)

func TestHazardSettingsPage(t *testing.T) {
	f := newFixture(t)
	office := f.clients["office"]
	expect(t, office.get("/settings/hazards"), http.StatusOK, `name="escalate_unit_head_h"`, `value="24"`, `value="48"`, `value="72"`, `value="30"`)
	countAudit := func() int {
		var n int
		if err := f.DB.Read().QueryRowContext(context.Background(), `SELECT COUNT(*) FROM audit_log WHERE action = 'hazard_settings.update'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	// Refused input: each bad field says why; nothing stored, nothing audited.
	rec := office.postForm("/settings/hazards", url.Values{"max_extension_days": {"0"}, "escalate_unit_head_h": {"abc"},
		"escalate_leader_h": {"48"}, "escalate_office_h": {"721"}})
	expect(t, rec, http.StatusUnprocessableEntity, "最长延期天数须为 1 到 365 之间的整数。", "升级至单位负责人的间隔（小时）须为 1 到 720 之间的整数。",
		"升级至专项整治办公室的间隔（小时）须为 1 到 720 之间的整数。", `value="abc"`, `value="721"`)
	if n := countAudit(); n != 0 {
		t.Errorf("refused form audited %d times", n)
	}
	if s, _ := escalation.LoadSettings(context.Background(), f.DB.Read(), f.SchoolID); s != escalation.DefaultSettings() {
		t.Errorf("refused form stored %+v", s)
	}

	good := url.Values{"max_extension_days": {"15"}, "escalate_unit_head_h": {"12"}, "escalate_leader_h": {"24"}, "escalate_office_h": {"36"}}
	expect(t, office.postForm("/settings/hazards", good), http.StatusSeeOther)
	want := escalation.Settings{MaxExtensionDays: 15, UnitHeadHours: 12, LeaderHours: 24, OfficeHours: 36}
	if s, _ := escalation.LoadSettings(context.Background(), f.DB.Read(), f.SchoolID); s != want {
		t.Errorf("stored %+v, want %+v", s, want)
	}
	expect(t, office.get("/settings/hazards"), http.StatusOK, `value="12"`, `value="36"`, "已保存隐患督办设置")
	// Saving the same values again changes nothing and is not audited again.
	expect(t, office.postForm("/settings/hazards", good), http.StatusSeeOther)
	if n := countAudit(); n != 1 {
		t.Errorf("audit entries = %d, want 1", n)
	}
	// The other school keeps its own (default) settings; leaders may not change them.
	if s, _ := escalation.LoadSettings(context.Background(), f.DB.Read(), f.OtherSchoolID); s != escalation.DefaultSettings() {
		t.Errorf("other school's settings changed: %+v", s)
	}
	expect(t, f.clients["principal"].postForm("/settings/hazards", good), http.StatusForbidden)
	expect(t, f.clients["principal"].get("/settings/hazards"), http.StatusForbidden)
}
