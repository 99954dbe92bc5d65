package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"safecampus/internal/auth"
	"safecampus/internal/org"
)

func TestLeadingGroupPages(t *testing.T) {
	e := newTestServer(t)
	c := e.login(t, "office")
	id := func(n int64) string { return strconv.FormatInt(n, 10) }

	expect(t, c.get("/leading-group"), http.StatusOK, "尚未成立领导小组。")
	rec := c.postForm("/leading-group/new", url.Values{"name": {" "}})
	expect(t, rec, http.StatusUnprocessableEntity, "请填写领导小组名称。")
	rec = c.postForm("/leading-group/new", url.Values{"name": {"安全工作领导小组"}, "office_unit_id": {id(e.OtherUnitID)}})
	expect(t, rec, http.StatusUnprocessableEntity, "办公室所在单位不存在或不属于本校。")
	rec = c.postForm("/leading-group/new", url.Values{"name": {"安全工作领导小组"}, "office_unit_id": {id(e.UnitID)}, "office_director_person_id": {id(e.PersonID)}, "office_location": {"行政楼101"}})
	expect(t, rec, http.StatusSeeOther)
	groups, err := e.Org.ListLeadingGroups(context.Background(), auth.System(), e.SchoolID)
	if err != nil || len(groups) != 1 {
		t.Fatalf("groups = %v, %v", groups, err)
	}
	gid := groups[0].ID
	members := idPath("/leading-group/%d/members", gid)

	page := c.get("/leading-group")
	expect(t, page, http.StatusOK, "安全工作领导小组", "行政楼101", "<dd>王电工</dd>", `class="coverage"`, "后勤管理处（未设负责人）")

	expect(t, c.postForm(members, url.Values{"person_id": {id(e.LabPersonID)}, "position": {"leader"}, "duty": {"全面负责"}}), http.StatusSeeOther)
	dup := c.postForm(members, url.Values{"person_id": {id(e.LabPersonID)}, "position": {"member"}})
	expect(t, dup, http.StatusUnprocessableEntity, "该人员已是本领导小组成员。")
	expect(t, c.postForm(members, url.Values{"person_id": {id(e.OtherPersonID)}, "position": {"member"}}), http.StatusUnprocessableEntity, "人员不存在或不属于本校。")

	g, err := e.Org.FindLeadingGroup(context.Background(), auth.System(), e.SchoolID, gid)
	if err != nil || len(g.Members) != 1 {
		t.Fatalf("group = %+v, %v", g, err)
	}
	mid := g.Members[0].ID
	memberPath := members + "/" + id(mid)
	expect(t, c.postForm(memberPath, url.Values{"position": {"deputy"}, "duty": {"分管实验室"}, "sort_order": {"2"}}), http.StatusSeeOther)
	page = c.get("/leading-group")
	expect(t, page, http.StatusOK, `value="分管实验室"`, `<option value="deputy" selected>`)

	// Staff read the group but change nothing; another school sees no such group.
	staff := e.login(t, "staff")
	sp := staff.get("/leading-group")
	expect(t, sp, http.StatusOK, "孙丽", "分管实验室")
	expectAbsent(t, sp, `action="/leading-group/`)
	for _, path := range []string{"/leading-group/new", idPath("/leading-group/%d/edit", gid), members, memberPath, memberPath + "/delete"} {
		if rec := staff.postForm(path, url.Values{"name": {"x"}, "position": {"member"}, "person_id": {id(e.PersonID)}}); rec.Code != http.StatusForbidden {
			t.Errorf("staff POST %s: status %d, want 403", path, rec.Code)
		}
	}
	other := e.login(t, "other_admin")
	if rec := other.get(idPath("/leading-group/%d/edit", gid)); rec.Code != http.StatusNotFound {
		t.Errorf("other school's admin: status %d, want 404", rec.Code)
	}
	if rec := other.postForm(memberPath+"/delete", nil); rec.Code != http.StatusNotFound {
		t.Errorf("other school's admin delete: status %d, want 404", rec.Code)
	}

	expect(t, c.postForm(memberPath+"/delete", nil), http.StatusSeeOther)
	edit := c.get(idPath("/leading-group/%d/edit", gid))
	expect(t, edit, http.StatusOK, "leading_group.member_remove", `value="行政楼101"`)
	if strings.Contains(c.get("/leading-group").Body.String(), `id="member-`+id(mid)+`"`) {
		t.Error("removed member still shown")
	}
}

func TestContactPointPages(t *testing.T) {
	e := newTestServer(t)
	c := e.login(t, "office")
	id := func(n int64) string { return strconv.FormatInt(n, 10) }

	expect(t, c.get("/contact-points"), http.StatusOK, "尚未设置联系点。", "添加分管领导")
	rec := c.postForm("/contact-points", url.Values{"new": {"1"}, "leader_person_id": {id(e.LabPersonID)}, "unit_id": {id(e.UnitID), id(e.SubUnitID)}})
	expect(t, rec, http.StatusSeeOther)
	units, err := org.UnitsOfLeader(context.Background(), e.DB.Read(), e.SchoolID, e.LabPersonID)
	if err != nil || len(units) != 2 {
		t.Fatalf("units = %v, %v", units, err)
	}
	page := c.get("/contact-points")
	expect(t, page, http.StatusOK, `id="leader-`+id(e.LabPersonID)+`"`, `value="`+id(e.UnitID)+`" checked`)

	bad := c.postForm("/contact-points", url.Values{"leader_person_id": {id(e.LabPersonID)}, "unit_id": {id(e.OtherUnitID)}})
	expect(t, bad, http.StatusUnprocessableEntity, "所选单位不存在或不属于本校。")
	expect(t, c.postForm("/contact-points", url.Values{"leader_person_id": {id(e.LabPersonID)}, "unit_id": {id(e.LabUnitID)}}), http.StatusSeeOther)
	if units, _ := org.UnitsOfLeader(context.Background(), e.DB.Read(), e.SchoolID, e.LabPersonID); len(units) != 1 || units[0] != e.LabUnitID {
		t.Errorf("after replace: units = %v", units)
	}

	staff := e.login(t, "staff")
	sp := staff.get("/contact-points")
	expect(t, sp, http.StatusOK, `<span class="tag">实验实训中心</span>`)
	expectAbsent(t, sp, `type="checkbox"`)
	if rec := staff.postForm("/contact-points", url.Values{"leader_person_id": {id(e.LabPersonID)}}); rec.Code != http.StatusForbidden {
		t.Errorf("staff POST: status %d, want 403", rec.Code)
	}
}
