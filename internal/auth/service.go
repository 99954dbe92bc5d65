package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/sqldb"
)

// Service manages accounts and sessions.
type Service struct {
	DB          *sqldb.DB
	Now         func() time.Time
	IdleTimeout time.Duration // a session unused this long ends
	MaxAge      time.Duration // a session ends this long after login, used or not

	perAccount *Throttle
	perClient  *Throttle
	cache      actorCache
	// logins bounds concurrent argon2 checks: each holds 19 MiB, so two at
	// a time keep memory flat while still serving ~80 logins a second.
	logins chan struct{}
}

// NewService builds a Service with the default limits.
func NewService(db *sqldb.DB, now func() time.Time) *Service {
	return &Service{
		DB: db, Now: now,
		IdleTimeout: 2 * time.Hour, MaxAge: 12 * time.Hour,
		perAccount: NewThrottle(5, 15*time.Minute),
		perClient:  NewThrottle(30, 15*time.Minute),
		logins:     make(chan struct{}, 2),
	}
}

// Session is a logged-in browser.
type Session struct {
	AccountID  int64
	CSRFToken  string
	CreatedAt  time.Time
	LastSeenAt time.Time
}

var errBadLogin = apperr.New(apperr.Unauthenticated, "auth.bad_credentials", "用户名或密码错误。")

// Login checks a password and opens a new session. It returns the session
// token (for the cookie) and the actor. A fresh token is made on every login,
// so a token planted before login is worthless after it.
func (s *Service) Login(ctx context.Context, username, password, clientIP, userAgent string) (string, *Actor, error) {
	now := s.Now()
	username = NormalizeUsername(username)
	if s.perAccount.Blocked(username, now) || s.perClient.Blocked(clientIP, now) {
		return "", nil, apperr.New(apperr.TooMany, "auth.throttled", "登录失败次数过多，请 15 分钟后再试。")
	}
	select {
	case s.logins <- struct{}{}:
		defer func() { <-s.logins }()
	case <-ctx.Done():
		return "", nil, ctx.Err()
	}
	var id int64
	var hash string
	var disabled bool
	err := s.DB.Read().QueryRowContext(ctx, `SELECT id, password_hash, disabled FROM accounts WHERE username = $1`, username).Scan(&id, &hash, &disabled)
	if errors.Is(err, sql.ErrNoRows) {
		_, _ = CheckPassword(dummyHash(), password) // same cost as a real check
		s.fail(username, clientIP, now)
		return "", nil, errBadLogin
	}
	if err != nil {
		return "", nil, err
	}
	ok, err := CheckPassword(hash, password)
	if err != nil {
		return "", nil, err
	}
	if !ok {
		s.fail(username, clientIP, now)
		return "", nil, errBadLogin
	}
	if disabled {
		return "", nil, apperr.New(apperr.Unauthenticated, "auth.disabled", "该账号已停用，请联系管理员。")
	}
	s.perAccount.Reset(username)
	token := randomToken()
	csrf := randomToken()
	err = s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sessions (token_hash, account_id, csrf_token, created_at, last_seen_at, client_ip, user_agent) VALUES ($1, $2, $3, $4, $4, $5, $6)`,
			hashToken(token), id, csrf, now.UnixMilli(), clientIP, truncate(userAgent, 200)); err != nil {
			return err
		}
		_, err := audit.Append(ctx, tx, now, audit.Record{SchoolID: audit.SystemSchool, ActorID: id, Action: "account.login", Entity: "account", EntityID: id,
			After: map[string]any{"client_ip": clientIP}})
		return err
	})
	if err != nil {
		return "", nil, err
	}
	actor, err := s.loadActor(ctx, s.DB.Read(), id)
	return token, actor, err
}

func (s *Service) fail(username, ip string, now time.Time) {
	s.perAccount.Fail(username, now)
	s.perClient.Fail(ip, now)
}

// Authenticate resolves a session token into its actor, ending sessions
// that passed their idle or absolute limit.
func (s *Service) Authenticate(ctx context.Context, token string) (*Actor, Session, error) {
	if token == "" {
		return nil, Session{}, errNoSession
	}
	now := s.Now()
	key := hashToken(token)
	// Noted before the reads below: a write that lands during them makes
	// the entry stored at the end unusable (see actorCache).
	writes, wall := s.DB.Writes(), time.Now()
	if a, sess, ok := s.cache.get(key, writes, wall); ok && s.fresh(sess, now) {
		return a, sess, nil
	}
	var sess Session
	var created, seen int64
	var disabled bool
	err := s.DB.Read().QueryRowContext(ctx, `SELECT s.account_id, s.csrf_token, s.created_at, s.last_seen_at, a.disabled
		FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = $1`, key).
		Scan(&sess.AccountID, &sess.CSRFToken, &created, &seen, &disabled)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Session{}, errNoSession
	}
	if err != nil {
		return nil, Session{}, err
	}
	sess.CreatedAt, sess.LastSeenAt = time.UnixMilli(created), time.UnixMilli(seen)
	if disabled || now.Sub(sess.LastSeenAt) > s.IdleTimeout || now.Sub(sess.CreatedAt) > s.MaxAge {
		_ = s.Logout(ctx, token)
		return nil, Session{}, errExpired
	}
	// Touch at most once a minute: a write per page view would make reads
	// compete with real work for the single writer.
	if now.Sub(sess.LastSeenAt) > time.Minute {
		_ = s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
			_, err := tx.ExecContext(ctx, `UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1`, hashToken(token), now.UnixMilli())
			return err
		})
	}
	actor, err := s.loadActor(ctx, s.DB.Read(), sess.AccountID)
	if err != nil {
		return nil, Session{}, err
	}
	s.cache.put(key, cachedActor{actor: actor, sess: sess, writes: writes, until: wall.Add(actorCacheTTL)})
	return actor, sess, nil
}

// fresh reports whether a cached session may be used as it is: not past
// its limits and not due for the once-a-minute touch (the full path does
// both).
func (s *Service) fresh(sess Session, now time.Time) bool {
	seen := now.Sub(sess.LastSeenAt)
	return seen <= time.Minute && seen <= s.IdleTimeout && now.Sub(sess.CreatedAt) <= s.MaxAge
}

var (
	errNoSession = apperr.New(apperr.Unauthenticated, "auth.no_session", "请先登录。")
	errExpired   = apperr.New(apperr.Unauthenticated, "auth.session_expired", "登录已过期，请重新登录。")
)

// Logout ends the session behind token.
func (s *Service) Logout(ctx context.Context, token string) error {
	// The write itself ends cached actors; forgetting this one too keeps
	// logout safe even if that rule changes.
	defer s.cache.forget(hashToken(token))
	return s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, hashToken(token))
		return err
	})
}

func (s *Service) loadActor(ctx context.Context, q sqldb.Querier, id int64) (*Actor, error) {
	acc, err := findAccountByID(ctx, q, id)
	if err != nil {
		return nil, err
	}
	gs, err := expandGrants(ctx, q, acc.Grants)
	if err != nil {
		return nil, err
	}
	return &Actor{AccountID: acc.ID, Username: acc.Username, DisplayName: acc.DisplayName, PersonID: acc.PersonID,
		HomeSchool: acc.SchoolID, MustChange: acc.MustChangePassword, Grants: gs}, nil
}

// LoadActor resolves an account into an actor (for the command line).
func (s *Service) LoadActor(ctx context.Context, accountID int64) (*Actor, error) {
	return s.loadActor(ctx, s.DB.Read(), accountID)
}

func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// hashToken: the database keeps only a hash, so a leaked copy of it opens
// no session.
func hashToken(t string) string {
	h := sha256.Sum256([]byte(t))
	return hex.EncodeToString(h[:])
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	for len(string(r)) > n {
		r = r[:len(r)-1]
	}
	return string(r)
}
