package testkit

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestMain(m *testing.M) { Main(m) }

func openDB(t *testing.T, url string) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestPostgresURLGivesSeparateDatabases(t *testing.T) {
	urlA, urlB := PostgresURL(t), PostgresURL(t)
	if urlA == urlB {
		t.Fatalf("two calls gave the same URL %s", urlA)
	}
	a, b := openDB(t, urlA), openDB(t, urlB)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	if _, err := a.ExecContext(ctx, `CREATE TABLE only_in_a (id int PRIMARY KEY, name text)`); err != nil {
		t.Fatal(err)
	}
	if _, err := a.ExecContext(ctx, `INSERT INTO only_in_a VALUES ($1, $2)`, 1, "隐患"); err != nil {
		t.Fatal(err)
	}
	var name string
	if err := a.QueryRowContext(ctx, `SELECT name FROM only_in_a WHERE id = $1`, 1).Scan(&name); err != nil {
		t.Fatal(err)
	}
	if name != "隐患" {
		t.Errorf("read back %q, want %q (UTF-8 round trip)", name, "隐患")
	}

	for db, want := range map[*sql.DB]bool{a: true, b: false} {
		var exists bool
		if err := db.QueryRowContext(ctx, `SELECT to_regclass('public.only_in_a') IS NOT NULL`).Scan(&exists); err != nil {
			t.Fatal(err)
		}
		if exists != want {
			t.Errorf("table only_in_a exists=%v, want %v", exists, want)
		}
	}

	var encoding string
	if err := b.QueryRowContext(ctx, `SHOW server_encoding`).Scan(&encoding); err != nil {
		t.Fatal(err)
	}
	if encoding != "UTF8" {
		t.Errorf("server_encoding = %s, want UTF8", encoding)
	}
}

func TestBrowserReadsPage(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		// The text comes from a script, so the test also shows that
		// JavaScript runs.
		fmt.Fprint(w, `<!doctype html><html><head>
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>testkit</title></head>
<body><h1 id="msg">loading</h1>
<script>document.getElementById("msg").textContent = "校园安全 ok";</script>
</body></html>`)
	}))
	defer srv.Close()

	for _, size := range []struct{ w, h int }{{1280, 800}, {390, 844}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			ctx := Browser(t, size.w, size.h)
			if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL)); err != nil {
				t.Fatal(err)
			}
			text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#msg")))
			if err != nil {
				t.Fatal(err)
			}
			if text != "校园安全 ok" {
				t.Errorf("text of #msg = %q, want %q", text, "校园安全 ok")
			}
			width, err := chromedp.Run(ctx, chromedp.Evaluate[int]("window.innerWidth"))
			if err != nil {
				t.Fatal(err)
			}
			if width != size.w {
				t.Errorf("window.innerWidth = %d, want %d", width, size.w)
			}
			Screenshot(t, ctx, "testkit-"+t.Name())
		})
	}
}
