// Package compliance evaluates the notice's measurable rules (the table
// "Measurable rules" of the requirements, plus the rules in force that the
// program can already count) for a period and a scope: the school, a
// campus, a unit, a person or an area. A rule is code with parameters the
// school sets (frequencies, counts, shares, minutes, lead times); its
// evaluation returns a value, a verdict against the target and the exact
// records or people behind a failure.
//
// Verdicts: pass, fail, nodata (the data the rule needs is not recorded —
// never shown as a pass), pending (nothing is due yet) and na (the rule is
// not evaluated for this kind of scope). Every evaluation is a pure
// function of the stored data, the parameters, the period and the clock
// the Service is given. See docs/decisions/0021-compliance-engine.md.
package compliance
