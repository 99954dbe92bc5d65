package hazard

// Status is where a hazard stands in its workflow.
type Status string

const (
	StatusReported   Status = "reported"   // 待确认: reported, not yet confirmed by the office
	StatusConfirmed  Status = "confirmed"  // 已确认: real, awaiting assignment
	StatusRejected   Status = "rejected"   // 已驳回: invalid or a duplicate (terminal)
	StatusAssigned   Status = "assigned"   // 已交办: unit, responsible person, measures, deadline set
	StatusRectifying Status = "rectifying" // 整改中
	StatusSubmitted  Status = "submitted"  // 待验收: rectification submitted with evidence
	StatusClosed     Status = "closed"     // 已销号: accepted
)

// Statuses in workflow order, for filters and tests.
var Statuses = []Status{StatusReported, StatusConfirmed, StatusRejected, StatusAssigned, StatusRectifying, StatusSubmitted, StatusClosed}

// OpenStatuses are the statuses of work not yet finished: they count as
// open hazards, can become overdue and are escalated.
var OpenStatuses = []Status{StatusConfirmed, StatusAssigned, StatusRectifying, StatusSubmitted}

// Action is one step a person takes on a hazard.
type Action string

const (
	ActConfirm          Action = "confirm"           // 确认 (sets level, area, category)
	ActReject           Action = "reject"            // 驳回 (invalid or duplicate, with reason)
	ActAssign           Action = "assign"            // 交办 (unit, responsible, measures, deadline)
	ActStart            Action = "start"             // 开始整改 (major: governance plan required)
	ActProgress         Action = "progress"          // 整改进展
	ActSubmit           Action = "submit"            // 提交验收 (evidence photos required)
	ActAccept           Action = "accept"            // 验收通过 → closed
	ActReturn           Action = "return"            // 验收退回 → rectifying, with reason
	ActRequestExtension Action = "request_extension" // 申请延期
	ActApproveExtension Action = "approve_extension" // 批准延期
	ActRefuseExtension  Action = "refuse_extension"  // 不批准延期
	ActReassign         Action = "reassign"          // 改派, with reason
	ActReopen           Action = "reopen"            // 重新打开 (look-back failed)
	ActPlan             Action = "plan"              // 治理方案 (major hazards)
	ActList             Action = "list"              // 挂牌督办
	ActDelist           Action = "delist"            // 摘牌
)

// Relation is how an actor stands to one hazard. The workflow speaks in
// relations, not roles: "the responsible person may submit", "the acceptor
// may accept". An actor usually holds several (a unit head who is also the
// responsible person).
type Relation string

const (
	RelOffice      Relation = "office"       // campaign office: hazard.manage at the hazard's school
	RelUnitHead    Relation = "unit_head"    // head of the owning unit (hazard.rectify at the unit)
	RelResponsible Relation = "responsible"  // the named responsible person
	RelAcceptor    Relation = "acceptor"     // the named acceptor (or the office when none is named)
	RelLeadingTeam Relation = "leading_team" // member of the school's leading group
)

// Rule is one row of the transition table.
type Rule struct {
	Action Action
	From   []Status
	// To is the status after the step; "" keeps the current status.
	To Status
	// Who lists the relations allowed to take the step; holding any one
	// is enough, subject to the guards in Guard.
	Who []Relation
	// MajorOnly steps exist only for major hazards.
	MajorOnly bool
}

// Table is the workflow. Reading it answers "who may do what, from where".
// Guards that depend on the record (evidence present, a pending extension,
// the acceptor is not the rectifier, a major hazard's plan and acceptor)
// are in guards.go and are tested together with this table.
var Table = []Rule{
	{Action: ActConfirm, From: []Status{StatusReported}, To: StatusConfirmed, Who: []Relation{RelOffice}},
	// Reject also from confirmed: an inspection's findings land confirmed
	// (FromFindings), and a repeated inspection finding the same unfixed
	// problem must still be rejectable as a duplicate before it is assigned.
	{Action: ActReject, From: []Status{StatusReported, StatusConfirmed}, To: StatusRejected, Who: []Relation{RelOffice}},
	{Action: ActAssign, From: []Status{StatusConfirmed}, To: StatusAssigned, Who: []Relation{RelOffice}},
	{Action: ActPlan, From: []Status{StatusConfirmed, StatusAssigned, StatusRectifying}, Who: []Relation{RelOffice, RelUnitHead, RelResponsible}, MajorOnly: true},
	{Action: ActStart, From: []Status{StatusAssigned}, To: StatusRectifying, Who: []Relation{RelUnitHead, RelResponsible}},
	{Action: ActProgress, From: []Status{StatusRectifying}, Who: []Relation{RelUnitHead, RelResponsible}},
	{Action: ActSubmit, From: []Status{StatusRectifying}, To: StatusSubmitted, Who: []Relation{RelUnitHead, RelResponsible}},
	{Action: ActAccept, From: []Status{StatusSubmitted}, To: StatusClosed, Who: []Relation{RelAcceptor}},
	{Action: ActReturn, From: []Status{StatusSubmitted}, To: StatusRectifying, Who: []Relation{RelAcceptor}},
	{Action: ActRequestExtension, From: []Status{StatusAssigned, StatusRectifying}, Who: []Relation{RelUnitHead, RelResponsible}},
	{Action: ActApproveExtension, From: []Status{StatusAssigned, StatusRectifying}, Who: []Relation{RelOffice}},
	{Action: ActRefuseExtension, From: []Status{StatusAssigned, StatusRectifying}, Who: []Relation{RelOffice}},
	{Action: ActReassign, From: []Status{StatusAssigned, StatusRectifying}, To: StatusAssigned, Who: []Relation{RelOffice}},
	{Action: ActReopen, From: []Status{StatusClosed}, To: StatusRectifying, Who: []Relation{RelOffice}},
	{Action: ActList, From: OpenStatuses, Who: []Relation{RelOffice}, MajorOnly: true},
	{Action: ActDelist, From: append(append([]Status{}, OpenStatuses...), StatusClosed), Who: []Relation{RelOffice}, MajorOnly: true},
}

// RuleFor returns the table row of action a.
func RuleFor(a Action) (Rule, bool) {
	for _, r := range Table {
		if r.Action == a {
			return r, true
		}
	}
	return Rule{}, false
}

// Permits reports whether the table lets someone holding rels take action
// a on a hazard in status st of the given level. It does not check guards.
func Permits(a Action, st Status, major bool, rels map[Relation]bool) bool {
	r, ok := RuleFor(a)
	if !ok || (r.MajorOnly && !major) {
		return false
	}
	from := false
	for _, s := range r.From {
		if s == st {
			from = true
		}
	}
	if !from {
		return false
	}
	for _, w := range r.Who {
		if rels[w] {
			return true
		}
	}
	return false
}
