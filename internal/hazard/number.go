package hazard

import (
	"context"
	"fmt"
	"time"

	"safecampus/internal/sqldb"
)

// nextNumber takes the next readable number of the school for a hazard
// found at found in area: YYYY-AREA-NNNN, the year in the school's zone,
// counted per school, year and area. The counter row is upserted inside
// the caller's transaction, so a rolled-back report leaves no gap and two
// writers never get the same number (SQLite has one writer; PostgreSQL's
// upsert locks the row).
func nextNumber(ctx context.Context, tx *sqldb.Tx, school int64, found time.Time, area string, loc *time.Location) (string, error) {
	if !validArea(area) {
		area = AreaGeneral
	}
	year := found.In(loc).Year()
	var last int64
	err := tx.QueryRowContext(ctx, `INSERT INTO hazard_counters (school_id, year, area, last) VALUES ($1, $2, $3, 1)
		ON CONFLICT (school_id, year, area) DO UPDATE SET last = hazard_counters.last + 1 RETURNING last`, school, year, area).Scan(&last)
	if err != nil {
		return "", fmt.Errorf("hazard number: %w", err)
	}
	return fmt.Sprintf("%d-%s-%04d", year, area, last), nil
}
