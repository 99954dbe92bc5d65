package org

import (
	"context"
	"testing"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
	"safecampus/internal/testkit"
)

// pgFixture is two schools with a campus, unit and people each: the second
// school's ids must never be accepted by the first.
type pgFixture struct {
	ctx              context.Context
	db               *sqldb.DB
	svc              *Service
	admin, staff     *auth.Actor
	school, other    int64
	campus, campus2  int64
	unit, person     int64
	person2, retired int64
	otherCampus      int64
	otherUnit        int64
	otherPerson      int64
}

func newPGFixture(t *testing.T, dialect string) *pgFixture {
	t.Helper()
	f := &pgFixture{ctx: context.Background(), db: testkit.OpenDB(t, dialect)}
	f.svc = NewService(f.db, func() time.Time { return time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC) })
	sys := auth.System()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	sc, err := f.svc.CreateSchool(f.ctx, sys, School{Code: "a", Name: "甲校"})
	must(err)
	oc, err := f.svc.CreateSchool(f.ctx, sys, School{Code: "b", Name: "乙校"})
	must(err)
	f.school, f.other = sc.ID, oc.ID
	f.admin = &auth.Actor{AccountID: 7, Grants: []auth.Grant{{Role: auth.RoleSchoolAdmin, SchoolID: f.school, ScopeKind: auth.ScopeSchool}}}
	f.staff = &auth.Actor{AccountID: 8, Grants: []auth.Grant{{Role: auth.RoleStaff, SchoolID: f.school, ScopeKind: auth.ScopeSchool}}}
	campus := func(school int64, name string) int64 {
		c, err := f.svc.SaveCampus(f.ctx, sys, school, Campus{Name: name})
		must(err)
		return c.ID
	}
	f.campus, f.campus2, f.otherCampus = campus(f.school, "主校区"), campus(f.school, "海安校区"), campus(f.other, "主校区")
	unit := func(school int64) int64 {
		u, err := f.svc.SaveUnit(f.ctx, sys, school, Unit{Name: "后勤处", Kind: UnitOffice})
		must(err)
		return u.ID
	}
	f.unit, f.otherUnit = unit(f.school), unit(f.other)
	person := func(school int64, name string) int64 {
		p, err := f.svc.SavePerson(f.ctx, sys, school, Person{Name: name})
		must(err)
		return p.ID
	}
	f.person, f.person2, f.retired, f.otherPerson = person(f.school, "赵强"), person(f.school, "冯磊"), person(f.school, "退休者"), person(f.other, "外校人")
	must(f.svc.SetPersonActive(f.ctx, sys, f.school, f.retired, false))
	return f
}

// auditActions lists the audit actions recorded about one record.
func (f *pgFixture) auditActions(t *testing.T, entity string, id int64) []string {
	t.Helper()
	rows, err := f.db.Read().QueryContext(f.ctx, `SELECT action FROM audit_log WHERE school_id = $1 AND entity = $2 AND entity_id = $3 ORDER BY seq`, f.school, entity, id)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
	return out
}

// fieldOf returns the first field named by a validation error ("" if none).
func fieldOf(err error) string {
	e := apperr.As(err)
	if e.Kind != apperr.Invalid || len(e.Fields) == 0 {
		return ""
	}
	return e.Fields[0].Field
}

func (f *pgFixture) savePlace(t *testing.T, p Place) Place {
	t.Helper()
	saved, err := f.svc.SavePlace(f.ctx, f.admin, f.school, p)
	if err != nil {
		t.Fatalf("save %s: %v", p.Name, err)
	}
	return saved
}

func TestPlaces(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newPGFixture(t, d)
			b := f.savePlace(t, Place{Name: "1号宿舍楼", Level: PlaceBuilding, Type: "student_dormitory", CampusID: f.campus, UnitID: f.unit, ResponsiblePersonID: f.person})
			fl := f.savePlace(t, Place{Name: "1层", Level: PlaceFloor, Type: "student_dormitory", ParentID: b.ID})
			room := f.savePlace(t, Place{Name: "101室", Level: PlaceArea, Type: "student_dormitory", ParentID: fl.ID, Code: "D1-101"})
			gate := f.savePlace(t, Place{Name: "南大门", Level: PlaceArea, Type: "gate", CampusID: f.campus2})
			if fl.CampusID != f.campus || room.CampusID != f.campus {
				t.Errorf("campus not inherited from parent: floor %d room %d, want %d", fl.CampusID, room.CampusID, f.campus)
			}
			if b.ResponsibleName != "赵强" || b.UnitName != "后勤处" || room.ParentName != "1层" {
				t.Errorf("names not filled: %+v / %+v", b, room)
			}
			otherPlace, err := f.svc.SavePlace(f.ctx, auth.System(), f.other, Place{Name: "外校楼", Level: PlaceBuilding, Type: "office"})
			if err != nil {
				t.Fatal(err)
			}

			invalid := []struct {
				name  string
				in    Place
				field string
			}{
				{"name required", Place{Level: PlaceArea, Type: "other"}, "name"},
				{"unknown level", Place{Name: "x", Level: "wing", Type: "other"}, "level"},
				{"unknown type", Place{Name: "x", Level: PlaceArea, Type: "castle"}, "place_type"},
				{"floor needs a parent", Place{Name: "x", Level: PlaceFloor, Type: "other"}, "parent_id"},
				{"floor under a floor", Place{Name: "x", Level: PlaceFloor, Type: "other", ParentID: fl.ID}, "parent_id"},
				{"area under an area", Place{Name: "x", Level: PlaceArea, Type: "other", ParentID: room.ID}, "parent_id"},
				{"building under a building", Place{Name: "x", Level: PlaceBuilding, Type: "other", ParentID: b.ID}, "parent_id"},
				{"parent of another school", Place{Name: "x", Level: PlaceArea, Type: "other", ParentID: otherPlace.ID}, "parent_id"},
				{"campus of another school", Place{Name: "x", Level: PlaceArea, Type: "other", CampusID: f.otherCampus}, "campus_id"},
				{"unit of another school", Place{Name: "x", Level: PlaceArea, Type: "other", UnitID: f.otherUnit}, "unit_id"},
				{"person of another school", Place{Name: "x", Level: PlaceArea, Type: "other", ResponsiblePersonID: f.otherPerson}, "responsible_person_id"},
				{"campus differs from parent", Place{Name: "x", Level: PlaceFloor, Type: "other", ParentID: b.ID, CampusID: f.campus2}, "campus_id"},
				{"same name under same parent", Place{Name: "1层", Level: PlaceFloor, Type: "other", ParentID: b.ID}, "name"},
				{"own parent", Place{ID: fl.ID, Name: "1层", Level: PlaceFloor, Type: "other", ParentID: fl.ID}, "parent_id"},
				{"building with floors made an area", Place{ID: b.ID, Name: "1号宿舍楼", Level: PlaceArea, Type: "other", CampusID: f.campus}, "level"},
			}
			for _, c := range invalid {
				_, err := f.svc.SavePlace(f.ctx, f.admin, f.school, c.in)
				if got := fieldOf(err); got != c.field {
					t.Errorf("%s: field %q (err %v), want %q", c.name, got, err, c.field)
				}
			}

			// Another school's record is not found, for reading and writing.
			if _, err := f.svc.FindPlace(f.ctx, f.admin, f.school, otherPlace.ID); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("find other school's place: %v, want not found", err)
			}
			if _, err := f.svc.SavePlace(f.ctx, f.admin, f.school, Place{ID: otherPlace.ID, Name: "改", Level: PlaceBuilding, Type: "office"}); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("update other school's place: %v, want not found", err)
			}
			if err := f.svc.SetPlaceActive(f.ctx, f.admin, f.school, otherPlace.ID, false); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("deactivate other school's place: %v, want not found", err)
			}

			// Staff may read but not change.
			if _, err := f.svc.SavePlace(f.ctx, f.staff, f.school, Place{Name: "y", Level: PlaceArea, Type: "other"}); !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("staff save: %v, want forbidden", err)
			}
			if err := f.svc.SetPlaceActive(f.ctx, f.staff, f.school, room.ID, false); !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("staff deactivate: %v, want forbidden", err)
			}
			if _, err := f.svc.ListPlaces(f.ctx, f.staff, f.school, PlaceFilter{}); err != nil {
				t.Errorf("staff list: %v", err)
			}

			// Update: rename the room.
			room.Name = "101寝室"
			if room = f.savePlace(t, room); room.Name != "101寝室" || !room.Active {
				t.Errorf("updated room = %+v", room)
			}

			// Tree order and filters.
			list, err := f.svc.ListPlaces(f.ctx, f.staff, f.school, PlaceFilter{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range list {
				got = append(got, p.Name+":"+itoa(p.Depth))
			}
			want := "[1号宿舍楼:0 1层:1 101寝室:2 南大门:0]"
			if s := fmtList(got); s != want {
				t.Errorf("tree = %s, want %s", s, want)
			}
			filters := []struct {
				f    PlaceFilter
				want int
			}{
				{PlaceFilter{CampusID: f.campus2}, 1},
				{PlaceFilter{Type: "gate"}, 1},
				{PlaceFilter{Type: "student_dormitory"}, 3},
				{PlaceFilter{Query: "101"}, 1},
				{PlaceFilter{Query: "D1-"}, 1},
				{PlaceFilter{Query: "无此场所"}, 0},
			}
			for _, c := range filters {
				l, err := f.svc.ListPlaces(f.ctx, f.admin, f.school, c.f)
				if err != nil || len(l) != c.want {
					t.Errorf("filter %+v: %d places (%v), want %d", c.f, len(l), err, c.want)
				}
			}
			_ = gate

			// Deactivation waits for the children.
			if err := f.svc.SetPlaceActive(f.ctx, f.admin, f.school, b.ID, false); !apperr.Is(err, apperr.Invalid) {
				t.Errorf("deactivate building with active floor: %v, want invalid", err)
			}
			if err := f.svc.SetPlaceActive(f.ctx, f.admin, f.school, room.ID, false); err != nil {
				t.Fatal(err)
			}
			if p, _ := f.svc.FindPlace(f.ctx, f.admin, f.school, room.ID); p.Active {
				t.Error("room still active")
			}

			if got := fmtList(f.auditActions(t, "place", room.ID)); got != "[place.create place.update place.set_active]" {
				t.Errorf("room audit = %s", got)
			}
			if got := fmtList(f.auditActions(t, "place", b.ID)); got != "[place.create]" {
				t.Errorf("refused changes were audited: %s", got)
			}
		})
	}
}

func fmtList(xs []string) string {
	s := "["
	for i, x := range xs {
		if i > 0 {
			s += " "
		}
		s += x
	}
	return s + "]"
}
