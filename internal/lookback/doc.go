// Package lookback is the look-back (回头看, PLAN-4): a reproducible random
// draw of closed hazards, re-check tasks for named inspectors, their
// results, and the reopening of every hazard whose fix did not hold.
//
// The draw is a pure function of its seed and its population: the closed
// hazards matching the filter, ordered by id, are sampled by a partial
// Fisher–Yates shuffle driven by math/rand/v2's PCG seeded with the draw's
// seed (sample.go). The seed, the filter as JSON, the population size and
// the number drawn are stored with the draw, so anyone can repeat it.
//
// A failed re-check reopens its hazard through the hazard core
// (hazard.Service.ApplyTx) in the same transaction. The reopen step belongs
// to the campaign office; an inspector who is not the office records the
// result and the office that ordered the draw reopens (decision 0023).
package lookback
