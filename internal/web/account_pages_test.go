package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"testing"
)

var shownPassword = regexp.MustCompile(`<code class="password">([^<]+)</code>`)

// passwordOn returns the one-time password a page shows.
func passwordOn(t *testing.T, body string) string {
	t.Helper()
	m := shownPassword.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no password shown: %.500s", body)
	}
	return m[1]
}

func TestAccountCreateShowsPasswordOnce(t *testing.T) {
	e := newTestServer(t)
	c := e.login(t, "office")

	form := c.get("/accounts/new")
	expect(t, form, http.StatusOK, `name="role_0"`, `name="role_2"`, `value="unit:`+strconv.FormatInt(e.UnitID, 10)+`"`, "王电工")
	expectAbsent(t, form, `name="role_3"`, `value="system_admin"`, `name="home"`)
	rec := c.postForm("/accounts/new", url.Values{
		"csrf_token":   {csrfFrom(t, form.Body.String())},
		"username":     {"Wang.DG"},
		"display_name": {"王电工"},
		"person_id":    {strconv.FormatInt(e.PersonID, 10)},
		"role_0":       {"staff"}, "scope_0": {"school:0"},
		"role_1": {"unit_head"}, "scope_1": {"unit:" + strconv.FormatInt(e.SubUnitID, 10)},
		"role_2": {""}, "scope_2": {"school:0"},
	})
	expect(t, rec, http.StatusOK, "wang.dg", "教职工 · 全校", "部门负责人 · 配电班", `href="/people/`+strconv.FormatInt(e.PersonID, 10)+`"`, "account.create")
	pw := passwordOn(t, rec.Body.String())
	if rec.Header().Get("Set-Cookie") != "" {
		t.Errorf("the password page sets a cookie: %q", rec.Header().Get("Set-Cookie"))
	}

	list := c.get("/accounts")
	expect(t, list, http.StatusOK, "wang.dg", "待修改初始密码", "office")
	expectAbsent(t, list, "other_admin", pw)

	// The new user can log in with the shown password and must change it.
	e.Passwords["wang.dg"] = pw
	u := e.newClient(t)
	login := u.postRaw("/login", url.Values{"username": {"wang.dg"}, "password": {pw}})
	expect(t, login, http.StatusSeeOther)
	if loc := u.get("/").Header().Get("Location"); loc != "/account/password" {
		t.Errorf("first page after login redirects to %q, want /account/password", loc)
	}
}

func TestAccountFormValidation(t *testing.T) {
	e := newTestServer(t)
	c := e.login(t, "office")
	unit := "unit:" + strconv.FormatInt(e.UnitID, 10)
	cases := []struct {
		name    string
		values  url.Values
		message string
	}{
		{"bad username", url.Values{"username": {"a b"}, "display_name": {"甲"}, "role_0": {"staff"}, "scope_0": {"school:0"}}, "用户名只能包含小写字母、数字、点、下划线和连字符。"},
		{"name missing", url.Values{"username": {"jia"}, "role_0": {"staff"}, "scope_0": {"school:0"}}, "请填写姓名。"},
		{"no role", url.Values{"username": {"jia"}, "display_name": {"甲"}}, "请至少授予一个角色。"},
		{"role at wrong scope", url.Values{"username": {"jia"}, "display_name": {"甲"}, "role_0": {"unit_head"}, "scope_0": {"school:0"}}, "不能授予在范围"},
		{"username taken", url.Values{"username": {"office"}, "display_name": {"甲"}, "role_0": {"staff"}, "scope_0": {unit}}, "该用户名已被使用。"},
		{"unit of another school", url.Values{"username": {"jia"}, "display_name": {"甲"}, "role_0": {"unit_head"}, "scope_0": {"unit:" + strconv.FormatInt(e.OtherUnitID, 10)}}, "请选择有效的范围。"},
		{"system role by school admin", url.Values{"username": {"jia"}, "display_name": {"甲"}, "role_0": {"system_admin"}, "scope_0": {"system:0"}}, "请选择有效的范围。"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expect(t, c.postForm("/accounts/new", tc.values), http.StatusUnprocessableEntity, tc.message, `action="/accounts/new"`)
		})
	}
	expectAbsent(t, c.get("/accounts"), "jia")
}

func TestAccountPagesAccess(t *testing.T) {
	e := newTestServer(t)
	for _, user := range []string{"staff", "principal", "unithead"} {
		c := e.login(t, user)
		for _, path := range []string{"/accounts", "/accounts/new", idPath("/accounts/%d", e.AccountIDs["staff"])} {
			if rec := c.get(path); rec.Code != http.StatusForbidden && rec.Code != http.StatusNotFound {
				t.Errorf("%s GET %s: status %d, want 403 or 404", user, path, rec.Code)
			}
		}
		rec := c.postForm("/accounts/new", url.Values{"username": {"sneaky"}, "display_name": {"甲"}, "role_0": {"school_admin"}, "scope_0": {"school:0"}})
		expect(t, rec, http.StatusForbidden)
		expect(t, c.postForm(idPath("/accounts/%d/roles", e.AccountIDs[user]), url.Values{"role_0": {"school_admin"}, "scope_0": {"school:0"}}), http.StatusForbidden)
	}

	// Another school's account is not found, whatever the action.
	c := e.login(t, "office")
	other := e.AccountIDs["other_admin"]
	for _, path := range []string{idPath("/accounts/%d", other), idPath("/accounts/%d/roles", other)} {
		expect(t, c.get(path), http.StatusNotFound)
	}
	for _, path := range []string{idPath("/accounts/%d/reset-password", other), idPath("/accounts/%d/disabled", other), idPath("/accounts/%d/roles", other)} {
		expect(t, c.postForm(path, url.Values{"disabled": {"true"}, "role_0": {"staff"}, "scope_0": {"school:0"}}), http.StatusNotFound)
	}
	expect(t, e.login(t, "other_admin").get("/"), http.StatusOK)
}

func TestAccountResetDisableRoles(t *testing.T) {
	e := newTestServer(t)
	c := e.login(t, "office")
	staff := e.login(t, "staff")
	path := idPath("/accounts/%d", e.AccountIDs["staff"])

	rec := c.postForm(path+"/reset-password", nil)
	expect(t, rec, http.StatusOK, "初始密码", "测试staff")
	pw := passwordOn(t, rec.Body.String())
	// The reset ended the staff member's session; the old password is gone.
	if got := staff.get("/").Code; got != http.StatusSeeOther {
		t.Errorf("old session after reset: status %d, want redirect to login", got)
	}
	expect(t, e.newClient(t).postRaw("/login", url.Values{"username": {"staff"}, "password": {e.Passwords["staff"]}}), http.StatusUnauthorized)
	expect(t, e.newClient(t).postRaw("/login", url.Values{"username": {"staff"}, "password": {pw}}), http.StatusSeeOther)
	// Shown once: the account page itself never shows it again.
	show := c.get(path)
	expect(t, show, http.StatusOK, "account.reset_password")
	expectAbsent(t, show, pw)

	expect(t, c.postForm(path+"/disabled", url.Values{"disabled": {"true"}}), http.StatusSeeOther)
	expect(t, c.get(path), http.StatusOK, "已停用", "启用账号")
	expect(t, e.newClient(t).postRaw("/login", url.Values{"username": {"staff"}, "password": {pw}}), http.StatusUnauthorized, "该账号已停用")
	expect(t, c.postForm(path+"/disabled", url.Values{"disabled": {"false"}}), http.StatusSeeOther)

	roles := c.get(path + "/roles")
	expect(t, roles, http.StatusOK, `<option value="staff" selected>`, `<option value="school:0" selected>`)
	rec = c.postForm(path+"/roles", url.Values{"role_0": {"grid_leader"}, "scope_0": {"school:0"}, "role_1": {"staff"}, "scope_1": {"school:0"}})
	expect(t, rec, http.StatusSeeOther)
	expect(t, c.get(path), http.StatusOK, "网格长 · 全校", "教职工 · 全校", "account.set_roles")
	expect(t, c.postForm(path+"/roles", url.Values{"role_0": {"lab_manager"}, "scope_0": {"school:0"}}), http.StatusUnprocessableEntity, "不能授予在范围")

	// Nobody disables their own account from here.
	expect(t, c.postForm(idPath("/accounts/%d/disabled", e.AccountIDs["office"]), url.Values{"disabled": {"true"}}), http.StatusUnprocessableEntity, "不能停用自己的账号。")
}

func TestAccountListForSystemAdmin(t *testing.T) {
	e := newTestServer(t)
	c := e.login(t, "admin")
	list := c.get("/accounts")
	expect(t, list, http.StatusOK, "测试卫生学校", "系统与主管部门账号", "系统管理员 · 系统（全部学校）", "主管部门（只读） · 市卫健委", "office")
	expectAbsent(t, list, "other_admin")

	form := c.get("/accounts/new")
	expect(t, form, http.StatusOK, `name="home"`, `value="system_admin"`, `value="authority:`+strconv.FormatInt(e.AuthorityID, 10)+`"`)
	rec := c.postForm("/accounts/new", url.Values{"username": {"wjw"}, "display_name": {"卫健委"}, "home": {"none"},
		"role_0": {"authority_viewer"}, "scope_0": {"authority:" + strconv.FormatInt(e.AuthorityID, 10)}})
	expect(t, rec, http.StatusOK, "不属于任何学校", "主管部门（只读） · 市卫健委")
	passwordOn(t, rec.Body.String())
	// An account of no school keeps its trail on the system chain, which
	// its page shows to the system admin.
	m := regexp.MustCompile(`/accounts/(\d+)/`).FindStringSubmatch(rec.Body.String())
	if m == nil {
		t.Fatalf("new account page has no account link:\n%.400s", rec.Body.String())
	}
	show := c.get("/accounts/" + m[1])
	expect(t, show, http.StatusOK, "修改记录", "account.create")
	// A school role on an account outside schools is refused.
	rec = c.postForm("/accounts/new", url.Values{"username": {"x1"}, "display_name": {"甲"}, "home": {"none"}, "role_0": {"staff"}, "scope_0": {"school:0"}})
	expect(t, rec, http.StatusUnprocessableEntity, "角色必须授予在账号所属学校内。")
}
