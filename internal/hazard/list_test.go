package hazard

import (
	"fmt"
	"sort"
	"testing"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/testkit"
)

// TestListScope: who sees which hazards in the list, and that Get agrees.
func TestListScope(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			gridLeader := f.actor("grid_leader", f.school, 0, auth.Grant{Role: auth.RoleGridLeader, SchoolID: f.school, ScopeKind: auth.ScopeGrid, ScopeID: f.grid1})
			dorm := f.hazardAt(StatusAssigned, LevelGeneral) // place1, unit1, reporter, resp, acceptor
			lab := f.insert(`INSERT INTO hazards (school_id, number, source, found_at, found_by_account_id, place_id, unit_id, responsible_person_id, area, description, status, created_at, updated_at)
				VALUES ($1, '2026-LAB-0001', 'report', 0, $2, $3, $4, $5, 'LAB', '废液未分类存放', 'assigned', 0, 0) RETURNING id`, f.school, f.office.AccountID, f.place2, f.unit2, f.pStaff)
			major := f.hazardAt(StatusRectifying, LevelMajor)
			f.exec(`UPDATE hazards SET overdue = TRUE, responsible_person_id = NULL, acceptor_person_id = NULL, found_by_account_id = NULL, found_by_person_id = NULL WHERE id = $1`, major)
			all := []int64{dorm, lab, major}
			cases := []struct {
				name string
				a    *auth.Actor
				want []int64
			}{
				{"office", f.office, all},
				{"principal", f.leader, all},
				{"supervising leader", f.acceptor, all},
				{"authority viewer", f.authority, all},
				{"head of unit 1", f.head1, []int64{dorm, major}},
				{"head of unit 2", f.head2, []int64{lab}},
				{"grid leader of the lab's grid", gridLeader, []int64{lab}},
				{"responsible person", f.resp, []int64{dorm}},
				{"reporter", f.reporter, []int64{dorm}},
				{"staff named responsible", f.staff, []int64{lab}},
				{"grid member (report only)", f.gridMember, nil},
			}
			for _, c := range cases {
				hs, next, err := f.svc.List(f.ctx, c.a, f.school, Filter{})
				if err != nil || next != 0 {
					t.Fatalf("%s: %v (next %d)", c.name, err, next)
				}
				got := make([]int64, len(hs))
				for i, h := range hs {
					got[i] = h.ID
				}
				sort.Slice(got, func(i, j int) bool { return got[i] < got[j] })
				if fmt.Sprint(got) != fmt.Sprint(nonNil(c.want)) {
					t.Fatalf("%s sees %v, want %v", c.name, got, c.want)
				}
				for _, id := range all {
					_, err := f.svc.Get(f.ctx, c.a, f.school, id)
					if (err == nil) != contains(c.want, id) {
						t.Fatalf("%s: Get(%d) = %v, but the list says %v", c.name, id, err, c.want)
					}
				}
			}
			if _, _, err := f.svc.List(f.ctx, f.otherAdmin, f.school, Filter{}); !apperr.Is(err, apperr.Forbidden) {
				t.Fatalf("another school's admin: %v", err)
			}
			f.exec(`UPDATE hazards SET acceptor_person_id = $1 WHERE id = $2`, f.pAcceptor, dorm)
			f.exec(`UPDATE hazards SET acceptor_person_id = NULL WHERE id IN ($1, $2)`, lab, major)
			yes := true
			filters := []struct {
				f    Filter
				want []int64
			}{
				{Filter{Status: []Status{StatusRectifying}}, []int64{major}},
				{Filter{Level: LevelMajor}, []int64{major}},
				{Filter{Overdue: &yes}, []int64{major}},
				{Filter{UnitID: f.unit2}, []int64{lab}},
				{Filter{Area: "LAB"}, []int64{lab}},
				{Filter{Query: "废液"}, []int64{lab}},
				{Filter{PlaceID: f.place1}, []int64{dorm, major}},
				{Filter{ResponsibleID: f.pResp}, []int64{dorm}},
				{Filter{AcceptorID: f.pAcceptor}, []int64{dorm}},
				{Filter{NoAcceptor: true}, []int64{lab, major}},
				{Filter{AcceptorID: f.pAcceptor, NoAcceptor: true}, []int64{dorm, lab, major}},
			}
			for _, c := range filters {
				hs, _, err := f.svc.List(f.ctx, f.office, f.school, c.f)
				if err != nil {
					t.Fatal(err)
				}
				var got []int64
				for _, h := range hs {
					got = append(got, h.ID)
				}
				sort.Slice(got, func(i, j int) bool { return got[i] < got[j] })
				if fmt.Sprint(got) != fmt.Sprint(c.want) {
					t.Fatalf("filter %+v: %v, want %v", c.f, got, c.want)
				}
			}
			// Keyset pages, newest first.
			var seen []int64
			after := int64(0)
			for {
				hs, next, err := f.svc.List(f.ctx, f.office, f.school, Filter{Limit: 2, After: after})
				if err != nil {
					t.Fatal(err)
				}
				for _, h := range hs {
					seen = append(seen, h.ID)
				}
				if next == 0 {
					break
				}
				after = next
			}
			if fmt.Sprint(seen) != fmt.Sprint([]int64{major, lab, dorm}) {
				t.Fatalf("pages: %v", seen)
			}
		})
	}
}

func nonNil(xs []int64) []int64 {
	if xs == nil {
		return []int64{}
	}
	return xs
}

func contains(xs []int64, x int64) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
