package patrol

import (
	"strings"
	"testing"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/testkit"
)

func TestCheckPoints(t *testing.T) {
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			office := f.actor["office"]
			gate := f.place["南大门"]

			cp, err := f.svc.EnableCheckPoint(f.ctx, office, f.school, gate)
			if err != nil {
				t.Fatal(err)
			}
			if !validToken(cp.Token) || len(cp.Token) != 26 || !cp.Usable() || cp.PlaceName != "南大门" {
				t.Fatalf("new check point = %+v", cp)
			}
			if again, err := f.svc.EnableCheckPoint(f.ctx, office, f.school, gate); err != nil || again.ID != cp.ID || again.Token != cp.Token {
				t.Fatalf("enabling twice: %+v, %v", again, err)
			}
			other, err := f.svc.EnableCheckPoint(f.ctx, office, f.school, f.place["行政楼"])
			if err != nil || other.Token == cp.Token {
				t.Fatalf("second place: %+v, %v (tokens must differ)", other, err)
			}

			tests := []struct {
				name     string
				token    string
				wantKind apperr.Kind
				inactive bool
			}{
				{"active", cp.Token, -1, false},
				{"upper case scan", "  " + strings.ToUpper(cp.Token) + " ", -1, false},
				{"unknown", "aaaaaaaaaaaaaaaaaaaaaaaaaa", apperr.NotFound, false},
				{"malformed", "../../etc/passwd", apperr.NotFound, false},
			}
			for _, tt := range tests {
				got, err := f.svc.Resolve(f.ctx, tt.token)
				if tt.wantKind < 0 {
					if err != nil || got.SchoolID != f.school || got.PlaceID != gate {
						t.Errorf("%s: %+v, %v", tt.name, got, err)
					}
					continue
				}
				if !apperr.Is(err, tt.wantKind) || IsInactive(err) != tt.inactive {
					t.Errorf("%s: err %v, want kind %v inactive %v", tt.name, err, tt.wantKind, tt.inactive)
				}
			}

			// Deactivated check point: the message, and still its school.
			if err := f.svc.DisableCheckPoint(f.ctx, office, f.school, gate); err != nil {
				t.Fatal(err)
			}
			got, err := f.svc.Resolve(f.ctx, cp.Token)
			if !IsInactive(err) || apperr.As(err).Message != "该检查点已停用" || got.SchoolID != f.school {
				t.Fatalf("disabled: %+v, %v", got, err)
			}
			// Reactivation keeps the token: labels on the wall work again.
			back, err := f.svc.EnableCheckPoint(f.ctx, office, f.school, gate)
			if err != nil || back.Token != cp.Token || !back.Active {
				t.Fatalf("re-enable: %+v, %v", back, err)
			}
			if _, err := f.svc.Resolve(f.ctx, cp.Token); err != nil {
				t.Fatalf("re-enabled resolve: %v", err)
			}
			// A deactivated place deactivates its check point.
			f.must(f.org.SetPlaceActive(f.ctx, auth.System(), f.school, f.place["行政楼"], false))
			if _, err := f.svc.Resolve(f.ctx, other.Token); !IsInactive(err) {
				t.Fatalf("inactive place: %v", err)
			}
			for action, want := range map[string]int{"checkpoint.create": 2, "checkpoint.disable": 1, "checkpoint.enable": 1} {
				if n := f.auditCount(action); n != want {
					t.Errorf("audit %s: %d entries, want %d", action, n, want)
				}
			}

			// Permissions and tenancy.
			if _, err := f.svc.EnableCheckPoint(f.ctx, f.actor["guard"], f.school, gate); !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("guard enabling: %v", err)
			}
			if _, err := f.svc.EnableCheckPoint(f.ctx, office, f.school, f.otherPlace); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("other school's place: %v", err)
			}
			if _, err := f.svc.FindCheckPoint(f.ctx, f.actor["otheradmin"], f.other, cp.ID); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("other school's admin finding our check point: %v", err)
			}
			if _, err := f.svc.EnableCheckPoint(f.ctx, office, f.school, f.place["行政楼"]); !apperr.Is(err, apperr.Invalid) {
				t.Errorf("inactive place enable: %v", err)
			}
		})
	}
}

func TestListCheckPoints(t *testing.T) {
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			office := f.actor["office"]
			for _, p := range []string{"化学实验室", "南大门"} {
				if _, err := f.svc.EnableCheckPoint(f.ctx, office, f.school, f.place[p]); err != nil {
					t.Fatal(err)
				}
			}
			names := func(es []Entry) (out []string) {
				for _, e := range es {
					out = append(out, e.PlaceName)
				}
				return out
			}
			tests := []struct {
				name string
				f    CheckPointFilter
				want []string
			}{
				{"building subtree in tree order", CheckPointFilter{BuildingID: f.place["实验楼"]}, []string{"实验楼", "实验楼1层", "化学实验室"}},
				{"building labels", CheckPointFilter{BuildingID: f.place["实验楼"], Pointed: true}, []string{"化学实验室"}},
				{"grid", CheckPointFilter{GridID: f.grid["校园网格"]}, []string{"南大门", "行政楼", "体育馆"}},
				{"grid labels", CheckPointFilter{GridID: f.grid["校园网格"], Pointed: true}, []string{"南大门"}},
			}
			for _, tt := range tests {
				es, err := f.svc.ListCheckPoints(f.ctx, office, f.school, tt.f)
				if err != nil {
					t.Fatal(err)
				}
				if got := names(es); len(got) != len(tt.want) || func() bool {
					for i := range got {
						if got[i] != tt.want[i] {
							return true
						}
					}
					return false
				}() {
					t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
				}
			}
			es, _ := f.svc.ListCheckPoints(f.ctx, office, f.school, CheckPointFilter{BuildingID: f.place["实验楼"]})
			if es[2].Depth != 2 || es[2].Point.ID == 0 || len(es[2].GridNames) != 1 || es[2].GridNames[0] != "实验区网格" || es[0].Point.ID != 0 {
				t.Errorf("entries: %+v", es)
			}
			if _, err := f.svc.ListCheckPoints(f.ctx, f.actor["guard"], f.school, CheckPointFilter{}); !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("guard listing tokens: %v", err)
			}
		})
	}
}
