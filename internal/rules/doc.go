// Package rules holds the school's safety rules register (制度, RUL-1 and
// RUL-5) with its versions and the places each rule must be posted on the
// wall (上墙), the policy items that still need a rule (制度建设问题,
// PLAN-3), and the safety meetings (安全例会, RUL-3) whose decisions become
// work-list tasks (internal/task).
//
// Who may do what: everyone in the school who may read the organisation
// (auth.PermOrgView, authority viewers included) reads all of it; holders
// of auth.PermRulesManage (school and system admins) change it. Inspections
// record postings through RecordInspectionPostings inside their own
// transaction. stats.go holds the read-only figures the compliance engine
// and the report use. See docs/decisions/0016-rules-register.md.
package rules
