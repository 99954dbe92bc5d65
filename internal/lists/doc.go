// Package lists holds the four lists of RESP-3 — the work list (工作清单),
// the problem list (问题清单), the responsibility list (责任清单) and the
// rectification list (整改清单) — read from the one data set the other
// domains write (tasks, due inspections, findings, hazards, places,
// grids), and the quarterly and annual hazard statistics the ministry rule
// asks for (安监总局令第16号). It only reads, except for the audit entry
// of each export.
//
// Who sees which rows is decided once per call (scope.go): holders of
// hazard.view for the whole school see everything; unit heads the rows of
// their units and sub-units; campus- and grid-scoped viewers the rows of
// their campuses' and grids' places; everybody also the rows they are
// personally responsible for.
package lists
