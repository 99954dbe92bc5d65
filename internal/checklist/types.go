package checklist

import (
	"strings"

	"safecampus/internal/org"
)

// Area is one of the notice's eight areas of checks.
type Area string

const (
	AreaResp Area = "RESP" // 安全责任制落实
	AreaFire Area = "FIRE" // 消防安全
	AreaLog  Area = "LOG"  // 后勤安全
	AreaLab  Area = "LAB"  // 实验室及危化品管理
	AreaSec  Area = "SEC"  // 安保建设
	AreaTra  Area = "TRA"  // 校车及交通安全
	AreaRul  Area = "RUL"  // 制度落实
	AreaEdu  Area = "EDU"  // 教育培训
)

// Areas lists the areas in the notice's order.
var Areas = []Area{AreaResp, AreaFire, AreaLog, AreaLab, AreaSec, AreaTra, AreaRul, AreaEdu}

// Label is the area's Chinese name.
func (a Area) Label() string {
	switch a {
	case AreaResp:
		return "安全责任制落实"
	case AreaFire:
		return "消防安全"
	case AreaLog:
		return "后勤安全"
	case AreaLab:
		return "实验室及危化品管理"
	case AreaSec:
		return "安保建设"
	case AreaTra:
		return "校车及交通安全"
	case AreaRul:
		return "制度落实"
	case AreaEdu:
		return "教育培训"
	}
	return string(a)
}

// Item is one check item (one version of it).
type Item struct {
	ID                  int64      `json:"id"`
	SchoolID            int64      `json:"school_id,omitempty"` // 0: built in
	Code                string     `json:"code"`
	Area                Area       `json:"area"`
	Title               string     `json:"text"`
	PlaceTypes          []string   `json:"place_types,omitempty"` // empty: applies everywhere
	PhotoRequiredOnFail bool       `json:"photo_required_on_fail"`
	DefaultLevel        string     `json:"default_level"` // general | major
	Version             int64      `json:"version"`
	Questions           []Question `json:"questions"`

	// Read-only, filled by queries.
	ReplacesID int64 `json:"-"` // the version this one replaced (0 for a first version)
	Current    bool  `json:"-"`
	Disabled   bool  `json:"disabled,omitempty"` // switched off by the school viewing it
}

// Default hazard levels of a failed item.
const (
	LevelGeneral = "general" // 一般隐患
	LevelMajor   = "major"   // 重大隐患
)

// LevelLabel is a level's Chinese name.
func LevelLabel(l string) string {
	if l == LevelMajor {
		return "重大隐患"
	}
	return "一般隐患"
}

// Builtin reports whether the item comes from the notice's catalogue.
func (i Item) Builtin() bool { return i.SchoolID == 0 }

// Question is one checkable line of an item; its code extends the item's
// (FIRE-4.1, FIRE-4.2 …).
type Question struct {
	ID   int64  `json:"id"`
	Code string `json:"code"`
	Text string `json:"text"`
}

// LevelLabel is the Chinese name of the item's default hazard level.
func (i Item) LevelLabel() string { return LevelLabel(i.DefaultLevel) }

// PlaceLabels names the item's place types in Chinese ("" for all places).
func (i Item) PlaceLabels() string {
	labels := make([]string, len(i.PlaceTypes))
	for k, c := range i.PlaceTypes {
		labels[k] = org.PlaceType(c).Label()
	}
	return strings.Join(labels, "、")
}
