package org_test

import (
	"context"
	"slices"
	"strconv"
	"testing"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/org"
	"safecampus/internal/testkit"
)

func TestContactPoints(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f, svc := newLGFixture(t, d)
			ctx := context.Background()
			q := svc.DB.Read()
			zhang, gu := f.person["张佩武"], f.person["顾锋"]
			sec, nurse, pharm := f.unit["安全保卫处"], f.unit["护理系"], f.unit["药学系"]

			steps := []struct {
				name   string
				leader int64
				units  []int64
				want   []int64 // 张佩武's units afterwards
			}{
				{"first set", zhang, []int64{nurse, sec, sec}, []int64{sec, nurse}},
				{"replace, not add", zhang, []int64{pharm, nurse}, []int64{nurse, pharm}},
				{"another leader leaves 张佩武 alone", gu, []int64{nurse}, []int64{nurse, pharm}},
			}
			for _, st := range steps {
				if err := svc.SetLeaderUnits(ctx, f.sys, f.school, st.leader, st.units); err != nil {
					t.Fatalf("%s: %v", st.name, err)
				}
				got, err := org.UnitsOfLeader(ctx, q, f.school, zhang)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(got, st.want) {
					t.Errorf("%s: units of 张佩武 = %v, want %v", st.name, got, st.want)
				}
			}
			if got, _ := org.LeadersOfUnit(ctx, q, f.school, nurse); !slices.Equal(got, sortedIDs(zhang, gu)) {
				t.Errorf("leaders of 护理系 = %v", got)
			}
			if got, _ := org.LeadersOfUnit(ctx, q, f.other, nurse); len(got) != 0 {
				t.Errorf("leaders seen from another school = %v", got)
			}

			list, err := svc.ListContactPoints(ctx, f.staff, f.school)
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != 2 || list[0].LeaderName != "顾锋" || len(list[1].Units) != 2 || list[1].Units[0].Name != "护理系" {
				t.Errorf("list = %+v", list)
			}

			refused := []struct {
				name   string
				leader int64
				units  []int64
				field  string
			}{
				{"unit of another school", zhang, []int64{sec, f.unit["外校处室"]}, "unit_ids"},
				{"unknown unit", zhang, []int64{999999}, "unit_ids"},
				{"leader of another school", f.person["外校人员"], []int64{sec}, "leader_person_id"},
				{"no leader", 0, []int64{sec}, "leader_person_id"},
			}
			for _, c := range refused {
				err := svc.SetLeaderUnits(ctx, f.sys, f.school, c.leader, c.units)
				if !apperr.Is(err, apperr.Invalid) || fieldMessage(err, c.field) == "" {
					t.Errorf("%s: want field error on %s, got %v", c.name, c.field, err)
				}
			}
			if err := svc.SetLeaderUnits(ctx, f.staff, f.school, zhang, nil); !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("staff: want Forbidden, got %v", err)
			}
			if got, _ := org.UnitsOfLeader(ctx, q, f.school, zhang); !slices.Equal(got, []int64{nurse, pharm}) {
				t.Errorf("refused changes altered the set: %v", got)
			}

			if err := svc.SetLeaderUnits(ctx, f.sys, f.school, zhang, nil); err != nil {
				t.Fatal(err)
			}
			if list, _ := svc.ListContactPoints(ctx, f.sys, f.school); len(list) != 1 || list[0].LeaderPersonID != gu {
				t.Errorf("after clearing 张佩武: %+v", list)
			}
			hist, err := audit.History(ctx, q, f.school, "contact_point", zhang)
			if err != nil {
				t.Fatal(err)
			}
			if len(hist) != 3 {
				t.Fatalf("audit entries for 张佩武 = %d, want 3", len(hist))
			}
			want := `{"leader_person_id":` + strconv.FormatInt(zhang, 10) + `,"unit_ids":[` + strconv.FormatInt(sec, 10) + `,` + strconv.FormatInt(nurse, 10) + `]}`
			if string(hist[1].Before) != want {
				t.Errorf("audit before = %s, want %s", hist[1].Before, want)
			}
		})
	}
}

func sortedIDs(ids ...int64) []int64 { slices.Sort(ids); return ids }
