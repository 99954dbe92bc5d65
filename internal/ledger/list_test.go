package ledger

import (
	"fmt"
	"slices"
	"testing"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/testkit"
)

func ids(rows []Row) []int64 {
	out := make([]int64, len(rows))
	for i, r := range rows {
		out[i] = r.ID
	}
	return out
}

func TestListVisibility(t *testing.T) {
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			tests := []struct {
				name  string
				actor *auth.Actor
				want  []int64
			}{
				{"office sees every submitted one", f.office(), f.all()},
				{"system admin", auth.System(), f.all()},
				{"authority viewer", f.authority(), f.all()},
				// 后勤处 and its 配电班, plus i2 which the head inspected himself.
				{"unit head: own units and own inspections", f.unitHead(), []int64{f.ties[4], f.ties[2], f.ties[1], f.ties[0], f.i2, f.i1}},
				{"inspector: own only, no draft", f.inspectorActor(), []int64{f.i1}},
				{"co-inspector", f.coInspectorActor(), []int64{f.i1}},
				{"campus leader: places of the campus", f.campusLeader(), []int64{f.i1}},
				{"staff with nothing", f.strangerActor(), nil},
				{"other school's admin", f.otherAdmin(), nil},
			}
			for _, tt := range tests {
				res, err := f.svc.List(f.ctx, tt.actor, f.school, Filter{}, Page{})
				if err != nil {
					t.Fatalf("%s: %v", tt.name, err)
				}
				if got := ids(res.Rows); !slices.Equal(got, tt.want) {
					t.Errorf("%s: ids %v, want %v", tt.name, got, tt.want)
				}
			}
		})
	}
}

func TestListFilters(t *testing.T) {
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			tests := []struct {
				name   string
				filter Filter
				want   []int64
			}{
				{"March in Shanghai time keeps 23:30 on the 31st", Filter{From: "2026-03-01", To: "2026-03-31"}, f.all()[1:]},
				{"April starts at Shanghai midnight", Filter{From: "2026-04-01"}, []int64{f.edge2}},
				{"to the 1st includes all of that day", Filter{To: "2026-03-01"}, []int64{f.i1}},
				{"kind", Filter{Kind: "unannounced"}, []int64{f.i2}},
				{"unit includes sub-units", Filter{UnitID: f.unitLogistics}, []int64{f.ties[4], f.ties[2], f.ties[1], f.ties[0], f.i1}},
				{"leaf unit", Filter{UnitID: f.unitPower}, []int64{f.ties[1], f.i1}},
				{"inspector", Filter{InspectorPersonID: f.inspector}, []int64{f.i1}},
				{"co-inspector counts as inspector", Filter{InspectorPersonID: f.coInspector}, []int64{f.i1}},
				{"area", Filter{Area: "LAB"}, []int64{f.i2, f.i1}},
				{"area FIRE", Filter{Area: "FIRE"}, []int64{f.i1}},
				{"failed", Filter{Result: "fail"}, []int64{f.i1}},
				{"passed", Filter{Result: "pass"}, f.all()[:len(f.all())-1]},
				{"place", Filter{PlaceID: f.placeLab}, []int64{f.edge2, f.edge1, f.i2}},
				{"combined", Filter{Area: "LAB", Result: "pass", Kind: "unannounced"}, []int64{f.i2}},
				{"another school's place finds nothing", Filter{PlaceID: 999999}, nil},
			}
			for _, tt := range tests {
				res, err := f.svc.List(f.ctx, f.office(), f.school, tt.filter, Page{})
				if err != nil {
					t.Fatalf("%s: %v", tt.name, err)
				}
				if got := ids(res.Rows); !slices.Equal(got, tt.want) {
					t.Errorf("%s: ids %v, want %v", tt.name, got, tt.want)
				}
			}
		})
	}
}

func TestListRowContents(t *testing.T) {
	f := newFixture(t, "sqlite")
	res, err := f.svc.List(f.ctx, f.office(), f.school, Filter{PlaceID: f.placePower}, Page{})
	if err != nil || len(res.Rows) != 1 {
		t.Fatalf("rows %+v, %v", res.Rows, err)
	}
	r := res.Rows[0]
	got := fmt.Sprintf("%s|%s|%s|%s|%s|%v|%d/%d|%v|%v", r.KindLabel(), r.PlaceName, r.UnitName, r.InspectorName, r.SubmittedAt.Format("2006-01-02T15:04Z07:00"),
		r.CoInspectors, r.FailedCount, r.AnswerCount, r.Failed(), r.Late)
	want := "领导检查|配电房|配电班|张检查|2026-03-01T00:00Z|[李同检]|2/4|true|false"
	if got != want {
		t.Errorf("row = %s\nwant  %s", got, want)
	}
	// An inspection without a person shows the account's name.
	res, _ = f.svc.List(f.ctx, f.office(), f.school, Filter{Kind: "grid_patrol"}, Page{Limit: 1})
	if len(res.Rows) != 1 || res.Rows[0].InspectorName != "系统管理员" {
		t.Errorf("account fallback: %+v", res.Rows)
	}
}

// TestListPagination walks the ledger three rows at a time: the pages join
// up to the whole list, ties on submitted_at included, and the last page
// has no Next.
func TestListPagination(t *testing.T) {
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			var got []int64
			pg := Page{Limit: 3}
			for pages := 0; ; pages++ {
				if pages > 10 {
					t.Fatal("pagination does not end")
				}
				res, err := f.svc.List(f.ctx, f.office(), f.school, Filter{}, pg)
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Rows) > 3 {
					t.Fatalf("page of %d rows, limit 3", len(res.Rows))
				}
				got = append(got, ids(res.Rows)...)
				if res.Next == nil {
					break
				}
				// Through the URL token, as the "下一页" link does.
				pg = ParsePage(res.Next.Token())
				pg.Limit = 3
			}
			if !slices.Equal(got, f.all()) {
				t.Errorf("pages joined = %v, want %v", got, f.all())
			}
		})
	}
}

func TestParsePage(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
	}{{"", 0}, {"abc", 0}, {"1.x", 0}, {"1772323200000.-4", 0}, {"1772323200000.42", 42}} {
		if got := ParsePage(tc.in).AfterID; got != tc.want {
			t.Errorf("ParsePage(%q).AfterID = %d, want %d", tc.in, got, tc.want)
		}
	}
	p := Page{AfterSubmittedAt: at("2026-03-01 08:00"), AfterID: 7}
	if back := ParsePage(p.Token()); !back.AfterSubmittedAt.Equal(p.AfterSubmittedAt) || back.AfterID != 7 {
		t.Errorf("token round trip: %+v", back)
	}
}

func TestListRejectsBadFilter(t *testing.T) {
	f := newFixture(t, "sqlite")
	for _, bad := range []Filter{{From: "2026-13-01"}, {To: "yesterday"}, {From: "2026-03-02", To: "2026-03-01"}, {Kind: "picnic"}, {Result: "maybe"}} {
		_, err := f.svc.List(f.ctx, f.office(), f.school, bad, Page{})
		if !apperr.Is(err, apperr.Invalid) {
			t.Errorf("%+v: err %v, want invalid", bad, err)
		}
	}
}
