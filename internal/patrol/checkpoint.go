package patrol

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"strings"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// CheckPoint is a place that carries a QR label.
type CheckPoint struct {
	ID        int64     `json:"id"`
	SchoolID  int64     `json:"school_id"`
	PlaceID   int64     `json:"place_id"`
	Token     string    `json:"-"` // a capability: kept out of the audit log
	Active    bool      `json:"active"`
	CreatedAt time.Time `json:"created_at"`

	// Read-only, filled by queries.
	PlaceName   string `json:"-"`
	PlaceType   string `json:"-"`
	PlaceCode   string `json:"-"`
	PlaceActive bool   `json:"-"`
}

// ShortCode is what a person reads off a label to match it with the list:
// the token's first eight characters. It is not enough to open the page.
func (c CheckPoint) ShortCode() string {
	t := strings.ToUpper(c.Token)
	if len(t) < 8 {
		return t
	}
	return t[:4] + "-" + t[4:8]
}

// Usable reports whether scanning the check point may record a patrol.
func (c CheckPoint) Usable() bool { return c.Active && c.PlaceActive }

// inactiveMsg is what scanning a deactivated check point (or a check
// point of a deactivated place) says.
const inactiveMsg = "该检查点已停用"

// newToken is 128 random bits in lower-case base32 (26 characters): short
// enough for a small QR code, impossible to guess.
func newToken() string { return strings.ToLower(rand.Text()) }

// validToken filters obviously malformed tokens before they reach SQL.
func validToken(t string) bool {
	if len(t) < 16 || len(t) > 64 {
		return false
	}
	for _, r := range t {
		if !(r >= 'a' && r <= 'z' || r >= '2' && r <= '7') {
			return false
		}
	}
	return true
}

const cpCols = `cp.id, cp.school_id, cp.place_id, cp.token, cp.active, cp.created_at, p.name, p.place_type, p.code, p.active`

func scanCheckPoint(s interface{ Scan(...any) error }) (CheckPoint, error) {
	var c CheckPoint
	var at int64
	err := s.Scan(&c.ID, &c.SchoolID, &c.PlaceID, &c.Token, &c.Active, &at, &c.PlaceName, &c.PlaceType, &c.PlaceCode, &c.PlaceActive)
	c.CreatedAt = time.UnixMilli(at).UTC()
	return c, err
}

func findCheckPoint(ctx context.Context, q sqldb.Querier, where string, args ...any) (CheckPoint, error) {
	c, err := scanCheckPoint(q.QueryRowContext(ctx, `SELECT `+cpCols+` FROM check_points cp JOIN places p ON p.id = cp.place_id WHERE `+where, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return CheckPoint{}, apperr.NotFoundf("checkpoint.not_found", "检查点不存在。")
	}
	return c, err
}

// Resolve finds the check point of a scanned token. An unknown token is not
// found. A deactivated check point, or one whose place is deactivated, is
// an error "该检查点已停用" — returned together with the check point, so a
// caller can first decide whether the actor may learn even that much (the
// actor must belong to the check point's school).
func (s *Service) Resolve(ctx context.Context, token string) (CheckPoint, error) {
	token = strings.ToLower(strings.TrimSpace(token))
	if !validToken(token) {
		return CheckPoint{}, apperr.NotFoundf("checkpoint.not_found", "检查点不存在。")
	}
	c, err := findCheckPoint(ctx, s.DB.Read(), `cp.token = $1`, token)
	if err != nil {
		return CheckPoint{}, err
	}
	if !c.Usable() {
		return c, apperr.New(apperr.NotFound, "checkpoint.inactive", inactiveMsg)
	}
	return c, nil
}

// IsInactive reports whether err is Resolve's "deactivated" error.
func IsInactive(err error) bool {
	var e *apperr.Error
	return errors.As(err, &e) && e.Code == "checkpoint.inactive"
}

// FindCheckPoint returns one check point of the school (for its QR image).
func (s *Service) FindCheckPoint(ctx context.Context, a *auth.Actor, school, id int64) (CheckPoint, error) {
	if err := require(a, auth.PermOrgManage, auth.SchoolScope(school)); err != nil {
		return CheckPoint{}, err
	}
	return findCheckPoint(ctx, s.DB.Read(), `cp.id = $1 AND cp.school_id = $2`, id, school)
}

// EnableCheckPoint gives a place a check point, or reactivates the one it
// had: the token is kept, so labels already on the wall work again.
func (s *Service) EnableCheckPoint(ctx context.Context, a *auth.Actor, school, placeID int64) (CheckPoint, error) {
	if err := require(a, auth.PermOrgManage, auth.SchoolScope(school)); err != nil {
		return CheckPoint{}, err
	}
	now := s.Now()
	err := s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		var name string
		var active bool
		err := tx.QueryRowContext(ctx, `SELECT name, active FROM places WHERE id = $1 AND school_id = $2`, placeID, school).Scan(&name, &active)
		if errors.Is(err, sql.ErrNoRows) {
			return audit.Record{}, apperr.NotFoundf("place.not_found", "场所不存在。")
		}
		if err != nil {
			return audit.Record{}, err
		}
		if !active {
			return audit.Record{}, apperr.Invalidf("checkpoint.place_inactive", "场所“%s”已停用，不能设置检查点。", name)
		}
		before, err := findCheckPoint(ctx, tx, `cp.place_id = $1 AND cp.school_id = $2`, placeID, school)
		switch {
		case apperr.Is(err, apperr.NotFound):
			c := CheckPoint{SchoolID: school, PlaceID: placeID, Token: newToken(), Active: true, CreatedAt: now.UTC().Truncate(time.Millisecond)}
			err = tx.QueryRowContext(ctx, `INSERT INTO check_points (school_id, place_id, token, active, created_at) VALUES ($1, $2, $3, TRUE, $4) RETURNING id`,
				school, placeID, c.Token, now.UnixMilli()).Scan(&c.ID)
			return audit.Record{SchoolID: school, Action: "checkpoint.create", Entity: "check_point", EntityID: c.ID, After: c}, err
		case err != nil:
			return audit.Record{}, err
		case before.Active:
			return audit.Record{}, nil // already enabled: nothing changes
		}
		after := before
		after.Active = true
		_, err = tx.ExecContext(ctx, `UPDATE check_points SET active = TRUE WHERE id = $1 AND school_id = $2`, before.ID, school)
		return audit.Record{SchoolID: school, Action: "checkpoint.enable", Entity: "check_point", EntityID: before.ID, Before: before, After: after}, err
	})
	if err != nil {
		return CheckPoint{}, err
	}
	return findCheckPoint(ctx, s.DB.Read(), `cp.place_id = $1 AND cp.school_id = $2`, placeID, school)
}

// DisableCheckPoint switches a place's check point off: scanning its label
// then says "该检查点已停用". Patrols already recorded stay.
func (s *Service) DisableCheckPoint(ctx context.Context, a *auth.Actor, school, placeID int64) error {
	if err := require(a, auth.PermOrgManage, auth.SchoolScope(school)); err != nil {
		return err
	}
	return s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		before, err := findCheckPoint(ctx, tx, `cp.place_id = $1 AND cp.school_id = $2`, placeID, school)
		if err != nil || !before.Active {
			return audit.Record{}, err
		}
		after := before
		after.Active = false
		_, err = tx.ExecContext(ctx, `UPDATE check_points SET active = FALSE WHERE id = $1 AND school_id = $2`, before.ID, school)
		return audit.Record{SchoolID: school, Action: "checkpoint.disable", Entity: "check_point", EntityID: before.ID, Before: before, After: after}, err
	})
}
