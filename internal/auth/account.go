package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/sqldb"
)

// Account is a login.
type Account struct {
	ID                 int64
	Username           string
	DisplayName        string
	SchoolID           int64 // home school; 0 for system and authority accounts
	PersonID           int64
	Disabled           bool
	MustChangePassword bool
	CreatedAt          time.Time
	Grants             []Grant
}

// auditView is what the audit log keeps of an account: never the hash.
func (a Account) auditView() map[string]any {
	gs := make([]string, 0, len(a.Grants))
	for _, g := range a.Grants {
		gs = append(gs, fmt.Sprintf("%s@%s:%d/%d", g.Role, g.ScopeKind, g.SchoolID, g.ScopeID))
	}
	return map[string]any{"username": a.Username, "display_name": a.DisplayName, "school_id": a.SchoolID,
		"person_id": a.PersonID, "disabled": a.Disabled, "grants": gs}
}

const accountCols = `id, username, display_name, COALESCE(school_id, 0), COALESCE(person_id, 0), disabled, must_change_password, created_at`

func scanAccount(s interface{ Scan(...any) error }) (Account, error) {
	var a Account
	var created int64
	err := s.Scan(&a.ID, &a.Username, &a.DisplayName, &a.SchoolID, &a.PersonID, &a.Disabled, &a.MustChangePassword, &created)
	a.CreatedAt = time.UnixMilli(created).UTC()
	return a, err
}

func findAccountByID(ctx context.Context, q sqldb.Querier, id int64) (Account, error) {
	a, err := scanAccount(q.QueryRowContext(ctx, `SELECT `+accountCols+` FROM accounts WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Account{}, apperr.NotFoundf("account.not_found", "账号不存在。")
	}
	if err != nil {
		return Account{}, err
	}
	a.Grants, err = loadGrants(ctx, q, id)
	return a, err
}

func loadGrants(ctx context.Context, q sqldb.Querier, accountID int64) ([]Grant, error) {
	rows, err := q.QueryContext(ctx, `SELECT role, school_id, scope_kind, scope_id FROM role_grants WHERE account_id = $1 ORDER BY id`, accountID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var gs []Grant
	for rows.Next() {
		var g Grant
		if err := rows.Scan(&g.Role, &g.SchoolID, &g.ScopeKind, &g.ScopeID); err != nil {
			return nil, err
		}
		gs = append(gs, g)
	}
	return gs, rows.Err()
}

// expandGrants turns each authority grant into read grants on every school
// the authority oversees, so Can never needs the database.
func expandGrants(ctx context.Context, q sqldb.Querier, gs []Grant) ([]Grant, error) {
	var out []Grant
	for _, g := range gs {
		if g.ScopeKind != ScopeAuthority {
			out = append(out, g)
			continue
		}
		rows, err := q.QueryContext(ctx, `SELECT school_id FROM authority_schools WHERE authority_id = $1 ORDER BY school_id`, g.ScopeID)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var sid int64
			if err := rows.Scan(&sid); err != nil {
				rows.Close()
				return nil, err
			}
			out = append(out, Grant{Role: g.Role, SchoolID: sid, ScopeKind: ScopeSchool, AuthorityID: g.ScopeID})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// NormalizeUsername trims and lower-cases a login name.
func NormalizeUsername(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// validateUsername returns a Chinese message for a bad login name, else "".
func validateUsername(u string) string {
	if len(u) < 2 || len(u) > 64 {
		return "用户名长度应为 2–64 个字符。"
	}
	for _, r := range u {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			return "用户名只能包含小写字母、数字、点、下划线和连字符。"
		}
	}
	return ""
}
