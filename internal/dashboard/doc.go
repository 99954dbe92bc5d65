// Package dashboard assembles the leaders' dashboard of a school (the
// figures of internal/figures, the compliance scorecard's summary and
// campaign progress) and the authority dashboard's side-by-side rows, and
// keeps each school's computed board in school_figures so that a page
// view reads one row instead of recomputing five years of data.
//
// How the stored figures stay correct (docs/decisions/0024-figures-and-dashboards.md): a
// stored board is used only while the school's audit-chain head is the one
// it was computed at (every change of school data appends an audit entry in
// its own transaction), the school's date is unchanged (overdue and missed
// depend on today) and it is younger than MaxAge. Otherwise the page that
// needs it recomputes it (one computation per school and span at a time);
// the scheduler refreshes the current quarter of every school so that the
// authority page rarely meets a stale row, and shows the oldest
// computation time it used ("数据更新于 HH:MM").
package dashboard
