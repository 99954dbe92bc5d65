package web

import (
	"net/http"
	"strconv"
)

// Handler returns the whole user interface. Reading this function shows
// every route: the access rule of each is decided by the service it calls
// (auth.Can), and every route is in the route × role scenario test.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		mux.Handle(rt.Pattern, rt.Handler)
	}
	mux.Handle("/", s.public(func(w http.ResponseWriter, r *http.Request) error { return errNotFound }))

	// CrossOriginProtection refuses cross-site state-changing requests by
	// their Sec-Fetch-Site/Origin headers; the session's CSRF token covers
	// browsers that send neither.
	return securityHeaders(http.NewCrossOriginProtection().Handler(mux))
}

// Route is one entry of the route table.
type Route struct {
	Pattern string
	Handler http.Handler
}

// Routes lists every route pattern; the route × role scenario test checks
// that each one has scenarios.
func (s *Server) Routes() []string {
	var out []string
	for _, rt := range s.routes() {
		out = append(out, rt.Pattern)
	}
	return out
}

// routes is the whole route table of the user interface.
func (s *Server) routes() []Route {
	imp := newImportPages(s)     // holds previewed import files until confirmed
	cli := newChecklistImport(s) // holds previewed item-set files until confirmed
	return []Route{
		{"GET /healthz", s.wrap(s.healthz)},
		{"GET /static/{hash}/{name...}", s.wrap(s.assets.serve)},

		{"GET /login", s.public(s.loginForm)},
		{"POST /login", s.public(s.loginSubmit)},
		{"POST /logout", s.authed(s.logout)},
		{"POST /lang", s.wrap(s.setLang)},

		{"GET /{$}", s.authed(s.home)},
		{"GET /account/password", s.authed(s.passwordForm)},
		{"POST /account/password", s.authed(s.passwordSubmit)},
		{"POST /school/select", s.authed(s.schoolSelect)},

		{"GET /units", s.authed(s.unitList)},
		{"GET /units/new", s.authed(s.unitNew)},
		{"POST /units/new", s.authed(s.unitCreate)},
		{"GET /units/{id}", s.authed(s.unitShow)},
		{"GET /units/{id}/edit", s.authed(s.unitEdit)},
		{"POST /units/{id}/edit", s.authed(s.unitUpdate)},
		{"POST /units/{id}/active", s.authed(s.activeToggle(s.Org.SetUnitActive, "单位", to("/units")))},

		{"GET /campuses", s.authed(s.campusList)},
		{"GET /campuses/new", s.authed(s.campusNew)},
		{"POST /campuses/new", s.authed(s.campusCreate)},
		{"GET /campuses/{id}/edit", s.authed(s.campusEdit)},
		{"POST /campuses/{id}/edit", s.authed(s.campusUpdate)},
		{"POST /campuses/{id}/active", s.authed(s.activeToggle(s.Org.SetCampusActive, "校区", to("/campuses")))},

		{"GET /places", s.authed(s.placeList)},
		{"GET /places/new", s.authed(s.placeNew)},
		{"POST /places/new", s.authed(s.placeCreate)},
		{"GET /places/{id}", s.authed(s.placeShow)},
		{"GET /places/{id}/edit", s.authed(s.placeEdit)},
		{"POST /places/{id}/edit", s.authed(s.placeUpdate)},
		{"POST /places/{id}/active", s.authed(s.activeToggle(s.Org.SetPlaceActive, "场所", to("/places")))},

		{"GET /grids", s.authed(s.gridList)},
		{"GET /grids/diagram", s.authed(s.gridDiagram)},
		{"GET /grids/new", s.authed(s.gridNew)},
		{"POST /grids/new", s.authed(s.gridCreate)},
		{"GET /grids/{id}", s.authed(s.gridShow)},
		{"GET /grids/{id}/edit", s.authed(s.gridEdit)},
		{"POST /grids/{id}/edit", s.authed(s.gridUpdate)},
		{"POST /grids/{id}/members", s.authed(s.gridSetMembers)},
		{"POST /grids/{id}/places", s.authed(s.gridSetPlaces)},
		{"POST /grids/{id}/active", s.authed(s.activeToggle(s.Org.SetGridActive, "网格", to("/grids")))},

		{"GET /leading-group", s.authed(s.leadingGroupShow)},
		{"GET /leading-group/new", s.authed(s.leadingGroupNew)},
		{"POST /leading-group/new", s.authed(s.leadingGroupCreate)},
		{"GET /leading-group/{id}/edit", s.authed(s.leadingGroupEdit)},
		{"POST /leading-group/{id}/edit", s.authed(s.leadingGroupUpdate)},
		{"POST /leading-group/{id}/members", s.authed(s.leadingGroupMemberAdd)},
		{"POST /leading-group/{id}/members/{mid}", s.authed(s.leadingGroupMemberUpdate)},
		{"POST /leading-group/{id}/members/{mid}/delete", s.authed(s.leadingGroupMemberDelete)},
		{"GET /contact-points", s.authed(s.contactPointsShow)},
		{"POST /contact-points", s.authed(s.contactPointsSave)},

		{"GET /people", s.authed(s.personList)},
		{"GET /people/new", s.authed(s.personNew)},
		{"POST /people/new", s.authed(s.personCreate)},
		{"GET /people/{id}", s.authed(s.personShow)},
		{"GET /people/{id}/edit", s.authed(s.personEdit)},
		{"POST /people/{id}/edit", s.authed(s.personUpdate)},
		{"POST /people/{id}/active", s.authed(s.activeToggle(s.Org.SetPersonActive, "人员", func(id int64) string { return "/people/" + strconv.FormatInt(id, 10) }))},

		{"GET /accounts", s.authed(s.accountList)},
		{"GET /accounts/new", s.authed(s.accountNew)},
		{"POST /accounts/new", s.authed(s.accountCreate)},
		{"GET /accounts/{id}", s.authed(s.accountShow)},
		{"GET /accounts/{id}/roles", s.authed(s.accountRolesForm)},
		{"POST /accounts/{id}/roles", s.authed(s.accountRolesSave)},
		{"POST /accounts/{id}/reset-password", s.authed(s.accountResetPassword)},
		{"POST /accounts/{id}/disabled", s.authed(s.accountSetDisabled)},

		{"GET /schools", s.authed(s.schoolList)},
		{"GET /schools/new", s.authed(s.schoolNew)},
		{"POST /schools/new", s.authed(s.schoolCreate)},
		{"GET /authorities/new", s.authed(s.authorityNew)},
		{"POST /authorities/new", s.authed(s.authorityCreate)},

		{"GET /import", s.authed(imp.form)},
		{"POST /import", s.authedUpload(imp.submit, importLimit)},
		{"POST /import/commit", s.authed(imp.commit)},
		{"GET /import/template/{kind}", s.authed(imp.template)},
		{"GET /export/units.xlsx", s.authed(s.exportUnits)},
		{"GET /export/people.xlsx", s.authed(s.exportPeople)},

		// QR check points and patrols (issue 3). /qr/{token} is the URL in
		// every printed QR code: keep it stable.
		{"GET /qr/{token}", s.authed(s.qrShow)},
		{"POST /qr/{token}/patrol", s.authed(s.qrPatrol)},
		{"GET /checkpoints", s.authed(s.checkpointList)},
		{"POST /checkpoints/places/{id}", s.authed(s.checkpointSet)},
		{"GET /checkpoints/{id}/qr.png", s.authed(s.checkpointQR)},
		{"GET /checkpoints/labels", s.authed(s.checkpointLabels)},
		{"GET /patrols", s.authed(s.patrolList)},
		{"GET /patrols/coverage", s.authed(s.patrolCoverage)},
		{"GET /patrols/coverage/detail", s.authed(s.patrolCoverageDetail)},
		{"GET /patrols/targets", s.authed(s.patrolTargets)},
		{"POST /patrols/targets", s.authed(s.patrolTargetsSave)},

		{"GET /checklist", s.authed(s.checklistList)},
		{"GET /checklist/export.xlsx", s.authed(s.checklistExport)},
		{"GET /checklist/items/new", s.authed(s.checklistItemNew)},
		{"POST /checklist/items/new", s.authed(s.checklistItemCreate)},
		{"GET /checklist/items/{code}/edit", s.authed(s.checklistItemEdit)},
		{"POST /checklist/items/{code}/edit", s.authed(s.checklistItemUpdate)},
		{"POST /checklist/items/{code}/disabled", s.authed(s.checklistSetDisabled)},
		{"GET /checklist/sets", s.authed(s.checklistSetList)},
		{"GET /checklist/sets/new", s.authed(s.checklistSetNew)},
		{"POST /checklist/sets/new", s.authed(s.checklistSetCreate)},
		{"GET /checklist/sets/{id}", s.authed(s.checklistSetShow)},
		{"POST /checklist/sets/{id}/edit", s.authed(s.checklistSetUpdate)},
		{"POST /checklist/sets/{id}/items", s.authed(s.checklistSetItems)},
		{"POST /checklist/sets/{id}/active", s.authed(s.activeToggle(s.Checklist.SetSetActive, "检查表", to("/checklist/sets")))},
		{"GET /checklist/sets/{id}/export.xlsx", s.authed(s.checklistSetExport)},
		{"GET /checklist/import", s.authed(cli.form)},
		{"POST /checklist/import", s.authedUpload(cli.submit, importLimit)},
		{"POST /checklist/import/commit", s.authed(cli.commit)},

		// Inspection plans and the RUL-4 rhythm compliance table (issue 3).
		{"GET /plans", s.authed(s.planList)},
		{"GET /plans/new", s.authed(s.planNew)},
		{"POST /plans/new", s.authed(s.planCreate)},
		{"GET /plans/{id}/edit", s.authed(s.planEdit)},
		{"POST /plans/{id}/edit", s.authed(s.planUpdate)},
		{"POST /plans/{id}/active", s.authed(s.planSetActive)},
		{"GET /rhythm", s.authed(s.rhythmPage)},
		{"GET /rhythm.xlsx", s.authed(s.rhythmExport)},

		// Doing an inspection on a phone (issue 3): the form, its server
		// draft, photos uploaded one by one, the record and its print view.
		// A photo is served only to whoever may see the record owning it.
		{"GET /inspections/new", s.authed(s.inspectionNew)},
		{"POST /inspections/new", s.formOrUpload(s.inspectionSubmit, inspectionSubmitLimit)},
		{"POST /inspections/draft", s.authed(s.inspectionDraft)},
		{"POST /inspections/photos", s.authedUpload(s.inspectionPhotoUpload, photoUploadLimit)},
		{"GET /inspections/{id}", s.authed(s.inspectionShow)},
		{"GET /inspections/{id}/print", s.authed(s.inspectionPrint)},
		{"GET /photos/{id}", s.authed(s.photoServe)},

		// The inspection ledger (台账, issue 3): a keyset-paged list with
		// filters and its .xlsx export; each row opens /inspections/{id}.
		{"GET /ledger", s.authed(s.ledgerList)},
		{"GET /ledger.xlsx", s.authed(s.ledgerExport)},
	}
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	if err := s.DB.Raw().PingContext(r.Context()); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, err := w.Write([]byte("ok\n"))
	return err
}
