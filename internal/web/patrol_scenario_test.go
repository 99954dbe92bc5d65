package web

import (
	"context"
	"net/url"
	"strconv"

	"safecampus/internal/auth"
)

// Permissions of the patrol rows (routes_scenario_table_test.go).
var (
	patrolInspect = []auth.Permission{auth.PermInspect}
	patrolLedger  = []auth.Permission{auth.PermLedgerView}
)

// withCheckPoint gives the fixture's place a check point (idempotent) and
// names its token {token} and its id {cp} for the row's path.
func withCheckPoint(x *rowCtx) {
	id, _ := strconv.ParseInt(x.vars["place"], 10, 64)
	cp, err := x.f.Server.Patrol.EnableCheckPoint(context.Background(), auth.System(), x.f.SchoolID, id)
	if err != nil {
		x.t.Fatalf("enable check point: %v", err)
	}
	x.vars["token"], x.vars["cp"] = cp.Token, strconv.FormatInt(cp.ID, 10)
}

// checkpointToggle: office creates the check point, admin (after office)
// disables it, so each of their requests changes something.
func checkpointToggle(x *rowCtx) url.Values {
	return url.Values{"active": {strconv.FormatBool(x.user != "admin")}}
}

// targetChange posts a different gate target per user, so each success
// changes (and audits) something.
func targetChange(x *rowCtx) url.Values {
	n := map[string]string{"office": "6", "admin": "7", "other_admin": "8"}[x.user]
	if n == "" {
		n = "9"
	}
	return url.Values{"target_gate": {n}}
}
