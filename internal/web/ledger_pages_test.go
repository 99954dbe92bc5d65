package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"testing"
	"time"
)

// seedLedgerRows writes three inspections of the test school with plain SQL
// (schema 0002), plus 55 patrols so the ledger has a second page:
// 记录甲 of 后勤管理处 (failed), 记录乙 an unannounced one of the lab
// centre, 记录丙 by the inspector account, of 配电班 (below 后勤管理处).
func seedLedgerRows(t *testing.T, e *testEnv) {
	t.Helper()
	ctx := context.Background()
	tx, err := e.DB.Raw().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec(`INSERT INTO places (id, school_id, name, level, place_type, unit_id) VALUES (9001, $1, '配电房', 'room', 'power_room', $2)`, e.SchoolID, e.UnitID)
	base := e.Now.Add(-24 * time.Hour)
	n := 0
	insp := func(kind string, unit, account int64, failed int, note string) {
		n++
		at := base.Add(time.Duration(-n) * time.Minute).UnixMilli()
		exec(`INSERT INTO inspections (school_id, client_id, kind, status, place_id, unit_id, inspector_account_id, started_at, submitted_at, period, failed_count, answer_count, note)
			VALUES ($1, $2, $3, 'submitted', 9001, $4, $5, $6, $6, '2026-03', $7, 3, $8)`, e.SchoolID, fmt.Sprintf("w%d", n), kind, unit, account, at, failed, note)
	}
	office, inspector := e.AccountIDs["office"], e.AccountIDs["inspector"]
	insp("leader", e.UnitID, office, 1, "记录甲")
	insp("unannounced", e.LabUnitID, office, 0, "记录乙")
	insp("grid_patrol", e.SubUnitID, inspector, 0, "记录丙")
	for i := range 55 {
		insp("special", e.LabUnitID, office, 0, fmt.Sprintf("填充%02d", i))
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

var nextLink = regexp.MustCompile(`href="([^"]+)" rel="next"`)

func TestLedgerPageVisibility(t *testing.T) {
	e := newTestServer(t)
	seedLedgerRows(t, e)
	tests := []struct {
		user      string
		see, hide []string
	}{
		{"office", []string{"记录甲", "记录乙", "记录丙", `rel="next"`, "导出 Excel", `href="/inspections/`}, nil},
		{"unithead", []string{"记录甲", "记录丙"}, []string{"记录乙", "导出 Excel"}},
		{"inspector", []string{"记录丙", "仅显示您有权查看的检查"}, []string{"记录甲", "记录乙"}},
		{"staff", []string{"没有符合条件的检查记录"}, []string{"记录甲", "记录乙", "记录丙"}},
		{"other_admin", []string{"没有符合条件的检查记录"}, []string{"记录甲", "配电房"}},
	}
	for _, tt := range tests {
		t.Run(tt.user, func(t *testing.T) {
			rec := e.login(t, tt.user).get("/ledger")
			expect(t, rec, http.StatusOK, tt.see...)
			expectAbsent(t, rec, tt.hide...)
		})
	}
}

func TestLedgerPageFiltersAndPaging(t *testing.T) {
	e := newTestServer(t)
	seedLedgerRows(t, e)
	c := e.login(t, "office")

	// Page 1 holds 50 of the 58 rows; the next link keeps the filter-free
	// query and page 2 holds the rest without a further link.
	rec := c.get("/ledger")
	expect(t, rec, http.StatusOK, "填充46")
	expectAbsent(t, rec, "填充47")
	m := nextLink.FindStringSubmatch(rec.Body.String())
	if m == nil {
		t.Fatal("no next-page link on page 1")
	}
	rec = c.get(html.UnescapeString(m[1]))
	expect(t, rec, http.StatusOK, "填充47", "填充54", "第一页")
	expectAbsent(t, rec, "填充46", `rel="next"`)

	// Filters narrow the list and the export link keeps them.
	rec = c.get("/ledger?kind=unannounced&from=2026-02-01&to=2026-03-31")
	expect(t, rec, http.StatusOK, "记录乙", `href="/ledger.xlsx?from=2026-02-01&amp;kind=unannounced&amp;to=2026-03-31"`, `<option value="unannounced" selected>`)
	expectAbsent(t, rec, "记录甲", "记录丙", `rel="next"`)
	rec = c.get("/ledger?result=fail")
	expect(t, rec, http.StatusOK, "记录甲")
	expectAbsent(t, rec, "记录乙")
	rec = c.get(fmt.Sprintf("/ledger?unit=%d", e.UnitID))
	expect(t, rec, http.StatusOK, "记录甲", "记录丙")
	expectAbsent(t, rec, "记录乙")

	// A malformed date is a form error, not a crash or an empty success.
	rec = c.get("/ledger?from=2026-13-45")
	expect(t, rec, http.StatusUnprocessableEntity, "开始日期格式应为")

	// The export of the same filter is an .xlsx download.
	rec = c.get("/ledger.xlsx?kind=unannounced")
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != xlsxType {
		t.Errorf("export: status %d, type %q", rec.Code, rec.Header().Get("Content-Type"))
	}
}
