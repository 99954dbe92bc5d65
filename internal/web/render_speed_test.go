package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/sqldb"
)

// The list rows written in Go must escape every value as the templates
// did, keep the markup (inactive rows, per-row forms with the CSRF token)
// and mark the chosen filter option.
func TestListRowsEscapeAndKeepMarkup(t *testing.T) {
	e := newTestServer(t)
	ctx := context.Background()
	const evil = `<b>"王&五'</b>`
	p, err := e.Org.SavePerson(ctx, auth.System(), e.SchoolID, org.Person{Name: evil, StaffNo: "E<1>", UnitID: e.UnitID, Phone: "0513 8888"})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Org.SetPersonActive(ctx, auth.System(), e.SchoolID, p.ID, false); err != nil {
		t.Fatal(err)
	}
	c := e.login(t, "office")
	rec := c.get("/people?unit=" + itoa64(e.UnitID))
	expect(t, rec, http.StatusOK,
		`&lt;b&gt;&#34;王&amp;五&#39;&lt;/b&gt;`, `E&lt;1&gt;`, `href="tel:0513%208888"`,
		`<tr class="inactive"><td><a href="/people/`+itoa64(p.ID)+`">`,
		`<form method="post" action="/people/`+itoa64(p.ID)+`/active" class="inline"><input type="hidden" name="csrf_token" value="`+c.token()+`">`,
		`<button class="link" name="active" value="true">启用</button>`,
		`<option value="`+itoa64(e.UnitID)+`" selected>`)
	expectAbsent(t, rec, evil, `<b>`)

	// A user who may view but not manage gets a view link, no form.
	rec = e.login(t, "principal").get("/places")
	expect(t, rec, http.StatusOK)
	if strings.Contains(rec.Body.String(), `/active" class="inline"`) {
		t.Errorf("principal sees deactivate forms on /places")
	}
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

func TestPretranslate(t *testing.T) {
	cases := []struct{ lang, in, want string }{
		{"en", `<h1>{{.T "单位"}}</h1>`, `<h1>Units</h1>`},
		{"zh", `<h1>{{$.T "单位"}}</h1>`, `<h1>单位</h1>`},
		{"zh", `title="{{.T "a<b&\"c"}}"`, `title="{{.T "a<b&\"c"}}"`}, // escapes in the literal: left as a call
		{"zh", `{{.T "<i>'x'</i>"}}`, `&lt;i&gt;&#39;x&#39;&lt;/i&gt;`},
		{"en", `{{.T .Title}} {{$p.T "单位"}} {{or .X (.T "单位")}} {{- .T "单位"}}`, `{{.T .Title}} {{$p.T "单位"}} {{or .X (.T "单位")}} {{- .T "单位"}}`},
	}
	for _, c := range cases {
		if got := pretranslate(c.lang, c.in); got != c.want {
			t.Errorf("pretranslate(%s, %q) = %q, want %q", c.lang, c.in, got, c.want)
		}
	}
	// The English page really is parsed from the English set.
	e := newTestServer(t)
	c := e.login(t, "office")
	c.cookies["lang"] = &http.Cookie{Name: "lang", Value: "en"}
	expect(t, c.get("/units"), http.StatusOK, "<h1>Units</h1>")
	delete(c.cookies, "lang")
	expect(t, c.get("/units"), http.StatusOK, "<h1>单位</h1>")
}

// recentRead reuses an answer until the next write, and the pages see a
// write (a new notification, a renamed school) on the very next request.
func TestRecentReadsEndOnWrites(t *testing.T) {
	e := newTestServer(t)
	ctx := context.Background()
	var c recentReads
	loads := 0
	load := func() (int, error) { loads++; return loads, nil }
	k := recentKey{"test", 1, 0}
	a, _ := recentRead(&c, e.DB, k, load)
	b, _ := recentRead(&c, e.DB, k, load)
	if a != 1 || b != 1 || loads != 1 {
		t.Fatalf("two reads without a write: got %d, %d after %d loads; want the first answer, one load", a, b, loads)
	}
	if err := e.DB.Transact(ctx, func(*sqldb.Tx) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if v, _ := recentRead(&c, e.DB, k, load); v != 2 {
		t.Fatalf("read after a write = %d, want a fresh load (2)", v)
	}

	office := e.login(t, "office")
	expectAbsent(t, office.get("/units"), `data-unread=`)
	inboxItemFor(t, e, "office", "speed-test")
	expect(t, office.get("/units"), http.StatusOK, `data-unread="1"`)

	if _, err := e.DB.Raw().ExecContext(ctx, `UPDATE schools SET name = '改名后的学校' WHERE id = $1`, e.SchoolID); err != nil {
		t.Fatal(err)
	}
	// The raw UPDATE bypassed Transact (like another process); any write
	// through Transact ends the cached school at once.
	if err := e.DB.Transact(ctx, func(*sqldb.Tx) error { return nil }); err != nil {
		t.Fatal(err)
	}
	expect(t, office.get("/units"), http.StatusOK, "改名后的学校")
}
