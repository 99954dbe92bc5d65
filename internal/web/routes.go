package web

import (
	"net/http"
	"strconv"

	"safecampus/internal/report"
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

		// Rules register, policy items and safety meetings (issue 5 §2):
		// everyone with org.view reads, rules.manage changes.
		{"GET /rules", s.authed(s.ruleList)},
		{"GET /rules/new", s.authed(s.ruleNew)},
		{"POST /rules/new", s.authed(s.ruleCreate)},
		{"GET /rules/{id}", s.authed(s.ruleShow)},
		{"GET /rules/{id}/edit", s.authed(s.ruleEdit)},
		{"POST /rules/{id}/edit", s.authed(s.ruleUpdate)},
		{"GET /rules/{id}/revise", s.authed(s.ruleReviseForm)},
		{"POST /rules/{id}/revise", s.authed(s.ruleRevise)},
		{"POST /rules/{id}/postings", s.authed(s.rulePostingRecord)},
		{"GET /policies", s.authed(s.policyList)},
		{"GET /policies/new", s.authed(s.policyNew)},
		{"POST /policies/new", s.authed(s.policyCreate)},
		{"GET /policies/{id}", s.authed(s.policyShow)},
		{"GET /policies/{id}/edit", s.authed(s.policyEdit)},
		{"POST /policies/{id}/edit", s.authed(s.policyUpdate)},
		{"POST /policies/{id}/status", s.authed(s.policyTransition)},
		{"GET /meetings", s.authed(s.meetingList)},
		{"GET /meetings/new", s.authed(s.meetingNew)},
		{"POST /meetings/new", s.authed(s.meetingCreate)},
		{"GET /meetings/{id}", s.authed(s.meetingShow)},
		{"GET /meetings/{id}/edit", s.authed(s.meetingEdit)},
		{"POST /meetings/{id}/edit", s.authed(s.meetingUpdate)},
		{"POST /meetings/{id}/decisions", s.authed(s.meetingDecisionAdd)},

		// Hazards (issue 4): the filtered list, the record with the forms
		// of the steps the actor may take (POST /hazards/{id}/{action},
		// the transition table decides), 随手拍 on a phone, and the public
		// report page behind a place's QR code (/r/{token}, no login,
		// throttled per address). A hazard's photos are served only to
		// whoever may see the hazard.
		{"GET /hazards", s.authed(s.hazardList)},
		{"GET /hazards/report", s.authed(s.hazardReportForm)},
		{"POST /hazards/report", s.formOrUpload(s.hazardReportSubmit, hazardReportLimit)},
		{"GET /hazards/{id}", s.authed(s.hazardShow)},
		{"POST /hazards/{id}/{action}", s.formOrUpload(s.hazardStep, hazardStepLimit)},
		{"GET /hazards/{id}/photos/{photo}", s.authed(s.hazardPhoto)},
		{"GET /r/{token}", s.public(s.anonReportForm)},
		{"POST /r/{token}", s.anonUpload(s.anonReportSubmit)},

		// Deadlines and escalation (issue 4 §5): the printable supervision
		// notice (督办单, A4) of an overdue hazard, for whoever may see it;
		// the escalation delays and the longest extension, for the office.
		{"GET /hazards/{id}/notice", s.authed(s.hazardNotice)},
		{"GET /settings/hazards", s.authed(s.hazardSettings)},
		{"POST /settings/hazards", s.authed(s.hazardSettingsSave)},

		// Campaigns (issue 5): phases and milestones validated against each
		// other, progress and what is late; mobilisation notices and who
		// has acknowledged them.
		{"GET /campaigns", s.authed(s.campaignList)},
		{"GET /campaigns/new", s.authed(s.campaignNew)},
		{"POST /campaigns/new", s.authed(s.campaignCreate)},
		{"GET /campaigns/{id}", s.authed(s.campaignShow)},
		{"GET /campaigns/{id}/edit", s.authed(s.campaignEdit)},
		{"POST /campaigns/{id}/edit", s.authed(s.campaignUpdate)},
		{"GET /campaigns/{id}/phases/new", s.authed(s.phaseNew)},
		{"POST /campaigns/{id}/phases/new", s.authed(s.phaseCreate)},
		{"GET /campaigns/{id}/phases/{pid}/edit", s.authed(s.phaseEdit)},
		{"POST /campaigns/{id}/phases/{pid}/edit", s.authed(s.phaseUpdate)},
		{"GET /campaigns/{id}/milestones/new", s.authed(s.milestoneNew)},
		{"POST /campaigns/{id}/milestones/new", s.authed(s.milestoneCreate)},
		{"GET /campaigns/{id}/milestones/{mid}/edit", s.authed(s.milestoneEdit)},
		{"POST /campaigns/{id}/milestones/{mid}/edit", s.authed(s.milestoneUpdate)},
		{"POST /campaigns/{id}/milestones/{mid}/status", s.authed(s.milestoneStatus)},

		// The campaign report to the authority (issue 5 §5, PLAN-5):
		// report.view (office, leaders, authority); every generation is
		// recorded with the audit head it states (report_pages.go).
		{"GET /campaigns/{id}/report", s.authed(s.campaignReport(report.FormatHTML))},
		{"GET /campaigns/{id}/report.pdf", s.authed(s.campaignReport(report.FormatPDF))},
		{"GET /campaigns/{id}/report.docx", s.authed(s.campaignReport(report.FormatDOCX))},
		{"GET /campaigns/{id}/report.xlsx", s.authed(s.campaignReport(report.FormatXLSX))},
		{"GET /notices", s.authed(s.noticeList)},
		{"GET /notices/new", s.authed(s.noticeNew)},
		{"POST /notices/new", s.authed(s.noticeCreate)},
		{"GET /notices/{id}", s.authed(s.noticeShow)},
		{"POST /notices/{id}/ack", s.authed(s.noticeAck)},
		{"GET /notices/{id}/acks", s.authed(s.noticeAcks)},

		// The compliance engine (issue 5 §3): the scorecard (rules × the
		// school and the units the viewer may see), a rule's drill-down for
		// one scope, its parameters (the office), the scorecard as .xlsx.
		{"GET /compliance", s.authed(s.complianceScorecard)},
		{"GET /compliance.xlsx", s.authed(s.complianceExport)},
		{"GET /compliance/rules/{rule}", s.authed(s.complianceRule)},
		{"POST /compliance/rules/{rule}/params", s.authed(s.complianceParams)},

		// Notifications (issue 4): everyone's own inbox; the school's
		// outbound channels (WeCom, DingTalk, e-mail) for admins only.
		{"GET /inbox", s.authed(s.inboxList)},
		{"POST /inbox/{id}/read", s.authed(s.inboxRead)},
		{"POST /inbox/read-all", s.authed(s.inboxReadAll)},
		{"GET /settings/notify", s.authed(s.notifySettings)},
		{"POST /settings/notify", s.authed(s.notifyChannelCreate)},
		{"POST /settings/notify/{id}", s.authed(s.notifyChannelUpdate)},
		{"POST /settings/notify/{id}/active", s.authed(s.activeToggle(s.Notify.SetChannelActive, "通知渠道", to("/settings/notify")))},
		{"POST /settings/notify/{id}/test", s.authed(s.notifyChannelTest)},

		// The four lists of RESP-3 (issue 4 §6), each with its .xlsx, and
		// the ministry rule's quarterly and annual hazard statistics (§8).
		// Hazard viewers see the lists scoped to their units and grids;
		// the statistics are school-wide figures, for school-wide viewers.
		{"GET /lists/work", s.authed(s.workList)},
		{"GET /lists/work/export.xlsx", s.authed(s.workListExport())},
		{"POST /tasks/{id}/status", s.authed(s.taskStatus)},
		{"GET /lists/problems", s.authed(s.problemList)},
		{"GET /lists/problems/export.xlsx", s.authed(s.problemListExport())},
		{"GET /lists/responsibility", s.authed(s.responsibilityList)},
		{"GET /lists/responsibility/export.xlsx", s.authed(s.responsibilityListExport())},
		{"GET /lists/rectification", s.authed(s.rectificationList)},
		{"GET /lists/rectification/export.xlsx", s.authed(s.rectificationListExport())},
		{"GET /statistics/hazards", s.authed(s.statisticsPage)},
		{"GET /statistics/hazards/export.xlsx", s.authed(s.statisticsExport)},

		// Dashboards (issue 5 §4): the leaders' dashboard of the current
		// school (school-wide viewers only), one overseen school's
		// dashboard opened from the authority page (another school: 404),
		// and the authority's schools side by side. Read-only.
		{"GET /dashboard", s.authed(s.dashboardPage)},
		{"GET /authority", s.authed(s.authorityPage)},
		{"GET /authority/schools/{id}", s.authed(s.dashboardSchool)},

		// Look-back (回头看, issue 4 §7): the office draws closed hazards at
		// random (reproducible by the stored seed) for named inspectors;
		// each sees "my re-checks" and records the result, and a failed one
		// reopens its hazard. School-wide hazard viewers read the draws.
		{"GET /lookback", s.authed(s.lookbackList)},
		{"POST /lookback", s.authed(s.lookbackCreate)},
		{"GET /lookback/mine", s.authed(s.lookbackMine)},
		{"GET /lookback/{id}", s.authed(s.lookbackShow)},
		{"POST /lookback/checks/{id}", s.formOrUpload(s.lookbackRecord, lookbackRecordLimit)},
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
