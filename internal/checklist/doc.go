// Package checklist is the check-item library: the notice's catalogue built
// in (every code of REQUIREMENTS.md, one checkable question per line), a
// school's own items and edited versions, disabled items and item sets.
// Inspections keep the text of each question as it was when answered.
package checklist
