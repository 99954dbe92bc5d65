package hazard

import (
	"context"
	"database/sql"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// Listing is one period of listed supervision (挂牌督办) of a major hazard.
type Listing struct {
	ID             int64
	ListedAt       time.Time
	ListedBy       int64
	ListedByName   string
	Note           string
	DelistedAt     *time.Time
	DelistedBy     int64
	DelistedByName string
}

// Listings returns the listing history of hazard id, oldest first.
func (s *Service) Listings(ctx context.Context, a *auth.Actor, school, id int64) ([]Listing, error) {
	q := s.DB.Read()
	if _, err := s.visibleHazard(ctx, q, a, school, id); err != nil {
		return nil, err
	}
	return listingsOf(ctx, q, school, id)
}

// listingsOf reads the 挂牌督办 history of a hazard the caller may see.
func listingsOf(ctx context.Context, q sqldb.Querier, school, id int64) ([]Listing, error) {
	rows, err := q.QueryContext(ctx, `SELECT l.id, l.listed_at, l.listed_by, COALESCE(la.display_name, ''), l.note, l.delisted_at,
			COALESCE(l.delisted_by, 0), COALESCE(da.display_name, '')
		FROM hazard_listings l LEFT JOIN accounts la ON la.id = l.listed_by LEFT JOIN accounts da ON da.id = l.delisted_by
		WHERE l.hazard_id = $1 AND l.school_id = $2 ORDER BY l.id`, id, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Listing
	for rows.Next() {
		var l Listing
		var at int64
		var del sql.NullInt64
		if err := rows.Scan(&l.ID, &at, &l.ListedBy, &l.ListedByName, &l.Note, &del, &l.DelistedBy, &l.DelistedByName); err != nil {
			return nil, err
		}
		l.ListedAt, l.DelistedAt = time.UnixMilli(at), msPtr(del)
		out = append(out, l)
	}
	return out, rows.Err()
}

// stepList lists a major hazard for supervision: a listing row with who
// and when, and the hazard's flag.
func stepList(c *change, st Step) error {
	if err := listGuard(c.h, true); err != nil {
		return err
	}
	var f fieldErrs
	c.note = f.text("note", "督办说明", st.Note, false, maxNote)
	if err := f.err("hazard.list_invalid"); err != nil {
		return err
	}
	var id int64
	if err := c.tx.QueryRowContext(c.ctx, `INSERT INTO hazard_listings (school_id, hazard_id, listed_at, listed_by, note) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
		c.h.SchoolID, c.h.ID, c.now.UnixMilli(), c.a.AccountID, c.note).Scan(&id); err != nil {
		return err
	}
	c.h.Listed = true
	c.extra["listing_id"] = id
	return nil
}

// stepDelist ends the open listing (摘牌).
func stepDelist(c *change, st Step) error {
	if err := listGuard(c.h, false); err != nil {
		return err
	}
	var f fieldErrs
	c.note = f.text("note", "摘牌说明", st.Note, false, maxNote)
	if err := f.err("hazard.delist_invalid"); err != nil {
		return err
	}
	var id int64
	err := c.tx.QueryRowContext(c.ctx, `UPDATE hazard_listings SET delisted_at = $3, delisted_by = $4
		WHERE id = (SELECT MAX(id) FROM hazard_listings WHERE hazard_id = $1 AND school_id = $2 AND delisted_at IS NULL) RETURNING id`,
		c.h.ID, c.h.SchoolID, c.now.UnixMilli(), c.a.AccountID).Scan(&id)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	c.h.Listed = false
	c.extra["listing_id"] = id
	return nil
}
