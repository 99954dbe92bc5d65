package auth

import (
	"context"
	"fmt"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/sqldb"
)

// NewAccount is the input for CreateAccount.
type NewAccount struct {
	Username    string
	DisplayName string
	Password    string // empty: a random one is generated and returned
	SchoolID    int64
	PersonID    int64
	MustChange  bool
	Grants      []Grant
}

// canManageAccountsOf reports whether actor may manage accounts of school
// (0: accounts outside schools, which only a system admin manages).
func canManageAccountsOf(a *Actor, school int64) bool {
	if school == 0 {
		return a.IsSystemAdmin()
	}
	return Can(a, PermAccountManage, SchoolScope(school))
}

func (s *Service) checkGrants(a *Actor, school int64, gs []Grant) error {
	for _, g := range gs {
		if !g.Role.Valid() {
			return apperr.Invalidf("account.bad_role", "未知角色：%s", g.Role)
		}
		okScope := false
		for _, k := range g.Role.AllowedScopes() {
			if k == g.ScopeKind {
				okScope = true
			}
		}
		if !okScope {
			return apperr.Invalidf("account.bad_scope", "角色“%s”不能授予在范围“%s”上。", g.Role.Label(), g.ScopeKind)
		}
		switch g.ScopeKind {
		case ScopeSystem, ScopeAuthority:
			if !a.IsSystemAdmin() {
				return apperr.ForbiddenErr("grant " + string(g.Role))
			}
		default:
			if g.SchoolID == 0 || g.SchoolID != school {
				return apperr.Invalidf("account.grant_school", "角色必须授予在账号所属学校内。")
			}
			if !canManageAccountsOf(a, g.SchoolID) {
				return apperr.ForbiddenErr(string(PermAccountManage))
			}
			if err := s.checkScopeRecord(g); err != nil {
				return err
			}
		}
	}
	return nil
}

// scopeTables names the table whose row a narrow grant points at.
var scopeTables = map[ScopeKind]string{ScopeCampus: "campuses", ScopeUnit: "units", ScopeGrid: "grids"}

// checkScopeRecord makes sure a campus, unit or grid grant names a record
// of the grant's own school, whatever the form offered.
func (s *Service) checkScopeRecord(g Grant) error {
	table, ok := scopeTables[g.ScopeKind]
	if !ok {
		return nil
	}
	var n int
	err := s.DB.Read().QueryRowContext(context.Background(), `SELECT COUNT(*) FROM `+table+` WHERE id = $1 AND school_id = $2`, g.ScopeID, g.SchoolID).Scan(&n)
	if err != nil {
		return err
	}
	if n == 0 {
		return apperr.Invalidf("account.scope_missing", "角色“%s”的适用范围不存在或不属于本校。", g.Role.Label())
	}
	return nil
}

// CreateAccount adds an account and returns it with its initial password.
func (s *Service) CreateAccount(ctx context.Context, a *Actor, in NewAccount) (Account, string, error) {
	if !canManageAccountsOf(a, in.SchoolID) {
		return Account{}, "", apperr.ForbiddenErr(string(PermAccountManage))
	}
	in.Username = NormalizeUsername(in.Username)
	var fields []apperr.FieldError
	if m := validateUsername(in.Username); m != "" {
		fields = append(fields, apperr.FieldError{Field: "username", Message: m})
	}
	if in.DisplayName == "" {
		fields = append(fields, apperr.FieldError{Field: "display_name", Message: "请填写姓名。"})
	}
	pw := in.Password
	if pw == "" {
		pw = RandomPassword(12)
	} else if m := ValidatePassword(pw); m != "" {
		fields = append(fields, apperr.FieldError{Field: "password", Message: m})
	}
	if len(fields) > 0 {
		return Account{}, "", apperr.Fields("account.invalid", fields)
	}
	if err := s.checkGrants(a, in.SchoolID, in.Grants); err != nil {
		return Account{}, "", err
	}
	hash, err := HashPassword(pw)
	if err != nil {
		return Account{}, "", err
	}
	now := s.Now()
	acc := Account{Username: in.Username, DisplayName: in.DisplayName, SchoolID: in.SchoolID, PersonID: in.PersonID, MustChangePassword: in.MustChange, CreatedAt: now, Grants: in.Grants}
	err = s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		if in.PersonID != 0 {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM people WHERE id = $1 AND school_id = $2`, in.PersonID, in.SchoolID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return apperr.Invalidf("account.person", "关联的人员不存在或不属于该学校。")
			}
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO accounts (username, display_name, password_hash, school_id, person_id, must_change_password, created_at, password_changed_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
			acc.Username, acc.DisplayName, hash, nullID(acc.SchoolID), nullID(acc.PersonID), acc.MustChangePassword, now.UnixMilli()).Scan(&acc.ID)
		if sqldb.IsUniqueViolation(err) {
			return apperr.Fields("account.invalid", []apperr.FieldError{{Field: "username", Message: "该用户名已被使用。"}})
		}
		if err != nil {
			return err
		}
		if err := insertGrants(ctx, tx, acc.ID, acc.Grants); err != nil {
			return err
		}
		_, err = audit.Append(ctx, tx, now, audit.Record{SchoolID: acc.SchoolID, ActorID: a.AccountID, Action: "account.create", Entity: "account", EntityID: acc.ID, After: acc.auditView()})
		return err
	})
	if err != nil {
		return Account{}, "", err
	}
	return acc, pw, nil
}

func insertGrants(ctx context.Context, tx *sqldb.Tx, accountID int64, gs []Grant) error {
	for _, g := range gs {
		_, err := tx.ExecContext(ctx, `INSERT INTO role_grants (account_id, role, school_id, scope_kind, scope_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
			accountID, string(g.Role), g.SchoolID, string(g.ScopeKind), g.ScopeID)
		if err != nil {
			return fmt.Errorf("insert grant: %w", err)
		}
	}
	return nil
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// FindAccount returns one account the actor may manage.
func (s *Service) FindAccount(ctx context.Context, a *Actor, id int64) (Account, error) {
	acc, err := findAccountByID(ctx, s.DB.Read(), id)
	if err != nil {
		return Account{}, err
	}
	if !canManageAccountsOf(a, acc.SchoolID) {
		if acc.SchoolID != 0 && containsID(a.SchoolIDs(), acc.SchoolID) {
			// A member of this school without the right: refuse openly.
			return Account{}, apperr.ForbiddenErr(string(PermAccountManage))
		}
		// Another school's account: answer as if it did not exist.
		return Account{}, apperr.NotFoundf("account.not_found", "账号不存在。")
	}
	return acc, nil
}

// FindAccountByUsername returns the account named username.
func (s *Service) FindAccountByUsername(ctx context.Context, a *Actor, username string) (Account, error) {
	var id int64
	err := s.DB.Read().QueryRowContext(ctx, `SELECT id FROM accounts WHERE username = $1`, NormalizeUsername(username)).Scan(&id)
	if err != nil {
		return Account{}, apperr.NotFoundf("account.not_found", "账号“%s”不存在。", username)
	}
	return s.FindAccount(ctx, a, id)
}

// ListAccounts lists the accounts of a school (0: accounts outside schools).
func (s *Service) ListAccounts(ctx context.Context, a *Actor, school int64) ([]Account, error) {
	if !canManageAccountsOf(a, school) {
		return nil, apperr.ForbiddenErr(string(PermAccountManage))
	}
	q := `SELECT ` + accountCols + ` FROM accounts WHERE school_id = $1 ORDER BY username`
	args := []any{school}
	if school == 0 {
		q = `SELECT ` + accountCols + ` FROM accounts WHERE school_id IS NULL ORDER BY username`
		args = nil
	}
	rows, err := s.DB.Read().QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Account
	for rows.Next() {
		acc, err := scanAccount(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, acc)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Grants, err = loadGrants(ctx, s.DB.Read(), out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ResetPassword sets a new password (random when pw is empty), ends the
// account's sessions and makes the user change it at next login.
func (s *Service) ResetPassword(ctx context.Context, a *Actor, id int64, pw string) (string, error) {
	acc, err := s.FindAccount(ctx, a, id)
	if err != nil {
		return "", err
	}
	if pw == "" {
		pw = RandomPassword(12)
	} else if m := ValidatePassword(pw); m != "" {
		return "", apperr.Fields("account.invalid", []apperr.FieldError{{Field: "password", Message: m}})
	}
	hash, err := HashPassword(pw)
	if err != nil {
		return "", err
	}
	now := s.Now()
	return pw, s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE accounts SET password_hash = $2, must_change_password = TRUE, password_changed_at = $3 WHERE id = $1`, acc.ID, hash, now.UnixMilli()); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE account_id = $1`, acc.ID); err != nil {
			return err
		}
		_, err := audit.Append(ctx, tx, now, audit.Record{SchoolID: acc.SchoolID, ActorID: a.AccountID, Action: "account.reset_password", Entity: "account", EntityID: acc.ID,
			After: map[string]any{"password_reset": true}})
		return err
	})
}

// SetDisabled disables or re-enables an account; disabling ends its sessions.
func (s *Service) SetDisabled(ctx context.Context, a *Actor, id int64, disabled bool) error {
	acc, err := s.FindAccount(ctx, a, id)
	if err != nil {
		return err
	}
	if acc.ID == a.AccountID && disabled {
		return apperr.Invalidf("account.self_disable", "不能停用自己的账号。")
	}
	now := s.Now()
	return s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE accounts SET disabled = $2 WHERE id = $1`, acc.ID, disabled); err != nil {
			return err
		}
		if disabled {
			if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE account_id = $1`, acc.ID); err != nil {
				return err
			}
		}
		after := acc
		after.Disabled = disabled
		_, err := audit.Append(ctx, tx, now, audit.Record{SchoolID: acc.SchoolID, ActorID: a.AccountID, Action: "account.set_disabled", Entity: "account", EntityID: acc.ID,
			Before: acc.auditView(), After: after.auditView()})
		return err
	})
}

// SetGrants replaces an account's roles.
func (s *Service) SetGrants(ctx context.Context, a *Actor, id int64, gs []Grant) error {
	acc, err := s.FindAccount(ctx, a, id)
	if err != nil {
		return err
	}
	if err := s.checkGrants(a, acc.SchoolID, gs); err != nil {
		return err
	}
	now := s.Now()
	return s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM role_grants WHERE account_id = $1`, acc.ID); err != nil {
			return err
		}
		if err := insertGrants(ctx, tx, acc.ID, gs); err != nil {
			return err
		}
		after := acc
		after.Grants = gs
		_, err := audit.Append(ctx, tx, now, audit.Record{SchoolID: acc.SchoolID, ActorID: a.AccountID, Action: "account.set_roles", Entity: "account", EntityID: acc.ID,
			Before: acc.auditView(), After: after.auditView()})
		return err
	})
}

// ChangePassword lets the actor change their own password.
func (s *Service) ChangePassword(ctx context.Context, a *Actor, old, pw string) error {
	var hash string
	var school int64
	if err := s.DB.Read().QueryRowContext(ctx, `SELECT password_hash, COALESCE(school_id, 0) FROM accounts WHERE id = $1`, a.AccountID).Scan(&hash, &school); err != nil {
		return err
	}
	ok, err := CheckPassword(hash, old)
	if err != nil {
		return err
	}
	if !ok {
		return apperr.Fields("account.invalid", []apperr.FieldError{{Field: "old_password", Message: "当前密码不正确。"}})
	}
	if m := ValidatePassword(pw); m != "" {
		return apperr.Fields("account.invalid", []apperr.FieldError{{Field: "new_password", Message: m}})
	}
	if pw == old {
		return apperr.Fields("account.invalid", []apperr.FieldError{{Field: "new_password", Message: "新密码不能与当前密码相同。"}})
	}
	newHash, err := HashPassword(pw)
	if err != nil {
		return err
	}
	now := s.Now()
	return s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE accounts SET password_hash = $2, must_change_password = FALSE, password_changed_at = $3 WHERE id = $1`, a.AccountID, newHash, now.UnixMilli()); err != nil {
			return err
		}
		_, err := audit.Append(ctx, tx, now, audit.Record{SchoolID: school, ActorID: a.AccountID, Action: "account.change_password", Entity: "account", EntityID: a.AccountID,
			After: map[string]any{"password_changed": true}})
		return err
	})
}

// CountAccounts returns how many accounts exist (to bootstrap the admin).
func (s *Service) CountAccounts(ctx context.Context) (int, error) {
	var n int
	err := s.DB.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM accounts`).Scan(&n)
	return n, err
}

func containsID(xs []int64, x int64) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
