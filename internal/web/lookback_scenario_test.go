package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"safecampus/internal/lookback"
	"safecampus/internal/sqldb"
)

// scenarioLookbackText is the description of the closed hazards the
// look-back rows draw: the record rows' secret.
const scenarioLookbackText = "灭火器压力不足已更换"

// lookbackOutOfSchoolView: the unit head's hazard view reaches its unit
// only, and the draws are school-wide records.
var lookbackOutOfSchoolView = map[string]int{"unithead": http.StatusForbidden}

// closedHazard stores a closed hazard of the main school at 实训楼A, as
// the workflow would have left it.
func closedHazard(x *rowCtx) int64 {
	var id int64
	n := len(x.vars) + int(x.f.AccountIDs[x.user])
	err := x.f.DB.Transact(context.Background(), func(tx *sqldb.Tx) error {
		return tx.QueryRowContext(context.Background(), `INSERT INTO hazards (school_id, number, source, found_at, found_by_account_id, place_id,
				area, level, description, measures, deadline, status, acceptance_result, closed_at, created_at, updated_at)
			VALUES ($1, $2, 'report', $3, $4, $5, 'FIRE', 'general', $6, '更换灭火器', '2026-02-20', 'closed', 'passed', $3, $3, $3) RETURNING id`,
			x.f.SchoolID, fmt.Sprintf("2026-FIRE-8%03d", n%1000), testTime.Add(-72*3600e9).UnixMilli(), x.f.AccountIDs["office"],
			placeID(x), scenarioLookbackText).Scan(&id)
	})
	if err != nil {
		x.t.Fatal(err)
	}
	return id
}

// withClosedHazard gives POST /lookback a population to draw from.
func withClosedHazard(x *rowCtx) { closedHazard(x) }

// lookbackInspector links the scenario's inspector account to 王电工, the
// person the rows' draws name, so the inspector is the named one.
func lookbackInspector(x *rowCtx) {
	err := x.f.DB.Transact(context.Background(), func(tx *sqldb.Tx) error {
		_, err := tx.ExecContext(context.Background(), `UPDATE accounts SET person_id = $1 WHERE id = $2`, x.f.PersonID, x.f.AccountIDs["inspector"])
		return err
	})
	if err != nil {
		x.t.Fatal(err)
	}
}

// freshDraw makes, as the office, a draw of one closed hazard with a
// pending re-check named on 王电工 (the inspector's person), and names the
// draw and the check.
func freshDraw(x *rowCtx) {
	lookbackInspector(x)
	ownDraw(x)
}

// ownDraw is freshDraw without linking the inspector's account (the GET
// rows share one fixture, whose other rows expect accounts without people).
func ownDraw(x *rowCtx) {
	closedHazard(x)
	office := officeActor(x)
	svc := x.f.Server.Lookback
	d, err := svc.Create(context.Background(), office, x.f.SchoolID, lookback.DrawInput{Filter: lookback.Filter{Count: 1},
		InspectorIDs: []int64{x.f.PersonID}, DueOn: "2026-03-20"})
	if err != nil {
		x.t.Fatal(err)
	}
	_, cs, err := svc.Get(context.Background(), office, x.f.SchoolID, d.ID)
	if err != nil || len(cs) != 1 {
		x.t.Fatalf("draw's checks: %v (%d)", err, len(cs))
	}
	x.vars["draw"], x.vars["check"] = strconv.FormatInt(d.ID, 10), strconv.FormatInt(cs[0].ID, 10)
}
