package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
)

// grantRows is how many role rows a form shows at least; an account that
// holds more keeps one row per grant.
const grantRows = 3

// maxGrantRows bounds how many rows a submitted form is read for.
const maxGrantRows = 10

// grantRow is one role row of the form: a role and a "kind:id" scope.
type grantRow struct {
	Index int
	Role  string
	Scope string
}

// accountForm is what the create and roles forms show and read back.
type accountForm struct {
	ID          int64 // set on the roles form
	Username    string
	DisplayName string
	PersonID    int64
	Outside     bool // an account of no school (system admin only)
	Rows        []grantRow
}

func padRows(rows []grantRow) []grantRow {
	for len(rows) < grantRows {
		rows = append(rows, grantRow{})
	}
	for i := range rows {
		rows[i].Index = i
	}
	return rows
}

// accountFormPage prepares the create or roles form with its choices.
func (s *Server) accountFormPage(r *http.Request, title string, f accountForm, scopes *scopeChoices) (*page, error) {
	ctx, a, school := r.Context(), actorFrom(r.Context()), schoolFrom(r.Context()).ID
	if !a.IsSystemAdmin() && (school == 0 || !auth.Can(a, auth.PermAccountManage, auth.SchoolScope(school))) {
		return nil, apperr.ForbiddenErr(string(auth.PermAccountManage))
	}
	var roles []option
	for _, role := range auth.AllRoles {
		// Only a system admin grants system-wide and authority roles; the
		// service refuses them too, the list just does not offer them.
		if (role == auth.RoleSystemAdmin || role == auth.RoleAuthorityViewer) && !a.IsSystemAdmin() {
			continue
		}
		roles = append(roles, option{string(role), role.Label()})
	}
	data := map[string]any{"Roles": roles, "Scopes": scopes.Groups, "RolesOnly": f.ID != 0}
	if f.ID == 0 && school != 0 {
		people, err := s.Org.PersonOptions(ctx, a, school)
		if err != nil {
			return nil, err
		}
		data["People"] = people
	}
	f.Rows = padRows(f.Rows)
	p := s.newPage(r, title)
	p.Form = f
	p.Data = data
	return p, nil
}

// grantsFromForm reads the role rows. Scopes must be among the offered
// choices, so a crafted form cannot name another school's unit.
func grantsFromForm(r *http.Request, school int64, scopes *scopeChoices) ([]auth.Grant, []grantRow, []apperr.FieldError) {
	var gs []auth.Grant
	var rows []grantRow
	var fields []apperr.FieldError
	for i := 0; i < maxGrantRows; i++ {
		role := strings.TrimSpace(r.PostFormValue(fmt.Sprintf("role_%d", i)))
		scope := strings.TrimSpace(r.PostFormValue(fmt.Sprintf("scope_%d", i)))
		if role == "" {
			continue
		}
		rows = append(rows, grantRow{Role: role, Scope: scope})
		field := fmt.Sprintf("scope_%d", len(rows)-1)
		kind, idText, ok := strings.Cut(scope, ":")
		id, err := strconv.ParseInt(idText, 10, 64)
		if _, known := scopes.names[scope]; !ok || err != nil || !known {
			fields = append(fields, apperr.FieldError{Field: field, Message: "请选择有效的范围。"})
			continue
		}
		g := auth.Grant{Role: auth.Role(role), ScopeKind: auth.ScopeKind(kind), ScopeID: id}
		if g.ScopeKind != auth.ScopeSystem && g.ScopeKind != auth.ScopeAuthority {
			g.SchoolID = school
		}
		gs = append(gs, g)
	}
	if len(rows) == 0 {
		fields = append(fields, apperr.FieldError{Field: "role_0", Message: "请至少授予一个角色。"})
	}
	return gs, rows, fields
}

func (s *Server) accountNew(w http.ResponseWriter, r *http.Request) error {
	scopes, err := s.loadScopes(r)
	if err != nil {
		return err
	}
	p, err := s.accountFormPage(r, "新建账号", accountForm{}, scopes)
	if err != nil {
		return err
	}
	return s.render(w, r, "account_form", p)
}

func (s *Server) accountCreate(w http.ResponseWriter, r *http.Request) error {
	ctx, a, school := r.Context(), actorFrom(r.Context()), schoolFrom(r.Context()).ID
	scopes, err := s.loadScopes(r)
	if err != nil {
		return err
	}
	f := accountForm{Username: r.PostFormValue("username"), DisplayName: strings.TrimSpace(r.PostFormValue("display_name"))}
	f.Outside = a.IsSystemAdmin() && (r.PostFormValue("home") == "none" || school == 0)
	home := school
	if f.Outside {
		home = 0
	}
	var fields []apperr.FieldError
	if f.PersonID, err = formID(r, "person_id"); err != nil {
		fields = append(fields, apperr.As(err).Fields...)
	}
	gs, rows, gfields := grantsFromForm(r, home, scopes)
	f.Rows, fields = rows, append(fields, gfields...)
	if len(fields) > 0 {
		err = apperr.Fields("account.invalid", fields)
	}
	var acc auth.Account
	var pw string
	if err == nil {
		acc, pw, err = s.Auth.CreateAccount(ctx, a, auth.NewAccount{Username: f.Username, DisplayName: f.DisplayName,
			SchoolID: home, PersonID: f.PersonID, MustChange: true, Grants: gs})
	}
	if err != nil {
		p, perr := s.accountFormPage(r, "新建账号", f, scopes)
		if perr != nil {
			return perr
		}
		return s.formInvalid(w, r, err, "account_form", p)
	}
	return s.renderAccount(w, r, acc, pw)
}

func (s *Server) accountRolesForm(w http.ResponseWriter, r *http.Request) error {
	acc, err := s.findAccount(r)
	if err != nil {
		return err
	}
	scopes, err := s.loadScopes(r)
	if err != nil {
		return err
	}
	f := accountForm{ID: acc.ID, Username: acc.Username, DisplayName: acc.DisplayName}
	for _, g := range acc.Grants {
		f.Rows = append(f.Rows, grantRow{Role: string(g.Role), Scope: scopeValue(g.ScopeKind, g.ScopeID)})
	}
	p, err := s.accountFormPage(r, "编辑角色", f, scopes)
	if err != nil {
		return err
	}
	return s.render(w, r, "account_form", p)
}

func (s *Server) accountRolesSave(w http.ResponseWriter, r *http.Request) error {
	acc, err := s.findAccount(r)
	if err != nil {
		return err
	}
	scopes, err := s.loadScopes(r)
	if err != nil {
		return err
	}
	gs, rows, fields := grantsFromForm(r, acc.SchoolID, scopes)
	if len(fields) > 0 {
		err = apperr.Fields("account.invalid", fields)
	} else {
		err = s.Auth.SetGrants(r.Context(), actorFrom(r.Context()), acc.ID, gs)
	}
	if err != nil {
		f := accountForm{ID: acc.ID, Username: acc.Username, DisplayName: acc.DisplayName, Rows: rows}
		p, perr := s.accountFormPage(r, "编辑角色", f, scopes)
		if perr != nil {
			return perr
		}
		return s.formInvalid(w, r, err, "account_form", p)
	}
	return s.redirectf(w, r, "/accounts/"+strconv.FormatInt(acc.ID, 10), "账号“%s”的角色已更新。", acc.Username)
}

// accountResetPassword sets a random password and shows it on the answer
// page only: a flash cookie would keep it in the browser and on the wire.
func (s *Server) accountResetPassword(w http.ResponseWriter, r *http.Request) error {
	acc, err := s.findAccount(r)
	if err != nil {
		return err
	}
	pw, err := s.Auth.ResetPassword(r.Context(), actorFrom(r.Context()), acc.ID, "")
	if err != nil {
		return err
	}
	acc.MustChangePassword = true
	return s.renderAccount(w, r, acc, pw)
}

func (s *Server) accountSetDisabled(w http.ResponseWriter, r *http.Request) error {
	acc, err := s.findAccount(r)
	if err != nil {
		return err
	}
	disabled := r.PostFormValue("disabled") == "true"
	if err := s.Auth.SetDisabled(r.Context(), actorFrom(r.Context()), acc.ID, disabled); err != nil {
		return err
	}
	msg := "账号“%s”已启用。"
	if disabled {
		msg = "账号“%s”已停用，其登录会话已结束。"
	}
	return s.redirectf(w, r, "/accounts/"+strconv.FormatInt(acc.ID, 10), msg, acc.Username)
}
