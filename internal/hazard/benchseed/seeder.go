package benchseed

import (
	"math/rand/v2"

	"safecampus/internal/sqldb"
)

type counterKey struct {
	school int64
	year   int
	area   string
}

// seeder carries one run's state; the rows go in through internal/sqldb/bulk.
type seeder struct {
	db       *sqldb.DB
	o        Options
	rnd      *rand.Rand
	res      Result
	counters map[counterKey]int
}
