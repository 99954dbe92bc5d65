package inspection

// Kind is what sort of inspection was done. The string values are stored in
// inspections.kind and inspection_plans.kind and used by every package.
type Kind string

const (
	KindLeader      Kind = "leader"       // 领导检查 (主要领导 / 分管领导)
	KindUnitMonthly Kind = "unit_monthly" // 部门月度自查
	KindGridPatrol  Kind = "grid_patrol"  // 网格巡查
	KindSpecial     Kind = "special"      // 专项巡查
	KindOpenVisit   Kind = "open_visit"   // 明查
	KindUnannounced Kind = "unannounced"  // 暗访: hidden from the inspected unit until submitted
	KindRandom      Kind = "random"       // 随机抽查
	KindLookBack    Kind = "look_back"    // 回头看
)

// Kinds lists every kind in the order forms and filters show them.
var Kinds = []Kind{KindLeader, KindUnitMonthly, KindGridPatrol, KindSpecial, KindOpenVisit, KindUnannounced, KindRandom, KindLookBack}

var kindLabels = map[Kind]string{
	KindLeader:      "领导检查",
	KindUnitMonthly: "部门月度自查",
	KindGridPatrol:  "网格巡查",
	KindSpecial:     "专项巡查",
	KindOpenVisit:   "明查",
	KindUnannounced: "暗访",
	KindRandom:      "随机抽查",
	KindLookBack:    "回头看",
}

// Valid reports whether k is one of the known kinds.
func (k Kind) Valid() bool { _, ok := kindLabels[k]; return ok }

// Label is the Chinese name of the kind; unknown kinds show their raw value.
func (k Kind) Label() string {
	if l, ok := kindLabels[k]; ok {
		return l
	}
	return string(k)
}

// KindLabel is Label for a raw string, handy in templates and exports.
func KindLabel(s string) string { return Kind(s).Label() }

// Hidden reports whether an inspection of this kind is kept from the
// inspected unit's people while it is still a draft.
func (k Kind) Hidden() bool { return k == KindUnannounced }
