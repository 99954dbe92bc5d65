package web

import (
	"fmt"

	"safecampus/internal/hazard"
)

// hazardEventView is one step of the timeline as the page shows it: who,
// when, what, and the fields the step set.
type hazardEventView struct {
	Action         string
	At, Who, What  string
	From, To, Note string
	Details        []string
	StatusChanged  bool
}

// eventFieldLabels names the fields a step may record, in the order the
// page lists them. Units and people are recorded by id and shown by name
// (hazard.TimelineNames: who was named at that step, not who is now).
// Fields not named here (other ids, flags, the note's own copy) are left
// out; the audit log keeps everything.
var eventFieldLabels = []struct{ Key, Label string }{
	{"level", "等级"}, {"area", "领域"}, {"category", "类别"},
	{"unit_id", "责任单位"}, {"responsible_person_id", "责任人"},
	{"measures", "整改措施"}, {"funds_yuan", "整改资金（元）"}, {"deadline", "整改期限"},
	{"acceptor_person_id", "验收人"}, {"supervisor_person_id", "督办人"},
	{"new_deadline", "申请延期至"}, {"reject_reason", "驳回原因"},
	{"acceptance_result", "验收结果"}, {"extension_status", "延期审批"}, {"photo_ids", "照片（张）"},
}

// eventActionLabels covers the timeline entries that are no user action.
var eventActionLabels = map[string]string{"report": "上报", "escalate": "逐级督办", "overdue": "逾期", "inspection": "检查发现"}

// hazardEvents turns the timeline into what the page shows. The school's
// zone is used for times, as for every date of the record.
func hazardEvents(p *page, events []hazard.Event, names hazard.TimelineNames) []hazardEventView {
	loc := p.School.Location()
	out := make([]hazardEventView, 0, len(events))
	for _, e := range events {
		v := hazardEventView{Action: string(e.Action), At: e.At.In(loc).Format("2006年1月2日 15:04"), Who: e.ActorName, Note: e.Note}
		v.What = eventActionLabels[string(e.Action)]
		if v.What == "" {
			v.What = hazard.ActionLabel(e.Action)
		}
		if v.Who == "" {
			v.Who = p.T("系统")
		}
		if e.From != e.To && e.To != "" {
			v.StatusChanged = true
			v.To = hazard.Label(e.To)
			if e.From != "" {
				v.From = hazard.Label(e.From)
			}
		}
		v.Details = eventDetails(p, e.Data, names)
		out = append(out, v)
	}
	return out
}

// eventDetails lists the named fields of a step's data as "label：value".
func eventDetails(p *page, data map[string]any, names hazard.TimelineNames) []string {
	if len(data) == 0 {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, f := range eventFieldLabels {
		val, ok := data[f.Key]
		if !ok || seen[f.Label] {
			continue
		}
		text := eventValue(f.Key, val)
		if n, ok := val.(float64); ok {
			if who, isName := eventName(f.Key, int64(n), names); isName {
				text = who
				if int64(n) == 0 {
					text = p.T(who)
				}
			}
		}
		if text == "" {
			continue
		}
		seen[f.Label] = true
		out = append(out, p.T(f.Label)+"："+text)
	}
	return out
}

// eventValue formats one recorded field; photo lists become a count, and
// codes (level, area, results) and dates read as Chinese.
func eventValue(key string, v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		switch key {
		case "level":
			return hazard.LevelLabel(x)
		case "area":
			return hazard.AreaLabel(x)
		case "deadline", "new_deadline":
			return chineseDate(x)
		case "acceptance_result":
			return acceptanceLabel(x)
		case "extension_status":
			return map[string]string{hazard.ExtensionApproved: "已批准", hazard.ExtensionRefused: "未批准", hazard.ExtensionPending: "待审批"}[x]
		}
		return x
	case []any:
		if key == "photo_ids" {
			return fmt.Sprint(len(x))
		}
		return ""
	case float64:
		if x == float64(int64(x)) {
			return fmt.Sprint(int64(x))
		}
		return fmt.Sprint(x)
	}
	return fmt.Sprint(v)
}

// eventName is the name behind an id field of a step (ok false for other
// fields). 0 means nobody was named: the office accepts, no supervisor.
func eventName(key string, id int64, names hazard.TimelineNames) (string, bool) {
	var m map[int64]string
	empty := "无"
	switch key {
	case "unit_id":
		m = names.Units
	case "responsible_person_id", "supervisor_person_id":
		m = names.People
	case "acceptor_person_id":
		m, empty = names.People, "专项整治办公室"
	default:
		return "", false
	}
	if id == 0 {
		return empty, true
	}
	if n, ok := m[id]; ok {
		return n, true
	}
	return "#" + fmt.Sprint(id), true
}

// acceptanceLabel is an acceptance result in Chinese ("" stays "").
func acceptanceLabel(r string) string {
	switch r {
	case hazard.AcceptancePassed:
		return "验收通过"
	case hazard.AcceptanceReturned:
		return "验收退回"
	}
	return r
}
