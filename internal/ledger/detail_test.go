package ledger

import (
	"fmt"
	"slices"
	"testing"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/testkit"
)

func TestDetail(t *testing.T) {
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			d, err := f.svc.Detail(f.ctx, f.office(), f.school, f.i1)
			if err != nil {
				t.Fatal(err)
			}
			var groups []string
			for _, g := range d.Items {
				var qs []string
				for _, a := range g.Answers {
					qs = append(qs, a.QuestionCode+"="+a.Result)
				}
				groups = append(groups, fmt.Sprintf("%s(%s)%v", g.ItemCode, g.AreaLabel(), qs))
			}
			if want := []string{"FIRE-4(消防安全)[FIRE-4.1=pass FIRE-4.2=fail]", "LAB-2(实验室及危化品管理)[LAB-2.1=na LAB-2.2=fail]"}; !slices.Equal(groups, want) {
				t.Errorf("items = %q, want %q", groups, want)
			}
			if len(d.Failed) != 2 || d.Failed[0].QuestionCode != "FIRE-4.2" || d.Failed[0].Note != "水泵无法启动" || !slices.Equal(d.Failed[0].PhotoIDs, []int64{f.photo1}) {
				t.Errorf("failed = %+v", d.Failed)
			}
			if len(d.Findings) != 2 || d.Findings[0].LevelLabel() != "重大隐患" || d.Findings[1].LevelLabel() != "一般隐患" {
				t.Errorf("findings = %+v", d.Findings)
			}
			if !slices.Equal(d.PhotoIDs, []int64{f.photo1}) {
				t.Errorf("photos = %v", d.PhotoIDs)
			}
			if len(d.CoInspectorList) != 1 || d.CoInspectorList[0].ID != f.coInspector || d.CoInspectorList[0].Name != "李同检" {
				t.Errorf("co-inspectors = %+v", d.CoInspectorList)
			}
			if d.StartedAt.IsZero() || !d.StartedAt.Before(d.SubmittedAt) || d.InspectorName != "张检查" {
				t.Errorf("header = %+v", d.Row)
			}
		})
	}
}

// TestDetailVisibility: who may open which inspection; everything else is
// "not found", never "forbidden", so ids reveal nothing.
func TestDetailVisibility(t *testing.T) {
	f := newFixture(t, "sqlite")
	tests := []struct {
		name  string
		actor *auth.Actor
		id    int64
		ok    bool
	}{
		{"office", f.office(), f.i1, true},
		{"unit head, sub-unit's inspection", f.unitHead(), f.i1, true},
		{"unit head, another unit's inspection he did himself", f.unitHead(), f.i2, true},
		{"unit head, another unit's", f.unitHead(), f.edge1, false},
		{"inspector", f.inspectorActor(), f.i1, true},
		{"co-inspector", f.coInspectorActor(), f.i1, true},
		{"co-inspector, another", f.coInspectorActor(), f.i2, false},
		{"unrelated staff", f.strangerActor(), f.i1, false},
		{"a draft is not in the ledger", f.office(), f.i3, false},
		{"another school's id", f.office(), f.i4, false},
		{"another school's admin", f.otherAdmin(), f.i1, false},
		{"unannounced, once submitted, for the office", f.office(), f.i2, true},
	}
	for _, tt := range tests {
		_, err := f.svc.Detail(f.ctx, tt.actor, f.school, tt.id)
		switch {
		case tt.ok && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case !tt.ok && !apperr.Is(err, apperr.NotFound):
			t.Errorf("%s: err %v, want not found", tt.name, err)
		}
	}
}

func TestInspectors(t *testing.T) {
	f := newFixture(t, "sqlite")
	got, err := f.svc.Inspectors(f.ctx, f.office(), f.school)
	if err != nil || len(got) != 1 || got[0].ID != f.inspector {
		t.Errorf("office: %+v, %v; want only 张检查 (the one person with an account)", got, err)
	}
	if got, err := f.svc.Inspectors(f.ctx, f.inspectorActor(), f.school); err != nil || got != nil {
		t.Errorf("an own-only actor gets %+v, %v; want none", got, err)
	}
}
