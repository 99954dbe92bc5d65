package web

import (
	"context"
	"net/http"
	"strconv"
	"testing"

	"safecampus/internal/escalation"
	"safecampus/internal/sqldb"
)

// noticeHazardText is the description of the overdue hazard whose
// supervision notice the rows print: the notice row's secret.
const noticeHazardText = "锅炉房泄压阀锈蚀失效"

// insertHazard writes a hazard row of the main school at 实训楼A directly
// (the notice reads what the workflow left; how it got there is the hazard
// core's business) and returns its id.
func insertHazard(t testing.TB, f *fixture, number, status, deadline, description string, unit int64) int64 {
	t.Helper()
	ctx := context.Background()
	place, _ := strconv.ParseInt(f.vars["place"], 10, 64)
	var unitID any
	if unit != 0 {
		unitID = unit
	}
	var id int64
	err := f.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		return tx.QueryRowContext(ctx, `INSERT INTO hazards (school_id, number, source, found_at, place_id, area, level, description, unit_id,
				responsible_person_id, measures, deadline, status, created_at, updated_at)
			VALUES ($1, $2, 'inspection', $3, $4, 'FIRE', 'major', $5, $6, $7, '更换泄压阀并校验', $8, $9, $3, $3) RETURNING id`,
			f.SchoolID, number, testTime.AddDate(0, -1, 0).UnixMilli(), place, description, unitID, f.PersonID, deadline, status).Scan(&id)
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// overdueHazard makes sure the main school has a major hazard at 实训楼A
// (no unit: a unit head cannot see it) ten days past its deadline, marked
// overdue by the sweep, and names it {overdue}.
func overdueHazard(x *rowCtx) {
	var id int64
	err := x.f.DB.Read().QueryRowContext(context.Background(), `SELECT id FROM hazards WHERE description = $1`, noticeHazardText).Scan(&id)
	if err != nil {
		id = insertHazard(x.t, x.f, "2026-FIRE-0901", "rectifying", "2026-02-20", noticeHazardText, 0)
		if _, err := escalation.Sweep(context.Background(), x.f.DB, testTime); err != nil {
			x.t.Fatal(err)
		}
	}
	x.vars["overdue"] = strconv.FormatInt(id, 10)
}

func TestHazardNotice(t *testing.T) {
	f := newFixture(t)
	x := &rowCtx{t: t, f: f, user: "office", c: f.clients["office"], vars: map[string]string{}}
	for k, v := range f.vars {
		x.vars[k] = v
	}
	overdueHazard(x)
	office := f.clients["office"]

	rec := office.get("/hazards/" + x.vars["overdue"] + "/notice")
	expect(t, rec, http.StatusOK, "测试卫生学校", "安全隐患整改督办单", "2026-FIRE-0901", noticeHazardText, "实训楼A", "重大隐患",
		"2026年2月20日", `<td class="notice-days">10 天</td>`, "王电工", "更换泄压阀并校验",
		"整改期限已过，已逾期，通知责任人", escalation.RequiredAction(escalation.StepOverdue), "督办人签名", "签发日期：2026年3月2日", "print-sheet")

	// Not overdue: a clear message instead of a notice.
	future := insertHazard(t, f, "2026-FIRE-0902", "rectifying", "2026-03-02", "走廊应急灯不亮", 0)
	rec = office.get("/hazards/" + strconv.FormatInt(future, 10) + "/notice")
	expect(t, rec, http.StatusOK, "该隐患尚未逾期（整改期限：2026年3月2日），无需开具督办单。")
	expectAbsent(t, rec, "督办人签名")
	closed := insertHazard(t, f, "2026-FIRE-0903", "closed", "2026-02-01", "灭火器压力不足", 0)
	rec = office.get("/hazards/" + strconv.FormatInt(closed, 10) + "/notice")
	expect(t, rec, http.StatusOK, "该隐患当前状态为“已销号”，不在整改期内，无需开具督办单。")
	expectAbsent(t, rec, "督办人签名")

	// Who may not see the hazard is told it does not exist.
	expect(t, f.clients["unithead"].get("/hazards/"+x.vars["overdue"]+"/notice"), http.StatusNotFound)
	expectAbsent(t, f.clients["other_admin"].get("/hazards/"+x.vars["overdue"]+"/notice"), noticeHazardText)
	expect(t, f.clients["other_admin"].get("/hazards/"+x.vars["overdue"]+"/notice"), http.StatusNotFound)
	expect(t, office.get("/hazards/999999/notice"), http.StatusNotFound)
	// The unit head of the owning unit prints it for their unit's hazard.
	unitHazard := insertHazard(t, f, "2026-FIRE-0904", "assigned", "2026-02-25", "配电箱未上锁", f.UnitID)
	expect(t, f.clients["unithead"].get("/hazards/"+strconv.FormatInt(unitHazard, 10)+"/notice"), http.StatusOK, "配电箱未上锁", "已逾期")
}
