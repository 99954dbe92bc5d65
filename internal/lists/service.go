package lists

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/sqldb"
)

// Service reads the lists and the statistics.
type Service struct {
	DB  *sqldb.DB
	Now func() time.Time
	// ExportFrom, when set, is where exports read instead of DB.Read()
	// (the command line sets DB.Raw(), as for the ledger).
	ExportFrom sqldb.Querier
}

// NewService returns a lists service.
func NewService(db *sqldb.DB, now func() time.Time) *Service { return &Service{DB: db, Now: now} }

func (s *Service) reader(export bool) sqldb.Querier {
	if export && s.ExportFrom != nil {
		return s.ExportFrom
	}
	return s.DB.Read()
}

// schoolLocation is the school's time zone: days, periods and deadlines
// are read in it. An unknown school is NotFound.
func schoolLocation(ctx context.Context, q sqldb.Querier, school int64) (*time.Location, error) {
	var tz string
	err := q.QueryRowContext(ctx, `SELECT timezone FROM schools WHERE id = $1`, school).Scan(&tz)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.NotFoundf("school.not_found", "学校不存在。")
	}
	if err != nil {
		return nil, err
	}
	if loc, err := time.LoadLocation(tz); err == nil {
		return loc, nil
	}
	return time.FixedZone("CST", 8*3600), nil
}

// builder collects the conditions and arguments of one statement; the
// school is always $1.
type builder struct {
	conds []string
	args  []any
}

func newBuilder(school int64) *builder { return &builder{args: []any{school}} }

func (b *builder) arg(v any) string {
	b.args = append(b.args, v)
	return "$" + strconv.Itoa(len(b.args))
}

func (b *builder) list(ids []int64) string {
	ps := make([]string, len(ids))
	for i, id := range ids {
		ps[i] = b.arg(id)
	}
	return strings.Join(ps, ", ")
}

func (b *builder) add(cond string) { b.conds = append(b.conds, cond) }

func (b *builder) where() string {
	if len(b.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(b.conds, " AND ")
}

// today is the calendar date of now in loc.
func today(now time.Time, loc *time.Location) string { return now.In(loc).Format(time.DateOnly) }

// daysBetween is the number of calendar days from date a to date b
// ('YYYY-MM-DD'); ok is false when either does not parse.
func daysBetween(a, b string) (int, bool) {
	ta, err1 := time.Parse(time.DateOnly, a)
	tb, err2 := time.Parse(time.DateOnly, b)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return int(tb.Sub(ta).Hours() / 24), true
}

func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

func nullMillis(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := fromMillis(v.Int64)
	return &t
}
