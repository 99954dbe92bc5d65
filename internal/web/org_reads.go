package web

import (
	"context"
	"strconv"

	"safecampus/internal/auth"
	"safecampus/internal/org"
)

// The organisation lists (units, places, campuses) are read on most pages
// — as lists and as the options of filter selects — and change only with a
// write. Their permission, org.view, is school-wide (auth's `wide` table),
// so the answer is the same for everyone allowed to read it: it is kept
// per school under recentRead's rule (any write ends it; 2 s at most for
// writes by another process), after the actor's permission is checked.
// A refused actor goes to the service, which answers as it always did.
// The kept slices are shared between requests and must not be changed.

func (s *Server) schoolUnits(ctx context.Context, a *auth.Actor, school int64) ([]org.Unit, error) {
	if !auth.Can(a, auth.PermOrgView, auth.SchoolScope(school)) {
		return s.Org.ListUnits(ctx, a, school)
	}
	return recentRead(&s.recent, s.DB, recentKey{"org.units", 0, school}, func() ([]org.Unit, error) {
		return s.Org.ListUnits(ctx, a, school)
	})
}

func (s *Server) schoolCampuses(ctx context.Context, a *auth.Actor, school int64) ([]org.Campus, error) {
	if !auth.Can(a, auth.PermOrgView, auth.SchoolScope(school)) {
		return s.Org.ListCampuses(ctx, a, school)
	}
	return recentRead(&s.recent, s.DB, recentKey{"org.campuses", 0, school}, func() ([]org.Campus, error) {
		return s.Org.ListCampuses(ctx, a, school)
	})
}

func (s *Server) schoolPlaces(ctx context.Context, a *auth.Actor, school int64, f org.PlaceFilter) ([]org.Place, error) {
	if !auth.Can(a, auth.PermOrgView, auth.SchoolScope(school)) {
		return s.Org.ListPlaces(ctx, a, school, f)
	}
	kind := "org.places|" + strconv.FormatInt(f.CampusID, 10) + "|" + string(f.Type) + "|" + f.Query
	return recentRead(&s.recent, s.DB, recentKey{kind, 0, school}, func() ([]org.Place, error) {
		return s.Org.ListPlaces(ctx, a, school, f)
	})
}

// schoolActivePeople is the school's active people for the selects of the
// hazard forms. Kept only for actors who see every person of the school
// (people.view school-wide); a unit head's narrower answer is read each time.
func (s *Server) schoolActivePeople(ctx context.Context, a *auth.Actor, school int64) ([]org.Person, error) {
	f := org.PersonFilter{ActiveOnly: true}
	if !auth.Can(a, auth.PermPeopleView, auth.SchoolScope(school)) {
		return s.Org.ListPeople(ctx, a, school, f)
	}
	return recentRead(&s.recent, s.DB, recentKey{"org.people.active", 0, school}, func() ([]org.Person, error) {
		return s.Org.ListPeople(ctx, a, school, f)
	})
}
