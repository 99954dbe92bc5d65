package ledger

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/sqldb"
)

// Service reads the ledger.
type Service struct {
	DB  *sqldb.DB
	Now func() time.Time
	// ExportFrom, when set, is where exports read instead of DB.Read(). The
	// command line sets DB.Raw(): the server's SQLite readers map the file
	// into memory (mmap_size), which a one-off export of the whole ledger
	// would fill with up to 256 MB of database pages.
	ExportFrom sqldb.Querier
}

func (s *Service) exportReader() sqldb.Querier {
	if s.ExportFrom != nil {
		return s.ExportFrom
	}
	return s.DB.Read()
}

// NewService returns a ledger service.
func NewService(db *sqldb.DB, now func() time.Time) *Service { return &Service{DB: db, Now: now} }

// visibility is which submitted inspections of a school an actor may read,
// resolved once per call from the actor's grants.
type visibility struct {
	all       bool     // a school-wide ledger grant
	unitIDs   []int64  // unit-scoped grants, expanded to their sub-units
	campusIDs []int64  // campus-scoped grants: inspections of places there
	accountID int64    // the actor's own inspections …
	personID  int64    // … and those they inspected or co-inspected
	tree      org.Tree // loaded for unit-scoped grants; the unit filter reuses it
}

// resolveVisibility works out v for actor a in school. Unit heads see the
// inspections of their unit and its sub-units (a grant covers the subtree,
// as in auth.Can); everybody sees the inspections they took part in.
func resolveVisibility(ctx context.Context, q sqldb.Querier, a *auth.Actor, school int64) (visibility, error) {
	v := visibility{accountID: a.AccountID, personID: a.PersonID}
	if auth.Can(a, auth.PermLedgerView, auth.SchoolScope(school)) {
		v.all = true
		return v, nil
	}
	v.campusIDs = a.ScopeIDs(auth.PermLedgerView, school, auth.ScopeCampus)
	if roots := a.ScopeIDs(auth.PermLedgerView, school, auth.ScopeUnit); len(roots) > 0 {
		tree, err := org.LoadUnitTree(ctx, q, school)
		if err != nil {
			return v, err
		}
		v.tree, v.unitIDs = tree, tree.Subtree(roots)
	}
	return v, nil
}

// SeesOthers reports whether a may read inspections of school beyond the
// ones they took part in: a ledger grant at any scope of it. Only then
// does the ledger offer the inspector filter. It needs no query (a unit
// grant's subtree always holds its root).
func SeesOthers(a *auth.Actor, school int64) bool {
	return auth.Can(a, auth.PermLedgerView, auth.SchoolScope(school)) ||
		len(a.ScopeIDs(auth.PermLedgerView, school, auth.ScopeCampus)) > 0 ||
		len(a.ScopeIDs(auth.PermLedgerView, school, auth.ScopeUnit)) > 0
}

// schoolLocation is the school's time zone, in which filter dates are days.
func schoolLocation(ctx context.Context, q sqldb.Querier, school int64) (*time.Location, error) {
	var tz string
	err := q.QueryRowContext(ctx, `SELECT timezone FROM schools WHERE id = $1`, school).Scan(&tz)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.NotFoundf("school.not_found", "学校不存在。")
	}
	if err != nil {
		return nil, err
	}
	return Zone(tz), nil
}

// zones keeps each parsed time zone: time.LoadLocation reads and parses
// the zoneinfo file on every call (~15 µs, on every ledger page).
var zones sync.Map // name → *time.Location

// Zone is the time zone named name (a school's), Asia/Shanghai's offset
// when the name is unknown.
func Zone(name string) *time.Location {
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		loc = time.FixedZone("CST", 8*3600)
	}
	zones.Store(name, loc)
	return loc
}

func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }
