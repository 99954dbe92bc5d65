package web

import (
	"context"
	"net/http"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/org"
)

// TestLedgerRowsEscape: the ledger's rows and filter selects are written
// in Go (ledger_rows.go); every stored text in them comes out escaped and
// the markup is the one the template had.
func TestLedgerRowsEscape(t *testing.T) {
	e := newTestServer(t)
	ctx := context.Background()
	const (
		place = `<script>alert("地点")</script>`
		unit  = `<b>单位&'</b>`
		who   = `<i>"检查员"</i>`
		co    = `<u>同检'人</u>`
		note  = `备注 <img src=x onerror=alert(1)> & "引号"`
	)
	exec := func(q string, args ...any) int64 {
		t.Helper()
		var id int64
		if err := e.DB.Raw().QueryRowContext(ctx, q+` RETURNING id`, args...).Scan(&id); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return id
	}
	u := exec(`INSERT INTO units (school_id, name, kind) VALUES ($1, $2, 'functional')`, e.SchoolID, unit)
	pl := exec(`INSERT INTO places (school_id, name, level, place_type, unit_id) VALUES ($1, $2, 'room', 'lab', $3)`, e.SchoolID, place, u)
	inspector := exec(`INSERT INTO people (school_id, unit_id, name) VALUES ($1, $2, $3)`, e.SchoolID, u, who)
	coPerson := exec(`INSERT INTO people (school_id, unit_id, name) VALUES ($1, $2, $3)`, e.SchoolID, u, co)
	// The inspector has an account, so the inspector select lists him.
	if _, err := e.DB.Raw().ExecContext(ctx, `UPDATE accounts SET person_id = $1 WHERE id = $2`, inspector, e.AccountIDs["inspector"]); err != nil {
		t.Fatal(err)
	}
	at := e.Now.Add(-48 * time.Hour).UnixMilli()
	id := exec(`INSERT INTO inspections (school_id, client_id, kind, status, place_id, unit_id, inspector_person_id, inspector_account_id,
		started_at, submitted_at, period, late, failed_count, answer_count, note)
		VALUES ($1, 'esc1', 'unannounced', 'submitted', $2, $3, $4, $5, $6, $6, '2026-03', TRUE, 1, 3, $7)`,
		e.SchoolID, pl, u, inspector, e.AccountIDs["inspector"], at, note)
	if _, err := e.DB.Raw().ExecContext(ctx, `INSERT INTO inspection_coinspectors (school_id, inspection_id, person_id) VALUES ($1, $2, $3)`,
		e.SchoolID, id, coPerson); err != nil {
		t.Fatal(err)
	}

	c := e.login(t, "office")
	rec := c.get("/ledger?inspector=" + itoa64(inspector) + "&unit=" + itoa64(u) + "&kind=unannounced")
	expect(t, rec, http.StatusOK,
		`<td class="l-place">&lt;script&gt;alert(&#34;地点&#34;)&lt;/script&gt;</td>`,
		`<td class="l-unit">&lt;b&gt;单位&amp;&#39;&lt;/b&gt;</td>`,
		`<td class="l-who">&lt;i&gt;&#34;检查员&#34;&lt;/i&gt;<br><span class="muted small">同检：&lt;u&gt;同检&#39;人&lt;/u&gt;</span></td>`,
		`<td class="l-note">备注 &lt;img src=x onerror=alert(1)&gt; &amp; &#34;引号&#34;</td>`,
		`<tr><td class="l-id"><a href="/inspections/`+itoa64(id)+`">#`+itoa64(id)+`</a></td><td class="l-when">`,
		` <span class="tag warn">逾期</span></td><td class="l-kind">暗访</td>`,
		`<td class="l-result bad">不合格 1/3</td>`,
		// The four selects: the chosen option is marked, names escaped.
		`<option value="`+itoa64(inspector)+`" selected>&lt;i&gt;&#34;检查员&#34;&lt;/i&gt;</option>`,
		`<option value="`+itoa64(u)+`" selected>&lt;b&gt;单位&amp;&#39;&lt;/b&gt;</option>`,
		`<option value="unannounced" selected>暗访</option>`)
	expectAbsent(t, rec, place, unit, who, co, `<img src=x`)
	// The area select marks its choice (no inspection has answers here).
	expect(t, c.get("/ledger?area=LAB"), http.StatusOK, `<option value="LAB" selected>`, "没有符合条件的检查记录")
}

// The filter selects' units and inspectors are kept between ledger views
// (ledgerFilterLists) only until the next write: a unit added in between
// is offered on the very next view.
func TestLedgerFilterListsFollowWrites(t *testing.T) {
	e := newTestServer(t)
	if _, err := e.DB.Raw().Exec(`UPDATE accounts SET person_id = $1 WHERE id = $2`, e.PersonID, e.AccountIDs["inspector"]); err != nil {
		t.Fatal(err)
	}
	c := e.login(t, "office")
	rec := c.get("/ledger")
	expect(t, rec, http.StatusOK, `<option value="`+itoa64(e.PersonID)+`">王电工</option>`)
	expectAbsent(t, rec, "新建安全科")
	u, err := e.Org.SaveUnit(context.Background(), auth.System(), e.SchoolID, org.Unit{Name: "新建安全科", Kind: org.UnitOffice})
	if err != nil {
		t.Fatal(err)
	}
	expect(t, c.get("/ledger"), http.StatusOK, `<option value="`+itoa64(u.ID)+`">新建安全科</option>`)
	// A user who sees only their own inspections gets no inspector select,
	// though the school's list is kept.
	rec = e.login(t, "inspector").get("/ledger")
	expect(t, rec, http.StatusOK, `name="unit"`)
	expectAbsent(t, rec, `name="inspector"`, "王电工")
}
