package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

func TestPersonCreateListShow(t *testing.T) {
	e := newTestServer(t)
	c := e.login(t, "office")

	form := c.get("/people/new")
	expect(t, form, http.StatusOK, `name="special_posts" value="electrician"`, "电工（配电房）", `type="date"`, "配电班")
	v := url.Values{
		"csrf_token":    {csrfFrom(t, form.Body.String())},
		"name":          {"李消防"},
		"staff_no":      {"T100"},
		"unit_id":       {strconv.FormatInt(e.SubUnitID, 10)},
		"post":          {"值班员"},
		"phone":         {"13812345678"},
		"hire_date":     {"2025-09-01"},
		"special_posts": {"fire_control_operator", "electrician"},
	}
	rec := c.postForm("/people/new", v)
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/people/") {
		t.Fatalf("create: status %d, location %q, body %.300s", rec.Code, rec.Header().Get("Location"), rec.Body.String())
	}
	show := c.get(rec.Header().Get("Location"))
	expect(t, show, http.StatusOK, "李消防", "消防控制室值班员", "电工（配电房）", "2025-09-01", "修改记录", "person.create", "人员“李消防”已保存。")

	list := c.get("/people")
	expect(t, list, http.StatusOK, "李消防", "13812345678", "配电班", `<span class="tag">消防控制室值班员</span>`, "王电工")

	filtered := c.get("/people?q=" + url.QueryEscape("李消防"))
	expect(t, filtered, http.StatusOK, "李消防")
	expectAbsent(t, filtered, "王电工")
	byUnit := c.get("/people?unit=" + strconv.FormatInt(e.LabUnitID, 10))
	expect(t, byUnit, http.StatusOK, "孙丽")
	expectAbsent(t, byUnit, "王电工", "李消防")
}

func TestPersonFormValidation(t *testing.T) {
	e := newTestServer(t)
	c := e.login(t, "office")
	unit := strconv.FormatInt(e.UnitID, 10)
	cases := []struct {
		name    string
		values  url.Values
		message string
	}{
		{"name missing", url.Values{"name": {"  "}, "unit_id": {unit}}, "请填写姓名。"},
		{"bad phone", url.Values{"name": {"甲"}, "phone": {"call me"}}, "电话号码格式不正确。"},
		{"bad hire date", url.Values{"name": {"甲"}, "hire_date": {"2025/09/01"}}, "入职日期格式应为 2006-01-02。"},
		{"unknown special post", url.Values{"name": {"甲"}, "special_posts": {"astronaut"}}, "未知的特种岗位：astronaut"},
		{"duplicate staff number", url.Values{"name": {"甲"}, "staff_no": {"T001"}}, "工号已被其他人员使用。"},
		{"unit of another school", url.Values{"name": {"甲"}, "unit_id": {strconv.FormatInt(e.OtherUnitID, 10)}}, "所属单位不存在或不属于本校。"},
		{"malformed unit", url.Values{"name": {"甲"}, "unit_id": {"x"}}, "选项无效。"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := c.postForm("/people/new", tc.values)
			// The form comes back with what was typed and the field message.
			expect(t, rec, http.StatusUnprocessableEntity, tc.message, `action="/people/new"`)
		})
	}
	// Nothing of the refused submissions was stored.
	expectAbsent(t, c.get("/people"), "甲")
}

func TestPersonEditAndDeactivate(t *testing.T) {
	e := newTestServer(t)
	c := e.login(t, "office")
	path := idPath("/people/%d", e.PersonID)

	expect(t, c.get(path+"/edit"), http.StatusOK, `value="王电工"`, `value="13800000001"`)
	rec := c.postForm(path+"/edit", url.Values{"name": {"王电工"}, "staff_no": {"T001"}, "unit_id": {strconv.FormatInt(e.SubUnitID, 10)},
		"phone": {"13800000009"}, "special_posts": {"electrician"}})
	expect(t, rec, http.StatusSeeOther)
	expect(t, c.get(path), http.StatusOK, "13800000009", "电工（配电房）", "person.update")

	expect(t, c.postForm(path+"/active", url.Values{"active": {"false"}}), http.StatusSeeOther)
	expect(t, c.get(path), http.StatusOK, "已停用", "person.set_active")
}

func TestPersonPagesAccess(t *testing.T) {
	e := newTestServer(t)
	staff := e.login(t, "staff")
	for _, path := range []string{"/people", "/people/new"} {
		if rec := staff.get(path); rec.Code != http.StatusForbidden {
			t.Errorf("staff GET %s: status %d, want 403", path, rec.Code)
		}
	}
	rec := staff.postForm("/people/new", url.Values{"name": {"不该保存"}})
	expect(t, rec, http.StatusForbidden)
	// A staff member cannot read a person record either; it is not found.
	expect(t, staff.get(idPath("/people/%d", e.PersonID)), http.StatusForbidden)

	// A unit head sees the people of their unit and its sub-units only,
	// phone numbers included, and may not edit.
	head := e.login(t, "unithead")
	list := head.get("/people")
	expect(t, list, http.StatusOK, "王电工", "13800000001")
	expectAbsent(t, list, "孙丽", `href="/people/new"`)
	expect(t, head.get(idPath("/people/%d", e.LabPersonID)), http.StatusNotFound)
	expect(t, head.postForm(idPath("/people/%d/active", e.PersonID), url.Values{"active": {"false"}}), http.StatusForbidden)
}

func TestPersonOfAnotherSchoolIsNotFound(t *testing.T) {
	e := newTestServer(t)
	c := e.login(t, "office")
	other := e.OtherPersonID
	for _, path := range []string{idPath("/people/%d", other), idPath("/people/%d/edit", other)} {
		rec := c.get(path)
		expect(t, rec, http.StatusNotFound)
		expectAbsent(t, rec, "外校人员", "13900000001")
	}
	expect(t, c.postForm(idPath("/people/%d/edit", other), url.Values{"name": {"改名"}}), http.StatusNotFound)
	expect(t, c.postForm(idPath("/people/%d/active", other), url.Values{"active": {"false"}}), http.StatusNotFound)

	// The record is untouched for its own school.
	o := e.login(t, "other_admin")
	expect(t, o.get(idPath("/people/%d", other)), http.StatusOK, "外校人员", "在岗")
}
