package dashboard

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"sort"
	"strconv"
	"sync"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/figures"
	"safecampus/internal/sqldb"
)

// DefaultMaxAge bounds how old a stored board may be even when nothing
// seems to have changed: it covers changes that reach the figures
// without an entry in the school's audit chain (a role granted in the
// system chain, a clock that jumped).
const DefaultMaxAge = 10 * time.Minute

// Service computes, stores and serves boards.
type Service struct {
	DB     *sqldb.DB
	Now    func() time.Time
	MaxAge time.Duration

	mu       sync.Mutex
	inflight map[flightKey]*flight
	mem      map[flightKey]Board   // the last board of each school and span, decoded (a bounded copy of school_figures)
	sums     map[flightKey]Summary // the authority rows, decoded; valid while computed_at matches the stored row

	snapMu sync.Mutex
	snaps  map[snapKey]snap // each authority's ranked rows, reused for SnapshotTTL
}

// memMax bounds the decoded boards kept in memory; beyond it the map is
// dropped and refilled from school_figures.
const (
	memMax = 256
	sumMax = 50_000
)

// NewService returns the dashboard service.
func NewService(db *sqldb.DB, now func() time.Time) *Service {
	return &Service{DB: db, Now: now, MaxAge: DefaultMaxAge, inflight: map[flightKey]*flight{}, mem: map[flightKey]Board{}, sums: map[flightKey]Summary{}, snaps: map[snapKey]snap{}}
}

type flightKey struct {
	school int64
	span   string
}

type flight struct {
	done  chan struct{}
	board Board
	err   error
}

// state is what decides whether a stored board is still right.
type state struct {
	name, tz string
	head     int64
	today    string
}

func (s *Service) state(ctx context.Context, q sqldb.Querier, school int64) (state, error) {
	var st state
	err := q.QueryRowContext(ctx, `SELECT s.name, s.timezone, COALESCE(h.seq, 0) FROM schools s LEFT JOIN audit_heads h ON h.school_id = s.id WHERE s.id = $1`,
		school).Scan(&st.name, &st.tz, &st.head)
	if errors.Is(err, sql.ErrNoRows) {
		return st, apperr.NotFoundf("school.not_found", "学校不存在。")
	}
	st.today = s.Now().In(location(st.tz)).Format(time.DateOnly)
	return st, err
}

// fresh reports whether a board stored at (day, head, computedAt) is
// still the board that would be computed now.
func (s *Service) fresh(st state, day string, head int64, computedAt time.Time) bool {
	age := s.Now().Sub(computedAt)
	return head == st.head && day == st.today && age >= 0 && age < s.MaxAge
}

// Board returns the board of school for sp: the stored one while it is
// fresh, else a new one (computed once however many requests ask).
// Callers check the viewer's right first (MayView).
func (s *Service) Board(ctx context.Context, school int64, sp figures.Span) (Board, error) {
	q := s.DB.Read()
	st, err := s.state(ctx, q, school)
	if err != nil {
		return Board{}, err
	}
	k := flightKey{school, sp.Key}
	s.mu.Lock()
	b, ok := s.mem[k]
	s.mu.Unlock()
	if ok && s.fresh(st, b.Day, b.HeadSeq, b.ComputedAt) {
		return b, nil
	}
	var payload string
	var day string
	var head, at int64
	err = q.QueryRowContext(ctx, `SELECT day, head_seq, computed_at, payload FROM school_figures WHERE school_id = $1 AND span_key = $2`,
		school, sp.Key).Scan(&day, &head, &at, &payload)
	if err == nil && s.fresh(st, day, head, time.UnixMilli(at)) {
		var b Board
		if json.Unmarshal([]byte(payload), &b) == nil {
			s.remember(k, b)
			return b, nil
		}
	} else if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return Board{}, err
	}
	return s.Refresh(ctx, school, sp)
}

// Refresh computes and stores the board of school for sp now. Concurrent
// calls for the same school and span share one computation.
func (s *Service) Refresh(ctx context.Context, school int64, sp figures.Span) (Board, error) {
	k := flightKey{school, sp.Key}
	s.mu.Lock()
	if f, ok := s.inflight[k]; ok {
		s.mu.Unlock()
		select {
		case <-f.done:
			return f.board, f.err
		case <-ctx.Done():
			return Board{}, ctx.Err()
		}
	}
	f := &flight{done: make(chan struct{})}
	s.inflight[k] = f
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.inflight, k)
		s.mu.Unlock()
		close(f.done)
	}()
	// Detached from the first caller: the others waiting on it must not
	// fail because that one went away.
	f.board, f.err = s.computeAndStore(context.WithoutCancel(ctx), school, sp)
	return f.board, f.err
}

func (s *Service) computeAndStore(ctx context.Context, school int64, sp figures.Span) (Board, error) {
	q := s.DB.Read()
	// The head is read before the figures: a change committed while they
	// are computed moves the head past the stored one, so the next read
	// recomputes rather than trusting figures that may have missed it.
	st, err := s.state(ctx, q, school)
	if err != nil {
		return Board{}, err
	}
	now := s.Now()
	b, err := s.compute(ctx, q, school, sp, now, st.head)
	if err != nil {
		return Board{}, err
	}
	payload, err := json.Marshal(b)
	if err != nil {
		return b, err
	}
	summary, err := json.Marshal(b.Summary())
	if err != nil {
		return b, err
	}
	err = s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO school_figures (school_id, span_key, day, head_seq, computed_at, summary, payload)
			VALUES ($1, $2, $3, $4, $5, $6, $7)
			ON CONFLICT (school_id, span_key) DO UPDATE SET day = excluded.day, head_seq = excluded.head_seq,
				computed_at = excluded.computed_at, summary = excluded.summary, payload = excluded.payload`,
			school, sp.Key, b.Day, b.HeadSeq, now.UnixMilli(), string(summary), string(payload))
		return err
	})
	if err == nil {
		s.remember(flightKey{school, sp.Key}, b)
	}
	return b, err
}

func (s *Service) remember(k flightKey, b Board) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.mem) >= memMax {
		clear(s.mem)
	}
	s.mem[k] = b
}

// locations caches time zones by name: LoadLocation reads the zone file
// each time, and the authority page needs one per school.
var locations sync.Map

func location(tz string) *time.Location {
	if l, ok := locations.Load(tz); ok {
		return l.(*time.Location)
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		loc, _ = time.LoadLocation("Asia/Shanghai")
	}
	locations.Store(tz, loc)
	return loc
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func sortUnitFails(us []UnitFails) {
	sort.SliceStable(us, func(i, j int) bool { return us[i].Fail > us[j].Fail })
}
