// Package figures computes the figures the leaders' dashboard, the
// authority dashboard and the report to the authority all show, from one
// set of queries, so the three can never disagree.
//
// Every function takes a Querier, a school, a Span of calendar days in the
// school's time zone and the instant now; it reads and never writes, and
// it does no authorisation: the callers (dashboard handlers, report
// service) decide who may see a school's figures.
//
// The definitions (docs/decisions/0024-figures-and-dashboards.md):
//
//   - The cut-off is min(now, the span's end): figures of a past span are
//     the state at its last moment, those of the current span the state now.
//   - Found: hazards found in the span, neither rejected nor still awaiting
//     confirmation (as internal/lists' statistics). Closed: of those, closed
//     (accepted) by the cut-off. Open = Found − Closed. The rate is Closed of
//     Found in per mille, rounded half up; -1 when nothing was found.
//   - Overdue, MajorOpen, MajorListed and OpenMajor describe the backlog at
//     the cut-off, whenever the hazards were found: open at the cut-off with
//     a deadline before min(today, the span's last day) — a deadline is the
//     last day to finish, so a hazard due on the span's last day is not
//     overdue in that span (the lists' rule).
//   - Rectified and the weekly Closed count hazards closed in the span,
//     whenever found: the trend compares the work found with the work done.
//   - Figures come from the hazards as they are now (the lists' rule): a
//     hazard reopened later counts as open; an extended deadline is the
//     deadline.
package figures
