package web

import (
	"context"
	"net/http"
	"testing"

	"safecampus/internal/auth"
	"safecampus/internal/org"
)

// TestOrgListsFollowWrites: the kept unit, place and campus lists end with
// any write, so a new record shows on the very next view, and a member
// without org.view is still refused after another member filled the kept
// list.
func TestOrgListsFollowWrites(t *testing.T) {
	e := newTestServer(t)
	ctx, sys := context.Background(), auth.System()
	c := e.login(t, "office")
	for _, path := range []string{"/units", "/places", "/campuses", "/people"} {
		expectAbsent(t, c.get(path), "新建安全科", "新建实训楼", "新建校区")
	}
	if _, err := e.Org.SaveUnit(ctx, sys, e.SchoolID, org.Unit{Name: "新建安全科", Kind: org.UnitOffice}); err != nil {
		t.Fatal(err)
	}
	cp, err := e.Org.SaveCampus(ctx, sys, e.SchoolID, org.Campus{Name: "新建校区"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Org.SavePlace(ctx, sys, e.SchoolID, org.Place{Name: "新建实训楼", Level: org.PlaceBuilding, Type: org.PlaceTypes[0].Code, CampusID: cp.ID}); err != nil {
		t.Fatal(err)
	}
	expect(t, c.get("/units"), http.StatusOK, "新建安全科")
	expect(t, c.get("/people"), http.StatusOK, "新建安全科")
	expect(t, c.get("/places"), http.StatusOK, "新建实训楼", "新建校区")
	expect(t, c.get("/campuses"), http.StatusOK, "新建校区")

	// The hazard forms' people: kept for school-wide readers, new people
	// show at once.
	office := &auth.Actor{AccountID: 1, Grants: []auth.Grant{{Role: auth.RoleSchoolAdmin, SchoolID: e.SchoolID, ScopeKind: auth.ScopeSchool}}}
	before, err := e.Server.schoolActivePeople(ctx, office, e.SchoolID)
	if err != nil {
		t.Fatal(err)
	}
	pr, err := e.Org.SavePerson(ctx, sys, e.SchoolID, org.Person{Name: "新来的安全员", StaffNo: "N901"})
	if err != nil {
		t.Fatal(err)
	}
	after, err := e.Server.schoolActivePeople(ctx, office, e.SchoolID)
	if err != nil || len(after) != len(before)+1 || !containsPerson(after, pr.ID) {
		t.Fatalf("people after a write: %d (was %d), %v", len(after), len(before), err)
	}

	o := e.login(t, "other_admin")
	for _, path := range []string{"/units", "/places", "/campuses"} {
		if rec := o.get(path); rec.Code == http.StatusOK {
			expectAbsent(t, rec, "新建安全科", "新建实训楼", "新建校区")
		}
	}
}

func containsPerson(ps []org.Person, id int64) bool {
	for _, p := range ps {
		if p.ID == id {
			return true
		}
	}
	return false
}
