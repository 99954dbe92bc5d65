// Package hazard holds the closed loop of a safety hazard (隐患): where it
// comes from (an inspection's failed question, a logged-in user's report,
// an anonymous report from a place's QR link), the workflow from report to
// verified closure as a transition table, major-hazard governance (the six
// elements of a governance plan, listed supervision), deadline extensions,
// and the timeline of every step.
//
// Records follow the ministry rule on hazard investigation and governance
// (安全生产事故隐患排查治理暂行规定, 安监总局令第16号).
package hazard
