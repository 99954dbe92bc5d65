package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

func pgID(n int64) string { return strconv.FormatInt(n, 10) }

// created posts a form that must redirect to the new record's page and
// returns that page's path.
func created(t *testing.T, c *client, path, prefix string, v url.Values) string {
	t.Helper()
	rec := c.postForm(path, v)
	loc := rec.Header().Get("Location")
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(loc, prefix) {
		t.Fatalf("POST %s: status %d, location %q, body %.500s", path, rec.Code, loc, rec.Body.String())
	}
	return loc
}

func TestPlaceAndGridPages(t *testing.T) {
	e := newTestServer(t)
	c := e.login(t, "office")

	expect(t, c.get("/places/new"), http.StatusOK, "危化品仓库", "区域安全责任人", "楼栋", "房间/区域")
	building := created(t, c, "/places/new", "/places/", url.Values{"name": {"实验楼"}, "level": {"building"}, "place_type": {"laboratory"},
		"campus_id": {pgID(e.CampusID)}, "unit_id": {pgID(e.LabUnitID)}, "responsible_person_id": {pgID(e.LabPersonID)}})
	buildingID := strings.TrimPrefix(building, "/places/")
	expect(t, c.get(building), http.StatusOK, "实验楼", "孙丽", "实验实训中心", "主校区", "place.create", "场所“实验楼”已保存。", "/places/new?parent="+buildingID)
	floor := created(t, c, "/places/new", "/places/", url.Values{"name": {"1层"}, "level": {"floor"}, "place_type": {"laboratory"}, "parent_id": {buildingID}})
	expect(t, c.postForm("/places/new", url.Values{"name": {"夹层"}, "level": {"floor"}, "place_type": {"laboratory"}, "parent_id": {strings.TrimPrefix(floor, "/places/")}}),
		http.StatusUnprocessableEntity, "楼层的上级必须是楼栋。")
	expect(t, c.get("/places?type=laboratory"), http.StatusOK, "实验楼", "1层", "depth-1")
	expect(t, c.get("/places?q="+url.QueryEscape("无此场所")), http.StatusOK, "暂无数据")
	expect(t, c.postForm(building+"/active", url.Values{"active": {"false"}}), http.StatusUnprocessableEntity, "还有 1 个启用的下级场所")

	grid := created(t, c, "/grids/new", "/grids/", url.Values{"name": {"主校区网格"}, "leader_person_id": {pgID(e.PersonID)}})
	expect(t, c.get(grid), http.StatusOK, `name="person_id" value="`+pgID(e.LabPersonID)+`"`, `name="place_id" value="`+buildingID+`"`)
	created(t, c, grid+"/members", grid, url.Values{"person_id": {pgID(e.LabPersonID)}})
	created(t, c, grid+"/places", grid, url.Values{"place_id": {buildingID}})
	expect(t, c.get(grid), http.StatusOK, "网格员（1）", "负责场所（1）", "grid.set_members", "grid.set_places", "checked")
	expect(t, c.postForm(grid+"/members", url.Values{"person_id": {pgID(e.OtherPersonID)}}), http.StatusUnprocessableEntity, "人员不存在或不属于本校。")
	expect(t, c.get("/grids"), http.StatusOK, `href="/grids/diagram"`, "主校区网格", "王电工")
	child := created(t, c, "/grids/new", "/grids/", url.Values{"name": {"实验区网格"}, "parent_id": {strings.TrimPrefix(grid, "/grids/")}})
	diagram := c.get("/grids/diagram")
	expect(t, diagram, http.StatusOK, "网格化管理网络图", "测试卫生学校", `class="grid-box"`, "主校区网格", "王电工", "孙丽", "实验楼", "责任人", "实验区网格", `class="grid-children"`)

	// Read-only roles see the pages without the forms; other schools see nothing.
	s := e.login(t, "staff")
	expect(t, s.get("/places"), http.StatusOK, "实验楼")
	expect(t, s.get("/grids/diagram"), http.StatusOK, "主校区网格")
	show := s.get(grid)
	expect(t, show, http.StatusOK, "孙丽")
	expectAbsent(t, show, `name="person_id"`, "/edit")
	expect(t, s.get("/places/new"), http.StatusForbidden)
	expect(t, s.postForm(grid+"/members", url.Values{"person_id": {pgID(e.PersonID)}}), http.StatusForbidden)
	expect(t, s.postForm(child+"/active", url.Values{"active": {"false"}}), http.StatusForbidden)
	o := e.login(t, "other_admin")
	expect(t, o.get(building), http.StatusNotFound)
	expect(t, o.get(grid), http.StatusNotFound)
	expect(t, o.postForm(grid+"/places", url.Values{"place_id": {buildingID}}), http.StatusNotFound)
}
