package demo

import (
	"fmt"

	"safecampus/internal/org"
)

// loadPlacesAndGrids creates the demo places and the grid network. A name
// in the data that resolves to nothing stops the load: a typo would
// otherwise silently become a place without a parent or a grid without a
// leader.
func (l *loader) loadPlacesAndGrids() {
	place := map[string]int64{}
	for _, p := range places {
		if l.err != nil {
			return
		}
		in := org.Place{Name: p.name, Level: p.level, Type: p.typ, Code: p.code,
			ParentID: l.nameRef(place, p.parent, "place"), CampusID: l.nameRef(l.campus, p.campus, "campus"),
			UnitID: l.nameRef(l.unit, p.unit, "unit"), ResponsiblePersonID: l.nameRef(l.person, p.person, "person")}
		if l.err != nil {
			return
		}
		saved, err := l.org.SavePlace(l.ctx, l.sys, l.school, in)
		if err != nil {
			l.err = fmt.Errorf("demo place %s: %w", p.id(), err)
			return
		}
		place[p.id()] = saved.ID
	}
	grid := map[string]int64{}
	for _, g := range grids {
		in := org.Grid{Name: g.name, Description: g.description, ParentID: l.nameRef(grid, g.parent, "grid"), LeaderPersonID: l.nameRef(l.person, g.leader, "person")}
		members := make([]int64, 0, len(g.members))
		for _, m := range g.members {
			members = append(members, l.nameRef(l.person, m, "person"))
		}
		covered := make([]int64, 0, len(g.places))
		for _, p := range g.places {
			covered = append(covered, l.nameRef(place, p, "place"))
		}
		if l.err != nil {
			return
		}
		saved, err := l.org.SaveGrid(l.ctx, l.sys, l.school, in)
		if err == nil {
			err = l.org.SetGridMembers(l.ctx, l.sys, l.school, saved.ID, members)
		}
		if err == nil {
			err = l.org.SetGridPlaces(l.ctx, l.sys, l.school, saved.ID, covered)
		}
		if err != nil {
			l.err = fmt.Errorf("demo grid %s: %w", g.name, err)
			return
		}
		grid[g.name] = saved.ID
	}
}

// nameRef looks a demo name up; "" is no reference, an unknown name an error.
func (l *loader) nameRef(ids map[string]int64, name, what string) int64 {
	if name == "" {
		return 0
	}
	id, ok := ids[name]
	if !ok && l.err == nil {
		l.err = fmt.Errorf("demo data: unknown %s %q", what, name)
	}
	return id
}
