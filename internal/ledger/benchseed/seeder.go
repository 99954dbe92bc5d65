package benchseed

import (
	"math/rand/v2"

	"safecampus/internal/sqldb"
)

// seeder carries one run's state; the rows go in through internal/sqldb/bulk.
type seeder struct {
	db     *sqldb.DB
	o      Options
	school int64
	rnd    *rand.Rand
	qs     []question
	res    Result
	people []int64
	unitOf map[int64]int64 // place → unit
}
