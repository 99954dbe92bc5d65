package lists

import (
	"safecampus/internal/checklist"
	"safecampus/internal/hazard"
)

// The labels are the hazard package's, so the lists name statuses, sources
// and areas exactly as the hazard pages do.

func hazardStatusLabel(st string) string { return hazard.Label(hazard.Status(st)) }
func sourceLabel(src string) string      { return hazard.SourceLabel(src) }
func levelLabel(l string) string         { return hazard.LevelLabel(l) }
func areaLabel(code string) string       { return hazard.AreaLabel(areaKey(code)) }

// otherArea is the area code of hazards outside the notice's eight areas.
const otherArea = hazard.AreaGeneral

// areaKey folds codes outside the notice's areas into otherArea.
func areaKey(code string) string {
	for _, a := range checklist.Areas {
		if string(a) == code {
			return code
		}
	}
	return otherArea
}

func isOpen(st string) bool {
	for _, o := range hazard.OpenStatuses {
		if string(o) == st {
			return true
		}
	}
	return false
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return ""
}
