package lookback

import (
	"math"
	"math/rand/v2"
	"slices"
)

// pcgStream is the second word of the PCG state. It is fixed so that a
// draw depends on its seed alone; changing it changes every past draw's
// reproduction, so it never changes.
const pcgStream = 0x5AFECA3B0C4B

// Sample picks n of ids at random, reproducibly: the ids are sorted
// ascending (the population's order must not depend on how the database
// returned them), then the first n places of a Fisher–Yates shuffle
// driven by PCG(seed, pcgStream) are taken, in the order drawn. The same
// seed over the same ids gives the same sample in the same order; n at or
// above len(ids) gives all of them (still in shuffled order).
func Sample(ids []int64, seed int64, n int) []int64 {
	pool := slices.Clone(ids)
	slices.Sort(pool)
	n = min(max(n, 0), len(pool))
	r := rand.New(rand.NewPCG(uint64(seed), pcgStream))
	for i := range n {
		j := i + r.IntN(len(pool)-i)
		pool[i], pool[j] = pool[j], pool[i]
	}
	return pool[:n]
}

// SampleSize is how many of population a draw takes: count when it is set
// (at most the population), otherwise percent of it rounded up, so a
// share of a small population still draws at least one.
func SampleSize(population, count, percent int) int {
	if count > 0 {
		return min(count, population)
	}
	return min(population, int(math.Ceil(float64(population)*float64(percent)/100)))
}

// NewSeed returns a fresh seed in [1, 2^53): a number a person can copy
// from the draw's page into a new draw's form (and a JavaScript number
// holds it exactly).
func NewSeed() int64 { return 1 + rand.Int64N(1<<53-1) }

// assign gives the drawn hazards to the inspectors in turn (round robin,
// inspectors by ascending person id), so the assignment is as
// reproducible as the draw itself.
func assign(drawn, inspectors []int64) []int64 {
	ins := slices.Clone(inspectors)
	slices.Sort(ins)
	out := make([]int64, len(drawn))
	for i := range drawn {
		out[i] = ins[i%len(ins)]
	}
	return out
}
