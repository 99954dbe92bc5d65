package lists

import (
	"fmt"
	"slices"
	"testing"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
)

// ids names the rows of a list by the fixture's keys, in list order.
func (f *fixture) names(kind string, id int64) string {
	for _, m := range []map[string]int64{f.h, f.t_, f.d} {
		for k, v := range m {
			if v == id && ((kind == KindHazard && k[0] == 'h') || (kind == KindTask && k[0] == 't') || (kind == KindInspection && k[0] == 'd')) {
				return k
			}
		}
	}
	if kind == KindFinding && id == f.f1 {
		return "f1"
	}
	return fmt.Sprintf("%s#%d", kind, id)
}

func sorted(xs []string) []string { slices.Sort(xs); return xs }

func (f *fixture) workKeys(t *testing.T, a *auth.Actor, fl Filter) []string {
	t.Helper()
	items, _, err := f.svc.WorkList(f.ctx, a, f.school, fl)
	if err != nil {
		t.Fatalf("work list %+v: %v", fl, err)
	}
	var out []string
	for _, it := range items {
		out = append(out, f.names(it.Kind, it.ID)+":"+it.Status)
	}
	return out
}

func TestWorkList(t *testing.T) {
	dialects(t, func(t *testing.T, f *fixture) {
		tests := []struct {
			name string
			a    *auth.Actor
			f    Filter
			want []string
		}{
			{"all", f.office(), Filter{}, []string{"d1:done", "d2:open", "d3:overdue", "d4:overdue", "t1:open", "t2:overdue", "t3:done", "t4:open", "t5:cancelled"}},
			{"open", f.office(), Filter{Status: "open"}, []string{"d2:open", "t1:open", "t4:open"}},
			{"overdue", f.office(), Filter{Status: "overdue"}, []string{"d3:overdue", "d4:overdue", "t2:overdue"}},
			{"done", f.office(), Filter{Status: "done"}, []string{"d1:done", "t3:done"}},
			{"cancelled", f.office(), Filter{Status: "cancelled"}, []string{"t5:cancelled"}},
			{"tasks", f.office(), Filter{Kind: KindTask, Status: "open"}, []string{"t1:open", "t4:open"}},
			{"inspections", f.office(), Filter{Kind: KindInspection}, []string{"d1:done", "d2:open", "d3:overdue", "d4:overdue"}},
			// 后勤处 with 配电班: its tasks, 张电工's, its inspections due.
			{"unit", f.office(), Filter{UnitID: f.logistics}, []string{"d1:done", "d2:open", "d4:overdue", "t1:open", "t2:overdue", "t5:cancelled"}},
			// 王主任 owes what 后勤处 owes without a named person.
			{"person head", f.office(), Filter{PersonID: f.wang}, []string{"d1:done", "d2:open", "t1:open", "t5:cancelled"}},
			{"person", f.office(), Filter{PersonID: f.zhang}, []string{"d4:overdue", "t2:overdue"}},
			// April: undated t4 always matches.
			{"april", f.office(), Filter{From: "2026-04-01", To: "2026-04-30"}, []string{"d2:open", "d4:overdue", "t1:open", "t2:overdue", "t4:open", "t5:cancelled"}},
			{"unit head", f.unitHead(), Filter{}, []string{"d1:done", "d2:open", "d4:overdue", "t1:open", "t2:overdue", "t5:cancelled"}},
			// The grid leader's grid has 配电房: d4 is there; tasks have no place.
			{"grid leader", f.gridLeader(), Filter{}, []string{"d4:overdue"}},
			{"authority", f.authority(), Filter{Status: "overdue"}, []string{"d3:overdue", "d4:overdue", "t2:overdue"}},
		}
		for _, tt := range tests {
			if got := sorted(f.workKeys(t, tt.a, tt.f)); !slices.Equal(got, tt.want) {
				t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
			}
		}
		// By unit, then person: 后勤处's rows, then 张电工 of 配电班 …
		items, _, _ := f.svc.WorkList(f.ctx, f.office(), f.school, Filter{UnitID: f.logistics, Status: "overdue"})
		if len(items) != 2 || items[0].UnitName != "配电班" || items[0].Person != "张电工" || items[0].Kind != KindTask || items[1].Period != "2026年4月8日" {
			t.Errorf("overdue of 后勤处: %+v", items)
		}
	})
}

func TestProblemList(t *testing.T) {
	dialects(t, func(t *testing.T, f *fixture) {
		keys := func(a *auth.Actor, fl Filter) []string {
			ps, _, err := f.svc.ProblemList(f.ctx, a, f.school, fl)
			if err != nil {
				t.Fatalf("problem list %+v: %v", fl, err)
			}
			var out []string
			for _, p := range ps {
				out = append(out, f.names(p.Kind, p.ID))
			}
			return out
		}
		// Newest first: h3 (1 Apr) … h6 (Nov 2025); f1, a minute after h1.
		all := []string{"h3", "h4", "h8", "h9", "h10", "h5", "h7", "f1", "h1", "h2", "h6"}
		if got := keys(f.office(), Filter{}); !slices.Equal(got, all) {
			t.Errorf("order %v, want %v", got, all)
		}
		tests := []struct {
			name string
			a    *auth.Actor
			f    Filter
			want []string
		}{
			{"all", f.office(), Filter{}, sorted(append([]string{}, all...))},
			{"findings", f.office(), Filter{Kind: KindFinding}, []string{"f1"}},
			{"finding status", f.office(), Filter{Status: "finding"}, []string{"f1"}},
			{"closed", f.office(), Filter{Status: "closed"}, []string{"h1", "h6", "h9"}},
			{"major", f.office(), Filter{Level: "major"}, []string{"h2", "h6"}},
			{"fire", f.office(), Filter{Area: "FIRE"}, []string{"f1", "h1", "h3", "h6", "h7", "h8"}},
			{"other area", f.office(), Filter{Area: "GEN"}, []string{"h10"}},
			{"unit", f.office(), Filter{UnitID: f.logistics}, []string{"f1", "h1", "h3", "h4", "h5"}},
			{"person", f.office(), Filter{PersonID: f.wang}, []string{"h4", "h9"}},
			{"overdue", f.office(), Filter{Overdue: true}, []string{"h2", "h4", "h5"}},
			{"march", f.office(), Filter{From: "2026-03-01", To: "2026-03-31"}, []string{"h10", "h4", "h8", "h9"}},
			{"unit head", f.unitHead(), Filter{}, []string{"f1", "h1", "h3", "h4", "h5", "h9"}},
			{"grid leader", f.gridLeader(), Filter{}, []string{"f1", "h1", "h3", "h8"}},
		}
		for _, tt := range tests {
			if got := sorted(keys(tt.a, tt.f)); !slices.Equal(got, tt.want) {
				t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
			}
		}
		ps, _, _ := f.svc.ProblemList(f.ctx, f.office(), f.school, Filter{Kind: KindFinding})
		if p := ps[0]; p.Description != "消防栓水带完好：水带破损" || p.Place != "配电房" || p.UnitName != "配电班" || p.StatusLabel() != "未转隐患" {
			t.Errorf("finding row %+v", p)
		}
	})
}

func TestRectificationList(t *testing.T) {
	dialects(t, func(t *testing.T, f *fixture) {
		rs, _, err := f.svc.RectificationList(f.ctx, f.office(), f.school, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		// Soonest deadline first, none last; today is 2026-04-10.
		want := []string{"h2 逾期26天 true", "h5 逾期11天 true", "h4 逾期10天 true", "h3 今天到期 false", "h10 未定期限 false"}
		var got []string
		for _, r := range rs {
			got = append(got, fmt.Sprintf("%s %s %v", f.names(KindHazard, r.ID), r.DaysText(), r.Overdue))
		}
		if !slices.Equal(got, want) {
			t.Errorf("rectification list %v, want %v", got, want)
		}
		if r := rs[0]; r.Measures != "措施：危化品未双人双锁" || r.Responsible != "赵老师" || r.UnitName != "教务处" || r.StatusLabel() != "整改中" || r.DaysLeft != -26 || !r.Listed {
			t.Errorf("h2 row %+v", r)
		}
		tests := []struct {
			name string
			a    *auth.Actor
			f    Filter
			want int
		}{
			{"overdue", f.office(), Filter{Overdue: true}, 3},
			{"unit", f.office(), Filter{UnitID: f.logistics}, 3},
			{"person", f.office(), Filter{PersonID: f.zhang}, 1},
			{"major", f.office(), Filter{Level: "major"}, 1},
			{"assigned", f.office(), Filter{Status: "assigned"}, 2},
			{"deadlines in March", f.office(), Filter{From: "2026-03-01", To: "2026-03-31"}, 3},
			{"unit head", f.unitHead(), Filter{}, 3},
			{"grid leader", f.gridLeader(), Filter{}, 1},
		}
		for _, tt := range tests {
			rs, _, err := f.svc.RectificationList(f.ctx, tt.a, f.school, tt.f)
			if err != nil || len(rs) != tt.want {
				t.Errorf("%s: %d rows (%v), want %d", tt.name, len(rs), err, tt.want)
			}
		}
		if _, _, err := f.svc.RectificationList(f.ctx, f.office(), f.school, Filter{Status: "closed"}); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("closed is not an open status: %v", err)
		}
	})
}

func TestResponsibilityList(t *testing.T) {
	dialects(t, func(t *testing.T, f *fixture) {
		r, err := f.svc.ResponsibilityList(f.ctx, f.office(), f.school, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range r.Holders {
			got = append(got, fmt.Sprintf("%s/%s p%d g%d h%d o%d t%d i%d", h.UnitName, h.Person, h.Places, h.Grids, h.Hazards, h.OverdueCount, h.Tasks, h.Inspections))
		}
		want := []string{
			"后勤处/ p1 g0 h2 o2 t1 i1",    // 食堂; h4 h5; t1; d2
			"后勤处/王主任 p0 g1 h1 o1 t0 i0", // leads 东区网格; responsible for h4 (h9 is closed)
			"教务处/ p1 g0 h1 o1 t1 i0",    // 化学实验室; h2; t4
			"教务处/赵老师 p1 g0 h1 o1 t0 i0",
			"配电班/ p1 g0 h1 o0 t0 i0",    // 配电房; h3 due today
			"配电班/张电工 p1 g1 h1 o0 t1 i1", // 配电房; member of 东区网格; h3; t2; d4
		}
		if !slices.Equal(got, want) {
			t.Errorf("holders\n got %q\nwant %q", got, want)
		}
		if len(r.Duties) != 19 {
			t.Errorf("%d duties, want 19", len(r.Duties))
		}
		count := func(a *auth.Actor, fl Filter) (int, int) {
			r, err := f.svc.ResponsibilityList(f.ctx, a, f.school, fl)
			if err != nil {
				t.Fatalf("%+v: %v", fl, err)
			}
			return len(r.Holders), len(r.Duties)
		}
		tests := []struct {
			name            string
			a               *auth.Actor
			f               Filter
			holders, duties int
		}{
			{"person", f.office(), Filter{PersonID: f.zhang}, 1, 5},
			{"places", f.office(), Filter{Kind: DutyPlace}, 5, 5},
			{"unit", f.office(), Filter{UnitID: f.teaching}, 2, 5},
			{"unit head", f.unitHead(), Filter{}, 4, 14},
			{"grid leader", f.gridLeader(), Filter{}, 2, 5}, // the duties at 配电房: place ×2, h3 ×2, d4
		}
		for _, tt := range tests {
			if h, d := count(tt.a, tt.f); h != tt.holders || d != tt.duties {
				t.Errorf("%s: %d holders, %d duties; want %d, %d", tt.name, h, d, tt.holders, tt.duties)
			}
		}
	})
}

// TestListsRefuse checks that the lists need hazard.view, that another
// school's admin sees nothing of this school, and that bad filters are
// named.
func TestListsRefuse(t *testing.T) {
	f := newFixture(t, "sqlite")
	for name, a := range map[string]*auth.Actor{"staff": f.staff(), "other school": f.otherAdmin(), "nobody": nil} {
		_, _, err1 := f.svc.WorkList(f.ctx, a, f.school, Filter{})
		_, _, err2 := f.svc.ProblemList(f.ctx, a, f.school, Filter{})
		_, err3 := f.svc.ResponsibilityList(f.ctx, a, f.school, Filter{})
		_, _, err4 := f.svc.RectificationList(f.ctx, a, f.school, Filter{})
		for i, err := range []error{err1, err2, err3, err4} {
			if !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("%s list %d: err = %v, want forbidden", name, i, err)
			}
		}
	}
	bad := []Filter{{From: "2026-3-1"}, {From: "2026-04-01", To: "2026-03-01"}, {Status: "nonsense"}, {Kind: "hazard"}, {Level: "huge"}}
	for _, fl := range bad {
		_, _, err := f.svc.WorkList(f.ctx, f.office(), f.school, fl)
		if e := apperr.As(err); e == nil || e.Kind != apperr.Invalid || len(e.Fields) == 0 {
			t.Errorf("work list %+v: err = %v, want field errors", fl, err)
		}
	}
}
