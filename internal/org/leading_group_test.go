package org_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// lgFixture is a school with a few units and people, plus a second school
// whose records must never be accepted.
type lgFixture struct {
	svc    *org.Service
	sys    *auth.Actor
	staff  *auth.Actor
	school int64
	other  int64
	unit   map[string]int64
	person map[string]int64
}

var lgNow = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func newLGFixture(t *testing.T, dialect string) (*lgFixture, *org.Service) {
	t.Helper()
	ctx := context.Background()
	db := testkit.OpenDB(t, dialect)
	svc := org.NewService(db, func() time.Time { return lgNow })
	f := &lgFixture{svc: svc, sys: auth.System(), unit: map[string]int64{}, person: map[string]int64{}}
	f.school = mustSchool(t, svc, "a")
	f.other = mustSchool(t, svc, "b")
	f.staff = &auth.Actor{AccountID: 42, Username: "staff", Grants: []auth.Grant{{Role: auth.RoleStaff, SchoolID: f.school, ScopeKind: auth.ScopeSchool}}}
	units := []struct {
		name string
		kind org.UnitKind
	}{{"安全保卫处", org.UnitOffice}, {"护理系", org.UnitDepartment}, {"药学系", org.UnitDepartment}, {"实验实训中心", org.UnitCenter}, {"海安校区", org.UnitCampus}}
	for _, u := range units {
		saved, err := svc.SaveUnit(ctx, f.sys, f.school, org.Unit{Name: u.name, Kind: u.kind})
		if err != nil {
			t.Fatal(err)
		}
		f.unit[u.name] = saved.ID
	}
	for _, name := range []string{"顾锋", "张佩武", "黄轶", "李敏", "孙丽"} {
		p, err := svc.SavePerson(ctx, f.sys, f.school, org.Person{Name: name})
		if err != nil {
			t.Fatal(err)
		}
		f.person[name] = p.ID
	}
	ou, err := svc.SaveUnit(ctx, f.sys, f.other, org.Unit{Name: "外校处室", Kind: org.UnitOffice})
	if err != nil {
		t.Fatal(err)
	}
	f.unit["外校处室"] = ou.ID
	op, err := svc.SavePerson(ctx, f.sys, f.other, org.Person{Name: "外校人员"})
	if err != nil {
		t.Fatal(err)
	}
	f.person["外校人员"] = op.ID
	return f, svc
}

func mustSchool(t *testing.T, svc *org.Service, code string) int64 {
	t.Helper()
	s, err := svc.CreateSchool(context.Background(), auth.System(), org.School{Code: code, Name: "学校" + code})
	if err != nil {
		t.Fatal(err)
	}
	return s.ID
}

// fieldMessage returns the message of field in a validation error, or "".
func fieldMessage(err error, field string) string {
	for _, f := range apperr.As(err).Fields {
		if f.Field == field {
			return f.Message
		}
	}
	return ""
}

func TestSaveLeadingGroupValidation(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f, svc := newLGFixture(t, d)
			ctx := context.Background()
			cases := []struct {
				name  string
				in    org.LeadingGroup
				field string
			}{
				{"name required", org.LeadingGroup{Name: "  "}, "name"},
				{"office unit of another school", org.LeadingGroup{Name: "领导小组", OfficeUnitID: f.unit["外校处室"]}, "office_unit_id"},
				{"director of another school", org.LeadingGroup{Name: "领导小组", OfficeDirectorPersonID: f.person["外校人员"]}, "office_director_person_id"},
			}
			for _, c := range cases {
				_, err := svc.SaveLeadingGroup(ctx, f.sys, f.school, c.in)
				if !apperr.Is(err, apperr.Invalid) || fieldMessage(err, c.field) == "" {
					t.Errorf("%s: want field error on %s, got %v", c.name, c.field, err)
				}
			}
			if _, err := svc.SaveLeadingGroup(ctx, f.staff, f.school, org.LeadingGroup{Name: "领导小组"}); !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("staff save: want Forbidden, got %v", err)
			}
		})
	}
}

func TestLeadingGroupMembers(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f, svc := newLGFixture(t, d)
			ctx := context.Background()
			g, err := svc.SaveLeadingGroup(ctx, f.sys, f.school, org.LeadingGroup{Name: "安全专项整治领导小组", OfficeUnitID: f.unit["安全保卫处"], OfficeDirectorPersonID: f.person["黄轶"], OfficeLocation: "安全保卫处"})
			if err != nil {
				t.Fatal(err)
			}
			// Added out of order: the group lists 组长, 副组长, 成员.
			add := []struct {
				person string
				pos    org.Position
			}{{"李敏", org.PositionMember}, {"张佩武", org.PositionDeputy}, {"顾锋", org.PositionLeader}, {"黄轶", org.PositionMember}}
			ids := map[string]int64{}
			for i, a := range add {
				m, err := svc.AddLeadingGroupMember(ctx, f.sys, f.school, g.ID, org.LeadingGroupMember{PersonID: f.person[a.person], Position: a.pos, SortOrder: int64(10 - i)})
				if err != nil {
					t.Fatalf("add %s: %v", a.person, err)
				}
				ids[a.person] = m.ID
			}
			got, err := svc.FindLeadingGroup(ctx, f.staff, f.school, g.ID)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, m := range got.Members {
				names = append(names, m.PersonName)
			}
			if want := []string{"顾锋", "张佩武", "黄轶", "李敏"}; !slices.Equal(names, want) {
				t.Errorf("members = %v, want %v", names, want)
			}
			if got.OfficeUnitName != "安全保卫处" || got.OfficeDirectorName != "黄轶" || len(got.Deputies()) != 1 {
				t.Errorf("group = %+v", got)
			}

			_, err = svc.AddLeadingGroupMember(ctx, f.sys, f.school, g.ID, org.LeadingGroupMember{PersonID: f.person["李敏"], Position: org.PositionDeputy})
			if msg := fieldMessage(err, "person_id"); msg != "该人员已是本领导小组成员。" {
				t.Errorf("duplicate member: got %v (%q)", err, msg)
			}
			refused := []struct {
				name string
				in   org.LeadingGroupMember
				kind apperr.Kind
			}{
				{"person of another school", org.LeadingGroupMember{PersonID: f.person["外校人员"], Position: org.PositionMember}, apperr.Invalid},
				{"unknown position", org.LeadingGroupMember{PersonID: f.person["孙丽"], Position: "boss"}, apperr.Invalid},
			}
			for _, c := range refused {
				if _, err := svc.AddLeadingGroupMember(ctx, f.sys, f.school, g.ID, c.in); !apperr.Is(err, c.kind) {
					t.Errorf("%s: want %v, got %v", c.name, c.kind, err)
				}
			}
			if _, err := svc.AddLeadingGroupMember(ctx, f.sys, f.other, g.ID, org.LeadingGroupMember{PersonID: f.person["外校人员"], Position: org.PositionMember}); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("group of another school: want NotFound, got %v", err)
			}
			if _, err := svc.AddLeadingGroupMember(ctx, f.staff, f.school, g.ID, org.LeadingGroupMember{PersonID: f.person["孙丽"], Position: org.PositionMember}); !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("staff add: want Forbidden, got %v", err)
			}
			if err := svc.RemoveLeadingGroupMember(ctx, f.staff, f.school, g.ID, ids["李敏"]); !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("staff remove: want Forbidden, got %v", err)
			}

			up, err := svc.UpdateLeadingGroupMember(ctx, f.sys, f.school, g.ID, org.LeadingGroupMember{ID: ids["李敏"], Position: org.PositionDeputy, Duty: "联系护理系"})
			if err != nil || up.Position != org.PositionDeputy || up.PersonID != f.person["李敏"] {
				t.Errorf("update: %+v, %v", up, err)
			}

			if err := svc.RemoveLeadingGroupMember(ctx, f.sys, f.school, g.ID, ids["黄轶"]); err != nil {
				t.Fatal(err)
			}
			got, _ = svc.FindLeadingGroup(ctx, f.sys, f.school, g.ID)
			for _, m := range got.Members {
				if m.ID == ids["黄轶"] {
					t.Errorf("removed member still listed")
				}
			}
			if err := svc.RemoveLeadingGroupMember(ctx, f.sys, f.school, g.ID, ids["黄轶"]); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("second removal: want NotFound, got %v", err)
			}
			hist, err := audit.History(ctx, svc.DB.Read(), f.school, "leading_group", g.ID)
			if err != nil {
				t.Fatal(err)
			}
			last := hist[len(hist)-1]
			var before org.LeadingGroupMember
			if err := json.Unmarshal(last.Before, &before); err != nil {
				t.Fatal(err)
			}
			if last.Action != "leading_group.member_remove" || before.PersonID != f.person["黄轶"] || string(last.After) != "null" {
				t.Errorf("removal audit = %s %s -> %s", last.Action, last.Before, last.After)
			}
		})
	}
}

func TestMembersCoverAllUnits(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f, svc := newLGFixture(t, d)
			ctx := context.Background()
			setHead := func(unit, person string) {
				u, err := svc.FindUnit(ctx, f.sys, f.school, f.unit[unit])
				if err != nil {
					t.Fatal(err)
				}
				u.HeadPersonID = f.person[person]
				if _, err := svc.SaveUnit(ctx, f.sys, f.school, u); err != nil {
					t.Fatal(err)
				}
			}
			// 药学系 has no head: it is listed too. The center and campus are
			// not offices or departments; an inactive office is not counted.
			setHead("安全保卫处", "黄轶")
			setHead("护理系", "李敏")
			setHead("实验实训中心", "孙丽")
			inactive, err := svc.SaveUnit(ctx, f.sys, f.school, org.Unit{Name: "已撤销处室", Kind: org.UnitOffice})
			if err != nil {
				t.Fatal(err)
			}
			if err := svc.SetUnitActive(ctx, f.sys, f.school, inactive.ID, false); err != nil {
				t.Fatal(err)
			}
			g, err := svc.SaveLeadingGroup(ctx, f.sys, f.school, org.LeadingGroup{Name: "领导小组"})
			if err != nil {
				t.Fatal(err)
			}
			uncovered := func() []string {
				us, err := svc.MembersCoverAllUnits(ctx, f.school, g.ID)
				if err != nil {
					t.Fatal(err)
				}
				var out []string
				for _, u := range us {
					out = append(out, u.Name)
				}
				return out
			}
			steps := []struct {
				add  string
				want []string
			}{
				{"", []string{"安全保卫处", "护理系", "药学系"}},
				{"黄轶", []string{"护理系", "药学系"}},
				{"孙丽", []string{"护理系", "药学系"}},
				{"李敏", []string{"药学系"}},
			}
			for _, st := range steps {
				if st.add != "" {
					if _, err := svc.AddLeadingGroupMember(ctx, f.sys, f.school, g.ID, org.LeadingGroupMember{PersonID: f.person[st.add], Position: org.PositionMember}); err != nil {
						t.Fatal(err)
					}
				}
				if got := uncovered(); !slices.Equal(got, st.want) {
					t.Errorf("after adding %q: uncovered = %v, want %v", st.add, got, st.want)
				}
			}
			if _, err := svc.MembersCoverAllUnits(ctx, f.other, g.ID); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("other school's group: want NotFound, got %v", err)
			}
		})
	}
}
