package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"safecampus/internal/apperr"
	"safecampus/internal/hazard"
	"safecampus/internal/org"
)

// A kept hazard record is used only in its own school and only until the
// next write.
func TestHazardRecordKeptUntilWrite(t *testing.T) {
	e := newHazardEnv(t)
	ctx := context.Background()
	office := e.actor("office")
	id, _ := strconv.ParseInt(e.hazardAt(hazard.StatusConfirmed, false), 10, 64)
	first, err := e.Server.hazardRecord(ctx, office, e.SchoolID, id)
	if err != nil {
		t.Fatal(err)
	}
	again, err := e.Server.hazardRecord(ctx, office, e.SchoolID, id)
	if err != nil || again != first {
		t.Fatalf("a second read with no write in between read again (%p, %p, %v)", first, again, err)
	}
	// The same account asking in another school must not get the record.
	if rec, err := e.Server.hazardRecord(ctx, office, e.OtherSchoolID, id); !apperr.Is(err, apperr.NotFound) && !apperr.Is(err, apperr.Forbidden) {
		t.Fatalf("record of school %d read in school %d: %+v, %v", e.SchoolID, e.OtherSchoolID, rec, err)
	}
	// A step is a write: the next read shows it.
	h, err := e.Server.Hazard.Apply(ctx, office, e.SchoolID, id, hazard.Step{Action: hazard.ActReject, Note: "重复上报", Version: first.Hazard.Version})
	if err != nil {
		t.Fatal(err)
	}
	after, err := e.Server.hazardRecord(ctx, office, e.SchoolID, id)
	if err != nil {
		t.Fatal(err)
	}
	if after.Hazard.Status != hazard.StatusRejected || after.Hazard.Version != h.Version || len(after.Timeline) != len(first.Timeline)+1 {
		t.Fatalf("after the step the page reads status %s version %d with %d events (want %s, %d, %d)", after.Hazard.Status,
			after.Hazard.Version, len(after.Timeline), hazard.StatusRejected, h.Version, len(first.Timeline)+1)
	}
}

// A kept list page is per filter and per account, and a write ends it.
func TestHazardListKeptUntilWrite(t *testing.T) {
	e := newHazardEnv(t)
	ctx := context.Background()
	office := e.actor("office")
	e.hazardAt(hazard.StatusConfirmed, false)
	e.hazardAt(hazard.StatusRectifying, false)
	list := func(f hazard.Filter, key string) []hazard.Hazard {
		t.Helper()
		rows, _, err := e.Server.hazardListPage(ctx, office, e.SchoolID, f, key)
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	all := list(hazard.Filter{}, "")
	if again := list(hazard.Filter{}, ""); len(all) < 2 || &again[0] != &all[0] {
		t.Fatalf("no write in between, yet the list was read again (%d rows)", len(all))
	}
	rect := list(hazard.Filter{Status: []hazard.Status{hazard.StatusRectifying}}, "status=rectifying")
	if len(rect) != 1 || rect[0].Status != hazard.StatusRectifying {
		t.Fatalf("the rectifying filter got another filter's kept page: %+v", rect)
	}
	id := e.hazardAt(hazard.StatusReported, false) // a write
	after := list(hazard.Filter{}, "")
	if len(after) != len(all)+1 || strconv.FormatInt(after[0].ID, 10) != id {
		t.Fatalf("after a new report the list shows %d rows, first %d; want %d, first %s", len(after), after[0].ID, len(all)+1, id)
	}
}

// The kept people options of the assign forms follow a new person.
func TestHazardSelectsFollowWrites(t *testing.T) {
	e := newHazardEnv(t)
	c := e.clients["office"]
	id := e.hazardAt(hazard.StatusRectifying, false)
	const name = "新来的电工甲"
	if strings.Contains(e.page(c, id), name) {
		t.Fatal("the person is on the page before they exist")
	}
	e.page(c, id) // kept now
	if _, err := e.Server.Org.SavePerson(context.Background(), e.actor("office"), e.SchoolID, org.Person{UnitID: e.SubUnitID, Name: name, Active: true}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(e.page(c, id), name); n < 3 {
		t.Fatalf("after adding a person the reassign form lists them %d times, want in the responsible, acceptor and supervisor selects", n)
	}
}

// A 随手拍 refused for its text keeps the photo taken as a pending photo
// of the reporter, carried by the form shown again; sent again with a
// description it becomes the hazard's photo.
func TestHazardReportRefusedKeepsPhoto(t *testing.T) {
	e := newHazardEnv(t)
	c := e.clients["office"]
	form := url.Values{"csrf_token": {c.token()}, "client_id": {"refused-report-1"}, "place_id": {e.x.vars["place"]}, "description": {""}}
	rec := c.do(renameFilePart(t, multipartRequest(t, "/hazards/report", form, "camera.png", string(pngBytes(t))), "photos"))
	expect(t, rec, http.StatusUnprocessableEntity)
	m := regexp.MustCompile(`name="photo_id" value="(\d+)"`).FindStringSubmatch(rec.Body.String())
	if m == nil {
		t.Fatalf("the refused form does not carry the photo: %.1000s", rec.Body.String())
	}
	form.Set("description", "楼梯间应急灯不亮")
	form.Set("photo_id", m[1])
	rec = c.postForm("/hazards/report", form)
	expect(t, rec, http.StatusSeeOther)
	id, _ := strconv.ParseInt(strings.TrimPrefix(rec.Header().Get("Location"), "/hazards/"), 10, 64)
	before, _, _, err := e.Server.Hazard.Photos(context.Background(), e.actor("office"), e.SchoolID, id)
	if err != nil || len(before) != 1 || strconv.FormatInt(before[0].ID, 10) != m[1] {
		t.Fatalf("the hazard's photos %v (%v), want the kept photo %s", before, err, m[1])
	}
}

// The timeline names the unit and people an assignment named, as they
// were at that step (events record ids; fields a step did not change are
// not repeated).
func TestHazardTimelineNamesAssignment(t *testing.T) {
	e := newHazardEnv(t)
	id := e.hazardAt(hazard.StatusAssigned, false)
	page := e.page(e.clients["office"], id)
	i := strings.Index(page, `class="timeline"`)
	if i < 0 {
		t.Fatal("no timeline on the page")
	}
	tl := page[i:]
	for _, want := range []string{"责任单位：配电班", "责任人：王电工"} {
		if !strings.Contains(tl, want) {
			t.Errorf("the timeline lacks %q: %.3000s", want, tl)
		}
	}
	if strings.Contains(tl, "：#") {
		t.Errorf("the timeline shows an id instead of a name: %.3000s", tl)
	}
}
