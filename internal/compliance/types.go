package compliance

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"safecampus/internal/apperr"
)

// Status is the verdict of a rule for one scope and period.
type Status string

const (
	StatusPass    Status = "pass"
	StatusFail    Status = "fail"
	StatusNoData  Status = "nodata"  // the data the rule needs is not recorded yet
	StatusPending Status = "pending" // nothing is due yet in the period
	StatusNA      Status = "na"      // the rule is not evaluated for this kind of scope
)

// Label is the status in Chinese.
func (s Status) Label() string {
	switch s {
	case StatusPass:
		return "达标"
	case StatusFail:
		return "未达标"
	case StatusNoData:
		return "暂无数据"
	case StatusPending:
		return "未到期"
	}
	return "不适用"
}

// ScopeKind is what a rule is evaluated for.
type ScopeKind string

const (
	ScopeSchool ScopeKind = "school"
	ScopeCampus ScopeKind = "campus"
	ScopeUnit   ScopeKind = "unit"
	ScopePerson ScopeKind = "person"
	ScopeArea   ScopeKind = "area" // one of the notice's areas (FIRE, LOG, …)
)

// Scope is one school, campus, unit, person or area of a school.
type Scope struct {
	Kind ScopeKind
	ID   int64
	Area string
}

// SchoolWide is the scope of the whole school.
var SchoolWide = Scope{Kind: ScopeSchool}

// String is the scope as the drill-down URL carries it: "school",
// "unit:12", "person:5", "campus:2", "area:FIRE".
func (s Scope) String() string {
	switch s.Kind {
	case ScopeSchool, "":
		return "school"
	case ScopeArea:
		return "area:" + s.Area
	}
	return fmt.Sprintf("%s:%d", s.Kind, s.ID)
}

// ParseScope reads a scope written by String; "" is the school.
func ParseScope(v string) (Scope, error) {
	if v == "" || v == "school" {
		return SchoolWide, nil
	}
	bad := apperr.Invalidf("compliance.scope", "范围“%s”无效，应为 school、unit:12、person:5、campus:2 或 area:FIRE。", v)
	kind, rest, ok := strings.Cut(v, ":")
	if !ok || rest == "" {
		return Scope{}, bad
	}
	switch ScopeKind(kind) {
	case ScopeArea:
		if !validArea(rest) {
			return Scope{}, bad
		}
		return Scope{Kind: ScopeArea, Area: rest}, nil
	case ScopeCampus, ScopeUnit, ScopePerson:
		id, err := strconv.ParseInt(rest, 10, 64)
		if err != nil || id <= 0 {
			return Scope{}, bad
		}
		return Scope{Kind: ScopeKind(kind), ID: id}, nil
	}
	return Scope{}, bad
}

// ParamDef is one parameter a school may set for a rule. Shares are whole
// percent 0..100.
type ParamDef struct {
	Key, Label, Unit  string // Unit: 次 % 分钟 天 人
	Min, Max, Default int64
}

// Ref is a record or person behind a failure, with the app path that
// shows it. Kind: hazard | due | person | unit | campaign | meeting |
// posting.
type Ref struct {
	Kind  string `json:"kind"`
	ID    int64  `json:"id"`
	Label string `json:"label"`
	Link  string `json:"link"`
}

// Result is one rule evaluated for one scope and period.
type Result struct {
	Rule     string
	Scope    Scope
	Status   Status
	Value    string // for display, e.g. "3/4", "75%"
	Num, Den int64
	Target   string // for display, e.g. "≥ 1 次/季度"
	Note     string // why nodata, pending or na; what else the reader should know
	Failures []Ref
}

// Rule is one measurable rule. Evaluation is internal: callers use
// Service.Evaluate or Service.Scorecard.
type Rule struct {
	ID, Name, From, Measures string
	Params                   []ParamDef
	Scopes                   []ScopeKind
	eval                     func(ctx context.Context, e *Env, sc Scope) (Result, error)
	target                   func(p map[string]int64) string // the target in words, from the parameters
	later                    bool                            // its records belong to later work: nodata until they exist
}

// AwaitsData reports whether the rule's records are not kept by the
// program yet, so that it answers nodata whatever the period.
func (r Rule) AwaitsData() bool { return r.later }

// Target is the rule's target in words with the parameters p (a rule's
// values from Service.Params).
func (r Rule) Target(p map[string]int64) string {
	if r.target == nil {
		return ""
	}
	return r.target(p)
}

// Applies reports whether the rule is evaluated for scopes of kind k.
func (r Rule) Applies(k ScopeKind) bool {
	for _, x := range r.Scopes {
		if x == k {
			return true
		}
	}
	return false
}

// Param returns the definition of key.
func (r Rule) Param(key string) (ParamDef, bool) {
	for _, p := range r.Params {
		if p.Key == key {
			return p, true
		}
	}
	return ParamDef{}, false
}

// Scorecard is every rule for the school and each unit the viewer may see.
type Scorecard struct {
	Period Period
	Rules  []Rule
	Rows   []ScoreRow
}

// ScoreRow is one scope's results, in the order of Scorecard.Rules.
type ScoreRow struct {
	Scope Scope
	Label string
	Depth int // the unit's depth in the tree (0: the school and top units)
	Cells []Result
}
