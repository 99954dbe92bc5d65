package web

import (
	"net/http"
	"strconv"
	"strings"

	"safecampus/internal/escalation"
)

// hazardSettingsView is the data of hazard_settings.html. Values are the
// form's texts: what was stored, or what was typed when it is refused.
type hazardSettingsView struct {
	Values   map[string]string
	Defaults escalation.Settings
	MaxDelay int
	MaxExt   int
}

func settingsValues(s escalation.Settings) map[string]string {
	return map[string]string{
		"max_extension_days":   strconv.Itoa(s.MaxExtensionDays),
		"escalate_unit_head_h": strconv.Itoa(s.UnitHeadHours),
		"escalate_leader_h":    strconv.Itoa(s.LeaderHours),
		"escalate_office_h":    strconv.Itoa(s.OfficeHours),
	}
}

// hazardSettings shows the school's escalation delays and the longest
// extension the office allows (campaign office only).
func (s *Server) hazardSettings(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	set, err := s.Escalation.Settings(r.Context(), actorFrom(r.Context()), school)
	if err != nil {
		return err
	}
	p := s.newPage(r, "隐患督办设置")
	p.Data = hazardSettingsView{Values: settingsValues(set), Defaults: escalation.DefaultSettings(), MaxDelay: escalation.MaxDelayHours, MaxExt: escalation.MaxExtensionDaysCap}
	return s.render(w, r, "hazard_settings", p)
}

// hazardSettingsSave stores the settings; a refused form comes back with
// what was typed and a message per field (422), nothing stored.
func (s *Server) hazardSettingsSave(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	typed := map[string]string{}
	num := func(name string) int {
		v := strings.TrimSpace(r.PostFormValue(name))
		typed[name] = v
		n, err := strconv.Atoi(v)
		if err != nil {
			return -1 // not a whole number: Validate names the field
		}
		return n
	}
	in := escalation.Settings{MaxExtensionDays: num("max_extension_days"), UnitHeadHours: num("escalate_unit_head_h"),
		LeaderHours: num("escalate_leader_h"), OfficeHours: num("escalate_office_h")}
	if _, err := s.Escalation.SaveSettings(r.Context(), actorFrom(r.Context()), school, in); err != nil {
		p := s.newPage(r, "隐患督办设置")
		p.Data = hazardSettingsView{Values: typed, Defaults: escalation.DefaultSettings(), MaxDelay: escalation.MaxDelayHours, MaxExt: escalation.MaxExtensionDaysCap}
		return s.formInvalid(w, r, err, "hazard_settings", p)
	}
	return s.redirect(w, r, "/settings/hazards", "已保存隐患督办设置，下一次定时检查起按新设置执行。")
}
