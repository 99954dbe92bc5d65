package web

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"
)

func TestSchoolsAndAuthorities(t *testing.T) {
	e := newTestServer(t)
	c := e.login(t, "admin")
	expect(t, c.get("/schools"), http.StatusOK, "测试卫生学校", "另一所学校", "市卫健委", `<span class="tag">测试卫生学校</span>`)

	expect(t, c.get("/schools/new"), http.StatusOK, `value="Asia/Shanghai"`)
	rec := c.postForm("/schools/new", url.Values{"code": {"third"}, "name": {"第三学校"}, "timezone": {"Asia/Shanghai"}})
	expect(t, rec, http.StatusSeeOther)
	if loc := rec.Header().Get("Location"); loc != "/schools" {
		t.Errorf("after create: Location %q, want /schools", loc)
	}
	expect(t, c.get("/schools"), http.StatusOK, "第三学校", "学校“第三学校”已创建。")

	cases := []struct {
		name    string
		values  url.Values
		message string
	}{
		{"code taken", url.Values{"code": {"main"}, "name": {"重复"}}, "学校代码已被使用。"},
		{"name missing", url.Values{"code": {"fourth"}}, "请填写学校名称。"},
		{"bad time zone", url.Values{"code": {"fifth"}, "name": {"第五"}, "timezone": {"Mars/Base"}}, "时区无效。"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expect(t, c.postForm("/schools/new", tc.values), http.StatusUnprocessableEntity, tc.message, `action="/schools/new"`)
		})
	}

	expect(t, c.get("/authorities/new"), http.StatusOK, `name="school_ids" value="`+strconv.FormatInt(e.OtherSchoolID, 10)+`"`)
	rec = c.postForm("/authorities/new", url.Values{"name": {"省教育厅"}, "school_ids": {strconv.FormatInt(e.SchoolID, 10), strconv.FormatInt(e.OtherSchoolID, 10)}})
	expect(t, rec, http.StatusSeeOther)
	expect(t, c.get("/schools"), http.StatusOK, "省教育厅", `<span class="tag">另一所学校</span>`)
	rec = c.postForm("/authorities/new", url.Values{"name": {"市卫健委"}, "school_ids": {strconv.FormatInt(e.OtherSchoolID, 10)}})
	expect(t, rec, http.StatusUnprocessableEntity, "该名称已存在。", `value="市卫健委"`)
}

func TestSchoolPagesAreForSystemAdminsOnly(t *testing.T) {
	e := newTestServer(t)
	for _, user := range []string{"office", "principal", "authority"} {
		c := e.login(t, user)
		for _, path := range []string{"/schools", "/schools/new", "/authorities/new"} {
			expect(t, c.get(path), http.StatusForbidden)
		}
		expect(t, c.postForm("/schools/new", url.Values{"code": {"x"}, "name": {"x"}}), http.StatusForbidden)
		expect(t, c.postForm("/authorities/new", url.Values{"name": {"x"}}), http.StatusForbidden)
	}
}
