package demo

import (
	"testing"

	"safecampus/internal/org"
)

// TestDemoPlacesCoverEveryType: the demo shows every place type, so every
// checklist that targets a type has somewhere to be used.
func TestDemoPlacesCoverEveryType(t *testing.T) {
	seen := map[org.PlaceType]bool{}
	keys := map[string]bool{}
	for _, p := range places {
		seen[p.typ] = true
		if keys[p.id()] {
			t.Errorf("place key %q used twice", p.id())
		}
		keys[p.id()] = true
		if p.parent != "" && !keys[p.parent] {
			t.Errorf("place %q: parent %q is not listed before it", p.id(), p.parent)
		}
	}
	for _, x := range org.PlaceTypes {
		if !seen[x.Code] {
			t.Errorf("no demo place of type %s (%s)", x.Code, x.Label)
		}
	}
	for _, g := range grids {
		for _, p := range g.places {
			if !keys[p] {
				t.Errorf("grid %s covers unknown place %q", g.name, p)
			}
		}
	}
}
